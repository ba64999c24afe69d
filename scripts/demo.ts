/**
 * `npm run demo -- [--port=3000] [--keep]`: the built API, the November 2025 story recorded through HTTP
 * as a client would, and a few queries to paste. Without --keep, on a temporary store that Ctrl-C
 * deletes; with --keep, into the configured DATA_DIR (the environment, else `.env`, else ./data), where it
 * stays for `npm start` to serve. Recording the story twice stores it once: its facts carry their own ids.
 */
import { STORY_ACTORS, STORY_EVENTS, STORY_IDS } from '@entente/domain';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, parseEnv } from 'node:util';
import { API_MAIN, ensureBuilt } from './build-if-changed';

const { values: cli } = parseArgs({
  options: { port: { type: 'string', default: '3000' }, keep: { type: 'boolean', default: false } },
});
const port = Number(cli.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`entente demo: --port must be a port number, not ${cli.port}`);
  process.exit(1);
}
const base = `http://127.0.0.1:${port}`;
const dataDir = cli.keep ? configuredDataDir() : mkdtempSync(join(tmpdir(), 'entente-demo-'));
const keys = { reader: key(), recorder: key(), admin: key() };

function key(): string {
  return randomBytes(18).toString('base64url');
}

/** Where `npm start` will look: the same order the API reads its configuration in. */
function configuredDataDir(): string {
  const dotEnv = existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')) : {};
  return resolve(process.env.DATA_DIR || dotEnv.DATA_DIR || './data');
}

async function call(method: string, path: string, role: keyof typeof keys, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${keys[role]}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
}

async function record(path: string, body: unknown, alreadyThere?: number): Promise<void> {
  const { status, body: answer } = await call('POST', path, 'recorder', body);
  if (status !== 201 && status !== alreadyThere) {
    throw new Error(`POST ${path}: ${status} ${JSON.stringify(answer)}`);
  }
}

async function waitForHealth(exited: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !exited(); i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the API did not answer on ${base}/health`);
}

let server: ChildProcess | undefined;
let failed = false;

async function main(): Promise<void> {
  await ensureBuilt();
  server = spawn(process.execPath, [API_MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      API_KEYS: `reader:demo-reader:${keys.reader},recorder:demo:${keys.recorder},admin:demo-admin:${keys.admin}`,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const cleanUp = () => {
    if (!cli.keep) rmSync(dataDir, { recursive: true, force: true });
  };
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // Ctrl-C under npm arrives twice (the terminal and npm): stop once, and let the server drain.
      if (stopping) return;
      stopping = true;
      server?.kill('SIGTERM');
    });
  }
  server.on('exit', (code) => {
    cleanUp();
    process.exit(failed ? 1 : stopping ? 0 : (code ?? 1));
  });

  await waitForHealth(() => server?.exitCode !== null);
  // 409: the actor is registered already (a --keep store that holds the story).
  for (const actor of STORY_ACTORS) await record('/v1/actors', actor, 409);
  for (const event of STORY_EVENTS) await record('/v1/events', event);
  const state = await call('GET', '/v1/relations/COL/USA', 'reader');

  const auth = `-H 'Authorization: Bearer ${keys.reader}'`;
  console.log(`
Entente is running on ${base} with ${cli.keep ? 'the store' : 'a temporary store'} in ${dataDir}.
Recorded the November 2025 story: ${STORY_ACTORS.length} actors, ${STORY_EVENTS.length} facts.

Colombia -> US now: ${JSON.stringify(state.body.channels)}

The timeline page: open ${base}/?actor=COL&target=USA&at=2025-11-11 and enter the reader key.

Try (reader key ${keys.reader}, recorder key ${keys.recorder}, admin key ${keys.admin}):

  # Colombia -> US, now; and on 10 November 2025, the day before Petro's order
  curl -s ${auth} '${base}/v1/relations/COL/USA'
  curl -s ${auth} '${base}/v1/relations/COL/USA?at=2025-11-10'

  # The story as it was publicly reported by 10 November, and by 12 November (the order was
  # published on the 11th): the report axis, beside knownAt (as recorded here)
  curl -s ${auth} '${base}/v1/relations/COL/USA?reportedBy=2025-11-10'
  curl -s ${auth} '${base}/v1/relations/COL/USA?reportedBy=2025-11-12'
  curl -s ${auth} '${base}/v1/relations/COL/USA/timeline?channel=intelligence&reportedBy=2025-11-10'

  # The Egmont Group's suspension of Colombia, "since 2024" (year precision)
  curl -s ${auth} '${base}/v1/relations/EGMONT/COL'

  # How the suspension was reached: each event, its sources, who recorded it when
  curl -s ${auth} '${base}/v1/relations/COL/USA/audit?channel=intelligence'

  # The whole timeline, and everything involving Colombia
  curl -s ${auth} '${base}/v1/relations/COL/USA/timeline'
  curl -s ${auth} '${base}/v1/actors/COL/relations'

  # One event, and live updates (then record something with the recorder key in another terminal)
  curl -s ${auth} '${base}/v1/events/${STORY_IDS.petroSuspendsIntelligence}'
  curl -N ${auth} '${base}/v1/live?after=0'

  # The API documentation
  open ${base}/docs

${
  cli.keep
    ? `Ctrl-C stops the server; the story stays in ${dataDir}, for \`npm start\` to serve (with its own keys).`
    : 'Ctrl-C stops the server and deletes the temporary store (`npm run demo -- --keep` keeps it).'
}
`);
}

main().catch((error: unknown) => {
  console.error(`entente demo: ${error instanceof Error ? error.message : String(error)}`);
  failed = true;
  if (server && server.exitCode === null) server.kill('SIGTERM');
  else process.exit(1);
});
