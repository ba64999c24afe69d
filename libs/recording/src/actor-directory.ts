import { actorStream, isActorCodeFormat, isIsoCountry } from '@entente/domain';
import { StreamNotFoundError, type EventStore } from '@entente/event-store';

/** Which of some actor codes are registered; ISO 3166 governments need no registration. */
export interface ActorDirectory {
  registeredAmong(codes: Iterable<unknown>): Promise<ReadonlySet<string>>;
}

/**
 * Asks the store itself (an actor stream exists), so that a fact recorded right after its speaker's
 * registration validates. Registrations are never undone, so a code found once stays known.
 */
export function storeActorDirectory(store: EventStore): ActorDirectory {
  const known = new Set<string>();
  const check = async (code: string): Promise<void> => {
    try {
      await store.readStream(actorStream(code), { maxCount: 1 });
      known.add(code);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  };
  return {
    async registeredAmong(codes) {
      const candidates = [...new Set(codes)].filter(
        (code): code is string =>
          typeof code === 'string' && isActorCodeFormat(code) && !isIsoCountry(code),
      );
      await Promise.all(candidates.filter((c) => !known.has(c)).map(check));
      return new Set(candidates.filter((c) => known.has(c)));
    },
  };
}

/** Every actor code an input mentions: acting sides, targets, the speaker and affiliations. */
export function codesMentioned(input: object): unknown[] {
  const fields = input as Record<string, unknown>;
  const speaker = fields.speaker;
  return [
    fields.actor,
    fields.target,
    fields.affiliation,
    ...(Array.isArray(fields.actors) ? fields.actors : []),
    ...(Array.isArray(fields.targets) ? fields.targets : []),
    typeof speaker === 'string' ? speaker : (speaker as { code?: unknown } | null)?.code,
    (speaker as { affiliation?: unknown } | null)?.affiliation,
  ];
}
