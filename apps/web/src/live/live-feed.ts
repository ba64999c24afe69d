import { query } from '../api/http';
import type { EventView, RelationChange } from '../api/types';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveHandlers {
  readonly event: (event: EventView) => void;
  readonly relation: (change: RelationChange) => void;
  readonly state: (state: ConnectionState) => void;
  /**
   * The stream is open. `resync`: it started afresh rather than resuming where the last one stopped,
   * so what happened in between must be read again.
   */
  readonly open: (resync: boolean) => void;
  /** The browser gave up on the stream (e.g. the session ended): before it is opened again. */
  readonly lost: () => Promise<void>;
}

const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];

/**
 * A live feed over EventSource. A dropped connection is resumed by the browser with
 * Last-Event-ID, which the API answers with exactly what was missed; if the browser gives up (a refused
 * reconnection), a new stream is opened after the last message seen, or, before any, afresh.
 */
export class LiveFeed {
  private source: EventSource | undefined;
  private lastId: string | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly filter: Readonly<Record<string, string>>,
    private readonly on: LiveHandlers,
  ) {
    this.connect(false);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.source?.close();
  }

  private connect(reopened: boolean): void {
    if (this.closed) return;
    const after = this.lastId;
    const source = new EventSource(`/v1/live${query({ ...this.filter, after })}`);
    this.source = source;
    this.on.state('connecting');
    let resync = reopened && after === null;
    source.onopen = () => {
      this.attempt = 0;
      this.on.state('live');
      this.on.open(resync);
      resync = false;
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CONNECTING) {
        this.on.state('reconnecting');
        return;
      }
      source.close();
      this.on.state('offline');
      const delay = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)];
      this.timer = setTimeout(() => {
        void this.on.lost().finally(() => this.connect(true));
      }, delay);
    };
    source.addEventListener('event', (message) => {
      this.lastId = message.lastEventId || this.lastId;
      this.on.event(JSON.parse(message.data) as EventView);
    });
    source.addEventListener('relation', (message) => {
      this.lastId = message.lastEventId || this.lastId;
      this.on.relation(JSON.parse(message.data) as RelationChange);
    });
    // The server says it is going away; the browser reconnects by itself after `retry`.
    source.addEventListener('closing', () => this.on.state('reconnecting'));
  }
}
