import { CORRECTION_TYPES, REPORT_TYPES } from '@entente/domain';
import type { ProjectionDefinition } from '../runner/projection';
import { RelationTimelineWriter, type TimelineChange } from './relation-timeline.writer';

export type { TimelineChange } from './relation-timeline.writer';

export const RELATION_TIMELINE = 'relation-timeline';

export const relationTimelineProjection: ProjectionDefinition<TimelineChange> = {
  name: RELATION_TIMELINE,
  version: 5,
  handles: [...REPORT_TYPES, ...CORRECTION_TYPES],
  open: (db, tables) => new RelationTimelineWriter(db, tables),
};
