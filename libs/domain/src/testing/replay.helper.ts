import { evolveActor, initialActorState, type ActorState } from '../actors/actor.evolve';
import { decideRegisterActor } from '../actors/register-actor.decide';
import type { ActorRegisteredData } from '../events/event-data.types';
import { decideRecordEvent } from '../recording/record-event.decide';
import type { RecordEventInput, RegisterActorInput } from '../recording/record-event.input';
import { evolveReport, initialReportState, type ReportState } from '../recording/report.evolve';
import { actorStream, reportIdOf, type Decision } from '../recording/streams';
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
 * Replays commands through the deciders the way `libs/recording` does, synchronously and with record times
 * and positions chosen by the test: the facts it returns are what the store would hold. An amendment finds
 * its fact by id, as the recorder does. Continues `history` (positions, registered actors, reports), so a
 * late record or a retraction can be added later. Throws what the deciders throw.
 */
export function replay(
  steps: readonly ReplayStep[],
  history: readonly RecordedFact[] = [],
): RecordedFact[] {
  const facts = [...history];
  const byId = new Map<string, RecordedFact>();
  const reports = new Map<string, RecordedFact[]>();
  const registered = new Set<string>();
  const remember = (fact: RecordedFact): void => {
    byId.set(fact.eventId, fact);
    const key =
      fact.type === 'ActorRegistered'
        ? actorStream((fact.data as ActorRegisteredData).code)
        : reportIdOf(fact);
    reports.set(key, [...(reports.get(key) ?? []), fact]);
    if (fact.type === 'ActorRegistered') registered.add((fact.data as ActorRegisteredData).code);
  };
  history.forEach(remember);
  for (const step of steps) {
    const position = Math.max(0, ...facts.map((f) => f.position)) + 1;
    const now = new Date(step.recordedAt);
    const eventId = `00000000-0000-4000-9000-${position.toString(16).padStart(12, '0')}`;
    let decision: Decision;
    if ('register' in step.command) {
      const state = (reports.get(actorStream(step.command.register.code)) ?? []).reduce<ActorState>(
        evolveActor,
        initialActorState,
      );
      decision = decideRegisterActor(step.command.register, state, {
        eventId,
        registeredActors: registered,
      });
    } else {
      const input = step.command.record;
      const referenced =
        input.type === 'EventRetracted'
          ? input.retracts
          : input.type === 'EventCorrected'
            ? input.corrects
            : (input.eventId ?? eventId);
      const found = typeof referenced === 'string' ? byId.get(referenced) : undefined;
      const state = (found ? (reports.get(reportIdOf(found)) ?? []) : []).reduce<ReportState>(
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
