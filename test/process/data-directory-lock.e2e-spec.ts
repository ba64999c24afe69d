import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  isClosed,
  serverEnv,
  startApiProcess,
  waitForHealth,
  type TestProcess,
} from '../support/api-process';

/** Two real server processes on one DATA_DIR: the second must be refused, naming the first. */
describe('one data directory, one server', () => {
  let dataDir: string;
  const servers: TestProcess[] = [];
  const start = async (port: number) => {
    const server = await startApiProcess(serverEnv(port, dataDir));
    servers.push(server);
    return server;
  };

  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'entente-lock-e2e-'))));
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given a server on a data directory, when a second starts on it, then the second exits non-zero naming the first one pid, never listens, and the first keeps serving', async () => {
    const [firstPort, secondPort] = [await freePort(), await freePort()];
    const first = await start(firstPort);
    await waitForHealth(first, firstPort);

    const second = await start(secondPort);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `entente: the data directory ${dataDir} is in use by process ${first.child.pid}`,
    );
    expect(second.output()).not.toMatch(/\n\s+at /);
    expect(await isClosed(secondPort)).toBe(true);
    expect((await fetch(`http://127.0.0.1:${firstPort}/health`)).status).toBe(200);
  }, 180_000);

  it('given the first stopped with SIGTERM, or killed with SIGKILL, when a second starts, then it is let in at once: no stale lock', async () => {
    const port = await freePort();
    const first = await start(port);
    await waitForHealth(first, port);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await start(port);
    await waitForHealth(second, port);
    second.child.kill('SIGKILL');
    await second.exited;

    const third = await start(port);
    await waitForHealth(third, port);
  }, 180_000);
});
