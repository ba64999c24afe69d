/**
 * GDELT event files have no header: the layout is told by the column count. 1.0's backfile (events before
 * April 2013) has 57 columns, no SOURCEURL; 1.0's daily exports 58; 2.0's 15-minute exports 61, an ADM2
 * code inserted into each of the three geographies and DATEADDED to the second.
 */
export type GdeltVersion = 'backfile' | 'v1' | 'v2';

export interface GdeltLayout {
  readonly version: GdeltVersion;
  readonly geoWidth: 7 | 8;
  readonly dateAdded: number;
  readonly sourceUrl: number | null;
}

const LAYOUTS: Readonly<Record<number, GdeltLayout>> = {
  57: { version: 'backfile', geoWidth: 7, dateAdded: 56, sourceUrl: null },
  58: { version: 'v1', geoWidth: 7, dateAdded: 56, sourceUrl: 57 },
  61: { version: 'v2', geoWidth: 8, dateAdded: 59, sourceUrl: 60 },
};

export function gdeltLayout(columns: number): GdeltLayout | undefined {
  return LAYOUTS[columns];
}

/** The first column of each actor's ten: Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1-2, Type1-3. */
export const ACTOR1 = 5;
export const ACTOR2 = 15;

export const EVENT = {
  id: 0,
  sqlDate: 1,
  code: 26,
  quadClass: 29,
  goldstein: 30,
  mentions: 31,
  sources: 32,
  articles: 33,
  tone: 34,
} as const;

/** Where ActionGeo starts: after Actor1Geo and Actor2Geo. */
export function actionGeo(layout: GdeltLayout): number {
  return 35 + 2 * layout.geoWidth;
}
