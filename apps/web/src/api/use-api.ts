import { useEffect, useState } from 'preact/hooks';
import { getJson } from './http';

export interface Answer<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  /** The path the data answers: while a new path loads, the previous answer stays on screen. */
  readonly path: string | undefined;
}

/**
 * GETs `path` whenever it or `revision` changes; a newer request cancels an older one. `low`: what the
 * first picture does not need waits for what it does.
 */
export function useApi<T>(path: string | null, revision = 0, low = false): Answer<T> {
  const [answer, setAnswer] = useState<Answer<T>>({
    data: undefined,
    error: undefined,
    path: undefined,
  });
  useEffect(() => {
    if (path === null) return;
    const request = new AbortController();
    getJson<T>(path, request.signal, low ? 'low' : 'auto').then(
      (data) => setAnswer({ data, error: undefined, path }),
      (error: Error) => {
        if (error.name !== 'AbortError') setAnswer((a) => ({ ...a, error }));
      },
    );
    return () => request.abort();
  }, [path, revision]);
  return answer;
}
