/**
 * The contract between the runner (bench/run.ts) and a scenario (bench/scenarios/<name>.scenario.ts).
 *
 * A scenario is split into cases; every case of every repetition runs in its own fresh Node process
 * (bench/harness/child.ts), so that no competitor inherits another's heap, JIT state or native addon. One
 * repetition ("run") of a scenario is one pass over all its cases, in an order rotated from run to run.
 * A case returns raw numbers under keys of its choosing; the runner takes the median, min and max of every
 * key over the runs, and the scenario's `figures` say which keys are published, against which comparison
 * and with which target.
 */

/** `full`: the sizes. `quick`: the same measurements at smaller sizes. `smoke`: tiny, for tests. */
export type Profile = 'full' | 'quick' | 'smoke';

export const PROFILES: readonly Profile[] = ['full', 'quick', 'smoke'];

export interface CaseContext {
  readonly profile: Profile;
  /** Zero-based repetition. */
  readonly run: number;
  /** A fresh, empty directory on a real disk (not tmpfs), removed after the case. */
  readonly dir: string;
  /** Progress to stderr; stdout is left to the process. */
  log(message: string): void;
}

export interface CaseResult {
  /** Raw measurements of this case; null when it could not be measured (say why in `notes`). */
  readonly values: Readonly<Record<string, number | null>>;
  /** Keyed like values, or free keys: why a value is null, what differed from the ideal setup. */
  readonly notes?: Readonly<Record<string, string>>;
}

export type TargetOp = '>=' | '>' | '<=' | '<';

export interface Target {
  /** `ratio`: the ratio to the comparison is held to `value`; `absolute`: the figure itself is. */
  readonly kind: 'ratio' | 'absolute';
  readonly op: TargetOp;
  readonly value: number;
}

export interface FigureSpec {
  /** Unique in the scenario; shown in the table. */
  readonly name: string;
  /** What is measured, e.g. `append throughput`. */
  readonly metric: string;
  readonly unit: string;
  /** The key under which cases report the figure. */
  readonly key: string;
  readonly comparison?: { readonly name: string; readonly key: string };
  /** Null for a figure published only as a reference (a baseline or a peer). */
  readonly target: Target | null;
  /** Keys of case notes to attach to the entry. */
  readonly noteKeys?: readonly string[];
  /** A caveat that holds whatever the runs measured. */
  readonly note?: string;
}

export interface Scenario {
  /** Matches the file name: bench/scenarios/<name>.scenario.ts. */
  readonly name: string;
  readonly title: string;
  /** Issue's scenario number: the runner runs and prints scenarios in this order. */
  readonly order: number;
  readonly runs: Readonly<Record<Profile, number>>;
  /** Wall-clock limit of one case in one process. */
  readonly caseTimeoutSeconds: Readonly<Record<Profile, number>>;
  cases(profile: Profile): readonly string[];
  runCase(name: string, context: CaseContext): Promise<CaseResult>;
  figures(profile: Profile): readonly FigureSpec[];
  /** A line for the table: sizes and setup of this profile. */
  describe(profile: Profile): string;
}

/** One published figure: the shape of `scenarios[]` in bench/results/latest.json. */
export interface ResultEntry {
  readonly name: string;
  readonly metric: string;
  readonly unit: string;
  readonly value: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly comparison: { readonly name: string; readonly value: number | null } | null;
  readonly ratio: number | null;
  readonly target: Target | null;
  /** Additions to the shape: the scenario, whether the target is met, runs, caveats. */
  readonly scenario: string;
  readonly met: boolean | null;
  readonly runs: number;
  readonly note?: string;
}

export interface MachineInfo {
  readonly cores: number;
  readonly memoryBytes: number;
  readonly cpu: string;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  /** os.loadavg() before and after the measurement: other processes share the machine. */
  readonly loadAverage: { readonly before: readonly number[]; readonly after: readonly number[] };
  /** Where the databases were written, and the filesystem type there. */
  readonly scratch: { readonly dir: string; readonly fsType: string };
}

export interface Results {
  readonly machine: MachineInfo;
  readonly commit: { readonly sha: string; readonly dirty: boolean };
  readonly date: string;
  readonly profile: Profile;
  readonly scenarios: readonly ResultEntry[];
  /** Additions to the shape: per scenario, what it ran and which of its cases failed. */
  readonly scenarioRuns: readonly {
    readonly scenario: string;
    readonly description: string;
    readonly runs: number;
    readonly failures: readonly string[];
  }[];
}
