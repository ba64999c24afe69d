import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { API_KEYS_ENV, as } from '../support/api-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** A stand-in for dist/web: what is served, and how, does not depend on what the page does. */
function builtPage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'entente-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Entente timeline</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'export {};');
  return dir;
}

describe('the page at / (WEB_DIR)', () => {
  let api: TestApp;
  const web = builtPage();
  beforeAll(async () => (api = await startTestApp({ API_KEYS: API_KEYS_ENV, WEB_DIR: web })));
  afterAll(async () => {
    await api.dispose();
    rmSync(web, { recursive: true, force: true });
  });

  it('given a built page, when / is asked without a key, then it is served with a strict content policy', async () => {
    const response = await request(api.url).get('/').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('Entente timeline');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-cache');
    const view = await request(api.url).get('/?actor=COL&target=USA&at=2025-11-11').expect(200);
    expect(view.text).toBe(response.text);
  });

  it('given a built asset, when it is asked, then it may be cached for good (its name carries its hash)', async () => {
    const response = await request(api.url).get('/assets/index-abc123.js').expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('given the page, when the API, its docs and health are asked, then they answer as before', async () => {
    const unauthorised = await request(api.url).get('/v1/relations/COL/USA').expect(401);
    expect(unauthorised.headers['content-type']).toMatch(/^application\/problem\+json/);
    await as(api, 'reader').get('/v1/relations/COL/USA').expect(200);
    expect((await request(api.url).get('/health').expect(200)).body.status).toBe('ok');
    const docs = await request(api.url).get('/docs/openapi.json').expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    expect((await request(api.url).get('/docs').redirects(1)).text).not.toContain(
      'Entente timeline',
    );
  });

  it('given a path that is neither the page nor a route, then 404 problem+json, not the page', async () => {
    for (const path of ['/v1/nothing-here', '/somewhere', '/assets/missing.js']) {
      const response = await request(api.url).get(path).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('the page when it was not built', () => {
  it('given a WEB_DIR without a page, when / is asked, then 404 problem+json and the API still answers', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'entente-web-empty-'));
    const api = await startTestApp({ API_KEYS: API_KEYS_ENV, WEB_DIR: empty });
    try {
      const response = await request(api.url).get('/').expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      await as(api, 'reader').get('/v1/actors').expect(200);
    } finally {
      await api.dispose();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
