import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Lines of a UTF-8 text stream, numbered from 1, with `\r\n` or `\n` endings; memory stays one line. */
export async function* textLines(stream: Readable): AsyncGenerator<{ line: number; text: string }> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    yield { line, text: line === 1 ? text.replace(/^\uFEFF/, '') : text };
  }
}
