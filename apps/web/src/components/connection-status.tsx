import type { ConnectionState } from '../live/live-feed';

const WORDS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline, retrying',
};

/** A polite live region: a screen reader hears the connection change without losing its place. */
export function ConnectionStatus({ state }: { readonly state: ConnectionState }) {
  return (
    <p class={`connection connection-${state}`} role="status" data-connection={state}>
      <span class="dot" aria-hidden="true" />
      {WORDS[state]}
    </p>
  );
}
