import { API_KEYS_ENV, KEYS, as } from './api-client';
import { SseClient } from './sse-client';
import { startTestApp, type TestApp } from './test-app';

export const READER_AUTH = { Authorization: `Bearer ${KEYS.reader}` };

/**
 * A fresh app per test for the live feed (heartbeats every 200 ms, 8 MB bodies for big batches), the
 * followers a test connects (closed after it), and recording through the API.
 */
export function liveTestbed() {
  let api: TestApp | undefined;
  const clients: SseClient[] = [];
  beforeEach(async () => {
    api = await startTestApp({
      API_KEYS: API_KEYS_ENV,
      SSE_HEARTBEAT_MS: '200',
      BODY_LIMIT_BYTES: '8388608',
    });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await api?.dispose();
  });
  const app = () => api!;
  return {
    app,
    async connect(query = '', headers: Record<string, string> = {}): Promise<SseClient> {
      const client = await SseClient.connect(`${app().url}/v1/live${query}`, {
        ...READER_AUTH,
        ...headers,
      });
      clients.push(client);
      return client;
    },
    async record(body: object): Promise<{ eventId: string; position: number }> {
      return (await as(app(), 'recorder').post('/v1/events', body).expect(201)).body;
    },
  };
}
