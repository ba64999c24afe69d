import type { Clock } from '@entente/common';
import { relationStateAt, type RelationKey } from '@entente/domain';
import {
  EventIndexQueries,
  RelationTimelineQueries,
  StateChangesQueries,
  type ChangesQuery,
  type StateAt,
  type StateChangeRow,
  STATE_CHANGES,
  RELATION_TIMELINE,
  EVENT_INDEX,
} from '@entente/projections';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../common/clock.providers';
import { iso } from '../common/time-query';
import { validTimeWindow } from '../common/valid-time-window';
import { ReadConsistency } from '../projections/read-consistency';
import { knowledgeLimits } from '../common/knowledge-limits';
import type { ChangesQueryDto } from './changes.query';

const PAGE = 500;

export type ChangeView = ReturnType<ChangesService['view']>;

/**
 * What changed in a window, across all pairs: state changes by valid start (as known), or every state
 * change, correction and retraction by record or report time, each with the state of its key at its
 * valid start just before and just after. The timeline's lookups answer on the record axis; on the
 * report axis (which the timeline read model does not have yet) the domain folds the key's events.
 */
/** The changes, the state of each key before and after, and the facts behind it. */
const READS = [STATE_CHANGES, RELATION_TIMELINE, EVENT_INDEX] as const;

@Injectable()
export class ChangesService {
  constructor(
    private readonly changes: StateChangesQueries,
    private readonly timeline: RelationTimelineQueries,
    private readonly index: EventIndexQueries,
    private readonly consistency: ReadConsistency,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(query: ChangesQueryDto) {
    const { request, view } = this.requestOf(query);
    await this.consistency.ensureCurrent(...READS);
    const rows = this.changes.list(request);
    return {
      ...view,
      changes: this.views(rows, request),
      next: rows.length === request.limit ? request.offset + request.limit : null,
    };
  }

  /**
   * Every change of the window from `offset` on, a page at a time: what the exports stream. The query is
   * checked before the stream starts, so that a bad one is a problem, not a broken export.
   */
  async all(query: ChangesQueryDto): Promise<AsyncGenerator<ChangeView>> {
    const { request } = this.requestOf(query);
    await this.consistency.ensureCurrent(...READS);
    return this.pages(request, query.limit ?? Infinity);
  }

  private async *pages(request: ChangesQuery, limit: number): AsyncGenerator<ChangeView> {
    let left = limit;
    for (let offset = request.offset; left > 0; offset += PAGE) {
      const rows = this.changes.list({ ...request, offset, limit: Math.min(PAGE, left) });
      yield* this.views(rows, request);
      if (rows.length < PAGE) return;
      left -= rows.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private requestOf(query: ChangesQueryDto) {
    const now = this.clock.now();
    const window = validTimeWindow(query);
    const { limits, view } = knowledgeLimits(query, now);
    const axis = query.axis ?? 'valid';
    const request: ChangesQuery = {
      axis,
      fromMs: Number.isFinite(window.from) ? window.from : Number.MIN_SAFE_INTEGER,
      toMs: Number.isFinite(window.to) ? window.to : Number.MAX_SAFE_INTEGER,
      actor: query.actor,
      target: query.target,
      channel: query.channel,
      knownAtMs: limits.knownAtMs,
      reportedByMs: limits.reportedByMs,
      offset: query.offset ?? 0,
      limit: query.limit ?? 100,
    };
    const limitsView =
      axis === 'valid' ? { knownAt: view.knownAt, reportedBy: view.reportedBy } : {};
    return { request, view: { axis, ...window.view, ...limitsView } };
  }

  private views(rows: readonly StateChangeRow[], request: ChangesQuery): ChangeView[] {
    const facts = new Map<string, ReturnType<EventIndexQueries['factsOf']>>();
    const fold = (
      key: RelationKey,
      atMs: number,
      knownAtMs: number | null,
      reportedByMs: number | null,
    ) => {
      if (reportedByMs === null) {
        return this.timeline.stateAt(key, atMs, knownAtMs ?? Number.MAX_SAFE_INTEGER);
      }
      const name = `${key.actor}>${key.target}:${key.channel}`;
      if (!facts.has(name)) facts.set(name, this.index.factsOf(key.actor, key.target, key.channel));
      return relationStateAt(facts.get(name)!, key, new Date(atMs), {
        ...(knownAtMs !== null && { knownAt: new Date(knownAtMs) }),
        reportedBy: new Date(reportedByMs),
      });
    };
    return rows.map((row) => {
      const key = { actor: row.actor, target: row.target, channel: row.channel };
      const [before, after] =
        request.axis === 'valid'
          ? [
              fold(key, row.startMs - 1, request.knownAtMs, request.reportedByMs),
              fold(key, row.startMs, request.knownAtMs, request.reportedByMs),
            ]
          : request.axis === 'recorded'
            ? [
                fold(key, row.startMs, row.recordedMs - 1, null),
                fold(key, row.startMs, row.recordedMs, null),
              ]
            : [
                fold(key, row.startMs, null, row.reportedMs - 1),
                fold(key, row.startMs, null, row.reportedMs),
              ];
      return this.view(row, request, before, after);
    });
  }

  view(row: StateChangeRow, request: ChangesQuery, before: StateAt, after: StateAt) {
    const at = { valid: row.startMs, recorded: row.recordedMs, reported: row.reportedMs }[
      request.axis
    ];
    return {
      at: iso(at),
      actor: row.actor,
      target: row.target,
      channel: row.channel,
      kind: row.kind,
      type: row.type,
      eventId: row.eventId,
      reportId: row.reportId,
      validFrom: iso(row.startMs),
      recordedAt: iso(row.recordedMs),
      reportedAt: iso(row.reportedMs),
      before: { status: before.status, since: before.since },
      after: { status: after.status, since: after.since },
      event: `/v1/events/${row.eventId}`,
    };
  }
}
