import { ManualClock } from '@entente/common';
import { SqliteEventStore, openSqliteDatabase } from '@entente/event-store';
import { RELATION_TIMELINE, relationTimelineProjection } from '@entente/projections';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../support/projection-chunked-store';
import { historyOf } from '../support/projection-facts';
import { ALL_PROJECTIONS, appendFacts } from '../support/projection-harness';
import { dumpReadModels, schemaObjects, type ReadModelDump } from '../support/projection-tables';

const ROOT = join(__dirname, '..', '..');
const CHILD = join(__dirname, '..', 'support', 'projection-crash.child.ts');
const NAMES = ALL_PROJECTIONS.map((p) => p.name);
const VERSIONS = Object.fromEntries(ALL_PROJECTIONS.map((p) => [p.name, p.version]));
const TIMELINE_VERSION = relationTimelineProjection.version;

interface ChildRun {
  /** The checkpoint each projection resumed from. */
  readonly resumed: Record<string, number>;
  /** The last position each projection reported committed before the run ended. */
  readonly applied: Record<string, number>;
  /** The last position each rebuild was seen at. */
  readonly rebuilt: Record<string, number>;
  readonly live: boolean;
  readonly killed: boolean;
  readonly errors: string[];
}

interface Kill {
  /** What to watch: commits of the live generations, or the progress of a rebuild. */
  readonly on?: 'applied' | 'rebuilding';
  /** Kill once some projection has got up to here (0: as soon as the child has started). */
  readonly afterPosition: number;
  readonly delayMs: number;
}

/**
 * Runs the projections in a child process (node itself, not the tsx CLI, whose wrapper would survive a
 * SIGKILL aimed at it) and SIGKILLs it `kill.delayMs` after it reports a commit at or past
 * `kill.afterPosition`; without `kill`, lets it run until it is live.
 */
function runProjections(
  eventsFile: string,
  readModelFile: string,
  chunkSeed: number,
  maxChunk: number,
  kill?: Kill,
  timelineVersion = TIMELINE_VERSION,
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const args = [eventsFile, readModelFile, chunkSeed, maxChunk, timelineVersion].map(String);
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const resumed: Record<string, number> = {};
    const applied: Record<string, number> = {};
    const rebuilt: Record<string, number> = {};
    const errors: string[] = [];
    let live = false;
    let killing = false;
    const killSoon = (): void => {
      if (killing) return;
      killing = true;
      setTimeout(() => child.kill('SIGKILL'), kill!.delayMs);
    };
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [word, name, position] = line.split(' ');
        if (word === 'resume') resumed[name] = Number(position);
        else if (word === 'applied') applied[name] = Number(position);
        else if (word === 'rebuilding') rebuilt[name] = Number(position);
        else if (word === 'live') live = true;
        else errors.push(line);
        if (!kill) continue;
        if (word === 'resume' && kill.afterPosition === 0) killSoon();
        if (word === (kill.on ?? 'applied') && Number(position) >= kill.afterPosition) killSoon();
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      resolve({ resumed, applied, rebuilt, live, killed: signal === 'SIGKILL', errors }),
    );
  });
}

function readModelsOf(file: string): ReadModelDump {
  const db = openSqliteDatabase(file);
  try {
    return dumpReadModels(db);
  } finally {
    db.close();
  }
}

