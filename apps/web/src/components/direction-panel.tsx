import { useEffect, useMemo, useState } from 'preact/hooks';
import { query } from '../api/http';
import type { RelationState, Timeline } from '../api/types';
import { useApi } from '../api/use-api';
import type { Fact } from '../view/facts';
import { FactList } from './fact-list';
import { StateAtCursor } from './state-at-cursor';
import { PAIR_ROW, TimelineChart } from './timeline-chart';

interface Props {
  readonly actor: string;
  readonly target: string;
  readonly title: string;
  /** The facts on record at the known-at time in this direction. */
  readonly facts: readonly Fact[];
  /** Bumped when anything about the pair changed. */
  readonly revision: number;
  /** The pair's history has been read. */
  readonly loaded: boolean;
  readonly at: string;
  readonly knownAt: string | null;
  /** Null: every channel. */
  readonly channels: readonly string[] | null;
  readonly domain: readonly [Date, Date];
  readonly auditHref: (eventId: string) => string;
  readonly onFact: (eventId: string) => void;
  readonly onCursor: (day: string) => void;
}

/**
 * One direction of the pair: its channels over valid time as the API's timeline gives them at the
 * known-at time, the facts on record then, and the state on the cursor's day.
 */
export function DirectionPanel(props: Props) {
  const { actor, target, facts, revision, at, knownAt } = props;
  const base = `/v1/relations/${actor}/${target}`;
  const timeline = useApi<Timeline>(`${base}/timeline${query({ knownAt })}`, revision);
  const state = useApi<RelationState>(`${base}${query({ at, knownAt })}`, revision);

  const shown = (channel: string | null) =>
    channel === null || props.channels === null || props.channels.includes(channel);
  const visibleFacts = facts.filter((fact) => shown(fact.channel));
  const intervals = (timeline.data?.intervals ?? []).filter((i) => shown(i.channel));
  const channels = (state.data?.channels ?? []).filter((c) => shown(c.channel));
  const rows = [
    ...new Set([
      ...channels.map((c) => c.channel),
      ...intervals.map((i) => i.channel),
      ...visibleFacts.map((f) => f.channel ?? PAIR_ROW),
    ]),
  ];

  const byId = useMemo(() => {
    const map = new Map<string, Fact>();
    for (const fact of facts) {
      map.set(fact.reportId, fact);
      map.set(fact.versionId, fact);
    }
    return map;
  }, [facts]);
  const precisionOf = (eventId: string) => byId.get(eventId)?.data.occurredAt.precision;
  const [drawn, setDrawn] = useState(false);
  const answered = props.loaded && timeline.data !== undefined && state.data !== undefined;
  const ready = answered && (drawn || rows.length === 0);
  useEffect(() => {
    // What `npm run bench` times a page load by (bench/scenarios/page-load.scenario.ts).
    if (ready) performance.mark(`entente:ready:${actor}-${target}`);
  }, [ready, actor, target]);

  return (
    <section
      class="direction"
      aria-labelledby={`title-${actor}-${target}`}
      data-direction={`${actor}-${target}`}
      data-ready={ready ? 'true' : 'false'}
    >
      <h2 id={`title-${actor}-${target}`}>{props.title}</h2>
      {(timeline.error ?? state.error) && (
        <p class="error" role="alert">
          {(timeline.error ?? state.error)!.message}
        </p>
      )}
      {!answered ? (
        <p class="loading">Reading…</p>
      ) : rows.length === 0 ? (
        <p class="empty">Nothing recorded in this direction, as known at this time.</p>
      ) : (
        <TimelineChart
          label={`${props.title}: channels over valid time`}
          rows={rows}
          intervals={intervals}
          facts={visibleFacts}
          precisionOf={precisionOf}
          domain={props.domain}
          cursor={new Date(`${at}T12:00:00.000Z`)}
          auditHref={props.auditHref}
          onFact={props.onFact}
          onCursor={props.onCursor}
          onDrawn={() => setDrawn(true)}
        />
      )}
      <h3>On {at}</h3>
      <StateAtCursor
        at={at}
        channels={channels}
        factById={(id) => byId.get(id)}
        onFact={props.onFact}
      />
      <FactList facts={visibleFacts} onFact={props.onFact} />
    </section>
  );
}
