import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../scripts/build-if-changed';
import { as } from '../support/api-client';
import { freePort, startProcess, type TestProcess } from '../support/api-process';
import { startTestApp } from '../support/test-app';

/** `npm run demo -- --keep --port=N`, as a newcomer runs it, then the store it leaves behind. */
describe('npm run demo -- --keep', () => {
  let dataDir: string;
  beforeAll(() => ensureBuilt({ log: () => undefined }), 300_000);
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'entente-demo-keep-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const runDemo = async (port: number): Promise<TestProcess> => {
    const demo = startProcess('npm', ['run', 'demo', '--', '--keep', `--port=${port}`], {
      DATA_DIR: dataDir,
    });
    for (let i = 0; i < 1_200 && !demo.output().includes('Ctrl-C stops'); i++) {
      if (demo.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(demo.output()).toContain(
      `Entente is running on http://127.0.0.1:${port} with the store in ${dataDir}`,
    );
    demo.child.kill('SIGTERM');
    expect(await demo.exited).toBe(0);
    return demo;
  };

  it('given the configured DATA_DIR, when the demo runs with --keep on a chosen port and is stopped, then the story stays there for the API to serve, and a second run records nothing twice', async () => {
    await runDemo(await freePort());
    const head = async () => {
      const api = await startTestApp({ API_KEYS: 'reader:reader-key-0123456789abcdef' }, dataDir);
      try {
        const { body } = await as(api, 'reader').get('/v1/relations/COL/USA').expect(200);
        expect(body.channels).toContainEqual(
          expect.objectContaining({ channel: 'intelligence', status: 'suspended' }),
        );
        return (await as(api, 'reader').get('/health')).body.details.eventStore.head as number;
      } finally {
        await api.close();
      }
    };
    const first = await head();
    expect(first).toBeGreaterThan(0);

    await runDemo(await freePort());
    expect(await head()).toBe(first);
  }, 300_000);
});
