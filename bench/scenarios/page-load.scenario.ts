/**
 * Scenario 6, the timeline page: from navigation to both directions of COL -> USA drawn (their data
 * read, the charts drawn), on the November 2025 story, in headless Chromium against the built API.
 */
import { STORY_ACTORS, STORY_EVENTS } from '@entente/domain';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, requireChromium } from '../../test/browser/chromium';
import { REPO_ROOT } from '../harness/machine';
import { median } from '../harness/stats';
import type { CaseContext, CaseResult, FigureSpec, Profile, Scenario } from '../harness/types';
import { startApi, type RunningApi } from '../support/api';

const LOADS: Record<Profile, number> = { full: 20, quick: 8, smoke: 2 };
const VIEW = '/?actor=COL&target=USA&at=2025-11-11';
/**
 * When the later of the two directions was drawn, by the marks the page sets then
 * (apps/web/src/components/direction-panel.tsx); null before both are. Runs in the page, whose
 * `performance` Node's types describe too.
 */
function drawnAt(): number | null {
  const marks = performance
    .getEntriesByType('mark')
    .filter((mark) => mark.name.startsWith('entente:ready:'));
  return marks.length === 2 ? Math.max(...marks.map((mark) => mark.startTime)) : null;
}

function buildPage(log: (message: string) => void): void {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join('scripts', 'build-web.ts'), '--if-changed'],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`build:web failed: ${result.stderr}`);
  log('the page is built (dist/web)');
}

async function post(api: RunningApi, path: string, body: unknown): Promise<Response> {
  const response = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${api.keys.recorder}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** The session cookie a reader's page would hold after giving its key once. */
async function readerSession(api: RunningApi): Promise<string> {
  const response = await fetch(`${api.url}/v1/session`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${api.keys.reader}` },
  });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`POST /v1/session: ${response.status}`);
  return cookie.slice(cookie.indexOf('=') + 1);
}

interface Load {
  /** Milliseconds from navigation start to the later of the two directions drawn. */
  readonly cold: number;
  readonly warm: number;
  /** The page's main-thread work during the cold load (Chromium's TaskDuration), in ms. */
  readonly coldTaskMs: number;
}

/**
 * CPU time the API process has used so far, in ms (Linux: utime + stime of /proc/<pid>/stat). With the
 * page's own task time, it says what a load costs apart from what other processes on the machine take.
 */
function cpuMsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100;

async function load(browser: Browser, api: RunningApi, session: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addCookies([
      { name: 'entente_session', value: session, url: `${api.url}/v1`, sameSite: 'Strict' },
    ]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    // The marks carry the time; asking for them every frame would take the page's own main thread.
    const drawn = async () =>
      (await (
        await page.waitForFunction(drawnAt, null, { polling: 200, timeout: 30_000 })
      ).jsonValue())!;
    await page.goto(`${api.url}${VIEW}`);
    const cold = await drawn();
    const { metrics } = await cdp.send('Performance.getMetrics');
    const coldTaskMs = (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
    // The same page again, its files in the browser's cache.
    await page.reload();
    return { cold, warm: await drawn(), coldTaskMs };
  } finally {
    await context.close();
  }
}

async function runCase(_name: string, context: CaseContext): Promise<CaseResult> {
  requireChromium();
  buildPage(context.log);
  const api = await startApi({ dataDir: join(context.dir, 'data'), log: context.log });
  let browser: Browser | undefined;
  try {
    for (const actor of STORY_ACTORS) await post(api, '/v1/actors', actor);
    for (const event of STORY_EVENTS) await post(api, '/v1/events', event);
    const session = await readerSession(api);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // One load first, not counted: Chromium's own start-up (its caches, the compiler) is not the page's.
    await load(browser, api, session);
    const loads: Load[] = [];
    const apiCpuBefore = cpuMsOf(api.process.pid!);
    for (let i = 0; i < LOADS[context.profile]; i++) loads.push(await load(browser, api, session));
    const apiCpuAfter = cpuMsOf(api.process.pid!);
    const cold = loads.map((l) => l.cold);
    const warm = loads.map((l) => l.warm);
    context.log(
      `cold ${cold.map((ms) => ms.toFixed(0)).join(', ')} ms; warm ${warm.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
    return {
      values: {
        'cold.p50-ms': median(cold),
        'cold.max-ms': Math.max(...cold),
        'warm.p50-ms': median(warm),
        'cold.page-task-ms': median(loads.map((l) => l.coldTaskMs)),
        // Per load, the cold one and its reload together.
        'api.cpu-ms':
          apiCpuBefore === null || apiCpuAfter === null
            ? null
            : (apiCpuAfter - apiCpuBefore) / loads.length,
      },
      notes: apiCpuBefore === null ? { 'api.cpu-ms': 'no /proc on this system' } : {},
    };
  } finally {
    await browser?.close();
    await api.stop();
  }
}

function figures(profile: Profile): FigureSpec[] {
  const loads = LOADS[profile];
  return [
    {
      name: `page: navigation to both directions drawn, empty cache (median of ${loads} loads)`,
      metric: 'page load',
      unit: 'ms',
      key: 'cold.p50-ms',
      target: { kind: 'absolute', op: '<', value: 1000 },
    },
    {
      name: `page: the slowest of ${loads} loads with an empty cache`,
      metric: 'page load (max)',
      unit: 'ms',
      key: 'cold.max-ms',
      target: { kind: 'absolute', op: '<', value: 1000 },
    },
    {
      name: "reference: the page's main-thread work during a cold load (Chromium TaskDuration)",
      metric: 'browser CPU',
      unit: 'ms',
      key: 'cold.page-task-ms',
      target: null,
    },
    {
      name: 'reference: API CPU time per load (cold load and its reload), from /proc',
      metric: 'API CPU',
      unit: 'ms',
      key: 'api.cpu-ms',
      target: null,
      noteKeys: ['api.cpu-ms'],
    },
    {
      name: `reference: page reloaded, its files cached (median of ${loads})`,
      metric: 'page load (cached)',
      unit: 'ms',
      key: 'warm.p50-ms',
      target: null,
    },
  ];
}

function describe(profile: Profile): string {
  return (
    'The built API on a fresh data directory with the story recorded through HTTP (8 actors, 17 facts), ' +
    'the built page (dist/web) it serves, and Debian Chromium headless at 1280x800 with a reader session ' +
    `cookie. Each of ${LOADS[profile]} loads opens a fresh browser context (empty cache) at ${VIEW}, ` +
    'then reloads it (files cached); a first load is not counted. Timed by the page itself, from ' +
    'navigation start to the later of its two directions drawn: history, timeline and state read, charts ' +
    'drawn (performance marks `entente:ready:*`). Browser, API and the measuring process share 2 cores.'
  );
}

export const scenario: Scenario = {
  name: 'page-load',
  title: '6. The timeline page',
  order: 6,
  runs: { full: 3, quick: 1, smoke: 1 },
  caseTimeoutSeconds: { full: 300, quick: 180, smoke: 120 },
  cases: () => ['story'],
  runCase,
  figures,
  describe,
};
