// Builds what `npm start` (and the bench and the process tests) run, once after install and again only
// when its sources changed. Plain CommonJS, so that `npm start` needs no compiler to decide.
const { spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');

/**
 * Each build: the package script that makes it, the sources it depends on (files or directories, from
 * the repository root), and a file it produces. One line per build: the API, then the timeline page.
 */
const BUILDS = [
  {
    script: 'build:api',
    inputs: [
      'apps/api/src',
      'libs',
      'tsconfig.json',
      'apps/api/tsconfig.app.json',
      'nest-cli.json',
      'package-lock.json',
    ],
    output: 'dist/apps/api/apps/api/src/main.js',
  },
  { script: 'build:web', inputs: ['apps/web', 'package-lock.json'], output: 'dist/web/index.html' },
];

/** The built API's entry point. */
const API_MAIN = join(ROOT, BUILDS[0].output);

/** Specs and docs are not part of a build: changing them builds nothing. */
function isSource(path) {
  return !path.endsWith('.spec.ts') && !path.endsWith('.md');
}

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name !== 'node_modules')
    .sort()
    .flatMap((name) => files(join(path, name)))
    .filter(isSource);
}

/** A hash of the build's inputs, paths and contents. */
function sourceHash(root, build) {
  const hash = createHash('sha256');
  hash.update(build.script);
  for (const file of build.inputs.flatMap((input) => files(join(root, input)))) {
    hash.update(relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function stampsOf(root) {
  return join(root, 'dist', '.build-stamps');
}

function stampOf(root, build) {
  return join(stampsOf(root), `${build.script.replace(/[^a-z0-9-]/gi, '-')}.sha256`);
}

function isCurrent(root, build) {
  const stamp = stampOf(root, build);
  return (
    existsSync(join(root, build.output)) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === sourceHash(root, build)
  );
}

function run(root, script, log) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    log(`building (npm run ${script}): its sources changed since the last build`);
    const child = spawn('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        resolve();
      } else reject(new Error(`npm run ${script} failed (${signal ?? code})`));
    });
  });
}

/**
 * Runs every build whose sources changed since it last ran (or whose output is missing). Builds of one
 * checkout wait for each other (a lock in dist/), so that two processes never write dist/ at once; the
 * one that waited finds the build done. `root` and `builds` default to this repository's.
 */
async function ensureBuilt({
  root = ROOT,
  builds = BUILDS,
  log = (message) => process.stderr.write(`entente: ${message}\n`),
} = {}) {
  if (builds.every((build) => isCurrent(root, build))) return;
  const stamps = stampsOf(root);
  mkdirSync(stamps, { recursive: true });
  // Loaded only when something is to be built: a plain start stays free of it.
  const lockfile = require('proper-lockfile');
  const release = await lockfile.lock(stamps, {
    stale: 30_000,
    retries: { retries: 600, minTimeout: 200, maxTimeout: 500 },
  });
  try {
    for (const build of builds) {
      if (isCurrent(root, build)) continue;
      // Hashed before building: a source edited during the build is built next time.
      const hash = sourceHash(root, build);
      await run(root, build.script, log);
      mkdirSync(stamps, { recursive: true });
      writeFileSync(stampOf(root, build), hash);
    }
  } finally {
    await release();
  }
}

module.exports = { API_MAIN, BUILDS, ensureBuilt };
