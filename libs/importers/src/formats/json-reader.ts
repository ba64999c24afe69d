import { jsonRecords } from '../input/json-records';
import { skip, type RowOutcome } from '../pipeline/row-outcome';
import type { FormatReader } from './import-format';

/** A format of JSON records (an array or JSON lines): each record mapped, its id read from `idField`. */
export function jsonReader(
  idField: string,
  map: (record: unknown, options: { dataset: string }) => RowOutcome,
): FormatReader {
  return async function* (entry, options) {
    for await (const record of jsonRecords(entry.stream)) {
      if ('error' in record) {
        yield { line: record.line, externalId: null, outcome: skip('malformed', record.error) };
        continue;
      }
      const id = (record.value as Record<string, unknown> | null)?.[idField];
      yield {
        line: record.line,
        externalId: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
        outcome: map(record.value, options),
      };
    }
  };
}
