import {
  CORRECTION_TYPES,
  REPORT_TYPES,
  bucketOf,
  knowledgeTerms,
  pairsOf,
  reportedAtOf,
  scoreOf,
  upcast,
  type EventCorrectedData,
  type EventRetractedData,
  type KnowledgeTerm,
  type ReportData,
  type ReportType,
} from '@entente/domain';
import type { RecordedEvent, SqliteDatabase } from '@entente/event-store';
import type { ProjectionDefinition, ProjectionWriter, TableNamer } from '../runner/projection';
import {
  createSeriesTables,
  dropSeriesTables,
  MONTH_GRAIN,
  WEEK_GRAIN,
} from './dyad-series.schema';
import {
  SeriesStatements,
  type Counted,
  type StoredPoint,
  type StoredVersion,
} from './series-statements';

export const DYAD_SERIES = 'dyad-series';

export const dyadSeriesProjection: ProjectionDefinition<never> = {
  name: DYAD_SERIES,
  version: 1,
  handles: [...REPORT_TYPES, ...CORRECTION_TYPES],
  open: (db, tables) => new DyadSeriesWriter(db, tables),
};

/** The world: every fact once, whatever its dyads. */
export const WORLD = 0;

interface ReportHistory {
  readonly versions: StoredVersion[];
  readonly retractions: StoredPoint[];
}

/**
 * Counts every report on each directed dyad it touches, by the bucket of its valid start. A report adds
 * its knowledge terms as delta rows; an amendment recomputes the report's terms and adds only the
 * difference, each row at the record and report time it holds from, so what was known before never
 * moves. The cells of "as known now" follow the version in effect.
 */
