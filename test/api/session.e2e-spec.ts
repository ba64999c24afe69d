import { aStateChange } from '@entente/domain/testing';
import request from 'supertest';
import { API_KEYS_ENV, KEYS, as } from '../support/api-client';
import { SseClient } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** The cookie a `Set-Cookie` header sets, as a browser would send it back. */
function cookieOf(response: request.Response): string {
  const header = ([] as string[]).concat(response.headers['set-cookie'] ?? [])[0] ?? '';
  return header.split(';')[0];
}

describe('browser sessions (POST /v1/session)', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp({ API_KEYS: API_KEYS_ENV })));
  afterAll(() => api.dispose());

  const open = (key: string) =>
    request(api.url).post('/v1/session').set('Authorization', `Bearer ${key}`);

  it('given a reader key in the Authorization header, when a session is opened, then an HttpOnly SameSite=Strict cookie scoped to /v1 carries it, never the key', async () => {
    const response = await open(KEYS.reader).expect(201);
    const header = ([] as string[]).concat(response.headers['set-cookie'])[0];
    expect(header).toMatch(/^entente_session=[^;]+; Max-Age=900; Path=\/v1; Expires=/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Strict');
    expect(header).not.toContain(KEYS.reader);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.session).toMatchObject({ role: 'reader', name: 'reader' });
    expect(Date.parse(response.body.session.expiresAt) - Date.now()).toBeGreaterThan(800_000);
  });

  it('given the cookie, when GET routes and the live feed are asked without a key, then they answer', async () => {
    const cookie = cookieOf(await open(KEYS.reader).expect(201));
    await request(api.url).get('/v1/relations/COL/USA').set('Cookie', cookie).expect(200);
    await request(api.url).get('/v1/actors').set('Cookie', cookie).expect(200);
    const live = await SseClient.connect(`${api.url}/v1/live?actor=COL`, { Cookie: cookie });
    try {
      expect(live.status).toBe(200);
      const recorded = await as(api, 'recorder')
        .post('/v1/events', aStateChange('CooperationSuspended'))
        .expect(201);
      await live.waitFor((m) => m.some((x) => x.id === `${recorded.body.position}.0`));
    } finally {
      live.close();
    }
    const current = await request(api.url).get('/v1/session').set('Cookie', cookie).expect(200);
    expect(current.body.session).toMatchObject({ role: 'reader', name: 'reader' });
  });

  it('given a session opened with a recorder or admin key, when it writes or administers, then 401: a session only reads', async () => {
    for (const key of [KEYS.recorder, KEYS.admin]) {
      const response = await open(key).expect(201);
      expect(response.body.session.role).toBe('reader');
      const cookie = cookieOf(response);
      await request(api.url)
        .post('/v1/events')
        .set('Cookie', cookie)
        .send(aStateChange('CooperationSuspended'))
        .expect(401);
      await request(api.url).get('/v1/admin/projections').set('Cookie', cookie).expect(403);
    }
  });

  it('given the cookie, when the session is renewed without a key, then a new cookie for the same name comes back', async () => {
    const cookie = cookieOf(await open(KEYS.reader).expect(201));
    const renewed = await request(api.url).post('/v1/session').set('Cookie', cookie).expect(201);
    expect(renewed.body.session).toMatchObject({ role: 'reader', name: 'reader' });
    expect(cookieOf(renewed)).toMatch(/^entente_session=/);
  });

  it('given a forged, tampered or absent cookie, when reading, then 401 and GET /v1/session says there is none', async () => {
    const cookie = cookieOf(await open(KEYS.reader).expect(201));
    const [body, signature] = cookie.slice('entente_session='.length).split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 1e9 })).toString(
      'base64url',
    );
    for (const bad of [
      `entente_session=${forged}.${signature}`,
      `entente_session=${body}.${signature.slice(1)}x`,
      'entente_session=nonsense',
    ]) {
      const response = await request(api.url).get('/v1/actors').set('Cookie', bad).expect(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const current = await request(api.url).get('/v1/session').set('Cookie', bad).expect(200);
      expect(current.body).toEqual({ session: null });
    }
    await request(api.url).post('/v1/session').expect(401);
    await open('not-a-key-at-all-nope').expect(401);
  });

  it('given an Authorization header, when it is wrong, then the cookie does not stand in for it', async () => {
    const cookie = cookieOf(await open(KEYS.reader).expect(201));
    await request(api.url)
      .get('/v1/actors')
      .set('Cookie', cookie)
      .set('Authorization', 'Bearer not-a-key-at-all-nope')
      .expect(401);
  });

  it('given a session, when it is closed, then the cookie is cleared', async () => {
    const response = await request(api.url).delete('/v1/session').expect(204);
    const header = ([] as string[]).concat(response.headers['set-cookie'])[0];
    expect(header).toMatch(/^entente_session=; Path=\/v1; Expires=Thu, 01 Jan 1970/);
  });
});

describe('cross-origin access (CORS_ORIGINS)', () => {
  const preflight = (api: TestApp, origin: string) =>
    request(api.url)
      .options('/v1/relations/COL/USA')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');

  it('given no CORS_ORIGINS, when another origin asks, then no CORS header lets it read', async () => {
    const api = await startTestApp({ API_KEYS: API_KEYS_ENV });
    try {
      const response = await preflight(api, 'https://elsewhere.example');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      const read = await as(api, 'reader')
        .get('/v1/actors')
        .set('Origin', 'https://elsewhere.example')
        .expect(200);
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await api.dispose();
    }
  });

  it('given CORS_ORIGINS, when a listed origin asks, then it may send its key; an unlisted one may not', async () => {
    const api = await startTestApp({
      API_KEYS: API_KEYS_ENV,
      CORS_ORIGINS: 'https://newsroom.example, http://localhost:5173',
    });
    try {
      const allowed = await preflight(api, 'https://newsroom.example').expect(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://newsroom.example');
      expect(allowed.headers['access-control-allow-headers']).toContain('Authorization');
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
      const other = await preflight(api, 'https://elsewhere.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await api.dispose();
    }
  });
});
