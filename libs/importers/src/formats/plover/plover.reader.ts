import { jsonRecords } from '../../input/json-records';
import { skip } from '../../pipeline/row-outcome';
import type { FormatReader } from '../import-format';
import { mapPloverRecord } from './plover.mapper';

/** PLOVER/POLECAT records, as one JSON array or as JSON lines. */
export const readPlover: FormatReader = async function* (entry, { dataset }) {
  for await (const record of jsonRecords(entry.stream)) {
    if ('error' in record) {
      yield { line: record.line, externalId: null, outcome: skip('malformed', record.error) };
      continue;
    }
    const id = (record.value as { id?: unknown } | null)?.id;
    yield {
      line: record.line,
      externalId: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
      outcome: mapPloverRecord(record.value, dataset),
    };
  }
};
