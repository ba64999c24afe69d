import { jsonRecords } from '../../input/json-records';
import { skip } from '../../pipeline/row-outcome';
import type { FormatReader } from '../import-format';
import { mapEntenteLine } from './entente.mapper';

/** Entente's own NDJSON export (see `entente-line.ts`). */
export const readEntente: FormatReader = async function* (entry) {
  for await (const record of jsonRecords(entry.stream)) {
    if ('error' in record) {
      yield { line: record.line, externalId: null, outcome: skip('malformed', record.error) };
      continue;
    }
    const id = (record.value as { eventId?: unknown } | null)?.eventId;
    yield {
      line: record.line,
      externalId: typeof id === 'string' ? id : null,
      outcome: mapEntenteLine(record.value),
    };
  }
};
