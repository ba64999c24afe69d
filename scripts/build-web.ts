/**
 * `npm run build:web`: builds the timeline page (apps/web) into dist/web with Vite. With `--if-changed`
 * (what `npm start` and `npm run build` use) it does nothing when the built page is newer than every
 * source of it, so a start without changes to the page costs one directory walk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const sources = [join(root, 'apps', 'web'), join(root, 'package-lock.json')];
const stamp = join(root, 'dist', 'web', 'index.html');

function newestIn(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestIn(join(path, name))),
    stat.mtimeMs,
  );
}

function webIsCurrent(): boolean {
  return existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...sources.map(newestIn));
}

function main(): void {
  if (process.argv.includes('--if-changed') && webIsCurrent()) return;
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = join(root, 'apps', 'web', 'vite.config.mts');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', config, '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    console.error('build:web: the timeline page did not build (see above)');
    process.exit(result.status ?? 1);
  }
}

main();
