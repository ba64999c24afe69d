import { evolveActor, initialActorState, type ActorState } from '../actors/actor.evolve';
import { decideRegisterActor } from '../actors/register-actor.decide';
import type { ActorRegisteredData, EventData } from '../events/event-data.types';
import { decideRecordEvent, streamForRecordEvent } from '../recording/record-event.decide';
import type { RecordEventInput, RegisterActorInput } from '../recording/record-event.input';
import { evolveReport, initialReportState, type ReportState } from '../recording/report.evolve';
import { actorStream, reportStream, type Decision } from '../recording/streams';
import type { RecordedFact } from '../timeline/recorded-fact';

export type ReplayCommand =
  { readonly record: RecordEventInput } | { readonly register: RegisterActorInput };

export interface ReplayStep {
  readonly command: ReplayCommand;
  /** The store's commit time for this step; also `now` for its validation. */
  readonly recordedAt: string;
  readonly recordedBy?: string;
}

export const TEST_RECORDER = 'test-recorder';

/**
 * Replays commands through the deciders the way the API and the store would, with record times and
 * positions chosen by the test: the facts it returns are what the store would hold. Continues `history`
 * (positions, registered actors, report streams), so a late record or a retraction can be added later.
 * Throws what the deciders throw.
 */
export function replay(
  steps: readonly ReplayStep[],
  history: readonly RecordedFact[] = [],
): RecordedFact[] {
  const facts = [...history];
  const streams = new Map<string, RecordedFact[]>();
  const registered = new Set<string>();
  const remember = (fact: RecordedFact): void => {
    const stream = streamOf(fact);
    streams.set(stream, [...(streams.get(stream) ?? []), fact]);
    if (fact.type === 'ActorRegistered') registered.add((fact.data as ActorRegisteredData).code);
  };
  history.forEach(remember);
  for (const step of steps) {
    const position = Math.max(0, ...facts.map((f) => f.position)) + 1;
    const now = new Date(step.recordedAt);
    const eventId = `00000000-0000-4000-9000-${position.toString(16).padStart(12, '0')}`;
    let decision: Decision;
    if ('register' in step.command) {
      const state = (streams.get(actorStream(step.command.register.code)) ?? []).reduce<ActorState>(
        evolveActor,
        initialActorState,
      );
      decision = decideRegisterActor(step.command.register, state, {
        eventId,
        registeredActors: registered,
      });
    } else {
      const input = step.command.record;
      const state = (streams.get(streamForRecordEvent(input, eventId)) ?? []).reduce<ReportState>(
        evolveReport,
        initialReportState,
      );
      decision = decideRecordEvent(input, state, { now, eventId, registeredActors: registered });
    }
    if (decision.alreadyRecorded) continue;
    decision.events.forEach((event, i) => {
      const fact: RecordedFact = {
        ...event,
        position: position + i,
        recordedAt: now.toISOString(),
        recordedBy: step.recordedBy ?? TEST_RECORDER,
      };
      facts.push(fact);
      remember(fact);
    });
  }
  return facts;
}

/** Steps one `stepMinutes` apart from `firstAt`: the usual way to give a batch its record times. */
export function stepsFrom(
  firstAt: string,
  commands: readonly ReplayCommand[],
  options: { stepMinutes?: number; recordedBy?: string } = {},
): ReplayStep[] {
  const first = Date.parse(firstAt);
  return commands.map((command, i) => ({
    command,
    recordedAt: new Date(first + i * (options.stepMinutes ?? 1) * 60_000).toISOString(),
    recordedBy: options.recordedBy,
  }));
}

function streamOf(fact: RecordedFact): string {
  const data = fact.data as EventData;
  if (fact.type === 'ActorRegistered') return actorStream((data as ActorRegisteredData).code);
  if ('retracts' in data) return reportStream(data.retracts);
  if ('corrects' in data) return reportStream(data.corrects);
  return reportStream(fact.eventId);
}
