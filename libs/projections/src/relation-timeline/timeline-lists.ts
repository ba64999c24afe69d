import { append, type SharedList } from '@entente/domain';
import { createHash } from 'node:crypto';
import { packIds, unpackIds, type PackedIds } from './timeline-codec';

/**
 * A list of event ids (a basis, the facts of a group) as a row stores it: its last items in the row, and
 * every item before them in chunks of a fixed size, each naming the chunk before it. A chunk's id is a
 * hash of its content, so the same list always has the same chunks whichever way it was built (by the
 * incremental writer or by a one-pass rebuild), and a list extended by one item shares every chunk of the
 * list it came from: a row version costs at most one chunk, however long its lists.
 */
export interface StoredList {
  /** The chunk holding every item before the tail; null when the tail is the whole list. */
  readonly chunk: Buffer | null;
  /** 1 to CHUNK items. */
  readonly tail: PackedIds;
}

export interface ChunkRecord {
  readonly before: Buffer | null;
  readonly items: PackedIds;
  /** Items up to and including this chunk's. */
  readonly length: number;
}

/** Where the chunks are kept. Writing a chunk that exists already does nothing. */
export interface ChunkStore {
  readChunk(id: Buffer): ChunkRecord;
  writeChunk(id: Buffer, chunk: ChunkRecord): void;
}

export const CHUNK = 16;

export class ListCodec {
  /** Cells whose list up to them is a stored chunk (lengths that are multiples of CHUNK). */
  private chunkIds = new WeakMap<SharedList<string>, Buffer>();

  constructor(
    private readonly chunks: ChunkStore,
    private readonly chunkSize = CHUNK,
  ) {}

  /** Forgets which chunks are stored: after a rollback, some may not be. */
  reset(): void {
    this.chunkIds = new WeakMap();
  }

  /** The stored form of a non-empty list, storing the chunks it needs. */
  store(list: SharedList<string>): StoredList {
    const chunked = Math.floor((list.length - 1) / this.chunkSize) * this.chunkSize;
    const tail: string[] = [];
    let cell: SharedList<string> | null = list;
    for (; cell !== null && cell.length > chunked; cell = cell.before) tail.push(cell.last);
    return { chunk: cell && this.chunkOf(cell), tail: packIds(tail.reverse()) };
  }

  load(stored: StoredList): SharedList<string> {
    const tail = unpackIds(stored.tail);
    let list: SharedList<string> | null = null;
    if (stored.chunk)
      list = this.chunkCell(stored.chunk, this.chunks.readChunk(stored.chunk).length);
    for (const id of tail) list = append(list, id);
    return list!;
  }

  /** Whether two lists hold the same items, comparing stored chunks by id instead of item by item. */
  same(a: SharedList<string> | null, b: SharedList<string> | null): boolean {
    while (a !== b) {
      if (a === null || b === null || a.length !== b.length || a.last !== b.last) return false;
      const [chunkA, chunkB] = [this.chunkIds.get(a), this.chunkIds.get(b)];
      if (chunkA && chunkB) return chunkA.equals(chunkB);
      a = a.before;
      b = b.before;
    }
    return true;
  }

  /** The id of the chunk ending at `top`, hashing (and storing) those not yet known, oldest first. */
  private chunkOf(top: SharedList<string>): Buffer {
    const unknown: SharedList<string>[] = [];
    let cell: SharedList<string> | null = top;
    let before: Buffer | null = null;
    while (cell !== null) {
      const known = this.chunkIds.get(cell);
      if (known) {
        before = known;
        break;
      }
      unknown.push(cell);
      cell = this.nth(cell, this.chunkSize);
    }
    for (const end of unknown.reverse()) {
      const items = packIds(this.itemsOf(end));
      const id = chunkId(before, items);
      this.chunks.writeChunk(id, { before, items, length: end.length });
      this.chunkIds.set(end, id);
      before = id;
    }
    return before!;
  }

  /** The last `chunkSize` items up to `end`. */
  private itemsOf(end: SharedList<string>): string[] {
    const items = new Array<string>(this.chunkSize);
    let cell: SharedList<string> | null = end;
    for (let i = this.chunkSize - 1; i >= 0; i--, cell = cell!.before) items[i] = cell!.last;
    return items;
  }

  private nth(cell: SharedList<string>, back: number): SharedList<string> | null {
    let found: SharedList<string> | null = cell;
    for (let i = 0; i < back && found !== null; i++) found = found.before;
    return found;
  }

  /** A cell standing for a stored chunk and everything before it, read only when walked. */
  private chunkCell(id: Buffer, length: number): SharedList<string> {
    let loaded: SharedList<string> | null = null;
    const load = (): SharedList<string> => {
      if (loaded) return loaded;
      const { before, items } = this.chunks.readChunk(id);
      let list = before ? this.chunkCell(before, length - this.chunkSize) : null;
      for (const item of unpackIds(items)) list = append(list, item);
      loaded = list!;
      return loaded;
    };
    const cell: SharedList<string> = {
      length,
      get last() {
        return load().last;
      },
      get before() {
        return load().before;
      },
    };
    this.chunkIds.set(cell, id);
    return cell;
  }
}

function chunkId(before: Buffer | null, items: PackedIds): Buffer {
  const hash = createHash('sha256');
  hash.update(before ?? Buffer.alloc(0));
  hash.update(typeof items === 'string' ? `j${items}` : items);
  return hash.digest().subarray(0, 16);
}
