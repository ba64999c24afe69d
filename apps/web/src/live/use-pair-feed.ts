import { useEffect, useState } from 'preact/hooks';
import { announceSessionEnded, getJson, query } from '../api/http';
import { renewSession } from '../api/session';
import type { EventView } from '../api/types';
import { LiveFeed, type ConnectionState } from './live-feed';

const PAGE = 1000;

export interface PairFeed {
  /** Every event filed under either direction of the pair (reports and their amendments), by position. */
  readonly events: ReadonlyMap<number, EventView>;
  /** Bumped by every live message: the views derived from the API read again. */
  readonly revision: number;
  readonly connection: ConnectionState;
  /** The history has been read once. */
  readonly loaded: boolean;
}

const EMPTY: PairFeed = { events: new Map(), revision: 0, connection: 'connecting', loaded: false };

async function readAll(
  actor: string,
  target: string,
  signal: AbortSignal,
  from: number | null = null,
): Promise<EventView[]> {
  const events: EventView[] = [];
  let after = from;
  do {
    const page: { events: EventView[]; next: number | null } = await getJson(
      `/v1/events${query({ actor, target, after, limit: PAGE })}`,
      signal,
    );
    events.push(...page.events);
    after = page.next;
  } while (after !== null);
  return events;
}

/**
 * A pair's events in both directions, kept current. The history is read while the live stream opens;
 * once it is open, what was recorded after that first read is read too, so that nothing recorded
 * between the two falls through (what arrives both ways is merged by position).
 */
export function usePairFeed(actor: string, target: string): PairFeed {
  const [feed, setFeed] = useState<PairFeed>(EMPTY);

  useEffect(() => {
    setFeed(EMPTY);
    const reading = new AbortController();
    const merge = (events: readonly EventView[], change: Partial<PairFeed>) =>
      setFeed((current) => {
        const next = new Map(current.events);
        for (const event of events) next.set(event.position, event);
        return { ...current, ...change, events: next };
      });
    const bump = () => setFeed((current) => ({ ...current, revision: current.revision + 1 }));
    const lastOf = (events: readonly EventView[]) => events.at(-1)?.position ?? null;
    const history = Promise.all([
      readAll(actor, target, reading.signal),
      readAll(target, actor, reading.signal),
    ]);
    history.then(
      ([there, back]) => merge([...there, ...back], { loaded: true }),
      () => undefined, // aborted, or the session ended: the page says so
    );
    let opened = false;
    const live = new LiveFeed(
      { between: `${actor},${target}` },
      {
        event: (event) => {
          merge([event], {});
          bump();
        },
        relation: bump,
        state: (connection) => setFeed((current) => ({ ...current, connection })),
        open: (resync) => {
          if (opened && !resync) return;
          // What was recorded between the history read and the stream's start; a stream opened afresh
          // after a loss (resync) has nothing to start from, so the history is read again whole.
          const gap = history.then(([there, back]) =>
            Promise.all([
              readAll(actor, target, reading.signal, resync ? null : lastOf(there)),
              readAll(target, actor, reading.signal, resync ? null : lastOf(back)),
            ]),
          );
          opened = true;
          gap.then(
            ([there, back]) => {
              merge([...there, ...back], {});
              if (resync || there.length + back.length > 0) bump();
            },
            () => undefined,
          );
        },
        lost: () =>
          renewSession().then(
            (session) => (session ? undefined : announceSessionEnded()),
            () => undefined, // the server is away: the feed tries again
          ),
      },
    );
    return () => {
      reading.abort();
      live.close();
    };
  }, [actor, target]);

  return feed;
}
