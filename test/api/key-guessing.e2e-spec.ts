import { ThrottlerStorage } from '@nestjs/throttler';
import request from 'supertest';
import { FixedWindowThrottlerStorage } from '../../apps/api/src/auth/fixed-window-throttler.storage';
import { API_KEYS_ENV, KEYS } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('guessing API keys', () => {
  let api: TestApp;
  beforeEach(async () => (api = await startTestApp({ API_KEYS: API_KEYS_ENV })));
  afterEach(() => api.dispose());

  const guess = (i: number) =>
    request(api.url).get('/v1/actors').set('Authorization', `Bearer wrong-key-${i}-0123456789`);

  it('given one address, when it sends 100 different wrong keys, then the first 20 are 401, the other 80 429 with Retry-After, and the limiter holds one entry, not one per guess', async () => {
    const statuses: number[] = [];
    let blocked: request.Response | undefined;
    for (let i = 0; i < 100; i++) {
      const response = await guess(i);
      statuses.push(response.status);
      if (response.status === 429) blocked ??= response;
    }
    expect(statuses.slice(0, 20)).toEqual(new Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(new Array(80).fill(429));
    expect(blocked!.headers['retry-after']).toMatch(/^\d+$/);
    expect(blocked!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(blocked!.body).toMatchObject({ status: 429, code: 'rate-limited' });
    expect(blocked!.body.detail).toMatch(/failed authentications/);
    const storage = api.app.get(ThrottlerStorage) as FixedWindowThrottlerStorage;
    expect(storage.size).toBeLessThanOrEqual(1);
  });

  it('given an address blocked for guessing, when it then presents a valid key, then it is still refused until the block ends', async () => {
    for (let i = 0; i < 21; i++) await guess(i);
    await request(api.url)
      .get('/v1/actors')
      .set('Authorization', `Bearer ${KEYS.reader}`)
      .expect(429);
  });

  it('given a few wrong keys, when the right one follows, then it is served: a typo is not a block', async () => {
    for (let i = 0; i < 5; i++) await guess(i).expect(401);
    await request(api.url)
      .get('/v1/actors')
      .set('Authorization', `Bearer ${KEYS.reader}`)
      .expect(200);
  });
});
