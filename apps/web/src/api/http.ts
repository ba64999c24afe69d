/** GETs against this origin's API; the session cookie goes along by itself. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

type Listener = () => void;
const sessionEndedListeners = new Set<Listener>();

/** Told when the API stops accepting the session (expired, or the server restarted). */
export function onSessionEnded(listener: Listener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

export function announceSessionEnded(): void {
  for (const listener of sessionEndedListeners) listener();
}

export async function errorOf(response: Response): Promise<ApiError> {
  const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
  return new ApiError(
    response.status,
    problem.code ?? `http-${response.status}`,
    problem.detail ?? response.statusText,
  );
}

export async function getJson<T>(
  path: string,
  signal?: AbortSignal,
  priority: RequestPriority = 'auto',
): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, signal, priority });
  if (response.ok) return (await response.json()) as T;
  const error = await errorOf(response);
  if (error.status === 401) announceSessionEnded();
  throw error;
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
