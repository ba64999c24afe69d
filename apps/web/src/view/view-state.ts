/**
 * What the page shows, kept in the query string so that a view can be shared and reloaded. The key is
 * never part of it.
 */

export const SPANS = ['all', '10y', '2y', '6m', '1m'] as const;
export type Span = (typeof SPANS)[number];

export interface ViewState {
  readonly actor: string | null;
  readonly target: string | null;
  /** The valid-time cursor, a day (YYYY-MM-DD); null: today. */
  readonly at: string | null;
  /** Record time, an ISO instant; null: now, following new records live. */
  readonly knownAt: string | null;
  /** The channels shown; null: all of them. */
  readonly channels: readonly string[] | null;
  readonly span: Span;
  /** The fact whose audit is open. */
  readonly fact: string | null;
}

export const EMPTY_VIEW: ViewState = {
  actor: null,
  target: null,
  at: null,
  knownAt: null,
  channels: null,
  span: 'all',
  fact: null,
};

const CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const CHANNEL = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const EVENT_ID = /^[0-9a-f-]{36}$/i;

/** A value that does not parse is dropped, not guessed at: the view falls back to its default. */
export function readView(search: string): ViewState {
  const params = new URLSearchParams(search);
  const get = (name: string, pattern: RegExp): string | null => {
    const value = params.get(name);
    return value !== null && pattern.test(value) ? value : null;
  };
  const channels = params.get('channels');
  const span = params.get('span') as Span | null;
  const at = get('at', DAY);
  const knownAt = get('knownAt', INSTANT);
  return {
    actor: get('actor', CODE),
    target: get('target', CODE),
    at: at !== null && validDay(at) ? at : null,
    knownAt: knownAt !== null && !Number.isNaN(Date.parse(knownAt)) ? knownAt : null,
    channels: channels === null ? null : channels.split(',').filter((c) => CHANNEL.test(c)),
    span: span !== null && SPANS.includes(span) ? span : 'all',
    fact: get('fact', EVENT_ID),
  };
}

export function writeView(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.actor) params.set('actor', view.actor);
  if (view.target) params.set('target', view.target);
  if (view.at) params.set('at', view.at);
  if (view.knownAt) params.set('knownAt', view.knownAt);
  if (view.channels) params.set('channels', view.channels.join(','));
  if (view.span !== 'all') params.set('span', view.span);
  if (view.fact) params.set('fact', view.fact);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function validDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

/** Today in UTC, as the cursor's default. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}
