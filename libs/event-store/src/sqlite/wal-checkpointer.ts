import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './sqlite-database';

/** How often the background connection copies the WAL back into the database file. */
const CHECKPOINT_EVERY_MS = 250;

const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * If the background checkpoints fall behind (a bulk import writing faster than they copy), the writer's
 * own automatic checkpoint still bounds the WAL (about 100 MB), at 25 times SQLite's default threshold.
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 25 * SQLITE_AUTOCHECKPOINT_PAGES;

/** How long a close waits for the background connection to let go of the file. */
const STOP_TIMEOUT_MS = 10_000;

/*
 * Plain JavaScript, evaluated in the worker: the worker cannot load this lib's TypeScript under ts-jest,
 * and the driver's absolute path comes in with the data so that it resolves the same from anywhere.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const stopped = new Int32Array(workerData.stopped);
// The WAL starts over only once a checkpoint has copied all of it: while the writer keeps adding frames,
// go again at once rather than a period later, so that a pause in the writes is enough to catch up.
let timer;
const checkpoint = () => {
  let behind = false;
  try {
    const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    behind = checkpointed < log;
  } catch { /* busy: the next turn or the writer does it */ }
  timer = setTimeout(checkpoint, behind ? 0 : workerData.everyMs);
};
timer = setTimeout(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  Atomics.store(stopped, 0, 1);
  Atomics.notify(stopped, 0);
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints off the thread that writes. SQLite's automatic checkpoint runs inside the commit
 * that crosses its threshold, so about once a second a commit of one fact paid 14-21 ms of copying (and,
 * for the event store, an fsync of the database file), blocking every request behind it. A second
 * connection in a worker thread checkpoints passively instead, never waiting for the writer or its readers.
 *
 * The database's `close()` stops the worker first, synchronously, so that the writer's connection is the
 * last one and SQLite folds the WAL into the file and removes it, as it did before.
 */
export function checkpointInBackground(db: SqliteDatabase, file: string): void {
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const stopped = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: require.resolve('better-sqlite3'),
      file,
      stopped,
      everyMs: CHECKPOINT_EVERY_MS,
    },
  });
  worker.unref();
  let running = true;
  const stoppedEarly = () => {
    // Back to checkpoints in the writer, at SQLite's threshold: slower commits, but a WAL that stays small.
    if (running && db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    running = false;
  };
  worker.on('error', stoppedEarly);
  worker.on('exit', stoppedEarly);
  const close = db.close.bind(db);
  db.close = () => {
    if (running) {
      worker.postMessage('stop');
      Atomics.wait(new Int32Array(stopped), 0, 0, STOP_TIMEOUT_MS);
      running = false;
    }
    return close();
  };
}
