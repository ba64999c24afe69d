import Database from 'better-sqlite3';
// The adapter's own module: the package index also loads the EventStoreDB client, which this bench never uses.
import { SqliteEventStore } from '@entente/event-store/sqlite/sqlite-event-store.adapter';
import { migrateEventStoreSchema } from '@entente/event-store/sqlite/sqlite-event-store.schema';
import { loadPeer } from '../../support/peers';
import type { BenchFact } from './events';

export type Durability = 'full' | 'normal';

/** One way of appending facts; every workload opens a fresh one on a fresh file. */
export interface Competitor {
  /** The table that holds one row per event, for counting what is committed. */
  readonly table: string;
  /** 100 facts, each its own new stream, in one transaction; absent when the competitor cannot. */
  readonly batchFacts?: (facts: readonly BenchFact[]) => Promise<unknown> | void;
  /** The facts' events as one new stream, in one call (one transaction). */
  batchStream(stream: string, facts: readonly BenchFact[]): Promise<unknown> | void;
  /** One fact in one call, committed before the call returns or resolves. */
  single(fact: BenchFact): Promise<unknown> | void;
  /** What it reports after the workload (e.g. transactions per append). */
  stats?(): Record<string, number>;
  close(): Promise<void> | void;
}

export type CompetitorFactory = (file: string, durability: Durability) => Promise<Competitor>;

/**
 * The physical limit: better-sqlite3 inserting the same rows into the same table (the store's own schema:
 * rowid position, unique event id, unique (stream, revision), index by type) with the same pragmas, a
 * prepared statement and nothing else: JSON.stringify of the data and an ISO record time per transaction,
 * no validation, no revision check, no returned events.
 */
export const raw: CompetitorFactory = async (file, durability) => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'normal' ? 'NORMAL' : 'FULL'}`);
  migrateEventStoreSchema(db);
  const insert = db.prepare(
    `INSERT INTO events (event_id, stream, revision, type, schema_version, data, recorded_at,
       recorded_by, correlation_id, causation_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRow = (fact: BenchFact, stream: string, revision: number, recordedAt: string) => {
    const { event } = fact;
    insert.run(
      event.eventId,
      stream,
      revision,
      event.type,
      event.schemaVersion,
      JSON.stringify(event.data),
      recordedAt,
      event.metadata.recordedBy,
      event.metadata.correlationId,
      event.metadata.causationId ?? null,
    );
  };
  const facts = db.transaction((batch: readonly BenchFact[]) => {
    const recordedAt = new Date().toISOString();
    for (const fact of batch) insertRow(fact, fact.stream, 0, recordedAt);
  });
  const stream = db.transaction((name: string, batch: readonly BenchFact[]) => {
    const recordedAt = new Date().toISOString();
    batch.forEach((fact, i) => insertRow(fact, name, i, recordedAt));
  });
  return {
    table: 'events',
    batchFacts: (batch) => facts(batch),
    batchStream: (name, batch) => stream(name, batch),
    // Autocommit: one implicit transaction, and so one commit, per insert.
    single: (fact) => insertRow(fact, fact.stream, 0, new Date().toISOString()),
    close: () => {
      db.close();
    },
  };
};

/** Entente's embedded store, through its port, as the API uses it: one stream per fact, `no-stream`. */
export const ours: CompetitorFactory = async (file, durability) => {
  const store = SqliteEventStore.open({ file, durability });
  return {
    table: 'events',
    // Appends issued together share one transaction and one fsync (group commit).
    batchFacts: (batch) =>
      Promise.all(
        batch.map((f) => store.append(f.stream, [f.event], { expectedRevision: 'no-stream' })),
      ),
    batchStream: (name, batch) =>
      store.append(
        name,
        batch.map((f) => f.event),
        { expectedRevision: 'no-stream' },
      ),
    single: (fact) => store.append(fact.stream, [fact.event], { expectedRevision: 'no-stream' }),
    stats: () => {
      const { transactions, requests } = store.commitStats();
      return { transactions, requests };
    },
    close: () => store.close(),
  };
};

interface EmmettEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

