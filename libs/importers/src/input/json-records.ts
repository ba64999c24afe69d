import { Readable } from 'node:stream';
import StreamArray from 'stream-json/streamers/StreamArray';
import { textLines } from './text-lines';

export type JsonRecord =
  | { readonly line: number; readonly value: unknown }
  | { readonly line: number; readonly error: string };

/**
 * The records of a JSON array or of JSON lines, streamed: a `[` first means one array (its records are
 * numbered by index from 1), anything else one JSON value per line (numbered by line). A line that is
 * not JSON is an error record; the others still come.
 */
export async function* jsonRecords(stream: Readable): AsyncGenerator<JsonRecord> {
  const { first, rest } = await peek(stream);
  if (first === '[') {
    const array = rest.pipe(StreamArray.withParser());
    rest.on('error', (error) => array.destroy(error));
    for await (const item of array as AsyncIterable<{ key: number; value: unknown }>) {
      yield { line: item.key + 1, value: item.value };
    }
    return;
  }
  for await (const { line, text } of textLines(rest)) {
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (error) {
      yield { line, error: `not JSON: ${(error as Error).message}` };
    }
  }
}

/** The first non-blank character, and the stream again with nothing lost. */
async function peek(stream: Readable): Promise<{ first: string | null; rest: Readable }> {
  const head: Buffer[] = [];
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: string | null = null;
  while (first === null) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    head.push(chunk);
    const text = chunk
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (text !== '') first = text[0];
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
  }
  return { first, rest: Readable.from(replay(), { objectMode: false }) };
}
