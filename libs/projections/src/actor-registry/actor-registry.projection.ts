import type { ActorRegisteredData } from '@entente/domain';
import type { RecordedEvent, SqliteDatabase } from '@entente/event-store';
import type { ProjectionDefinition, ProjectionWriter, TableNamer } from '../runner/projection';

export const ACTOR_REGISTRY = 'actor-registry';

export const actorRegistryProjection: ProjectionDefinition<never> = {
  name: ACTOR_REGISTRY,
  version: 1,
  handles: ['ActorRegistered'],
  open: (db, tables) => new ActorRegistryWriter(db, tables),
};

/** Bodies, people and other actors registered beyond the ISO 3166 governments. */
class ActorRegistryWriter implements ProjectionWriter<never> {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly t: TableNamer,
  ) {}

  create(): void {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS ${this.t('actors')} (
        code        TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL,
        affiliation TEXT,
        office      TEXT,
        event_id    TEXT NOT NULL,
        position    INTEGER NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL
      )`);
  }

  drop(): void {
    this.db.exec(`DROP TABLE IF EXISTS ${this.t('actors')}`);
  }

  reset(): void {}

  apply(events: readonly RecordedEvent[]): never[] {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO ${this.t('actors')}
         (code, name, kind, affiliation, office, event_id, position, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const event of events) {
      const data = event.data as ActorRegisteredData;
      insert.run(
        data.code,
        data.name,
        data.kind,
        data.affiliation,
        data.office,
        event.eventId,
        event.position,
        event.metadata.recordedAt,
        event.metadata.recordedBy,
      );
    }
    return [];
  }
}
