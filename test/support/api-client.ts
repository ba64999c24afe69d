import request, { type Response } from 'supertest';
import type { TestApp } from './test-app';

export const KEYS = {
  reader: 'reader-key-0123456789abcdef',
  recorder: 'recorder-key-0123456789abcdef',
  admin: 'admin-key-0123456789abcdef',
};

/** API_KEYS for tests: one key per role; the recorder's principal is `newsdesk`. */
export const API_KEYS_ENV = `reader:${KEYS.reader},recorder:newsdesk:${KEYS.recorder},admin:${KEYS.admin}`;

/**
 * Requests with a role's key. Every answer is also judged against the OpenAPI document the app serves:
 * a status, media type or body it does not document fails the test.
 */
export function as(api: TestApp, role: keyof typeof KEYS) {
  const auth = { Authorization: `Bearer ${KEYS[role]}` };
  const documented = (method: string, path: string) => (res: Response) => {
    const problem = api.conformance.problemWith({
      method,
      url: path,
      status: res.status,
      contentType: res.headers['content-type'] as string | undefined,
      body: res.body,
    });
    if (problem) throw new Error(`not as documented: ${problem}`);
  };
  return {
    get: (path: string) => request(api.url).get(path).set(auth).expect(documented('GET', path)),
    post: (path: string, body?: object) =>
      request(api.url).post(path).set(auth).send(body).expect(documented('POST', path)),
  };
}
