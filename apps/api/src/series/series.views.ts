import {
  balanceOf,
  PLOVER_EVENTS,
  QUAD_CLASS_NAMES,
  REPORT_TYPES,
  type GoldsteinScale,
  type SeriesFigures,
} from '@entente/domain';
import type { ExportSpec } from '../exports/export-format';

/** Goldstein sums and means are rounded here: sums of scores in another order differ in the last bits. */
const round = (value: number) => Math.round(value * 1000) / 1000;

/** A bucket's (or a window's) figures on one Goldstein scale, as the API shows them. */
export function figuresView(figures: SeriesFigures, scale: GoldsteinScale, volume?: number) {
  const scored = figures.scored[scale];
  const balance = balanceOf(figures);
  const share = (count: number) => (volume ? round((count / volume) * 1e6) / 1e6 : 0);
  return {
    total: figures.total,
    approximate: figures.approximate,
    quadClasses: { ...figures.quadClasses },
    balance,
    goldstein: {
      scale,
      sum: round(figures.sum[scale]),
      mean: scored === 0 ? null : round(figures.sum[scale] / scored),
      scored,
      unscored: figures.total - scored,
    },
    types: { ...figures.types },
    plover: { ...figures.plover },
    ...(volume !== undefined && {
      normalised: { volume, total: share(figures.total), balance: share(balance) },
    }),
  };
}

export type FiguresView = ReturnType<typeof figuresView>;

const QUAD_COLUMNS = [...QUAD_CLASS_NAMES, 'unclassified'] as const;
const TYPE_COLUMNS = REPORT_TYPES.map((type) => `type_${type}`);
const PLOVER_COLUMNS = [...PLOVER_EVENTS.keys()].map((event) => `plover_${event}`);

/** The figures' CSV columns, always all of them: a count that is zero is 0, never a missing column. */
export const FIGURE_COLUMNS = [
  'total',
  'approximate',
  ...QUAD_COLUMNS.map(snake),
  'balance',
  'goldstein_scale',
  'goldstein_sum',
  'goldstein_mean',
  'goldstein_scored',
  'goldstein_unscored',
  'volume',
  'normalised_total',
  'normalised_balance',
  ...TYPE_COLUMNS,
  ...PLOVER_COLUMNS,
];

export function figureRecord(view: FiguresView, prefix = ''): Record<string, unknown> {
  const record: Record<string, unknown> = {
    total: view.total,
    approximate: view.approximate,
    balance: view.balance,
    goldstein_scale: view.goldstein.scale,
    goldstein_sum: view.goldstein.sum,
    goldstein_mean: view.goldstein.mean,
    goldstein_scored: view.goldstein.scored,
    goldstein_unscored: view.goldstein.unscored,
    volume: view.normalised?.volume ?? null,
    normalised_total: view.normalised?.total ?? null,
    normalised_balance: view.normalised?.balance ?? null,
  };
  for (const quad of QUAD_COLUMNS) record[snake(quad)] = view.quadClasses[quad];
  for (const type of REPORT_TYPES) record[`type_${type}`] = view.types[type] ?? 0;
  for (const event of PLOVER_EVENTS.keys()) record[`plover_${event}`] = view.plover[event] ?? 0;
  return prefix
    ? Object.fromEntries(Object.entries(record).map(([k, v]) => [prefix + k, v]))
    : record;
}

/** One row of a series: a bucket of one direction of the dyad. */
export interface SeriesRow {
  readonly bucket: string;
  readonly start: string;
  readonly end: string;
  readonly actor: string;
  readonly target: string;
  readonly figures: FiguresView;
}

export const SERIES_EXPORT: ExportSpec<SeriesRow> = {
  columns: ['bucket', 'start', 'end', 'actor', 'target', ...FIGURE_COLUMNS],
  record: (row) => ({
    bucket: row.bucket,
    start: row.start,
    end: row.end,
    actor: row.actor,
    target: row.target,
    ...figureRecord(row.figures),
  }),
  line: (row) => row,
};

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** One dyad of /v1/series/top. */
export interface TopRow extends FiguresView {
  readonly rank: number;
  readonly actor: string;
  readonly target: string;
  readonly previous?: FiguresView;
  readonly change?: { readonly balance: number; readonly direction: string } | null;
  readonly series: string;
}

export const TOP_EXPORT: ExportSpec<TopRow> = {
  columns: [
    'rank',
    'actor',
    'target',
    ...FIGURE_COLUMNS,
    'previous_total',
    'previous_balance',
    'change_balance',
    'change_direction',
    'series',
  ],
  record: (row) => ({
    rank: row.rank,
    actor: row.actor,
    target: row.target,
    ...figureRecord(row),
    previous_total: row.previous?.total ?? null,
    previous_balance: row.previous?.balance ?? null,
    change_balance: row.change?.balance ?? null,
    change_direction: row.change?.direction ?? null,
    series: row.series,
  }),
  line: (row) => row,
};
