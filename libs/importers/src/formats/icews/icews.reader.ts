import { textLines } from '../../input/text-lines';
import { skip } from '../../pipeline/row-outcome';
import { NotOfFormatError, type FormatReader } from '../import-format';
import { icewsLayout, icewsRow } from './icews-columns';
import { mapIcewsRow } from './icews.mapper';

/** ICEWS events: a header line, then one tab-separated row per event. */
export const readIcews: FormatReader = async function* (entry) {
  let layout: ReturnType<typeof icewsLayout> | null = null;
  let width = 0;
  for await (const { line, text } of textLines(entry.stream)) {
    if (layout === null) {
      const header = text.split('\t');
      try {
        layout = icewsLayout(header);
      } catch (error) {
        throw new NotOfFormatError(entry.name, (error as Error).message);
      }
      width = header.length;
      continue;
    }
    if (text === '') continue;
    const fields = text.split('\t');
    const row = icewsRow(layout, fields);
    const externalId = row('Event ID');
    const outcome =
      fields.length === width
        ? mapIcewsRow(row)
        : skip('malformed', `${fields.length} columns where the header has ${width}`);
    yield { line, externalId, outcome };
  }
};
