import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { fixture } from '../testing/fixtures';
import { inputEntries, type InputEntry } from './input-entries';
import { jsonRecords } from './json-records';
import { textLines } from './text-lines';

async function linesOf(entry: InputEntry): Promise<string[]> {
  const lines: string[] = [];
  for await (const { text } of textLines(entry.stream)) lines.push(text);
  return lines;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'entente-inputs-'));

  it('given a .gz file, then its lines, and progress counted in compressed bytes up to its size', async () => {
    const path = join(dir, 'rows.tsv.gz');
    writeFileSync(path, gzipSync('a\tb\r\nc\td\n'));
    const [entry] = await collect(inputEntries([path]));
    expect(await linesOf(entry)).toEqual(['a\tb', 'c\td']);
    expect(entry.bytesRead()).toBe(entry.size);
  });

  it('given a .zip, then every file it holds, named archive:entry', async () => {
    const names: string[] = [];
    let lines = 0;
    for await (const entry of inputEntries([fixture('gdelt_v1_events_sample.zip')])) {
      names.push(entry.name);
      lines += (await linesOf(entry)).length;
    }
    expect(names).toEqual([`${fixture('gdelt_v1_events_sample.zip')}:gdelt_v1_events_sample.tsv`]);
    expect(lines).toBe(710);
  });

  it('given -, then standard input, of unknown size', async () => {
    const [entry] = await collect(inputEntries(['-'], Readable.from([Buffer.from('x\ny\n')])));
    expect([entry.name, entry.size, await linesOf(entry)]).toEqual(['-', null, ['x', 'y']]);
  });

  it('given a JSON array, then its records numbered from 1', async () => {
    const stream = Readable.from([Buffer.from(' [{"id":1},\n{"id":'), Buffer.from('2}]')]);
    expect(await collect(jsonRecords(stream))).toEqual([
      { line: 1, value: { id: 1 } },
      { line: 2, value: { id: 2 } },
    ]);
  });

  it('given JSON lines with a bad one, then the others still come and the bad one says why', async () => {
    const records = await collect(
      jsonRecords(Readable.from([Buffer.from('{"id":1}\nnot json\n\n{"id":3}\n')])),
    );
    expect(records.map((r) => ('value' in r ? r.value : 'error'))).toEqual([
      { id: 1 },
      'error',
      { id: 3 },
    ]);
    expect(records[1].line).toBe(2);
  });

  it('given the gzipped PLOVER gold standard, then all its 323 records', async () => {
    const [entry] = await collect(inputEntries([fixture('PLOVER_GSR_CAMEO.json.gz')]));
    expect((await collect(jsonRecords(entry.stream))).length).toBe(323);
    expect(readFileSync(fixture('PLOVER_GSR_CAMEO.json.gz')).length).toBe(entry.size);
  });
});
