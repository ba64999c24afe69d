import { STORY_ACTORS, STORY_EVENTS } from '../fixtures/story-november-2025.fixture';
import type { RecordedFact } from '../timeline/recorded-fact';
import { replay, stepsFrom, type ReplayCommand } from './replay.helper';

/** When the story is recorded by default: the morning after the article, a minute per fact. */
export const STORY_RECORDED_FROM = '2025-11-13T09:00:00.000Z';

export const STORY_COMMANDS: readonly ReplayCommand[] = [
  ...STORY_ACTORS.map((register) => ({ register })),
  ...STORY_EVENTS.map((record) => ({ record })),
];

/** The story fixture recorded as a client would POST it, in array order. */
export function recordStory(
  firstAt: string = STORY_RECORDED_FROM,
  recordedBy = 'story-editor',
): RecordedFact[] {
  return replay(stepsFrom(firstAt, STORY_COMMANDS, { recordedBy }));
}
