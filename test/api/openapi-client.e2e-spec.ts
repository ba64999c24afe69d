import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { API_KEYS_ENV, KEYS } from '../support/api-client';
import { postStory } from '../support/story';
import { startTestApp, type TestApp } from '../support/test-app';

const root = join(__dirname, '..', '..');
const bin = (path: string) => join(root, 'node_modules', path);
// Asynchronous: the app answering the client runs in this very process.
const run = promisify(execFile);

/** A client a user would write: typed by the generated `paths`, and wrong calls do not compile. */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { paths } from './entente-api';

const client = createClient<paths>({
  baseUrl: process.env.ENTENTE_URL,
  headers: { Authorization: \`Bearer \${process.env.ENTENTE_KEY}\` },
});

async function main(): Promise<void> {
  const { data, error } = await client.GET('/v1/relations/{actor}/{target}', {
    params: { path: { actor: 'COL', target: 'USA' }, query: { at: '2025-11-30', evidence: 'curated' } },
  });
  if (error) throw new Error(error.detail);
  const status: 'unknown' | 'active' | 'restricted' | 'suspended' | 'severed' = data.channels[0].status;
  const missing = await client.GET('/v1/events/{eventId}', { params: { path: { eventId: 'nope' } } });
  const code: string | undefined = missing.error?.code;
  process.stdout.write(JSON.stringify({ status, since: data.channels[0].since, code }));
}

async function neverCalled(): Promise<void> {
  // @ts-expect-error evidence is curated or all
  await client.GET('/v1/relations/{actor}/{target}', { params: { path: { actor: 'COL', target: 'USA' }, query: { evidence: 'some' } } });
  // @ts-expect-error a relation state has no intervals
  (await client.GET('/v1/relations/{actor}/{target}', { params: { path: { actor: 'COL', target: 'USA' } } })).data?.intervals;
  // @ts-expect-error a batch holds events
  await client.POST('/v1/events/batch', { body: { facts: [] } });
}
void neverCalled;

void main();
`;

describe('a client generated from the OpenAPI document', () => {
  let api: TestApp;
  let dir: string;

  beforeAll(async () => {
    api = await startTestApp({ API_KEYS: API_KEYS_ENV });
    await postStory(api);
    dir = mkdtempSync(join(tmpdir(), 'entente-client-'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  });
  afterAll(async () => {
    await api.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the served document, when openapi-typescript generates types and a client is compiled against them, then it typechecks (wrong calls do not) and reads the story through HTTP', async () => {
    const document = await (await fetch(`${api.url}/docs/openapi.json`)).text();
    writeFileSync(join(dir, 'openapi.json'), document);
    await run(
      process.execPath,
      [bin('openapi-typescript/bin/cli.js'), 'openapi.json', '-o', 'entente-api.d.ts'],
      { cwd: dir },
    );
    writeFileSync(join(dir, 'client.ts'), CLIENT);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: ['node'],
          skipLibCheck: true,
        },
        files: ['client.ts'],
      }),
    );
    try {
      await run(process.execPath, [bin('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: dir });
    } catch (error) {
      throw new Error(`the client does not typecheck:\n${(error as { stdout: string }).stdout}`, {
        cause: error,
      });
    }

    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'client.ts'], {
      cwd: dir,
      env: { ...process.env, ENTENTE_URL: api.url, ENTENTE_KEY: KEYS.reader },
    });
    expect(JSON.parse(stdout)).toEqual({
      status: 'suspended',
      since: '2025-11-11T00:00:00.000Z',
      code: 'not-found',
    });
  });
});
