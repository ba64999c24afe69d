import fc from 'fast-check';
import { API_KEYS_ENV, KEYS } from '../support/api-client';
import { requestOf, type FuzzRequest } from '../support/fuzz-requests';
import { postStory } from '../support/story';
import { startTestApp, type TestApp } from '../support/test-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Per route: enough to cross every parameter's bounds a few times, a few thousand in all. */
const RUNS_PER_ROUTE = 120;
/** Generous: only a request that never answers trips it, not a slow machine. */
const HANG_MS = 30_000;
const BODY_LIMIT = 16 * 1024;

describe('the API under generated requests, from its OpenAPI document', () => {
  let api: TestApp;
  let document: Json;
  let storyIds: Set<string>;
  const acknowledged = new Set<string>();
  const statuses = new Map<string, Set<number>>();

  beforeAll(async () => {
    api = await startTestApp({
      API_KEYS: API_KEYS_ENV,
      RATE_LIMIT: '1000000',
      AUTH_FAILURE_LIMIT: '1000000',
      BODY_LIMIT_BYTES: String(BODY_LIMIT),
    });
    await postStory(api);
    storyIds = new Set(await storedIds());
    document = (await (await fetch(`${api.url}/docs/openapi.json`)).json()) as Json;
  });
  afterAll(() => api.dispose());

  const routes = () =>
    Object.entries(document.paths as Json)
      .flatMap(([path, item]) =>
        Object.entries(item as Json).map(([method, op]) => ({ path, method, op: op as Json })),
      )
      // A rebuild replays the whole log beside the live read model: slow, and proven by its own specs.
      .filter(({ path }) => !path.endsWith('/rebuild'));

  it('given every route, when thousands of valid and invalid requests are sent, then none is answered 5xx, hangs, or strays from the document', async () => {
    expect(routes().length).toBeGreaterThanOrEqual(23);
    for (const { path, method, op } of routes()) {
      await fc.assert(
        fc.asyncProperty(requestOf(document, path, method, op, BODY_LIMIT), async (request) => {
          const problem = await send(request);
          if (problem) throw new Error(`${request.method} ${request.path}: ${problem}`);
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    }
    // Each keyed route was refused and answered: the requests reached past the guards.
    for (const { path, method } of routes()) {
      const seen = [...(statuses.get(`${method} ${path}`) ?? [])];
      expect([method, path, seen.some((s) => s < 300), seen]).toEqual([method, path, true, seen]);
    }
    expect(acknowledged.size).toBeGreaterThan(50);
  });

  it('given the requests above, then the store holds exactly the story and the events acknowledged with 201', async () => {
    const stored = await storedIds();
    expect(new Set(stored).size).toBe(stored.length);
    expect(new Set(stored)).toEqual(new Set([...storyIds, ...acknowledged]));
  });

  /** Sends one request; what is wrong with its answer, if anything. */
  async function send(request: FuzzRequest): Promise<string | undefined> {
    const headers = {
      ...request.headers,
      ...(request.key && { authorization: `Bearer ${request.key}` }),
    };
    let response: Response;
    try {
      response = await fetch(`${api.url}${request.path}`, {
        method: request.method,
        headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(HANG_MS),
      });
    } catch (error) {
      return `no answer: ${(error as Error).message}`;
    }
    const contentType = response.headers.get('content-type') ?? undefined;
    const route = request.path.split('?')[0];
    const template = Object.keys(document.paths).find((p) =>
      new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}/?$`).test(route),
    );
    const seen = statuses.get(`${request.method.toLowerCase()} ${template}`) ?? new Set<number>();
    seen.add(response.status);
    statuses.set(`${request.method.toLowerCase()} ${template}`, seen);
    // A live stream that opened stays open: the status and media type are all there is to judge.
    const streaming = contentType?.startsWith('text/event-stream');
    const raw = streaming ? (await response.body?.cancel(), '') : await response.text();
    if (response.status >= 500) return `answered ${response.status}: ${raw}`;
    let body: unknown = raw;
    const media = (contentType ?? '').split(';')[0];
    try {
      if (/^application\/(.+\+)?json$/.test(media) && raw) body = JSON.parse(raw);
      if (media === 'application/x-ndjson')
        raw
          .split('\n')
          .filter(Boolean)
          .forEach((l) => JSON.parse(l));
    } catch {
      return `answered ${media} that does not parse: ${raw.slice(0, 200)}`;
    }
    if (response.status === 201) acknowledge(route, body as Json);
    const problem = api.conformance.problemWith({
      method: request.method,
      url: request.path,
      status: response.status,
      contentType,
      body,
    });
    return (
      problem &&
      `${problem} (sent ${request.body?.slice(0, 300) ?? 'no body'}; got ${raw.slice(0, 300)})`
    );
  }

  function acknowledge(route: string, body: Json): void {
    if (route === '/v1/events/batch')
      for (const e of body.events as Json[]) acknowledged.add(e.eventId as string);
    else if (route === '/v1/events' || route === '/v1/actors')
      acknowledged.add(body.eventId as string);
  }

  async function storedIds(): Promise<string[]> {
    const ids: string[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const page = (await (
        await fetch(`${api.url}/v1/events?after=${after}&limit=1000`, {
          headers: { authorization: `Bearer ${KEYS.reader}` },
        })
      ).json()) as Json;
      ids.push(...(page.events as Json[]).map((e) => e.eventId as string));
      after = page.next as number | null;
    }
    return ids;
  }
});
