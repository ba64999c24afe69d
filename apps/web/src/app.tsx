import { useCallback, useEffect, useState } from 'preact/hooks';
import { onSessionEnded } from './api/http';
import { closeSession, currentSession, renewSession } from './api/session';
import type { SessionView } from './api/types';
import { KeyGate } from './components/key-gate';
import { TimelinePage } from './components/timeline-page';

/** Renewed at half its remaining life, so an open page keeps reading until the session's maximum age. */
function useRenewal(
  session: SessionView | null | undefined,
  renewed: (s: SessionView | null) => void,
) {
  useEffect(() => {
    if (!session) return;
    const delay = Math.max(5_000, (Date.parse(session.expiresAt) - Date.now()) / 2);
    const timer = setTimeout(() => {
      renewSession().then(renewed, () => undefined);
    }, delay);
    return () => clearTimeout(timer);
  }, [session, renewed]);
}

/** Asked before the first render: nothing else can start before the answer. */
const initialSession = currentSession();

export function App() {
  /** undefined: not known yet; null: none. */
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);

  const ended = useCallback((next: SessionView | null) => {
    if (next === null)
      setNotice('The session ended (it expired, or the server restarted): enter the key again.');
    setSession(next);
  }, []);
  useEffect(() => {
    initialSession.then(setSession, (error: Error) => {
      setNotice(`The API did not answer: ${error.message}`);
      setSession(null);
    });
    return onSessionEnded(() => ended(null));
  }, [ended]);
  useRenewal(session, ended);

  if (session === undefined) return <p class="loading">Loading…</p>;
  if (session === null) {
    return (
      <KeyGate
        notice={notice}
        onOpened={(opened) => {
          setNotice(null);
          setSession(opened);
        }}
      />
    );
  }
  return (
    <TimelinePage
      sessionName={session.name}
      onSignOut={() => {
        void closeSession().then(() => {
          setNotice(null);
          setSession(null);
        });
      }}
    />
  );
}
