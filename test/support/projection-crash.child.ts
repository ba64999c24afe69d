/**
 * Runs every projection over an events file into a read-model file until they are live, then exits. On
 * stdout: `resume <name> <position>` for each projection before it starts (its stored checkpoint), then
 * `applied <name> <position>` after each committed batch, then `live`. The parent may SIGKILL it at any
 * moment. With a chunk size above 0, subscriptions deliver in chunks of random size (seeded), so that
 * batch boundaries differ from run to run.
 *
 * With a timeline version other than the code's, the timeline is rebuilt at start-up when its stored
 * generation is at another version; the child then also reports `rebuilding <name> <position>` as the
 * rebuild goes.
 *
 * With a one-pass size above 0, every catch-up goes through the projections' one-pass path where they
 * have one, committing every that many events.
 *
 * Usage: node --import tsx projection-crash.child.ts <events file> <read-model file> <seed> <max chunk>
 *   [<timeline version> [<one-pass size>]]
 */
import { SqliteEventStore, openSqliteDatabase, type EventStore } from '@entente/event-store';
import { ProjectionManager, relationTimelineProjection } from '@entente/projections';
import { ChunkedEventStore, seededRandom } from './projection-chunked-store';
import { ALL_PROJECTIONS } from './projection-harness';

const [eventsFile, readModelFile, seed, maxChunk, timelineVersion, onePass = '0'] =
  process.argv.slice(2);
const definitions = ALL_PROJECTIONS.map((definition) =>
  definition === relationTimelineProjection
    ? { ...definition, version: Number(timelineVersion ?? definition.version) }
    : definition,
);

function say(line: string): void {
  // Writes to a pipe are synchronous on Linux: once the parent reads a line, it was committed before.
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const store = SqliteEventStore.open({ file: eventsFile });
  const chunk = Number(maxChunk);
  const source: EventStore =
    chunk > 0 ? new ChunkedEventStore(store, seededRandom(Number(seed)), chunk) : store;
  const db = openSqliteDatabase(readModelFile, { durability: 'normal' });
  const manager = new ProjectionManager(
    source,
    db,
    definitions,
    { log: () => undefined, error: (message) => say(`error ${message}`) },
    // Commits as often as the chunks come, so that kills land between and inside batches.
    {
      catchUpBatch: chunk > 0 ? chunk : 64,
      onePassFrom: Number(onePass) > 0 ? 1 : Infinity,
      onePassCommitEvery: Number(onePass) > 0 ? Number(onePass) : undefined,
    },
  );
  for (const status of manager.statuses()) say(`resume ${status.name} ${status.position}`);
  for (const { name } of ALL_PROJECTIONS) {
    manager.applied$(name).subscribe((batch) => say(`applied ${name} ${batch.position}`));
  }
  manager.start();
  const reported = new Map<string, number>();
  const rebuilds = setInterval(() => {
    for (const { name, rebuilding } of manager.statuses()) {
      // A rebuild from zero commits at its end alone: how far it has read is how far it got.
      const position = Math.max(rebuilding?.position ?? 0, rebuilding?.onePass?.read ?? 0);
      if (rebuilding && reported.get(name) !== position) {
        reported.set(name, position);
        say(`rebuilding ${name} ${position}`);
      }
    }
  }, 2);
  const head = await store.headPosition();
  const live = await manager.waitFor(head, 120_000);
  clearInterval(rebuilds);
  manager.stop();
  db.close();
  await store.close();
  say(live ? 'live' : `stuck ${JSON.stringify(manager.statuses())}`);
  process.exitCode = live ? 0 : 1;
}

void main();
