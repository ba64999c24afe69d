import type { GoldsteinScale, QuadClass } from '../coding/coding.types';

/** What a read model row, or one fact, adds to a bucket. */
export interface SeriesCell {
  readonly type: string;
  readonly plover: string | null;
  readonly quadClass: QuadClass | null;
  readonly approximate: boolean;
  readonly count: number;
  /** Facts with a score on each scale, and their sum. */
  readonly scored: Readonly<Record<GoldsteinScale, number>>;
  readonly sum: Readonly<Record<GoldsteinScale, number>>;
}

export const QUAD_CLASS_NAMES = [
  'verbalCooperation',
  'materialCooperation',
  'verbalConflict',
  'materialConflict',
] as const;

export type QuadClassName = (typeof QUAD_CLASS_NAMES)[number] | 'unclassified';

/** A bucket's counts: by type, PLOVER category and quad class, and Goldstein on both scales. */
export interface SeriesFigures {
  total: number;
  /** Facts known only to a year or a month, counted in the bucket their period starts in. */
  approximate: number;
  readonly quadClasses: Record<QuadClassName, number>;
  readonly types: Record<string, number>;
  readonly plover: Record<string, number>;
  readonly scored: Record<GoldsteinScale, number>;
  readonly sum: Record<GoldsteinScale, number>;
}

export function emptyFigures(): SeriesFigures {
  return {
    total: 0,
    approximate: 0,
    quadClasses: {
      verbalCooperation: 0,
      materialCooperation: 0,
      verbalConflict: 0,
      materialConflict: 0,
      unclassified: 0,
    },
    types: {},
    plover: {},
    scored: { icews: 0, gdelt: 0 },
    sum: { icews: 0, gdelt: 0 },
  };
}

export function addCell(figures: SeriesFigures, cell: SeriesCell): void {
  if (cell.count === 0) return;
  figures.total += cell.count;
  if (cell.approximate) figures.approximate += cell.count;
  const quad = cell.quadClass === null ? 'unclassified' : QUAD_CLASS_NAMES[cell.quadClass - 1];
  figures.quadClasses[quad] += cell.count;
  addTo(figures.types, cell.type, cell.count);
  if (cell.plover !== null) addTo(figures.plover, cell.plover, cell.count);
  for (const scale of ['icews', 'gdelt'] as const) {
    figures.scored[scale] += cell.scored[scale];
    figures.sum[scale] += cell.sum[scale];
  }
}

function addTo(counts: Record<string, number>, key: string, count: number): void {
  const next = (counts[key] ?? 0) + count;
  if (next === 0) delete counts[key];
  else counts[key] = next;
}

/** Cooperation (quad classes 1 and 2) less conflict (3 and 4). */
export function balanceOf(figures: SeriesFigures): number {
  const q = figures.quadClasses;
  return q.verbalCooperation + q.materialCooperation - q.verbalConflict - q.materialConflict;
}

export function conflictOf(figures: SeriesFigures): number {
  return figures.quadClasses.verbalConflict + figures.quadClasses.materialConflict;
}

export function cooperationOf(figures: SeriesFigures): number {
  return figures.quadClasses.verbalCooperation + figures.quadClasses.materialCooperation;
}
