import { textLines } from '../../input/text-lines';
import type { FormatReader } from '../import-format';
import { mapGdeltRow } from './gdelt.mapper';

/** GDELT events exports: no header, tab-separated, the version told by each row's column count. */
export const readGdelt: FormatReader = async function* (entry) {
  for await (const { line, text } of textLines(entry.stream)) {
    if (text === '') continue;
    const fields = text.split('\t');
    yield { line, externalId: fields[0] || null, outcome: mapGdeltRow(fields) };
  }
};
