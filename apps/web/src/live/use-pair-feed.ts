import { useEffect, useState } from 'preact/hooks';
import { announceSessionEnded, getJson, query } from '../api/http';
import { renewSession } from '../api/session';
import type { EventView } from '../api/types';
import { LiveFeed, type ConnectionState } from './live-feed';

const PAGE = 1000;

export interface DirectionFeed {
  /** Every event filed under the directed pair (reports and their amendments), by position. */
  readonly events: ReadonlyMap<number, EventView>;
  /** Bumped whenever something about the pair changed: views derived from the API re-read. */
  readonly revision: number;
  readonly connection: ConnectionState;
  /** The first read is done. */
  readonly loaded: boolean;
}

const EMPTY: DirectionFeed = {
  events: new Map(),
  revision: 0,
  connection: 'connecting',
  loaded: false,
};

async function readAll(actor: string, target: string, signal: AbortSignal): Promise<EventView[]> {
  const events: EventView[] = [];
  let after: number | null = null;
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
 * A directed pair's events, kept current: the live stream is opened first and the history read once it
 * is open, so nothing recorded in between falls through; whatever arrives twice is merged by position.
 */
export function useDirectionFeed(actor: string, target: string): DirectionFeed {
  const [feed, setFeed] = useState<DirectionFeed>(EMPTY);

  useEffect(() => {
    setFeed(EMPTY);
    const reading = new AbortController();
    const merge = (events: readonly EventView[], loaded?: boolean) =>
      setFeed((current) => {
        const next = new Map(current.events);
        for (const event of events) next.set(event.position, event);
        return {
          ...current,
          events: next,
          revision: current.revision + 1,
          loaded: loaded ?? current.loaded,
        };
      });
    let opened = false;
    const live = new LiveFeed(
      { actor, target },
      {
        event: (event) => merge([event]),
        relation: () => setFeed((current) => ({ ...current, revision: current.revision + 1 })),
        state: (connection) => setFeed((current) => ({ ...current, connection })),
        open: (resync) => {
          if (opened && !resync) return;
          opened = true;
          readAll(actor, target, reading.signal).then(
            (events) => merge(events, true),
            () => undefined, // aborted, or the session ended: the page says so
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

const WORST: readonly ConnectionState[] = ['offline', 'reconnecting', 'connecting', 'live'];

export function combinedConnection(...states: ConnectionState[]): ConnectionState {
  return WORST.find((state) => states.includes(state)) ?? 'live';
}
