import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import { LiveStatements } from '../runner/live-statements';
import type { LiveGeneration } from '../runner/projection-manager';
import type { TableNamer } from '../runner/projection';

export type ChangeAxis = 'valid' | 'recorded' | 'reported';

export interface ChangesQuery {
  readonly axis: ChangeAxis;
  /** The window on that axis, epoch ms, both inclusive. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly actor?: string;
  readonly target?: string;
  readonly channel?: string;
  /** On the valid axis: the versions in effect as known by then (null: no limit). */
  readonly knownAtMs: number | null;
  readonly reportedByMs: number | null;
  readonly offset: number;
  readonly limit: number;
}

export interface StateChangeRow {
  readonly position: number;
  readonly actor: string;
  readonly target: string;
  readonly channel: string;
  readonly eventId: string;
  readonly reportId: string;
  /** reported, corrected or retracted. */
  readonly kind: string;
  readonly type: string;
  /** False for a correction that moved the report off this key, and for a retraction. */
  readonly onKey: boolean;
  readonly startMs: number;
  readonly recordedMs: number;
  readonly reportedMs: number;
}

const COLUMN: Readonly<Record<ChangeAxis, string>> = {
  valid: 'start_ms',
  recorded: 'recorded_ms',
  reported: 'reported_ms',
};

/** Answers from the live generation of the state changes, by index on the axis asked. */
export class StateChangesQueries {
  private readonly statements: LiveStatements;

  constructor(db: SqliteDatabase, live: () => LiveGeneration) {
    this.statements = new LiveStatements(db, live);
  }

  list(query: ChangesQuery): StateChangeRow[] {
    const column = COLUMN[query.axis];
    const where = [`c.${column} BETWEEN ? AND ?`];
    const params: (string | number)[] = [query.fromMs, query.toMs];
    for (const field of ['actor', 'target', 'channel'] as const) {
      const value = query[field];
      if (value === undefined) continue;
      where.push(`c.${field} = ?`);
      params.push(value);
    }
    if (query.axis === 'valid') {
      const knownAt = query.knownAtMs ?? Number.MAX_SAFE_INTEGER;
      const reportedBy = query.reportedByMs ?? Number.MAX_SAFE_INTEGER;
      // In effect as known: known itself, and no later version or retraction of its report known.
      where.push('c.on_key = 1', 'c.recorded_ms <= ?', 'c.reported_ms <= ?');
      where.push(`NOT EXISTS (SELECT 1 FROM versions v WHERE v.report_id = c.report_id
        AND v.position > c.position AND v.recorded_ms <= ? AND v.reported_ms <= ?)`);
      params.push(knownAt, reportedBy, knownAt, reportedBy);
    }
    const rows = this.statement(
      (t) =>
        `SELECT c.* FROM ${t('changes')} c WHERE ${where.join(' AND ').replace(/\bversions\b/, t('versions'))}
         ORDER BY c.${column}, c.position, c.actor, c.target, c.channel LIMIT ? OFFSET ?`,
    ).all(...params, query.limit, query.offset) as {
      position: number;
      actor: string;
      target: string;
      channel: string;
      event_id: string;
      report_id: string;
      kind: string;
      type: string;
      on_key: number;
      start_ms: number;
      recorded_ms: number;
      reported_ms: number;
    }[];
    return rows.map((r) => ({
      position: r.position,
      actor: r.actor,
      target: r.target,
      channel: r.channel,
      eventId: r.event_id,
      reportId: r.report_id,
      kind: r.kind,
      type: r.type,
      onKey: r.on_key === 1,
      startMs: r.start_ms,
      recordedMs: r.recorded_ms,
      reportedMs: r.reported_ms,
    }));
  }

  private statement(sql: (t: TableNamer) => string): SqliteStatement {
    return this.statements.get(sql);
  }
}
