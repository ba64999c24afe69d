import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const WEB_DIR = resolve(__dirname, '..', '..', 'dist', 'web');

/** The page as `npm start` builds it: rebuilt only when its sources changed. */
export function buildWeb(): void {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join('scripts', 'build-web.ts'), '--if-changed'],
    { cwd: resolve(__dirname, '..', '..'), encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`build:web failed:\n${result.stdout}${result.stderr}`);
}
