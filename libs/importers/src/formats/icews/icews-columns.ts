/** The 20 columns of an ICEWS events file (Harvard Dataverse doi:10.7910/DVN/28075), by header name. */
export const ICEWS_COLUMNS = [
  'Event ID',
  'Event Date',
  'Source Name',
  'Source Sectors',
  'Source Country',
  'Event Text',
  'CAMEO Code',
  'Intensity',
  'Target Name',
  'Target Sectors',
  'Target Country',
  'Story ID',
  'Sentence Number',
  'Publisher',
  'City',
  'District',
  'Province',
  'Country',
  'Latitude',
  'Longitude',
] as const;

export type IcewsColumn = (typeof ICEWS_COLUMNS)[number];

/** One row, read by column name; ICEWS writes `NA` (or nothing) for a missing value: both are null. */
export type IcewsRow = (column: IcewsColumn) => string | null;

/**
 * Where each column is in this file: ICEWS files name their columns in a header line, and the order has
 * changed between releases. Throws naming the columns a header lacks.
 */
export function icewsLayout(header: readonly string[]): ReadonlyMap<IcewsColumn, number> {
  const positions = new Map(header.map((name, i) => [unquoted(name.trim()), i]));
  const missing = ICEWS_COLUMNS.filter((c) => !positions.has(c));
  if (missing.length > 0) {
    throw new Error(`not an ICEWS events header: no ${missing.map((m) => `"${m}"`).join(', ')}`);
  }
  return new Map(ICEWS_COLUMNS.map((c) => [c, positions.get(c)!]));
}

export function icewsRow(
  layout: ReadonlyMap<IcewsColumn, number>,
  fields: readonly string[],
): IcewsRow {
  return (column) => {
    const value = fields[layout.get(column)!];
    if (value === undefined) return null;
    const text = unquoted(value.trim());
    return text === '' || text === 'NA' ? null : text;
  };
}

/** Dataverse's archival copies quote every text field. */
function unquoted(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1).replace(/""/g, '"')
    : value;
}
