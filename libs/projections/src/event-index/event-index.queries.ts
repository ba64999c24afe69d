import type { RecordedFact } from '@entente/domain';
import {
  toRecordedEvent,
  type EventRow,
  type RecordedEvent,
  type SqliteDatabase,
  type SqliteStatement,
} from '@entente/event-store';
import type { LiveGeneration } from '../runner/projection-manager';

export interface EventQuery {
  /** The acting side of a pair. */
  readonly actor?: string;
  /** The receiving side of a pair. */
  readonly target?: string;
  /** Matches the channel, and context about the pair as a whole. */
  readonly channel?: string;
  /** Either side, or the speaker. */
  readonly involving?: string;
  readonly types?: readonly string[];
  /** The organ that acted, or was acted on (facts, and corrections whose replacement says so). */
  readonly actorRole?: string;
  readonly targetRole?: string;
  readonly evidence?: string;
  /** The coding's dataset: icews, gdelt... */
  readonly dataset?: string;
  /** Exclusive position: the page after this one. */
  readonly after?: number;
  readonly limit: number;
}

/** Reads the live generation of the event index. */
export class EventIndexQueries {
  private cached: { generation: number; statements: Map<string, SqliteStatement> } | null = null;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly live: () => LiveGeneration,
  ) {}

  byId(eventId: string): RecordedEvent | undefined {
    const row = this.statement((t) => `SELECT * FROM ${t('events')} WHERE event_id = ?`).get(
      eventId.toLowerCase(),
    ) as EventRow | undefined;
    return row ? toRecordedEvent(row) : undefined;
  }

  /** Where an event lives, and the report it belongs to (itself, for a report). */
  locate(eventId: string): { stream: string; reportId: string | null } | undefined {
    const row = this.statement(
      (t) => `SELECT stream, report_id FROM ${t('events')} WHERE event_id = ?`,
    ).get(eventId.toLowerCase()) as { stream: string; report_id: string | null } | undefined;
    return row ? { stream: row.stream, reportId: row.report_id } : undefined;
  }

  /** The channels on which anything, state change or context, was recorded for a directed pair. */
  channelsOf(actor: string, target: string): string[] {
    return this.statement(
      (t) =>
        `SELECT DISTINCT channel FROM ${t('event_keys')} WHERE actor = ? AND target = ? AND channel <> ''
         ORDER BY channel`,
    )
      .pluck()
      .all(actor, target) as string[];
  }

  /** The retractions and corrections recorded for a report, in record order. */
  amendmentsOf(reportId: string): RecordedEvent[] {
    const rows = this.statement(
      (t) => `SELECT * FROM ${t('events')} WHERE report_id = ? AND event_id <> ? ORDER BY position`,
    ).all(reportId, reportId) as EventRow[];
    return rows.map(toRecordedEvent);
  }

  list(query: EventQuery): RecordedEvent[] {
    const where: string[] = ['e.position > ?'];
    const params: (string | number)[] = [query.after ?? 0];
    let from = 'events e';
    if (query.actor !== undefined || query.target !== undefined || query.channel !== undefined) {
      from = `event_keys k JOIN events e ON e.position = k.position`;
      for (const [column, value] of [
        ['k.actor', query.actor],
        ['k.target', query.target],
      ] as const) {
        if (value !== undefined) {
          where.push(`${column} = ?`);
          params.push(value);
        }
      }
      if (query.channel !== undefined) {
        where.push(`k.channel IN (?, '')`);
        params.push(query.channel);
      }
    }
    if (query.involving !== undefined) {
      where.push('e.position IN (SELECT position FROM event_actors WHERE actor = ?)');
      params.push(query.involving);
    }
    if (query.types && query.types.length > 0) {
      where.push(`e.type IN (${query.types.map(() => '?').join(', ')})`);
      params.push(...query.types);
    }
    for (const [path, value] of [
      ['actorRole', query.actorRole],
      ['targetRole', query.targetRole],
      ['coding.dataset', query.dataset],
    ] as const) {
      if (value === undefined) continue;
      where.push(`${fieldOf(path)} = ?`);
      params.push(value);
    }
    if (query.evidence !== undefined) {
      // Facts stored before evidence existed were curated.
      where.push(`coalesce(${fieldOf('evidence')}, 'curated') = ?`);
      params.push(query.evidence);
    }
    const rows = this.statement(
      (t) =>
        `SELECT DISTINCT e.* FROM ${qualify(from, t)} WHERE ${qualify(where.join(' AND '), t)}
         ORDER BY e.position LIMIT ?`,
    ).all(...params, query.limit) as EventRow[];
    return rows.map(toRecordedEvent);
  }

  /** How each of these facts was established, by id (a correction: its replacement's evidence). */
  evidenceOf(eventIds: readonly string[]): Map<string, string> {
    const rows = this.statement(
      (t) =>
        `SELECT e.event_id AS id, coalesce(${fieldOf('evidence')}, 'curated') AS evidence
         FROM json_each(?) ids JOIN ${t('events')} e ON e.event_id = ids.value`,
    ).all(JSON.stringify(eventIds)) as { id: string; evidence: string }[];
    return new Map(rows.map((row) => [row.id, row.evidence]));
  }

  /** Every event filed under a directed pair, on any channel or none, as the domain's fold reads them. */
  factsOfPair(actor: string, target: string): RecordedFact[] {
    const rows = this.statement(
      (t) =>
        `SELECT DISTINCT e.* FROM ${t('event_keys')} k JOIN ${t('events')} e ON e.position = k.position
         WHERE k.actor = ? AND k.target = ? ORDER BY e.position`,
    ).all(actor, target) as EventRow[];
    return rows.map((row) => toFact(toRecordedEvent(row)));
  }

  /** Every event filed under a key: its reports and their amendments, as the domain's fold reads them. */
  factsOf(actor: string, target: string, channel: string): RecordedFact[] {
    const rows = this.statement(
      (t) =>
        `SELECT e.* FROM ${t('event_keys')} k JOIN ${t('events')} e ON e.position = k.position
         WHERE k.actor = ? AND k.target = ? AND k.channel IN (?, '') ORDER BY e.position`,
    ).all(actor, target, channel) as EventRow[];
    return rows.map((row) => toFact(toRecordedEvent(row)));
  }

  private statement(sql: (t: LiveGeneration['tables']) => string): SqliteStatement {
    const { generation, tables } = this.live();
    if (this.cached?.generation !== generation) this.cached = { generation, statements: new Map() };
    const text = sql(tables);
    let statement = this.cached.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.cached.statements.set(text, statement);
    }
    return statement;
  }
}

/** A field of a fact's data, or of the replacement a correction carries. */
function fieldOf(path: string): string {
  return `coalesce(json_extract(e.data, '$.${path}'), json_extract(e.data, '$.replacement.${path}'))`;
}

/** Table names in a fragment, generation-qualified. */
function qualify(fragment: string, t: LiveGeneration['tables']): string {
  return fragment.replace(/\b(events|event_keys|event_actors)\b(?=\s|$)/g, (name) => t(name));
}

export function toFact(event: RecordedEvent): RecordedFact {
  return {
    eventId: event.eventId,
    position: event.position,
    recordedAt: event.metadata.recordedAt,
    recordedBy: event.metadata.recordedBy,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
  };
}
