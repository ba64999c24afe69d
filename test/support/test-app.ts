import type { LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../apps/api/src/app.factory';
import { conformanceOf, type Conformance } from './openapi-conformance';

export interface TestApp {
  readonly app: NestExpressApplication;
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly dataDir: string;
  /** Judges answers against the OpenAPI document this app serves (see `as`). */
  readonly conformance: Conformance;
  /** Stops the server; the data directory stays until `dispose`. */
  close(): Promise<void>;
  dispose(): Promise<void>;
}

/** The real app, configured as a user would, listening on a random local port; silent unless given a logger. */
export async function startTestApp(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'entente-e2e-')),
  logger: LoggerService | false = false,
): Promise<TestApp> {
  const app = await createApp({
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SQLITE_DURABILITY: 'normal', ...env },
    logger,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const conformance = await conformanceOf(url);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  return {
    app,
    url,
    dataDir,
    conformance,
    close,
    dispose: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
