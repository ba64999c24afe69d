import express from 'express';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { streamed, type ExportSpec } from './export-format';

type Row = { readonly n: number };
const SPEC: ExportSpec<Row> = { columns: ['n'], record: (row) => row, line: (row) => row };

function* rows(count: number, failAt?: number): Generator<Row> {
  for (let n = 0; n < count; n++) {
    if (n === failAt) throw new Error(`row ${n} cannot be read`);
    yield { n };
  }
}

describe('streamed exports', () => {
  it('given rows, when streamed as CSV and NDJSON, then every row comes out, the first one included', async () => {
    const csv = await streamed('csv', rows(3), SPEC);
    const ndjson = await streamed('ndjson', rows(3), SPEC);

    expect(await text(csv.getStream())).toBe('n\n0\n1\n2\n');
    expect(await text(ndjson.getStream())).toBe('{"n":0}\n{"n":1}\n{"n":2}\n');
  });

  it('given rows that fail at the first, when streamed, then the failure is thrown before any answer starts', async () => {
    await expect(streamed('csv', rows(3, 0), SPEC)).rejects.toThrow('row 0 cannot be read');
    await expect(streamed('ndjson', rows(3, 0), SPEC)).rejects.toThrow('row 0 cannot be read');
  });

  it('given an export that fails before its first byte is sent, when its error is handled, then the answer is a 500 problem, not a plain-text 400', async () => {
    const file = await streamed('csv', rows(3), SPEC);
    const app = express().get('/', (_request, response) =>
      file.errorHandler(new Error('the store went away'), response),
    );
    const server = app.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/`);

      expect(answer.status).toBe(500);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await answer.json()).toMatchObject({ status: 500, code: 'internal' });
    } finally {
      server.close();
    }
  });
});
