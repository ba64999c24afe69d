import {
  AccessDeniedError,
  InvalidArgumentError,
  START,
  UnsupportedError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { Observable, type Subscriber } from 'rxjs';
import type { SubscribeOptions, SubscriptionMessage } from '../event-store.port';
import type { ConnectionStatus } from './eventstoredb-connection-status';
import { accepts, serverSideFilter, type CheckpointSettings } from './eventstoredb-filter';
import { toRecordedEvent } from './eventstoredb-event.mapper';
import { toLogPosition, toPortPosition } from './eventstoredb-position';
import { backoffDelay, type Backoff } from './eventstoredb-retry';

export interface SubscriptionSettings {
  readonly backoff: Backoff;
  readonly checkpoints: CheckpointSettings;
}

/**
 * A subscription to $all that outlives its connections. The client does not resubscribe by itself: when
 * the call fails (connection reset, node restarting or not ready, not leader), this opens a new one from
 * the last position fully considered, after a backoff, and reports itself reconnecting meanwhile. Resuming
 * from that position, and ignoring anything at or before it, is what keeps delivery exactly-once.
 */
export function subscribeToAll(
  client: EventStoreDBClient,
  options: SubscribeOptions,
  settings: SubscriptionSettings,
  status: ConnectionStatus,
  open: Set<{ end(): void }>,
): Observable<SubscriptionMessage> {
  return new Observable<SubscriptionMessage>((subscriber) => {
    const subscription = new ResilientSubscription(client, options, settings, status, subscriber);
    open.add(subscription);
    subscription.open();
    return () => {
      open.delete(subscription);
      subscription.close();
    };
  });
}

class ResilientSubscription {
  /** Everything up to here was delivered or did not match: where a new call starts from. */
  private considered: number;
  /** The last position the subscriber was told about. */
  private announced: number;
  private caughtUp = false;
  private failures = 0;
  private call: AllStreamSubscription | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly settings: SubscriptionSettings,
    private readonly status: ConnectionStatus,
    private readonly subscriber: Subscriber<SubscriptionMessage>,
  ) {
    this.considered = options.from ?? 0;
    this.announced = this.considered;
  }

  open(): void {
    if (this.closed) return;
    const from = toLogPosition(this.considered);
    // The client hands checkpoints and caught-up over as soon as it parses them, while events it parsed
    // before may still sit in its buffer: each marker waits for the events that preceded it on the wire.
    let delivered = 0;
    const markers: { after: number; run: () => void }[] = [];
    const flush = () => {
      while (markers.length > 0 && markers[0].after <= delivered) markers.shift()!.run();
    };
    const mark = (run: () => void) => {
      markers.push({ after: delivered + call.readableLength, run });
      flush();
    };
    const call = this.client.subscribeToAll({
      fromPosition: from === 'start' ? START : from,
      filter: serverSideFilter(this.options.filter, this.settings.checkpoints, {
        checkpointReached: (_subscription, position) =>
          mark(() => this.checkpoint(toPortPosition(position))),
      }),
    });
    this.call = call;
    call.on('confirmation', () => {
      this.failures = 0;
      this.status.restored(this);
    });
    call.on('data', (resolved: AllStreamResolvedEvent) => {
      delivered++;
      this.event(resolved);
      flush();
    });
    call.on('caughtUp', () => mark(() => this.goneLive()));
    call.on('error', (error: Error) => this.lost(call, error));
    call.on('end', () => this.lost(call, new Error('the server ended the subscription')));
  }

  /** The store is closing: stop, and tell the subscriber there is nothing more. */
  end(): void {
    this.close();
    this.subscriber.complete();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.detach();
    this.status.restored(this);
  }

  private event(resolved: AllStreamResolvedEvent): void {
    const raw = resolved.event;
    if (!raw || this.closed) return;
    const position = toPortPosition(raw.position);
    if (position <= this.considered) return;
    this.considered = position;
    if (!accepts({ stream: raw.streamId, type: raw.type }, this.options.filter)) return;
    try {
      this.announce({ kind: 'event', event: toRecordedEvent(resolved) }, position);
    } catch (error) {
      this.fail(error);
    }
  }

  private checkpoint(position: number): void {
    this.considered = Math.max(this.considered, position);
    if (position > this.announced) this.announce({ kind: 'checkpoint', position }, position);
  }

  private goneLive(): void {
    if (this.caughtUp) return;
    this.caughtUp = true;
    const position = Math.max(this.announced, this.considered);
    this.announce({ kind: 'caught-up', position }, position);
  }

  private announce(message: SubscriptionMessage, position: number): void {
    this.announced = position;
    this.subscriber.next(message);
  }

  private lost(call: AllStreamSubscription, error: Error): void {
    if (this.closed || call !== this.call) return;
    this.detach();
    if (!recoverable(error)) return this.fail(error);
    this.status.lost(this);
    const delay = backoffDelay(this.settings.backoff, this.failures++);
    this.retry = setTimeout(() => this.open(), delay);
  }

  private fail(error: unknown): void {
    this.close();
    this.subscriber.error(error);
  }

  private detach(): void {
    const call = this.call;
    this.call = undefined;
    if (!call) return;
    call.removeAllListeners();
    call.on('error', () => undefined);
    void call.unsubscribe();
  }
}

/** Whatever a new call could cure; not a refusal that would only repeat. */
function recoverable(error: Error): boolean {
  if (
    error instanceof AccessDeniedError ||
    error instanceof InvalidArgumentError ||
    error instanceof UnsupportedError
  ) {
    return false;
  }
  const code = (error as { code?: unknown }).code;
  // INVALID_ARGUMENT, PERMISSION_DENIED, UNIMPLEMENTED, UNAUTHENTICATED
  return !(typeof code === 'number' && [3, 7, 12, 16].includes(code));
}
