import { STORY_ACTORS, STORY_EVENTS } from '@entente/domain';
import { as } from './api-client';
import type { TestApp } from './test-app';

/** Records the story as a client would: actors first, then every fact, in the fixture's order. */
export async function postStory(api: TestApp): Promise<void> {
  for (const actor of STORY_ACTORS) await as(api, 'recorder').post('/v1/actors', actor).expect(201);
  for (const event of STORY_EVENTS) await as(api, 'recorder').post('/v1/events', event).expect(201);
}
