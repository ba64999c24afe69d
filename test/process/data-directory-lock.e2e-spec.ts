import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverEnv, startApiProcess, whenServing, type TestProcess } from '../support/api-process';

/** Two real server processes on one DATA_DIR: the second must be refused, naming the first. */
describe('one data directory, one server', () => {
  let dataDir: string;
  const servers: TestProcess[] = [];
  // PORT=0: each server binds a port the system picks, named in its log (see whenServing).
  const start = async () => {
    const server = await startApiProcess(serverEnv(0, dataDir));
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
    const first = await start();
    const firstPort = await whenServing(first);

    const second = await start();
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `entente: the data directory ${dataDir} is in use by process ${first.child.pid}`,
    );
    expect(second.output()).not.toMatch(/\n\s+at /);
    expect(second.output()).not.toContain('listening on');
    expect((await fetch(`http://127.0.0.1:${firstPort}/health`)).status).toBe(200);
  }, 180_000);

  it('given the first stopped with SIGTERM, or killed with SIGKILL, when a second starts, then it is let in at once: no stale lock', async () => {
    const first = await start();
    await whenServing(first);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await start();
    await whenServing(second);
    second.child.kill('SIGKILL');
    await second.exited;

    const third = await start();
    await whenServing(third);
  }, 180_000);
});
