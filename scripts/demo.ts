/**
 * `npm run demo`: the built API on a fresh temporary store, the November 2025 story recorded through
 * HTTP as a client would, and a few queries to paste. Ctrl-C stops the server and removes the store.
 */
import { STORY_ACTORS, STORY_EVENTS, STORY_IDS } from '@entente/domain';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.argv.find((a) => a.startsWith('--port='))?.split('=')[1] ?? 3000);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'entente-demo-'));
const keys = { reader: key(), recorder: key(), admin: key() };

function key(): string {
  return randomBytes(18).toString('base64url');
}

async function call(method: string, path: string, role: keyof typeof keys, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${keys[role]}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the API did not answer on ${base}/health`);
}

async function main(): Promise<void> {
  const server = spawn(
    process.execPath,
    [join('dist', 'apps', 'api', 'apps', 'api', 'src', 'main.js')],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        API_KEYS: `reader:demo-reader:${keys.reader},recorder:demo:${keys.recorder},admin:demo-admin:${keys.admin}`,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const stop = () => {
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stop();
      process.exit(0);
    });
  }
  server.on('exit', (code) => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(code ?? 0);
  });

  await waitForHealth();
  for (const actor of STORY_ACTORS) await call('POST', '/v1/actors', 'recorder', actor);
  for (const event of STORY_EVENTS) await call('POST', '/v1/events', 'recorder', event);
  const state = await call('GET', '/v1/relations/COL/USA', 'reader');

  const auth = `-H 'Authorization: Bearer ${keys.reader}'`;
  console.log(`
Entente is running on ${base} with a temporary store in ${dataDir}.
Recorded the November 2025 story: ${STORY_ACTORS.length} actors, ${STORY_EVENTS.length} facts.

Colombia -> US now: ${JSON.stringify(state.channels)}

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

Ctrl-C stops the server and deletes the temporary store.
`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