interface EmmettAppendOptions {
  readonly expectedStreamVersion: string;
}

/** What the bench uses of @event-driven-io/emmett-sqlite 0.38.5 (bench/package.json). */
interface EmmettSqlite {
  sqliteConnection(options: { fileName: string }): {
    command(sql: string): Promise<unknown>;
    close(): void;
  };
  createEventStoreSchema(connection: ReturnType<EmmettSqlite['sqliteConnection']>): Promise<void>;
  appendToStream(
    connection: ReturnType<EmmettSqlite['sqliteConnection']>,
    stream: string,
    streamType: string,
    events: EmmettEvent[],
    options: EmmettAppendOptions,
  ): Promise<{ success: boolean }>;
  getSQLiteEventStore(options: { fileName: string }): {
    appendToStream(
      stream: string,
      events: EmmettEvent[],
      options: EmmettAppendOptions,
    ): Promise<unknown>;
  };
}

let emmettModule: Promise<EmmettSqlite> | undefined;

/**
 * Emmett and its sqlite3 addon, installed into bench/ and loaded on first use: a failed install or build
 * makes Emmett unavailable, not the bench.
 */
export function loadEmmett(
  log: (message: string) => void = () => undefined,
): Promise<EmmettSqlite> {
  emmettModule ??= loadPeer<EmmettSqlite>('@event-driven-io/emmett-sqlite', log);
  return emmettModule;
}

const STREAM_DOES_NOT_EXIST = 'STREAM_DOES_NOT_EXIST';

function emmettEvents(batch: readonly BenchFact[]): EmmettEvent[] {
  return batch.map((f) => ({
    type: f.event.type,
    data: f.event.data as unknown as Record<string, unknown>,
    metadata: {
      recordedBy: f.event.metadata.recordedBy,
      correlationId: f.event.metadata.correlationId,
    },
  }));
}

/**
 * Emmett's SQLite event store through its exported lower-level functions, on one connection kept open:
 * `sqliteConnection` (the sqlite3 package, WAL) and `appendToStream`. This is the only way to set its
 * PRAGMA synchronous, so it is the like-for-like peer at both durabilities.
 */
export const emmett: CompetitorFactory = async (file, durability) => {
  const { sqliteConnection, createEventStoreSchema, appendToStream } = await loadEmmett();
  const connection = sqliteConnection({ fileName: file });
  await connection.command(`PRAGMA synchronous = ${durability === 'normal' ? 'NORMAL' : 'FULL'}`);
  await createEventStoreSchema(connection);
  const append = async (stream: string, batch: readonly BenchFact[]) => {
    const result = await appendToStream(connection, stream, 'report', emmettEvents(batch), {
      expectedStreamVersion: STREAM_DOES_NOT_EXIST,
    });
    if (!result.success) throw new Error(`Emmett refused the append to ${stream}`);
  };
  return {
    table: 'emt_messages',
    batchStream: append,
    single: (fact) => append(fact.stream, [fact]),
    close: () => connection.close(),
  };
};

/**
 * Emmett as its documentation shows it: `getSQLiteEventStore({ fileName })`. For a file it opens a new
 * sqlite3 connection for every call and closes it after; the connection is never exposed outside a
 * transaction, and SQLite refuses to change PRAGMA synchronous inside one, so it always runs at sqlite3's
 * default, synchronous=FULL (node-sqlite3 does not override SQLITE_DEFAULT_WAL_SYNCHRONOUS).
 */
export const emmettStore: CompetitorFactory = async (file, durability) => {
  if (durability !== 'full') throw new Error('getSQLiteEventStore runs at synchronous=FULL only');
  const { getSQLiteEventStore } = await loadEmmett();
  const store = getSQLiteEventStore({ fileName: file });
  const append = async (stream: string, batch: readonly BenchFact[]) => {
    await store.appendToStream(stream, emmettEvents(batch), {
      expectedStreamVersion: STREAM_DOES_NOT_EXIST,
    });
  };
  return {
    table: 'emt_messages',
    batchStream: append,
    single: (fact) => append(fact.stream, [fact]),
    close: () => undefined,
  };
};
