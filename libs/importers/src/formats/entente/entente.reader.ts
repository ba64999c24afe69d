import { jsonReader } from '../json-reader';
import { mapEntenteLine } from './entente.mapper';

/** Entente's own NDJSON export (see `entente-line.ts`). */
export const readEntente = jsonReader('eventId', (line) => mapEntenteLine(line));
