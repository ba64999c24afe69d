import { pairsOf, upcast, type PairKey } from '@entente/domain';
import { EVENT_STORE, type EventStore } from '@entente/event-store';
import {
  EventIndexQueries,
  ProjectionManager,
  RELATION_TIMELINE,
  RelationTimelineQueries,
  type AppliedBatch,
  type TimelineChange,
} from '@entente/projections';
import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { Response } from 'express';
import type { Subscription } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { isAfter, liveId, type LiveCursor } from './live-cursor';
import { frame, liveItems, passes, type LiveFilter, type LiveItem } from './live-frames';

const PAGE = 500;
/** How long a client may leave the server's writes unread before it counts as gone. */
const SLOW_CONSUMER_GRACE_MS = 10_000;

interface LiveClient {
  readonly res: Response;
  readonly filter: LiveFilter;
  /** Equal for equal filters: clients that share one are written the same bytes. */
  readonly filterKey: string;
  /** The last position whose messages were all written. */
  last: number;
  /** A resume in the middle of a position: messages up to this one were seen before. */
  resumeAfter: LiveCursor | null;
  catchingUp: boolean;
}

/**
 * Server-sent events: one message per recorded event and one per timeline change, `id:` the position and
 * the message's index in it. Live batches are handed over in memory when a client has seen exactly up to
 * where a batch starts; otherwise (a new client, a resumed one, a rebuild swap) the client catches up from
 * the store and the timeline's change log first, written only as fast as the client reads. Either way it
 * never misses a message nor sees one twice.
 */
