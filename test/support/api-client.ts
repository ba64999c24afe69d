import request from 'supertest';
import type { TestApp } from './test-app';

export const KEYS = {
  reader: 'reader-key-0123456789abcdef',
  recorder: 'recorder-key-0123456789abcdef',
  admin: 'admin-key-0123456789abcdef',
};

/** API_KEYS for tests: one key per role; the recorder's principal is `newsdesk`. */
export const API_KEYS_ENV = `reader:${KEYS.reader},recorder:newsdesk:${KEYS.recorder},admin:${KEYS.admin}`;

export function as(api: TestApp, role: keyof typeof KEYS) {
  const auth = { Authorization: `Bearer ${KEYS[role]}` };
  return {
    get: (path: string) => request(api.url).get(path).set(auth),
    post: (path: string, body?: object) => request(api.url).post(path).set(auth).send(body),
  };
}
