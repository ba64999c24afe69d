import { ValidationError, type Clock, type FieldIssue, type IdGenerator } from '@entente/common';
import {
  actorStream,
  decideRecordEvent,
  decideRegisterActor,
  evolveActor,
  evolveReport,
  initialActorState,
  initialReportState,
  reportStream,
  type ActorState,
  type Decision,
  type RecordEventInput,
  type RegisterActorInput,
  type ReportState,
} from '@entente/domain';
import {
  EVENT_STORE,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type EventStore,
  type RecordedEvent,
} from '@entente/event-store';
import { EventIndexQueries } from '@entente/projections';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/api-key.store';
import { CLOCK, ID_GENERATOR } from '../common/clock.providers';
import { ReadConsistency } from '../projections/read-consistency';
import { ActorDirectory, codesMentioned } from './actor-directory';

export interface Recorded {
  readonly eventId: string;
  readonly type: string;
  readonly stream: string;
  readonly position: number;
  readonly recordedAt: string;
}

export interface RequestMeta {
  readonly principal: Principal;
  readonly correlationId: string;
}

export const BATCH_LIMIT = 500;
const AMENDMENT_ATTEMPTS = 5;

/**
 * Turns requests into appends: the domain decides what to record, this service chooses where, with which
 * expected revision, and retries an amendment whose stream moved meanwhile.
 */
