import type { SqliteDatabase } from '@entente/event-store';
import type { LiveGeneration } from '../runner/projection-manager';

export interface RegisteredActor {
  readonly code: string;
  readonly name: string;
  readonly kind: 'government' | 'organization' | 'person';
  readonly affiliation: string | null;
  readonly office: string | null;
  readonly eventId: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

interface ActorRow {
  readonly code: string;
  readonly name: string;
  readonly kind: RegisteredActor['kind'];
  readonly affiliation: string | null;
  readonly office: string | null;
  readonly event_id: string;
  readonly recorded_at: string;
  readonly recorded_by: string;
}

export class ActorRegistryQueries {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly live: () => LiveGeneration,
  ) {}

  all(): RegisteredActor[] {
    const { tables } = this.live();
    return this.db
      .prepare<[], ActorRow>(`SELECT * FROM ${tables('actors')} ORDER BY code`)
      .all()
      .map(toActor);
  }

  get(code: string): RegisteredActor | undefined {
    const { tables } = this.live();
    const row = this.db
      .prepare<[string], ActorRow>(`SELECT * FROM ${tables('actors')} WHERE code = ?`)
      .get(code);
    return row ? toActor(row) : undefined;
  }
}

function toActor(row: ActorRow): RegisteredActor {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    affiliation: row.affiliation,
    office: row.office,
    eventId: row.event_id,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}