@Injectable()
export class LiveFeed implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Live');
  private readonly clients = new Set<LiveClient>();
  private subscription: Subscription | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionManager,
    private readonly timeline: RelationTimelineQueries,
    private readonly index: EventIndexQueries,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subscription = this.projections
      .applied$<TimelineChange>(RELATION_TIMELINE)
      .subscribe((batch) => this.deliver(batch));
    this.heartbeat = setInterval(() => {
      for (const client of this.clients)
        this.write(client, `: heartbeat ${new Date().toISOString()}\n\n`);
    }, this.config.sse.heartbeatMs);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    clearInterval(this.heartbeat);
  }

  /** Live clients are told the server is going away, so they reconnect elsewhere or later. */
  closeAll(reason: 'shutdown'): void {
    for (const client of [...this.clients]) this.close(client, reason);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** `after`: resume after this message (or all of a position); null: from now on. */
  open(res: Response, filter: LiveFilter, after: LiveCursor | null): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const midPosition = after !== null && Number.isFinite(after.index);
    const client: LiveClient = {
      res,
      filter,
      filterKey: keyOf(filter),
      last:
        after === null
          ? this.projections.position(RELATION_TIMELINE)
          : after.position - (midPosition ? 1 : 0),
      resumeAfter: midPosition ? after : null,
      catchingUp: false,
    };
    // An id without data dispatches nothing but sets Last-Event-ID: a client dropped before its first
    // message still resumes from where it started (mid-position included), not from whenever it reconnects.
    const startedAt = client.resumeAfter
      ? liveId(client.resumeAfter.position, client.resumeAfter.index)
      : String(client.last);
    res.write(`retry: 2000\nid: ${startedAt}\n\n`);
    this.clients.add(client);
    res.on('close', () => this.clients.delete(client));
    void this.catchUp(client);
  }

  /**
   * A live batch is encoded once per filter, not once per client: with a thousand followers the writes
   * are most of the server's work, and a Buffer goes to the socket as it is, where a string would be
   * encoded again for each of them.
   */
  private deliver(batch: AppliedBatch<TimelineChange>): void {
    if (this.clients.size === 0) return;
    let items: LiveItem[] | undefined;
    const chunks = new Map<string, Buffer | null>();
    for (const client of this.clients) {
      if (client.catchingUp || batch.position <= client.last) continue;
      // A one-pass catch-up lists nothing: what it covered is read like any gap.
      if (batch.from !== client.last || batch.summarized) {
        void this.catchUp(client);
        continue;
      }
      items ??= liveItems(batch.events, batch.changes, (id) => this.keysOfReport(id));
      // A client resuming mid-position skips what it saw: its bytes are its own.
      const shared = client.resumeAfter === null;
      let chunk = shared ? chunks.get(client.filterKey) : undefined;
      if (chunk === undefined) {
        chunk = encoded(this.framesFor(client, items));
        if (shared) chunks.set(client.filterKey, chunk);
      }
      if (chunk) this.write(client, chunk);
      this.advance(client, batch.position);
    }
  }

  private async catchUp(client: LiveClient): Promise<void> {
    if (client.catchingUp) return;
    client.catchingUp = true;
    try {
      while (this.clients.has(client)) {
        const until = this.projections.position(RELATION_TIMELINE);
        if (client.last >= until) break;
        const events = (await this.store.readAll({ from: client.last, maxCount: PAGE })).filter(
          (e) => e.position <= until,
        );
        const upTo = events.length === PAGE ? events[events.length - 1].position : until;
        const changes = this.timeline.changesAfter(client.last, upTo, Number.MAX_SAFE_INTEGER);
        const items = liveItems(events, changes, (id) => this.keysOfReport(id));
        if (!(await this.sendAsRead(client, items, upTo))) return;
      }
    } catch (error) {
      this.logger.error(`a live client could not catch up: ${(error as Error).message}`);
      this.close(client, 'error');
    } finally {
      client.catchingUp = false;
    }
  }

  /**
   * Catch-up: as much history as the client asks for, but never more in the socket's buffer than it has
   * room for; the next message waits for the buffer to drain. False when the client went away or stopped
   * reading for longer than the grace period (then it is cut off as a slow consumer).
   */
  private async sendAsRead(
    client: LiveClient,
    items: readonly LiveItem[],
    upTo: number,
  ): Promise<boolean> {
    for (const chunk of this.framesFor(client, items)) {
      if (!this.clients.has(client)) return false;
      if (client.res.write(chunk) || (await drained(client.res, SLOW_CONSUMER_GRACE_MS))) continue;
      if (this.clients.has(client)) this.close(client, 'slow-consumer');
      return false;
    }
    this.advance(client, upTo);
    return this.clients.has(client);
  }

  private framesFor(client: LiveClient, items: readonly LiveItem[]): string[] {
    const resumeAfter = client.resumeAfter;
    return items
      .filter(
        (item) =>
          (resumeAfter === null || isAfter(item, resumeAfter)) && passes(item, client.filter),
      )
      .map((item) => item.frame);
  }

  private advance(client: LiveClient, upTo: number): void {
    client.last = upTo;
    if (client.resumeAfter && upTo >= client.resumeAfter.position) client.resumeAfter = null;
  }

  /** A client that reads slower than events arrive is cut off rather than buffered without bound. */
  private write(client: LiveClient, chunk: string | Buffer): void {
    if (!this.clients.has(client)) return;
    if (client.res.writableLength > this.config.sse.bufferLimitBytes) {
      this.close(client, 'slow-consumer');
      return;
    }
    client.res.write(chunk);
  }

  private close(client: LiveClient, reason: 'shutdown' | 'slow-consumer' | 'error'): void {
    this.clients.delete(client);
    client.res.end(frame('closing', null, { reason, last: client.last }));
    // What is already buffered, closing message included, still reaches a client that resumes reading;
    // one that never does is dropped for good.
    if (reason === 'slow-consumer')
      setTimeout(() => client.res.destroy(), SLOW_CONSUMER_GRACE_MS).unref();
  }

  /** The last position recorded: a client cannot have seen beyond it. */
  head(): Promise<number> {
    return this.store.headPosition();
  }

  private keysOfReport(reportId: string): readonly PairKey[] {
    const report = this.index.byId(reportId);
    if (!report) return [];
    return pairsOf(upcast(report.type, report.schemaVersion, report.data).data);
  }
}

/** Resolves true once the response's buffer drains, false if it closes or `ms` pass first. */
function drained(res: Response, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (result: boolean) => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(result);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), ms);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

function keyOf(filter: LiveFilter): string {
  return JSON.stringify([
    filter.actor,
    filter.target,
    filter.between,
    filter.channel,
    filter.types && [...filter.types].sort(),
  ]);
}

function encoded(frames: readonly string[]): Buffer | null {
  return frames.length > 0 ? Buffer.from(frames.join(''), 'utf8') : null;
}