@Injectable()
export class RecordingService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly newId: IdGenerator,
    private readonly actors: ActorDirectory,
    private readonly index: EventIndexQueries,
    private readonly consistency: ReadConsistency,
  ) {}

  async record(raw: RecordEventInput, meta: RequestMeta): Promise<Recorded> {
    const input = normalised(raw);
    if (input.type === 'EventRetracted' || input.type === 'EventCorrected') {
      return this.amend(input, meta);
    }
    const eventId = input.eventId ?? this.newId();
    const registeredActors = await this.actors.registeredAmong(codesMentioned({ ...input }));
    const decision = decideRecordEvent(input, initialReportState, {
      now: this.clock.now(),
      eventId,
      registeredActors,
    });
    return this.appendDecision(decision, meta);
  }

  /**
   * Records new facts atomically: all of them or none. They share one stream, `batch-<first id>`, because
   * one append to one stream is what every store can do atomically.
   */
  async recordBatch(raw: readonly RecordEventInput[], meta: RequestMeta): Promise<Recorded[]> {
    const inputs = raw.map(normalised);
    const registeredActors = await this.actors.registeredAmong(
      inputs.flatMap((input) => codesMentioned({ ...input })),
    );
    const now = this.clock.now();
    const issues: FieldIssue[] = [];
    const events: Decision['events'][number][] = [];
    const ids = new Set<string>();
    inputs.forEach((input, i) => {
      if (input.type === 'EventRetracted' || input.type === 'EventCorrected') {
        issues.push({
          field: `events[${i}].type`,
          message: 'retractions and corrections are recorded one at a time, on their report',
        });
        return;
      }
      const eventId = input.eventId ?? this.newId();
      if (ids.has(eventId))
        issues.push({ field: `events[${i}].eventId`, message: 'appears twice in the batch' });
      ids.add(eventId);
      try {
        events.push(
          ...decideRecordEvent(input, initialReportState, { now, eventId, registeredActors })
            .events,
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        issues.push(
          ...error.issues.map((issue) => ({ ...issue, field: `events[${i}].${issue.field}` })),
        );
      }
    });
    if (issues.length > 0) throw ValidationError.of(issues);
    const stream = `batch-${events[0].eventId}`;
    return this.append(stream, { events }, 'no-stream', meta, null);
  }

  async registerActor(input: RegisterActorInput, meta: RequestMeta): Promise<Recorded> {
    const stream = actorStream(String(input.code));
    const state = (await this.readIfExists(stream)).reduce<ActorState>(
      evolveActor,
      initialActorState,
    );
    const registeredActors = await this.actors.registeredAmong([input.affiliation]);
    const decision = decideRegisterActor(input, state, { eventId: this.newId(), registeredActors });
    return this.appendDecision(decision, meta);
  }

  /**
   * A retraction or correction goes to the stream that holds its report. That stream may hold other
   * reports too (a batch), so a concurrent amendment of a neighbour moves it: decide again and retry.
   */
  private async amend(input: RecordEventInput, meta: RequestMeta): Promise<Recorded> {
    const referenced = input.type === 'EventRetracted' ? input.retracts : input.corrects;
    const eventId = input.eventId ?? this.newId();
    const registeredActors = await this.actors.registeredAmong(codesMentioned({ ...input }));
    for (let attempt = 1; ; attempt++) {
      const { stream, reportId, events } = await this.loadReport(referenced);
      const state = events
        .filter((e) => belongsTo(e, reportId))
        .reduce<ReportState>(evolveReport, initialReportState);
      const decision = decideRecordEvent(input, state, {
        now: this.clock.now(),
        eventId,
        registeredActors,
      });
      if (decision.alreadyRecorded) {
        const stored = events.find((e) => e.eventId === eventId);
        if (stored) return recordedOf(stored);
      }
      try {
        const expected = events.length === 0 ? 'no-stream' : events[events.length - 1].revision;
        const [stored] = await this.append(stream, decision, expected, meta, reportId);
        return stored;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= AMENDMENT_ATTEMPTS)
          throw error;
      }
    }
  }

  /** The stream holding a report (or holding an amendment of one), through the event index. */
  private async loadReport(
    referenced: unknown,
  ): Promise<{ stream: string; reportId: string | null; events: readonly RecordedEvent[] }> {
    if (typeof referenced !== 'string') return { stream: '', reportId: null, events: [] };
    await this.consistency.ensureCurrent();
    const located = this.index.locate(referenced) ?? {
      stream: reportStream(referenced),
      reportId: referenced,
    };
    const events = await this.readIfExists(located.stream);
    return { stream: located.stream, reportId: located.reportId, events };
  }

  private async readIfExists(stream: string): Promise<readonly RecordedEvent[]> {
    try {
      return await this.store.readStream(stream);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** A new fact or a registration: one event, on the stream and at the revision the domain chose. */
  private async appendDecision(decision: Decision, meta: RequestMeta): Promise<Recorded> {
    const [stored] = await this.append(
      decision.stream,
      decision,
      decision.expectedRevision,
      meta,
      null,
    );
    return stored;
  }

  private async append(
    stream: string,
    decision: Pick<Decision, 'events'>,
    expectedRevision: 'no-stream' | number,
    meta: RequestMeta,
    causationId: string | null,
  ): Promise<Recorded[]> {
    const result = await this.store.append(
      stream,
      decision.events.map((event) => ({
        ...event,
        metadata: {
          recordedBy: meta.principal.name,
          correlationId: meta.correlationId,
          causationId,
        },
      })),
      { expectedRevision },
    );
    this.consistency.recorded(result.position);
    return result.events.map(recordedOf);
  }
}

/** Event ids are UUIDs, stored in lower case: a client's upper-case id must find the same event. */
function normalised(input: RecordEventInput): RecordEventInput {
  const lower = (value: string | null | undefined) =>
    typeof value === 'string' ? value.toLowerCase() : value;
  return {
    ...input,
    eventId: lower(input.eventId),
    retracts: lower(input.retracts),
    corrects: lower(input.corrects),
  };
}

function belongsTo(event: RecordedEvent, reportId: string | null): boolean {
  if (reportId === null) return false;
  const data = event.data as { retracts?: unknown; corrects?: unknown };
  return event.eventId === reportId || data.retracts === reportId || data.corrects === reportId;
}

function recordedOf(event: RecordedEvent): Recorded {
  return {
    eventId: event.eventId,
    type: event.type,
    stream: event.stream,
    position: event.position,
    recordedAt: event.metadata.recordedAt,
  };
}
