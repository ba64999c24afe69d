import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';

export type EventStoreConnectionState = 'connected' | 'reconnecting';

/**
 * The adapter's connection as a health check wants it: reconnecting while any subscription is between a
 * lost connection and its next confirmation from the server, connected otherwise.
 */
export class ConnectionStatus {
  private readonly reconnecting = new Set<object>();
  private readonly state = new BehaviorSubject<EventStoreConnectionState>('connected');

  get current(): EventStoreConnectionState {
    return this.state.value;
  }

  get changes(): Observable<EventStoreConnectionState> {
    return this.state.pipe(distinctUntilChanged());
  }

  lost(who: object): void {
    this.reconnecting.add(who);
    this.publish();
  }

  restored(who: object): void {
    this.reconnecting.delete(who);
    this.publish();
  }

  complete(): void {
    this.state.complete();
  }

  private publish(): void {
    this.state.next(this.reconnecting.size > 0 ? 'reconnecting' : 'connected');
  }
}
