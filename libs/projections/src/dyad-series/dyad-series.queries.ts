import {
  addCell,
  emptyFigures,
  yearOfMonth,
  type Dyad,
  type Grain,
  type QuadClass,
  type SeriesFigures,
} from '@entente/domain';
import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import { LiveStatements } from '../runner/live-statements';
import type { LiveGeneration } from '../runner/projection-manager';
import type { TableNamer } from '../runner/projection';
import { MONTH_GRAIN, WEEK_GRAIN } from './dyad-series.schema';
import { WORLD } from './dyad-series.projection';

/** Record and report limits in epoch ms (null: no limit), and which evidence counts. */
export interface SeriesLimits {
  readonly knownAtMs: number | null;
  readonly reportedByMs: number | null;
  readonly evidence: 'curated' | 'machine-coded' | null;
}

/** Buckets `from` to `to` inclusive, in the grain's numbering (see bucketOf). */
export interface BucketRange {
  readonly grain: Grain;
  readonly from: number;
  readonly to: number;
  /** The valid-time instants those buckets span: [fromMs, toMs). */
  readonly fromMs: number;
  readonly toMs: number;
}

interface CellRow {
  readonly dyad_id: number;
  readonly bucket: number;
  readonly type: string;
  readonly plover: string;
  readonly quad: number;
  readonly approx: number;
  readonly count: number;
  readonly scored_icews: number;
  readonly sum_icews: number;
  readonly scored_gdelt: number;
  readonly sum_gdelt: number;
}

const SUMS = `sum(count) AS count, sum(scored_icews) AS scored_icews, total(sum_icews) AS sum_icews,
  sum(scored_gdelt) AS scored_gdelt, total(sum_gdelt) AS sum_gdelt`;
const DELTA_SUMS = `sum(sign) AS count,
  sum(CASE WHEN g_icews IS NULL THEN 0 ELSE sign END) AS scored_icews, total(sign * g_icews) AS sum_icews,
  sum(CASE WHEN g_gdelt IS NULL THEN 0 ELSE sign END) AS scored_gdelt, total(sign * g_gdelt) AS sum_gdelt`;
const DIMENSIONS = 'type, plover, quad, approx';

/**
 * Answers from the live generation of the dyad series. As known now (no limit, or limits at or after
 * everything recorded), from the cells; otherwise by summing the deltas below the limits. Neither reads
 * an event.
 */
export class DyadSeriesQueries {
  private readonly statements: LiveStatements;

  constructor(db: SqliteDatabase, live: () => LiveGeneration) {
    this.statements = new LiveStatements(db, live);
  }

  /** The dyad's figures per bucket with anything in it; `null` for the world's volume. */
  series(dyad: Dyad | null, range: BucketRange, limits: SeriesLimits): Map<number, SeriesFigures> {
    const dyadId = dyad === null ? WORLD : this.dyadId(dyad);
    if (dyadId === undefined) return new Map();
    const rows = this.reads(limits)
      ? this.fromDeltas('dyad_id = ? AND', [dyadId], range, limits)
      : this.fromCells('dyad_id = ? AND', [dyadId], range, limits);
    const series = new Map<number, SeriesFigures>();
    for (const row of rows) {
      if (row.count === 0) continue;
      let figures = series.get(row.bucket);
      if (!figures) series.set(row.bucket, (figures = emptyFigures()));
      addCell(figures, cellOf(row));
    }
    return series;
  }

  /** Every dyad's figures over the whole range, summed: the material of /v1/series/top. */
  totals(range: BucketRange, limits: SeriesLimits): Map<string, SeriesFigures> {
    const rows = this.reads(limits)
      ? this.fromDeltas('', [], range, limits)
      : this.fromCells('', [], range, limits);
    const totals = new Map<number, SeriesFigures>();
    // The world's rows are skipped here, not in SQL: a range on dyad_id would make SQLite scan the
    // whole primary key instead of the index by bucket.
    for (const row of rows) {
      if (row.count === 0 || row.dyad_id === WORLD) continue;
      let figures = totals.get(row.dyad_id);
      if (!figures) totals.set(row.dyad_id, (figures = emptyFigures()));
      addCell(figures, cellOf(row));
    }
    const names = this.dyadNames([...totals.keys()]);
    return new Map([...totals].map(([id, figures]) => [names.get(id)!, figures]));
  }

