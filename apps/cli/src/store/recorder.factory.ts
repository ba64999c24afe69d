import type { Clock } from '@entente/common';
import type { EventStore } from '@entente/event-store';
import type { ActorLookupPort } from '@entente/importers';
import type { Recorder } from '@entente/importers/interim-contract';

/**
 * INTERIM: becomes `createRecorder({ store, clock, newId: timeOrderedIds(), actors })` with
 * `storeActorDirectory(store)` of `@entente/recording`
 * when issue 12 lands on main; the import records nothing until then.
 */
export function recordingFor(
  _store: EventStore,
  _clock: Clock,
): { recorder: Recorder; actors: ActorLookupPort } {
  throw new Error('recording needs @entente/recording (issue 12), not on main yet');
}
