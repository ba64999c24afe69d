import type { ActorRegisteredData } from '../events/event-data.types';
import type { StreamEvent } from '../recording/streams';

export interface ActorState {
  /** Null while the code is not registered. */
  readonly registered: ActorRegisteredData | null;
  readonly revision: number | null;
}

export const initialActorState: ActorState = { registered: null, revision: null };

export function evolveActor(state: ActorState, event: StreamEvent): ActorState {
  const revision = state.revision === null ? 0 : state.revision + 1;
  if (event.type === 'ActorRegistered' && state.registered === null) {
    return { registered: event.data as ActorRegisteredData, revision };
  }
  return { ...state, revision };
}