  /** The first and last bucket with anything counted on the dyad, as known now. */
  extent(dyad: Dyad, grain: Grain): { first: number; last: number } | null {
    const dyadId = this.dyadId(dyad);
    if (dyadId === undefined) return null;
    const row = this.statement(
      (t) =>
        `SELECT min(bucket) AS first, max(bucket) AS last FROM ${t('cells')}
         WHERE dyad_id = ? AND grain = ?`,
    ).get(dyadId, grain === 'week' ? WEEK_GRAIN : MONTH_GRAIN) as
      { first: number | null; last: number | null } | undefined;
    if (!row || row.first === null || row.last === null) return null;
    return grain === 'year'
      ? { first: yearOfMonth(row.first), last: yearOfMonth(row.last) }
      : { first: row.first, last: row.last };
  }

  /** True when the limits leave something out: the deltas must be summed. */
  private reads(limits: SeriesLimits): boolean {
    const last = this.statement((t) => `SELECT last_record_ms FROM ${t('clock')}`)
      .pluck()
      .get() as number | undefined;
    const before = (limit: number | null) => limit !== null && limit < (last ?? 0);
    return before(limits.knownAtMs) || before(limits.reportedByMs);
  }

  private fromCells(
    where: string,
    params: readonly number[],
    range: BucketRange,
    limits: SeriesLimits,
  ): CellRow[] {
    const years = range.grain === 'year';
    const grain = range.grain === 'week' ? WEEK_GRAIN : MONTH_GRAIN;
    const [from, to] = years ? [range.from * 12, range.to * 12 + 11] : [range.from, range.to];
    const evidence = limits.evidence === null ? '' : 'AND curated = ?';
    const rows = this.statement(
      (t) =>
        `SELECT dyad_id, bucket, ${DIMENSIONS}, ${SUMS} FROM ${t('cells')}
         WHERE ${where} grain = ? AND bucket BETWEEN ? AND ? ${evidence}
         GROUP BY dyad_id, bucket, ${DIMENSIONS}`,
    ).all(...params, grain, from, to, ...curatedParam(limits)) as CellRow[];
    return years ? rows.map((row) => ({ ...row, bucket: yearOfMonth(row.bucket) })) : rows;
  }

  private fromDeltas(
    where: string,
    params: readonly number[],
    range: BucketRange,
    limits: SeriesLimits,
  ): CellRow[] {
    const bucket = { month: 'month', week: 'week', year: 'month / 12' }[range.grain];
    const evidence = limits.evidence === null ? '' : 'AND curated = ?';
    return this.statement(
      (t) =>
        `SELECT dyad_id, ${bucket} AS bucket, ${DIMENSIONS}, ${DELTA_SUMS} FROM ${t('deltas')}
         WHERE ${where} start_ms >= ? AND start_ms < ? AND recorded_ms <= ? AND reported_ms <= ?
           ${evidence}
         GROUP BY dyad_id, ${bucket}, ${DIMENSIONS}`,
    ).all(
      ...params,
      range.fromMs,
      range.toMs,
      limits.knownAtMs ?? Number.MAX_SAFE_INTEGER,
      limits.reportedByMs ?? Number.MAX_SAFE_INTEGER,
      ...curatedParam(limits),
    ) as CellRow[];
  }

  private dyadId(dyad: Dyad): number | undefined {
    return this.statement((t) => `SELECT dyad_id FROM ${t('dyads')} WHERE actor = ? AND target = ?`)
      .pluck()
      .get(dyad.actor, dyad.target) as number | undefined;
  }

  private dyadNames(ids: readonly number[]): Map<number, string> {
    const rows = this.statement(
      (t) =>
        `SELECT d.dyad_id, d.actor, d.target FROM json_each(?) ids
         JOIN ${t('dyads')} d ON d.dyad_id = ids.value`,
    ).all(JSON.stringify(ids)) as { dyad_id: number; actor: string; target: string }[];
    return new Map(rows.map((r) => [r.dyad_id, `${r.actor}>${r.target}`]));
  }

  private statement(sql: (t: TableNamer) => string): SqliteStatement {
    return this.statements.get(sql);
  }
}

function curatedParam(limits: SeriesLimits): number[] {
  return limits.evidence === null ? [] : [limits.evidence === 'curated' ? 1 : 0];
}

function cellOf(row: CellRow) {
  return {
    type: row.type,
    plover: row.plover === '' ? null : row.plover,
    quadClass: row.quad === 0 ? null : (row.quad as QuadClass),
    approximate: row.approx === 1,
    count: row.count,
    scored: { icews: row.scored_icews, gdelt: row.scored_gdelt },
    sum: { icews: row.sum_icews, gdelt: row.sum_gdelt },
  };
}
