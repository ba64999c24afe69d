/**
 * node --import tsx bench/scenarios/history/project.child.ts <store file> <read-model file> <all|timeline|series>
 * Projects every read model the API has (or the timeline alone) from the store up to its head, then closes cleanly (the WAL
 * checkpointed into the file), and prints { position, seconds } on stdout.
 */
import { SqliteEventStore } from '@entente/event-store';
import {
  openReadModelFile,
  ProjectionManager,
  READ_MODELS,
  dyadSeriesProjection,
  relationTimelineProjection,
} from '@entente/projections';

async function main(): Promise<void> {
  const [storeFile, readModelFile, set] = process.argv.slice(2);
  const started = Date.now();
  const store = SqliteEventStore.open({ file: storeFile, durability: 'normal' });
  const db = openReadModelFile(readModelFile);
  const definitions =
    set === 'timeline'
      ? [relationTimelineProjection]
      : set === 'series'
        ? [dyadSeriesProjection]
        : READ_MODELS;
  const manager = new ProjectionManager(store, db, definitions, {
    log: (message) => process.stderr.write(`${message}\n`),
    error: (message) => process.stderr.write(`${message}\n`),
  });
  const head = await store.headPosition();
  manager.start();
  if (!(await manager.waitFor(head, 3_600_000))) {
    throw new Error(`read models did not reach ${head}: ${JSON.stringify(manager.statuses())}`);
  }
  manager.stop();
  await store.close();
  db.close();
  process.stdout.write(JSON.stringify({ position: head, seconds: (Date.now() - started) / 1000 }));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
