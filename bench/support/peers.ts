import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../harness/machine';

const PEERS_DIR = join(REPO_ROOT, 'bench');

let installing: Promise<void> | undefined;

/**
 * Loads a package of the peer benchmarks (bench/package.json: Emmett and its sqlite3 addon), installing
 * them into bench/node_modules from bench/package-lock.json on first use: they stay out of Entente's own
 * install, where sqlite3 would compile a second SQLite for nothing a user runs. The specifier is not a
 * literal, so that the type check never needs them installed; callers state the shape they use.
 */
export async function loadPeer<Module>(
  name: string,
  log: (message: string) => void,
): Promise<Module> {
  const resolve = createRequire(join(PEERS_DIR, 'package.json')).resolve;
  try {
    resolve(name);
  } catch {
    installing ??= install(log);
    await installing;
  }
  return (await import(pathToFileURL(resolve(name)).href)) as Module;
}

function install(log: (message: string) => void): Promise<void> {
  log('installing the peer benchmarks (npm ci in bench/: Emmett, sqlite3), once');
  return new Promise((done, fail) => {
    const child = spawn('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: PEERS_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`npm ci in bench/ failed (${code})`)),
    );
  });
}
