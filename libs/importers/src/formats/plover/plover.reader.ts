import { jsonReader } from '../json-reader';
import { mapPloverRecord } from './plover.mapper';

/** PLOVER/POLECAT records, as one JSON array or as JSON lines. */
export const readPlover = jsonReader('id', (record, { dataset }) =>
  mapPloverRecord(record, dataset),
);