describe('projections under kill -9 during catch-up', () => {
  let dir: string;
  let eventsFile: string;
  let cleanFile: string;
  let head: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'entente-projection-crash-'));
    eventsFile = join(dir, 'events.db');
    // Thousands of reports over 120 keys, with late records, retractions and corrections.
    const facts = historyOf(3000, 20251111);
    const clock = new ManualClock();
    const store = SqliteEventStore.open({ file: eventsFile, durability: 'normal', clock });
    await appendFacts(store, clock, facts);
    head = await store.headPosition();
    await store.close();

    cleanFile = join(dir, 'clean.db');
    const clean = await runProjections(eventsFile, cleanFile, 0, 0);
    if (!clean.live || clean.errors.length > 0) throw new Error(`clean pass: ${clean.errors}`);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given a child SIGKILLed at random points while catching up and restarted until live, then every table of every projection equals a single clean pass, and no committed batch was lost', async () => {
    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    const context = { seed };

    const crashedFile = join(dir, 'crashed.db');
    const runs: ChildRun[] = [];
    let previous: ChildRun | null = null;
    for (let attempt = 0; attempt < 6 && !previous?.live; attempt++) {
      // Kill once some projection has gone up to halfway through what the slowest has left to do; the
      // first kill lands as the child starts (creating tables, first batch).
      const from = previous ? Math.min(...NAMES.map((name) => committed(previous!, name))) : 0;
      const kill: Kill = {
        afterPosition: attempt === 0 ? 0 : from + 1 + Math.floor((random() * (head - from)) / 2),
        delayMs: Math.floor(random() * 20),
      };
      const maxChunk = 1 + Math.floor(random() * 700);
      const run = await runProjections(eventsFile, crashedFile, seed + attempt, maxChunk, kill);
      expect({ ...context, attempt, errors: run.errors }).toEqual({
        ...context,
        attempt,
        errors: [],
      });
      if (previous) expectNothingLost(previous, run, { ...context, attempt });
      runs.push(run);
      previous = run;
    }
    const last = await runProjections(
      eventsFile,
      crashedFile,
      seed + 99,
      1 + Math.floor(random() * 700),
    );
    expect({ ...context, live: last.live, errors: last.errors }).toEqual({
      ...context,
      live: true,
      errors: [],
    });
    if (previous) expectNothingLost(previous, last, context);

    const crashed = readModelsOf(crashedFile);
    const expected = readModelsOf(cleanFile);
    expect(Object.keys(expected.generations).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      expect({ ...context, name, checkpoint: crashed.checkpoints[name] }).toEqual({
        ...context,
        name,
        checkpoint: { version: VERSIONS[name], position: head },
      });
      expect({ ...context, name, schema: crashed.generations[name].schema }).toEqual({
        ...context,
        name,
        schema: expected.generations[name].schema,
      });
      for (const [table, rows] of Object.entries(expected.generations[name].tables)) {
        const actual = crashed.generations[name].tables[table];
        expect({ ...context, table, count: actual?.length }).toEqual({
          ...context,
          table,
          count: rows.length,
        });
        expect({ ...context, table, rows: actual }).toEqual({ ...context, table, rows });
      }
    }
    expect(crashed).toEqual(expected);

    // The kills landed during catch-up, and the restarts resumed from checkpoints part-way through.
    const killedMidway = runs.filter((run) => run.killed && !run.live).length;
    expect({ ...context, killedMidway: killedMidway >= 4 }).toEqual({
      ...context,
      killedMidway: true,
    });
    const resumedPartWay = [...runs.slice(1), last].filter((run) =>
      Object.values(run.resumed).some((position) => position > 0 && position < head),
    );
    expect(resumedPartWay.length).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('given a new timeline version rebuilt at start-up and SIGKILLed at random points of the rebuild, when restarted until live, then the new generation equals a clean pass and nothing of the interrupted ones is left', async () => {
    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    const context = { seed };
    const bumpedFile = join(dir, 'bumped.db');
    copyFileSync(cleanFile, bumpedFile);

    const runs: ChildRun[] = [];
    for (let attempt = 0; attempt < 3 && !runs.at(-1)?.live; attempt++) {
      const kill: Kill = {
        on: 'rebuilding',
        afterPosition: 1 + Math.floor(random() * head * 0.8),
        delayMs: Math.floor(random() * 20),
      };
      const maxChunk = 1 + Math.floor(random() * 700);
      const run = await runProjections(
        eventsFile,
        bumpedFile,
        seed + attempt,
        maxChunk,
        kill,
        TIMELINE_VERSION + 1,
      );
      expect({ ...context, attempt, errors: run.errors }).toEqual({
        ...context,
        attempt,
        errors: [],
      });
      runs.push(run);
    }
    const last = await runProjections(
      eventsFile,
      bumpedFile,
      seed + 99,
      0,
      undefined,
      TIMELINE_VERSION + 1,
    );
    expect({ ...context, live: last.live, errors: last.errors }).toEqual({
      ...context,
      live: true,
      errors: [],
    });

    const bumped = readModelsOf(bumpedFile);
    const expected = readModelsOf(cleanFile);
    expect(bumped.checkpoints).toEqual({
      ...expected.checkpoints,
      [RELATION_TIMELINE]: { version: TIMELINE_VERSION + 1, position: head },
    });
    expect(bumped.generations).toEqual(expected.generations);
    const db = openSqliteDatabase(bumpedFile);
    try {
      const live = db
        .prepare<[], { name: string; generation: number }>('SELECT * FROM projection_live')
        .all()
        .map(({ name, generation }) => `${name.replace(/-/g, '_')}_g${generation}_`);
      const strays = schemaObjects(db).filter(
        (object) =>
          !object.startsWith('projection_') && !live.some((prefix) => object.startsWith(prefix)),
      );
      expect({ ...context, strays }).toEqual({ ...context, strays: [] });
      expect(db.prepare('SELECT count(*) AS n FROM projection_checkpoints').get()).toEqual({
        n: NAMES.length,
      });
    } finally {
      db.close();
    }

    const killedMidRebuild = runs.filter((run) => run.killed && !run.live).length;
    expect({ ...context, killedMidRebuild: killedMidRebuild >= 2 }).toEqual({
      ...context,
      killedMidRebuild: true,
    });
  }, 120_000);
});

/** The last position a run reported committed for a projection, or where it resumed from. */
function committed(run: ChildRun, name: string): number {
  return run.applied[name] ?? run.resumed[name] ?? 0;
}

/** A restart resumes from at least what the killed run had reported committed: no commit is lost. */
function expectNothingLost(before: ChildRun, after: ChildRun, context: object): void {
  for (const name of NAMES) {
    expect({
      ...context,
      name,
      resumedAtLeast: after.resumed[name] >= committed(before, name),
    }).toEqual({ ...context, name, resumedAtLeast: true });
  }
}
