import { openReadModelFile } from '@entente/projections';
import { join } from 'node:path';
import { percentile } from '../../harness/stats';
import { randomInt, type Random } from '../../support/random';

/** Bytes of payload per row: about what a compact timeline row version holds besides its key and time. */
const PAYLOAD_BYTES = 48;
const INSERTS_PER_TRANSACTION = 50_000;

/**
 * The physical reference for a lookup: SQLite's own indexed point lookup ("the row of this key in effect
 * at T") on a table of the same row count as the timeline's row versions, in a file of its own with the
 * same page cache, timed in the same process. What a lookup costs beyond it is the timeline's own.
 */
export function rawPointLookups(
  dir: string,
  rows: number,
  keys: number,
  lookups: number,
  random: Random,
): { medianUs: number; p99Us: number } {
  const db = openReadModelFile(join(dir, 'raw-point-lookup.db'));
  db.exec(
    `CREATE TABLE versions (key_id INTEGER NOT NULL, valid_from INTEGER NOT NULL, payload BLOB NOT NULL,
       PRIMARY KEY (key_id, valid_from)) WITHOUT ROWID`,
  );
  const insert = db.prepare('INSERT OR IGNORE INTO versions VALUES (?, ?, ?)');
  const payload = Buffer.alloc(PAYLOAD_BYTES, 7);
  const span = 10 * 365 * 86_400_000;
  for (let done = 0; done < rows;) {
    const count = Math.min(INSERTS_PER_TRANSACTION, rows - done);
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        insert.run(randomInt(random, keys), randomInt(random, span), payload);
      }
    })();
    done += count;
  }
  const lookup = db.prepare<[number, number], unknown>(
    'SELECT * FROM versions WHERE key_id = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1',
  );
  const asked = Array.from({ length: lookups + 1_000 }, () => [
    randomInt(random, keys),
    randomInt(random, span),
  ]);
  for (const [key, at] of asked.slice(0, 1_000)) lookup.get(key, at);
  const times: number[] = [];
  for (const [key, at] of asked.slice(1_000)) {
    const started = performance.now();
    lookup.get(key, at);
    times.push((performance.now() - started) * 1000);
  }
  db.close();
  return { medianUs: percentile(times, 50)!, p99Us: percentile(times, 99)! };
}
