import { useEffect, useMemo } from 'preact/hooks';
import type { Actor } from '../api/types';
import { usePairFeed } from '../live/use-pair-feed';
import { visibleDomain } from '../view/domain';
import { factsKnownAt, recordTimes, type Fact } from '../view/facts';
import { actorName, formatDay, shorten, typeLabel } from '../view/format';
import type { UpdateView } from '../view/use-view-state';
import { writeView, type ViewState } from '../view/view-state';
import { ChannelFilter } from './channel-filter';
import { ConnectionStatus } from './connection-status';
import { DirectionPanel } from './direction-panel';
import { loadPlot } from './timeline-chart';
import { TimeControls } from './time-controls';

interface Props {
  readonly actor: string;
  readonly target: string;
  readonly view: ViewState;
  readonly at: string;
  readonly actors: ReadonlyMap<string, Actor>;
  readonly update: UpdateView;
}

/** Both directions of a pair side by side, on one valid-time window and one known-at time. */
export function PairView({ actor, target, view, at, actors, update }: Props) {
  const feed = usePairFeed(actor, target);
  // After the panels' own effects, which have asked for their data by now.
  useEffect(() => void loadPlot(), []);
  const all = useMemo(() => [...feed.events.values()], [feed.events]);
  const times = useMemo(() => recordTimes(all), [all]);
  const facts = useMemo(() => factsKnownAt(all, view.knownAt), [all, view.knownAt]);
  const changes = useMemo(
    () => [...new Set(facts.filter((f) => f.leadsTo).map((f) => formatDay(f.start)))].sort(),
    [facts],
  );
  const channels = useMemo(
    () =>
      [...new Set(factsKnownAt(all, null).map((f) => f.channel))]
        .filter((c): c is string => c !== null)
        .sort(),
    [all],
  );
  const cursor = new Date(`${at}T12:00:00.000Z`);
  const domain = visibleDomain(
    view.span,
    cursor,
    facts.map((f) => f.start),
    new Date(),
  );
  const recordedAt = (time: string) => {
    const recorded = all.filter((e) => e.recordedAt === time);
    const first = factsKnownAt(recorded, null)[0];
    const words = first
      ? `${typeLabel(first.type)}: ${shorten(first.data.summary, 60)}`
      : typeLabel(recorded[0].type);
    return recorded.length > 1 ? `${words} and ${recorded.length - 1} more` : words;
  };
  const auditHref = (eventId: string) => writeView({ ...view, fact: eventId });
  const openFact = (eventId: string) => update({ fact: eventId }, { push: true });
  const moveCursor = (day: string) => update({ at: day });

  return (
    <>
      <div class="pair-bar">
        <ConnectionStatus state={feed.connection} />
      </div>
      <TimeControls
        at={at}
        knownAt={view.knownAt}
        times={times}
        recordedAt={recordedAt}
        changes={changes}
        span={view.span}
        onChange={(change) => update(change)}
      />
      <ChannelFilter
        channels={channels}
        selected={view.channels}
        onChange={(selected) => update({ channels: selected })}
      />
      <div class="directions">
        {[
          [actor, target],
          [target, actor],
        ].map(([from, to]) => (
          <DirectionPanel
            key={`${from}-${to}`}
            actor={from}
            target={to}
            title={`${actorName(actors, from)} → ${actorName(actors, to)}`}
            facts={facts.filter((fact) => touches(fact, from, to))}
            revision={feed.revision}
            loaded={feed.loaded}
            at={at}
            knownAt={view.knownAt}
            channels={view.channels}
            domain={domain}
            auditHref={auditHref}
            onFact={openFact}
            onCursor={moveCursor}
          />
        ))}
      </div>
    </>
  );
}

/** A fact touches every actor -> target pair it names. */
function touches(fact: Fact, from: string, to: string): boolean {
  return fact.data.actors.includes(from) && fact.data.targets.includes(to);
}