class DyadSeriesWriter implements ProjectionWriter<never> {
  private statements: SeriesStatements | null = null;
  private readonly dyadIds = new Map<string, number>();
  private clock: { lastRecordMs: number; nextDeltaNo: number } | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly tables: TableNamer,
  ) {}

  create(): void {
    createSeriesTables(this.db, this.tables);
    this.statements = null;
  }

  drop(): void {
    dropSeriesTables(this.db, this.tables);
    this.reset();
    this.statements = null;
  }

  reset(): void {
    this.dyadIds.clear();
    this.clock = null;
  }

  apply(events: readonly RecordedEvent[]): never[] {
    if (events.length === 0) return [];
    const clock = this.loadClock();
    for (const event of events) {
      const { data } = upcast(event.type, event.schemaVersion, event.data);
      const point = {
        recordedMs: Date.parse(event.metadata.recordedAt),
        reportedMs: Date.parse(reportedAtOf({ recordedAt: event.metadata.recordedAt, data })),
      };
      clock.lastRecordMs = Math.max(clock.lastRecordMs, point.recordedMs);
      if (event.type === 'EventRetracted') {
        this.amend((data as EventRetractedData).retracts, (history) =>
          history.retractions.push(point),
        );
      } else if (event.type === 'EventCorrected') {
        const correction = data as EventCorrectedData;
        const counted = this.countedOf(correction.replacementType, correction.replacement);
        this.amend(correction.corrects, (history) => history.versions.push({ ...point, counted }));
      } else {
        this.report(event, {
          ...point,
          counted: this.countedOf(event.type as ReportType, data as ReportData),
        });
      }
    }
    this.sql.saveClock.run(clock.lastRecordMs, clock.nextDeltaNo);
    return [];
  }

  private report(event: RecordedEvent, version: StoredVersion): void {
    const history: ReportHistory = { versions: [version], retractions: [] };
    this.save(event.eventId, history);
    this.writeTerms(history, knowledgeTerms([version], []), 1);
    this.addCells(version.counted, 1);
  }

  /** Adds a retraction or a version to a report; a report this model never saw is left alone. */
  private amend(reportId: string, change: (history: ReportHistory) => void): void {
    const stored = this.sql.report.get(reportId);
    if (!stored) return;
    const history: ReportHistory = {
      versions: JSON.parse(stored.versions) as StoredVersion[],
      retractions: JSON.parse(stored.retractions) as StoredPoint[],
    };
    const before = knowledgeTerms(history.versions, history.retractions);
    const nowBefore = inEffectNow(history);
    change(history);
    const after = knowledgeTerms(history.versions, history.retractions);
    this.writeTerms(history, difference(after, before), 1);
    const nowAfter = inEffectNow(history);
    if (nowBefore !== nowAfter) {
      if (nowBefore) this.addCells(nowBefore, -1);
      if (nowAfter) this.addCells(nowAfter, 1);
    }
    this.save(reportId, history);
  }

  private save(reportId: string, history: ReportHistory): void {
    this.sql.saveReport.run(
      reportId,
      JSON.stringify(history.versions),
      JSON.stringify(history.retractions),
    );
  }

  private writeTerms(history: ReportHistory, terms: readonly KnowledgeTerm[], sign: number): void {
    const clock = this.clock!;
    for (const term of terms) {
      const c = history.versions[term.version].counted;
      const month = bucketOf('month', c.startMs);
      const week = bucketOf('week', c.startMs);
      for (const dyad of [WORLD, ...c.dyads]) {
        this.sql.insertDelta.run(
          dyad,
          c.startMs,
          clock.nextDeltaNo++,
          month,
          week,
          term.recordedMs,
          term.reportedMs,
          sign * term.sign,
          c.type,
          c.plover,
          c.quad,
          c.approx,
          c.curated,
          c.gIcews,
          c.gGdelt,
        );
      }
    }
  }

  private addCells(c: Counted, sign: number): void {
    const buckets: [number, number][] = [
      [MONTH_GRAIN, bucketOf('month', c.startMs)],
      [WEEK_GRAIN, bucketOf('week', c.startMs)],
    ];
    const scoredIcews = c.gIcews === null ? 0 : sign;
    const scoredGdelt = c.gGdelt === null ? 0 : sign;
    for (const dyad of [WORLD, ...c.dyads]) {
      for (const [grain, bucket] of buckets) {
        const key = [dyad, grain, bucket, c.type, c.plover, c.quad, c.approx, c.curated] as const;
        this.sql.addCell.run(
          ...key,
          sign,
          scoredIcews,
          sign * (c.gIcews ?? 0),
          scoredGdelt,
          sign * (c.gGdelt ?? 0),
        );
        if (sign < 0) this.sql.dropEmptyCell.run(...key);
      }
    }
  }

  private countedOf(type: ReportType, data: ReportData): Counted {
    const start: unknown = data.occurredAt?.start;
    const startMs = typeof start === 'string' ? Date.parse(start) : NaN;
    if (Number.isNaN(startMs)) {
      throw new Error(
        `${type} has no valid time to count it by (occurredAt.start is ${String(start)})`,
      );
    }
    const score = scoreOf(type, data.coding);
    const precision = data.occurredAt.precision;
    const dyads = new Set(pairsOf(data).map((p) => this.dyadIdOf(p.actor, p.target)));
    return {
      type,
      startMs,
      approx: precision === 'year' || precision === 'month' ? 1 : 0,
      curated: data.evidence === 'machine-coded' ? 0 : 1,
      plover: score.plover ?? '',
      quad: score.quadClass ?? 0,
      gIcews: score.goldstein.icews,
      gGdelt: score.goldstein.gdelt,
      dyads: [...dyads],
    };
  }

  private dyadIdOf(actor: string, target: string): number {
    const name = `${actor}>${target}`;
    let id = this.dyadIds.get(name);
    if (id === undefined) {
      id =
        this.sql.dyadId.get(actor, target) ??
        Number(this.sql.insertDyad.run(actor, target).lastInsertRowid);
      this.dyadIds.set(name, id);
    }
    return id;
  }

  private loadClock(): { lastRecordMs: number; nextDeltaNo: number } {
    if (!this.clock) {
      const row = this.sql.clock.get();
      this.clock = {
        lastRecordMs: row?.last_record_ms ?? 0,
        nextDeltaNo: row?.next_delta_no ?? 1,
      };
    }
    return this.clock;
  }

  private get sql(): SeriesStatements {
    this.statements ??= new SeriesStatements(this.db, this.tables);
    return this.statements;
  }
}

/** The version every limit left open counts: the last one, unless the report is retracted. */
function inEffectNow(history: ReportHistory): Counted | null {
  return history.retractions.length > 0 ? null : history.versions.at(-1)!.counted;
}

/** The terms of `after` less those of `before`, as signed terms. */
function difference(
  after: readonly KnowledgeTerm[],
  before: readonly KnowledgeTerm[],
): KnowledgeTerm[] {
  const sum = new Map<string, KnowledgeTerm>();
  const add = (term: KnowledgeTerm, sign: number) => {
    const key = `${term.version}:${term.recordedMs}:${term.reportedMs}`;
    const total = (sum.get(key)?.sign ?? 0) + sign * term.sign;
    sum.set(key, { ...term, sign: total });
  };
  for (const term of after) add(term, 1);
  for (const term of before) add(term, -1);
  return [...sum.values()].filter((term) => term.sign !== 0);
}
