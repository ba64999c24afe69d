import { availableParallelism } from 'node:os';
import type { CaseResult } from '../../harness/types';
import type { SoakLoadResult } from '../../load/soak.child';
import type { FanOutResult } from '../../load/sse-subscribers.child';
import type { ProcReading } from './proc-sample';

const CORES = availableParallelism();

/** One reading of the API's resident set and CPU time, and of the machine's, since the load began. */
export interface RssSample extends ProcReading {
  readonly atSeconds: number;
}

/** One reading of the API's runtime figures. */
export interface RuntimeSample {
  readonly heapMb: number;
  readonly heapTotalMb: number;
  readonly externalMb: number;
  readonly loopMs: number;
}

export interface Samples {
  readonly rss: readonly RssSample[];
  readonly runtime: readonly RuntimeSample[];
}

/** The highest value and its ratio to the first: how far a series drifted above where it started. */
function drift(series: readonly number[]): { max: number | null; ratio: number | null } {
  if (series.length < 2) return { max: series[0] ?? null, ratio: null };
  const max = Math.max(...series);
  return { max, ratio: max / series[0] };
}

/**
 * Per window, the CPU the API used (in cores) and how busy the machine's cores were (as a share): whether
 * a late rise of latency is the API's own work growing or the machine (load, followers and API on shared
 * cores) running out of CPU.
 */
function cpuWindows(rss: readonly RssSample[], windowSeconds: number): string {
  const windows: { process: number; busy: number; all: number }[] = [];
  for (let i = 1; i < rss.length; i++) {
    const [a, b] = [rss[i - 1], rss[i]];
    const w = (windows[Math.floor(b.atSeconds / windowSeconds)] ??= {
      process: 0,
      busy: 0,
      all: 0,
    });
    w.process += b.processTicks - a.processTicks;
    w.busy += b.machineBusyTicks - a.machineBusyTicks;
    w.all += b.machineTicks - a.machineTicks;
  }
  const cores = (w: { process: number; all: number }) => (w.process / w.all) * CORES;
  return windows
    .filter((w) => w !== undefined && w.all > 0)
    .map((w) => `${cores(w).toFixed(2)}/${((100 * w.busy) / w.all).toFixed(0)}%`)
    .join(' ');
}

/**
 * The figures of one soak. RSS is taken per window at its highest sample: a garbage-collected heap is a
 * saw tooth, and a single sample would say more about where in a tooth it fell than about a trend.
 */
export function judge(
  sizes: { readonly seconds: number; readonly windowSeconds: number; readonly followers: number },
  sampleEveryMs: number,
  load: SoakLoadResult,
  samples: Samples,
  live: FanOutResult,
  stored: ReadonlySet<string>,
): { values: CaseResult['values']; notes: Record<string, string>; summary: string } {
  const steadyFrom = sizes.seconds / 6;
  const rssWindows: number[] = [];
  for (const { atSeconds, bytes } of samples.rss.filter((x) => x.atSeconds >= steadyFrom)) {
    const i = Math.floor((atSeconds - steadyFrom) / sizes.windowSeconds);
    rssWindows[i] = Math.max(rssWindows[i] ?? 0, bytes / 1e6);
  }
  const rss = drift(rssWindows.filter((x) => x !== undefined));
  const windows = load.windows.filter((w) => w.fromSeconds >= steadyFrom && w.p99 !== null);
  const p99 = drift(windows.map((w) => w.p99!));
  const awayFromBursts = drift(
    windows.map((w) => w.p99AwayFromBursts).filter((x): x is number => x !== null),
  );
  const acked = new Set(load.acks.map((a) => a.eventId));
  const lost = [...acked].filter((id) => !stored.has(id)).length;
  const unacknowledged = [...stored].filter((id) => !acked.has(id)).length;
  const failed = Object.values(load.failures).reduce((a, b) => a + b, 0);
  const notes: Record<string, string> = {
    rss: `highest RSS per ${sizes.windowSeconds} s window from ${steadyFrom} s (MB): ${rssWindows.map((x) => x.toFixed(0)).join(' ')}; of it anonymous, every ${sampleEveryMs / 1000} s: ${samples.rss.map((x) => (x.anonBytes / 1e6).toFixed(0)).join(' ')}`,
    runtime: `V8 heap used / reserved / external (MB), event-loop delay p99 (ms), every ${sampleEveryMs / 1000} s: ${samples.runtime
      .map(
        (r) =>
          `${r.heapMb.toFixed(0)}/${r.heapTotalMb.toFixed(0)}/${r.externalMb.toFixed(0)} ${r.loopMs.toFixed(0)}`,
      )
      .join(' ')}`,
    p99: `p99 per ${sizes.windowSeconds} s window from ${steadyFrom} s (ms): ${windows.map((w) => w.p99!.toFixed(1)).join(' ')}; of the requests sent more than a second after the last batch (and the rebuild): ${windows.map((w) => w.p99AwayFromBursts?.toFixed(1) ?? '-').join(' ')}`,
    cpu: `CPU of the API (cores) / of the machine's ${CORES} cores (busy share), per ${sizes.windowSeconds} s window from the start: ${cpuWindows(samples.rss, sizes.windowSeconds)}`,
    routes: `p99 by route (ms): ${Object.entries(load.routes)
      .map(([route, r]) => `${route} ${r.p99?.toFixed(1)} (${r.requests})`)
      .join(', ')}`,
    medians: `median by route, first steady window -> last (ms): ${Object.entries(load.routes)
      .map(([route, r]) => {
        const steady = r.p50ByWindow.filter(
          (p50, i) => p50 !== null && i * sizes.windowSeconds >= steadyFrom,
        );
        return `${route} ${steady[0]?.toFixed(1)} -> ${steady.at(-1)?.toFixed(1)}`;
      })
      .join(', ')}`,
  };
  if (failed > 0 || load.skipped > 0) {
    notes.errors = `${JSON.stringify(load.failures)}; ${load.skipped} requests skipped (64 in flight)`;
  }
  if (!load.rebuild) notes.rebuild = 'the rebuild was not acknowledged';
  const summary =
    `${load.requests} requests (${failed} failed, ${load.skipped} skipped), ${load.acks.length} facts ` +
    `acknowledged, ${lost} lost, ${unacknowledged} stored unacknowledged; RSS x${rss.ratio?.toFixed(2)}, ` +
    `p99 x${p99.ratio?.toFixed(2)}; followers: ${live.connected} connected, ${live.dropped} dropped, ` +
    `${live.missing} missing, ${live.duplicates} twice; rebuild ${JSON.stringify(load.rebuild)}`;
  return {
    values: {
      'rss.ratio': rss.ratio,
      'rss.start-mb': rssWindows[0] ?? null,
      'rss.max-mb': rss.max,
      'p99.ratio': p99.ratio,
      'p99.first-ms': windows[0]?.p99 ?? null,
      'p99.max-ms': p99.max,
      'p99.away-from-bursts.ratio': awayFromBursts.ratio,
      errors: failed + load.skipped + (load.rebuild ? 0 : 1),
      lost: lost + unacknowledged,
      'live.missing': live.missing + (sizes.followers - live.connected) * load.acks.length,
      'live.duplicates': live.duplicates,
      requests: load.requests,
      facts: load.acks.length,
    },
    notes,
    summary,
  };
}
