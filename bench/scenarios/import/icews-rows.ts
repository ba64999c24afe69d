import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { REPO_ROOT } from '../../harness/machine';
import { randomInt, seededRandom } from '../../support/random';
import { cacheRoot } from '../history/cache';

/** Raise when the generated rows change, so that cached files are made again. */
export const ICEWS_GENERATOR_VERSION = 1;
export const ICEWS_SEED = 20_181_201;

const SAMPLE = join(REPO_ROOT, 'test', 'fixtures', 'event-data', 'icews_events.2018.sample.tab');
const FIRST_DAY = Date.UTC(1995, 0, 1);
const LAST_DAY = Date.UTC(2023, 11, 31);
const DAY = 86_400_000;

/**
 * `rows` ICEWS-format rows drawn from the real sample (3,705 events of 2018-06-01/02): each row is a
 * sample row, chosen uniformly, so its sides, sectors, countries and CAMEO code keep their joint
 * distribution (about 43% become facts between states, as in the sample), with a new event id, story id
 * and date. Dates run in order from 1995 to 2023 as ICEWS's files do. Written once and cached.
 */
export async function ensureIcewsRows(
  rows: number,
  log: (message: string) => void,
): Promise<string> {
  const dir = join(cacheRoot(), `icews-g${ICEWS_GENERATOR_VERSION}-${rows}-${ICEWS_SEED}`);
  const file = join(dir, 'events.tab');
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  log(`generating ${rows.toLocaleString('en-US')} ICEWS rows into ${file} (cached)`);
  const [header, ...sample] = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n');
  const parsed = sample.map((line) => line.split('\t'));
  const random = seededRandom(ICEWS_SEED);
  const partial = `${file}.${process.pid}`;
  const out = createWriteStream(partial);
  out.write(`${header}\n`);
  const days = Math.round((LAST_DAY - FIRST_DAY) / DAY);
  for (let i = 0; i < rows; i++) {
    const fields = [...parsed[randomInt(random, parsed.length)]];
    fields[0] = String(100_000_000 + i);
    fields[1] = new Date(FIRST_DAY + Math.floor((i * days) / rows) * DAY)
      .toISOString()
      .slice(0, 10);
    fields[11] = String(50_000_000 + randomInt(random, 10_000_000));
    if (!out.write(`${fields.join('\t')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(partial, file);
  return file;
}
