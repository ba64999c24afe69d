import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../../scripts/build-if-changed';
import {
  isClosed,
  serverEnv,
  startProcess,
  whenServing,
  type TestProcess,
} from '../support/api-process';

/** `npm start` as a user runs it: a process of its own, stopped by a signal. */
describe('npm start', () => {
  let dataDir: string;
  let started: TestProcess | undefined;
  /** In its own process group, as a terminal runs it, so that Ctrl-C can be sent to the whole group. */
  // PORT=0: the API binds a port the system picks and names it in its log (see whenServing).
  const npmStart = () =>
    (started = startProcess('npm', ['start'], serverEnv(0, dataDir), { detached: true }));

  beforeAll(async () => {
    // Built here if the sources changed, so that the starts below find a current build.
    await ensureBuilt({ log: () => undefined });
  }, 300_000);
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'entente-start-'))));
  afterEach(async () => {
    if (started && started.child.exitCode === null && started.child.signalCode === null) {
      process.kill(-started.child.pid!, 'SIGKILL');
      await started.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given a current build, when npm start runs, then it serves without building; and SIGTERM to npm stops the API: npm exits and the port closes', async () => {
    const server = npmStart();
    const port = await whenServing(server);
    expect(server.output()).not.toContain('building');
    expect(server.output()).toContain(`listening on http://127.0.0.1:${port}`);

    server.child.kill('SIGTERM');
    await server.exited;
    expect(server.output()).toContain('SIGTERM: stopping');
    expect(await isClosed(port)).toBe(true);
  }, 120_000);

  it('given npm start in a terminal, when Ctrl-C (SIGINT to the whole process group) is pressed, then the API stops once, cleanly, and everything exits', async () => {
    const server = npmStart();
    const port = await whenServing(server);

    process.kill(-server.child.pid!, 'SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.output().match(/SIGINT: stopping/g)).toHaveLength(1);
    expect(server.output()).not.toMatch(/\n\s+at /);
    expect(await isClosed(port)).toBe(true);
  }, 120_000);
});
