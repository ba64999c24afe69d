import { useState } from 'preact/hooks';
import { ApiError } from '../api/http';
import { openSession } from '../api/session';
import type { SessionView } from '../api/types';

interface Props {
  readonly notice: string | null;
  readonly onOpened: (session: SessionView) => void;
}

/**
 * The key is asked for once and traded for a session cookie that no script can read; the page keeps
 * nothing of it, and it never appears in a URL.
 */
export function KeyGate({ notice, onOpened }: Props) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onOpened(await openSession(key));
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 401
          ? 'That key is not accepted. Use a key from API_KEYS or the one printed at first start.'
          : `Could not open a session: ${(failure as Error).message}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="gate">
      <form onSubmit={submit} aria-describedby="gate-help">
        <h1>Entente timeline</h1>
        {notice && <p class="notice">{notice}</p>}
        <label for="reader-key">Reader key</label>
        <input
          id="reader-key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          required
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        <p id="gate-help" class="help">
          Any API key opens a read-only session in this browser; the page does not keep the key.
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || key.trim() === ''}>
          Open
        </button>
      </form>
    </main>
  );
}
