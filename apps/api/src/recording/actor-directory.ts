import { actorStream, isActorCodeFormat, isIsoCountry } from '@entente/domain';
import { EVENT_STORE, StreamNotFoundError, type EventStore } from '@entente/event-store';
import { Inject, Injectable } from '@nestjs/common';

/**
 * Which actor codes are registered, asked of the store itself (an actor stream exists), so that a fact
 * posted right after its speaker's registration validates. Registrations are never undone, so a code found
 * once stays known.
 */
@Injectable()
export class ActorDirectory {
  private readonly known = new Set<string>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The registered codes among `codes`; ISO 3166 governments need no registration and are left out. */
  async registeredAmong(codes: Iterable<unknown>): Promise<ReadonlySet<string>> {
    const candidates = [...new Set(codes)].filter(
      (code): code is string =>
        typeof code === 'string' && isActorCodeFormat(code) && !isIsoCountry(code),
    );
    await Promise.all(candidates.filter((c) => !this.known.has(c)).map((c) => this.check(c)));
    return new Set(candidates.filter((c) => this.known.has(c)));
  }

  private async check(code: string): Promise<void> {
    try {
      await this.store.readStream(actorStream(code), { maxCount: 1 });
      this.known.add(code);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  }
}

/** Every actor code an input mentions: acting sides, targets, the speaker and affiliations. */
export function codesMentioned(input: Record<string, unknown>): unknown[] {
  const speaker = input.speaker;
  return [
    input.actor,
    input.target,
    input.affiliation,
    ...(Array.isArray(input.actors) ? input.actors : []),
    ...(Array.isArray(input.targets) ? input.targets : []),
    typeof speaker === 'string'
      ? speaker
      : (speaker as { affiliation?: unknown } | null)?.affiliation,
  ];
}
