import { actorRegistryProjection } from './actor-registry/actor-registry.projection';
import { dyadSeriesProjection } from './dyad-series';
import { stateChangesProjection } from './state-changes';
import { eventIndexProjection } from './event-index/event-index.projection';
import { relationTimelineProjection } from './relation-timeline/relation-timeline.projection';
import type { ProjectionDefinition } from './runner/projection';

/** Every read model the API answers from. */
export const READ_MODELS = [
  relationTimelineProjection,
  eventIndexProjection,
  actorRegistryProjection,
  dyadSeriesProjection,
  stateChangesProjection,
] as readonly ProjectionDefinition<unknown>[];
