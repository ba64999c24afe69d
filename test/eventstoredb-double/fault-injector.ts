import type { ServerError } from './server-errors';
import { notLeader, serverNotReady } from './server-errors';

export interface LeaderEndpoint {
  readonly host: string;
  readonly port: number;
}

interface InFlight {
  fail(error: ServerError): void;
}

export type SubscriptionPhase = 'catch-up' | 'live';

interface Trigger {
  readonly phase: SubscriptionPhase;
  remaining: number;
  readonly action: () => unknown;
}

/**
 * Faults a test can switch on and off. Counted faults (`calls: n`) end by themselves after answering `n`
 * calls, so that a test never has to guess how long "a while" is.
 */
export class FaultInjector {
  private unavailableCalls = 0;
  private notLeaderCalls = 0;
  private leader: LeaderEndpoint | undefined;
  private notLeaderForAllCalls = false;
  private readonly inFlight = new Set<InFlight>();
  private readonly counts = { unavailable: 0, notLeader: 0 };
  private readonly triggers: Trigger[] = [];

  /**
   * Ends every streaming call in flight with UNAVAILABLE ("Server Is Not Ready", as a node that is not
   * ready answers) and refuses the next `calls` calls the same way; without `calls`, until `recover()`.
   */
  unavailable(options: { calls?: number } = {}): void {
    this.unavailableCalls = options.calls ?? Number.POSITIVE_INFINITY;
    for (const call of [...this.inFlight]) call.fail(serverNotReady());
  }

  /**
   * Answers like a follower that knows the leader: NOT_FOUND with the `not-leader` exception and the
   * leader's endpoint, which the client follows. A real node only does so for calls that require a leader
   * (writes, and reads marked so); `allCalls` also refuses and ends the other calls, subscriptions included.
   */
  notLeader(leader: LeaderEndpoint, options: { calls?: number; allCalls?: boolean } = {}): void {
    this.leader = leader;
    this.notLeaderCalls = options.calls ?? Number.POSITIVE_INFINITY;
    this.notLeaderForAllCalls = options.allCalls ?? false;
    if (this.notLeaderForAllCalls) {
      for (const call of [...this.inFlight]) call.fail(notLeader(leader.host, leader.port));
    }
  }

  /**
   * Runs `action` (a fault) once subscriptions have sent `events` more events in `phase`: the way to hit
   * a catch-up or a live feed in the middle without guessing at timing.
   */
  afterSending(events: number, phase: SubscriptionPhase, action: () => unknown): void {
    this.triggers.push({ phase, remaining: events, action });
  }

  /** Called by subscriptions after each event they send. */
  sent(phase: SubscriptionPhase): void {
    for (const trigger of [...this.triggers]) {
      if (trigger.phase !== phase || --trigger.remaining > 0) continue;
      this.triggers.splice(this.triggers.indexOf(trigger), 1);
      void trigger.action();
    }
  }

  recover(): void {
    this.unavailableCalls = 0;
    this.notLeaderCalls = 0;
  }

  /** How many calls each fault has refused so far. */
  refused(): { readonly unavailable: number; readonly notLeader: number } {
    return { ...this.counts };
  }

  /** The answer to give a new call instead of serving it, if a fault says so. */
  refuse(requiresLeader: boolean): ServerError | undefined {
    if (this.unavailableCalls > 0) {
      this.unavailableCalls--;
      this.counts.unavailable++;
      return serverNotReady();
    }
    if (this.notLeaderCalls > 0 && this.leader && (requiresLeader || this.notLeaderForAllCalls)) {
      this.notLeaderCalls--;
      this.counts.notLeader++;
      return notLeader(this.leader.host, this.leader.port);
    }
    return undefined;
  }

  /** Registers a streaming call so that a fault can end it; returns the unregistration. */
  track(call: InFlight): () => void {
    this.inFlight.add(call);
    return () => this.inFlight.delete(call);
  }
}
