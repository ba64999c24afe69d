import type { RecordedFact } from '@entente/domain';
import {
  toRecordedEvent,
  type EventRow,
  type RecordedEvent,
  type SqliteDatabase,
  type SqliteStatement,
} from '@entente/event-store';
import { LiveStatements } from '../runner/live-statements';
import type { LiveGeneration } from '../runner/projection-manager';
import type { TableNamer } from '../runner/projection';

/** An event index row as stored: its data as JSON text. */
export interface StoredEventRow extends EventRow {
  readonly report_id: string | null;
}

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
  private readonly statements: LiveStatements;

  constructor(db: SqliteDatabase, live: () => LiveGeneration) {
    this.statements = new LiveStatements(db, live);
  }

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

  /**
   * The FROM and WHERE of a query, their parameters, and the position column the page is cut and
   * ordered by. That column is the one of the table the search starts from (a key's or an actor's
   * index, in position order), so that a page reads as far as its last row and no further: ordered by
   * the events' own position, SQLite sorted every match of an actor before taking the first 50, and a
   * page cost what the actor's whole history did.
   */
  private filterOf(query: EventQuery): {
    from: string;
    where: string[];
    params: (string | number)[];
    position: string;
    /** Only a join with the keys can match an event twice. */
    distinct: '' | 'DISTINCT';
  } {
    const byKey =
      query.actor !== undefined || query.target !== undefined || query.channel !== undefined;
    const byActor = !byKey && query.involving !== undefined;
    const position = byKey ? 'k.position' : byActor ? 'a.position' : 'e.position';
    const where: string[] = [`${position} > ?`];
    const params: (string | number)[] = [query.after ?? 0];
    let from = 'events e';
    if (byKey) {
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
    if (byActor) {
      from = `event_actors a JOIN events e ON e.position = a.position`;
      where.push('a.actor = ?');
      params.push(query.involving!);
    } else if (query.involving !== undefined) {
      where.push('e.position IN (SELECT position FROM event_actors WHERE actor = ?)');
      params.push(query.involving);
    }
    if (query.types && query.types.length > 0) {
      where.push(`e.type IN (${query.types.map(() => '?').join(', ')})`);
      params.push(...query.types);
    }
    for (const [column, value] of [
      ['e.actor_role', query.actorRole],
      ['e.target_role', query.targetRole],
      ['e.dataset', query.dataset],
      ['e.evidence', query.evidence],
    ] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    return { from, where, params, position, distinct: byKey ? 'DISTINCT' : '' };
  }

  list(query: EventQuery): RecordedEvent[] {
    const { from, where, params, position, distinct } = this.filterOf(query);
    const rows = this.statement(
      (t) =>
        `SELECT ${distinct} e.* FROM ${qualify(from, t)} WHERE ${qualify(where.join(' AND '), t)}
         ORDER BY ${position} LIMIT ?`,
    ).all(...params, query.limit) as EventRow[];
    return rows.map(toRecordedEvent);
  }

  /**
   * A page of matching events as stored (data as its JSON text), for exports that pass the text through instead of parsing and writing it again.
   */
  storedPage(query: EventQuery): StoredEventRow[] {
    const { from, where, params, position, distinct } = this.filterOf(query);
    return this.statement(
      (t) =>
        `SELECT ${distinct} e.position, e.event_id, e.stream, e.revision, e.type, e.schema_version, e.data,
           e.recorded_at, e.recorded_by, e.correlation_id, e.causation_id, e.report_id
         FROM ${qualify(from, t)} WHERE ${qualify(where.join(' AND '), t)}
         ORDER BY ${position} LIMIT ?`,
    ).all(...params, query.limit) as StoredEventRow[];
  }

  /** The stored amendments of several reports, in record order. */
  storedAmendments(reportIds: readonly string[]): StoredEventRow[] {
    return this.statement(
      (t) =>
        `SELECT e.position, e.event_id, e.stream, e.revision, e.type, e.schema_version, e.data,
           e.recorded_at, e.recorded_by, e.correlation_id, e.causation_id, e.report_id
         FROM json_each(?) ids JOIN ${t('events')} e ON e.report_id = ids.value
         WHERE e.event_id <> e.report_id ORDER BY e.position`,
    ).all(JSON.stringify(reportIds)) as StoredEventRow[];
  }

  /** How each of these facts was established, by id (a correction: its replacement's evidence). */
  evidenceOf(eventIds: readonly string[]): Map<string, string> {
    const rows = this.statement(
      (t) =>
        `SELECT e.event_id AS id, e.evidence FROM json_each(?) ids JOIN ${t('events')} e ON e.event_id = ids.value`,
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

  private statement(sql: (t: TableNamer) => string): SqliteStatement {
    return this.statements.get(sql);
  }
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
