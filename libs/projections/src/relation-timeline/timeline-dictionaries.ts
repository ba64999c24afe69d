import type { RelationKey } from '@entente/domain';
import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';

/** Entries kept in memory per dictionary; past it the cache starts afresh. */
const CACHED = 100_000;

/** The view of a key: the key space its rows belong to (see the schema). */
export const ALL_FACTS_BY_RECORD_TIME = 0;
/** Curated facts only: for the keys that ever met a machine-coded fact (the others need no copy). */
export const CURATED_BY_RECORD_TIME = 1;

/**
 * The ids of keys, given in the order keys first appear. Ids are integers so that every row, fact and
 * change names its key in a few bytes.
 */
export class KeyDictionary {
  /** By view, actor, target and channel (null: it has none): no string is built per lookup. */
  private ids = new Map<number, Map<string, Map<string, Map<string, number | null>>>>();
  private cachedIds = 0;
  private readonly keys = new Map<number, RelationKey & { readonly view: number }>();
  private readonly lookup: SqliteStatement<[string, string, string, number], number>;
  private readonly insert: SqliteStatement<[string, string, string, number]>;
  private readonly byId: SqliteStatement<[number], RelationKey & { readonly view: number }>;
  private readonly count: SqliteStatement<[], number>;
  /**
   * The cache holds every key of the tables: true for the sole dictionary from empty tables on (a
   * rebuild) until it is reset, so that a rebuild meeting a new key asks the tables nothing.
   */
  private complete: boolean | null = null;

  /**
   * `sole`: this dictionary gives every new id of its tables (the writer's), so that a key found to have
   * none keeps having none until it gives one; a reader's dictionary must ask again.
   */
  constructor(
    db: SqliteDatabase,
    t: TableNamer,
    private readonly sole = false,
  ) {
    this.lookup = db
      .prepare<[string, string, string, number], number>(
        `SELECT key_id FROM ${t('keys')} WHERE actor = ? AND target = ? AND channel = ? AND view = ?`,
      )
      .pluck();
    this.insert = db.prepare(
      `INSERT INTO ${t('keys')} (actor, target, channel, view) VALUES (?, ?, ?, ?)`,
    );
    this.byId = db.prepare(
      `SELECT actor, target, channel, view FROM ${t('keys')} WHERE key_id = ?`,
    );
    this.count = db.prepare<[], number>(`SELECT count(*) FROM ${t('keys')}`).pluck();
  }

  /** The key's id, or undefined if it has none yet. */
  find(key: RelationKey, view = ALL_FACTS_BY_RECORD_TIME): number | undefined {
    const cached = this.ids.get(view)?.get(key.actor)?.get(key.target)?.get(key.channel);
    if (cached !== undefined) return cached ?? undefined;
    this.complete ??= this.sole && this.count.get() === 0;
    if (this.complete) return undefined;
    const id = this.lookup.get(key.actor, key.target, key.channel, view);
    if (id !== undefined || this.sole) this.remember(view, id ?? null, key);
    return id;
  }

  idOf(key: RelationKey, view = ALL_FACTS_BY_RECORD_TIME): number {
    const found = this.find(key, view);
    if (found !== undefined) return found;
    const id = Number(this.insert.run(key.actor, key.target, key.channel, view).lastInsertRowid);
    this.remember(view, id, key);
    return id;
  }

  keyOf(id: number): RelationKey {
    const { actor, target, channel } = this.entry(id);
    return { actor, target, channel };
  }

  viewOf(id: number): number {
    return this.entry(id).view;
  }

  private entry(id: number): RelationKey & { readonly view: number } {
    const cached = this.keys.get(id);
    if (cached) return cached;
    const row = this.byId.get(id);
    if (!row) throw new Error(`timeline key ${id} is missing`);
    this.keys.set(id, row);
    return row;
  }

  /** Forgets what may have been rolled back. */
  reset(): void {
    this.complete = false;
    this.ids = new Map();
    this.cachedIds = 0;
    this.keys.clear();
  }

  private remember(view: number, id: number | null, key: RelationKey): void {
    if (++this.cachedIds >= CACHED) this.reset();
    const byActor = getOrSet(this.ids, view, () => new Map());
    const byTarget = getOrSet(byActor, key.actor, () => new Map());
    getOrSet(byTarget, key.target, () => new Map()).set(key.channel, id);
    if (id !== null) this.keys.set(id, { ...pairOf(key), view });
  }
}

/** Every condition text once, by id: the same few recur across thousands of facts and rows. */
export class ConditionDictionary {
  private readonly ids = new Map<string, number>();
  private readonly texts = new Map<number, string>();
  private readonly lookup: SqliteStatement<[string], number>;
  private readonly insert: SqliteStatement<[string]>;
  private readonly byId: SqliteStatement<[number], string>;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.lookup = db
      .prepare<[string], number>(`SELECT condition_id FROM ${t('conditions')} WHERE text = ?`)
      .pluck();
    this.insert = db.prepare(`INSERT INTO ${t('conditions')} (text) VALUES (?)`);
    this.byId = db
      .prepare<[number], string>(`SELECT text FROM ${t('conditions')} WHERE condition_id = ?`)
      .pluck();
  }

  idsOf(texts: readonly string[]): number[] {
    return texts.map((text) => this.idOf(text));
  }

  textsOf(ids: readonly number[]): string[] {
    return ids.map((id) => this.textOf(id));
  }

  reset(): void {
    this.ids.clear();
    this.texts.clear();
  }

  private idOf(text: string): number {
    const cached = this.ids.get(text);
    if (cached !== undefined) return cached;
    const id = this.lookup.get(text) ?? Number(this.insert.run(text).lastInsertRowid);
    this.remember(id, text);
    return id;
  }

  private textOf(id: number): string {
    const cached = this.texts.get(id);
    if (cached !== undefined) return cached;
    const text = this.byId.get(id);
    if (text === undefined) throw new Error(`timeline condition ${id} is missing`);
    this.remember(id, text);
    return text;
  }

  private remember(id: number, text: string): void {
    if (this.ids.size >= CACHED) this.reset();
    this.ids.set(text, id);
    this.texts.set(id, text);
  }
}

function pairOf({ actor, target, channel }: RelationKey): RelationKey {
  return { actor, target, channel };
}

function getOrSet<K, V>(map: Map<K, V>, key: K, made: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = made()));
  return value;
}
