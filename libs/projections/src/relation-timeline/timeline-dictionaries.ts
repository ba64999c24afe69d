import type { RelationKey } from '@entente/domain';
import type { SqliteDatabase, SqliteStatement } from '@entente/event-store';
import type { TableNamer } from '../runner/projection';

/** Entries kept in memory per dictionary; past it the cache starts afresh. */
const CACHED = 100_000;

/** The view of a key: the key space its rows belong to (see the schema). */
export const ALL_FACTS_BY_RECORD_TIME = 0;

/**
 * The ids of keys, given in the order keys first appear. Ids are integers so that every row, fact and
 * change names its key in a few bytes.
 */
export class KeyDictionary {
  /** By view, actor, target and channel: no string is built per lookup. */
  private ids = new Map<number, Map<string, Map<string, Map<string, number>>>>();
  private cachedIds = 0;
  private readonly keys = new Map<number, RelationKey>();
  private readonly lookup: SqliteStatement<[string, string, string, number], number>;
  private readonly insert: SqliteStatement<[string, string, string, number]>;
  private readonly byId: SqliteStatement<[number], RelationKey>;

  constructor(db: SqliteDatabase, t: TableNamer) {
    this.lookup = db
      .prepare<[string, string, string, number], number>(
        `SELECT key_id FROM ${t('keys')} WHERE actor = ? AND target = ? AND channel = ? AND view = ?`,
      )
      .pluck();
    this.insert = db.prepare(
      `INSERT INTO ${t('keys')} (actor, target, channel, view) VALUES (?, ?, ?, ?)`,
    );
    this.byId = db.prepare(`SELECT actor, target, channel FROM ${t('keys')} WHERE key_id = ?`);
  }

  /** The key's id, or undefined if it has none yet. */
  find(key: RelationKey, view = ALL_FACTS_BY_RECORD_TIME): number | undefined {
    const cached = this.ids.get(view)?.get(key.actor)?.get(key.target)?.get(key.channel);
    if (cached !== undefined) return cached;
    const id = this.lookup.get(key.actor, key.target, key.channel, view);
    if (id !== undefined) this.remember(view, id, key);
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
    const cached = this.keys.get(id);
    if (cached) return cached;
    const row = this.byId.get(id);
    if (!row) throw new Error(`timeline key ${id} is missing`);
    const key = { actor: row.actor, target: row.target, channel: row.channel };
    this.keys.set(id, key);
    return key;
  }

  /** Forgets what may have been rolled back. */
  reset(): void {
    this.ids = new Map();
    this.cachedIds = 0;
    this.keys.clear();
  }

  private remember(view: number, id: number, key: RelationKey): void {
    if (++this.cachedIds >= CACHED) this.reset();
    const byActor = getOrSet(this.ids, view, () => new Map());
    const byTarget = getOrSet(byActor, key.actor, () => new Map());
    getOrSet(byTarget, key.target, () => new Map()).set(key.channel, id);
    this.keys.set(id, { actor: key.actor, target: key.target, channel: key.channel });
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

function getOrSet<K, V>(map: Map<K, V>, key: K, made: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = made()));
  return value;
}
