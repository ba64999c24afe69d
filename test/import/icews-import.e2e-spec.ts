import { SKIP_REASONS, importedEventId } from '@entente/importers';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_KEYS_ENV, as } from '../support/api-client';
import { runCli, summaryOf, type ImportSummaryJson } from '../support/cli';
import {
  ICEWS_SAMPLE,
  icewsRowsBetweenStates,
  readReport,
  type ReportRow,
} from '../support/import-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * `npm run import -- icews <sample>` into a fresh DATA_DIR, then the API started on that directory and
 * asked what a user would ask: what the rows became, as state, timeline, context and audit.
 */

// Each test runs the command in processes of its own (a few seconds each on loaded cores).
jest.setTimeout(180_000);

describe('importing the ICEWS sample with the command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'entente-icews-'));
  const reportFile = join(dataDir, '..', `${dataDir.split('/').pop()}-report.csv`);
  let first: ImportSummaryJson;
  let firstExit: number | null;
  let report: ReportRow[];
  let api: TestApp;

  beforeAll(async () => {
    const result = await runCli(
      ['import', 'icews', ICEWS_SAMPLE, '--json', '--report', reportFile],
      { DATA_DIR: dataDir, SQLITE_DURABILITY: 'normal' },
    );
    firstExit = result.code;
    first = summaryOf(result);
    report = readReport(reportFile);
    api = await startTestApp({ API_KEYS: API_KEYS_ENV }, dataDir);
  }, 120_000);

  afterAll(async () => {
    await api?.dispose();
    rmSync(reportFile, { force: true });
  });

  const reader = () => as(api, 'reader');

  it('given the sample, then every row is stored or reported with a reason, and none failed', () => {
    expect(firstExit).toBe(0);
    expect(first.rows).toBe(3705);
    expect(first.failed).toEqual({});
    expect(first.stored + report.length).toBe(3705);
    for (const row of report) {
      expect(Object.keys(SKIP_REASONS)).toContain(row.reason);
      expect(row.detail).not.toBe('');
    }
    expect(first.readModels?.position).toBeGreaterThan(first.stored);
  });

  it('given the rows between two states, then at least 95% of them are stored', () => {
    const between = icewsRowsBetweenStates();
    const skipped = new Set(report.map((r) => Number(r.line)));
    const stored = between.filter((row) => !skipped.has(row.line));
    expect(between.length).toBeGreaterThan(1000);
    expect(stored.length / between.length).toBeGreaterThanOrEqual(0.95);
  });

  it('given a row of the sample, then its event carries the row: evidence, coding, roles, agent, source', async () => {
    const id = importedEventId('icews', '32890090', '2018-06-01');
    const { body } = await reader().get(`/v1/events/${id}`).expect(200);
    expect(body).toMatchObject({
      type: 'MeetingHeld',
      recordedBy: 'import',
      data: {
        actors: ['USA'],
        targets: ['PRK'],
        evidence: 'machine-coded',
        actorRole: 'head-of-state',
        actorAgent: { name: 'Donald Trump' },
        sources: [{ kind: 'news-report', outlet: 'Dow Jones News Service' }],
        coding: {
          dataset: 'icews',
          externalId: '32890090',
          scheme: 'CAMEO',
          code: '040',
          goldstein: { value: 1, scale: 'icews' },
          quadClass: 1,
          sentence: { story: '47401210', sentence: 5 },
        },
      },
    });
  });

  it.each([
    ['USA', 'PRK'],
    ['PRK', 'USA'],
  ])(
    'given the busiest pair %s -> %s, then negotiations are active since 2018-06-01, on ICEWS 046 rows',
    async (actor, target) => {
      const { body: state } = await reader()
        .get(`/v1/relations/${actor}/${target}?at=2018-06-02`)
        .expect(200);
      const negotiations = state.channels.find(
        (c: { channel: string }) => c.channel === 'negotiations',
      );
      expect(negotiations).toMatchObject({ status: 'active', since: '2018-06-01T00:00:00.000Z' });
      const { body: basis } = await reader().get(`/v1/events/${negotiations.basis[0]}`).expect(200);
      expect(basis.data.coding).toMatchObject({ dataset: 'icews', code: '046' });

      const { body: timeline } = await reader()
        .get(`/v1/relations/${actor}/${target}/timeline?channel=negotiations`)
        .expect(200);
      expect(timeline.intervals).toEqual([
        expect.objectContaining({
          channel: 'negotiations',
          status: 'active',
          from: '2018-06-01T00:00:00.000Z',
        }),
      ]);

      const { body: audit } = await reader()
        .get(`/v1/relations/${actor}/${target}/audit?channel=negotiations&at=2018-06-02`)
        .expect(200);
      expect(audit.steps.length).toBeGreaterThan(0);
      expect(audit.steps[0]).toMatchObject({ coding: { dataset: 'icews', code: '046' } });
    },
  );

  it('given the busiest pair, then its meetings and statements are context beside the state, with their coding', async () => {
    const { body } = await reader()
      .get('/v1/relations/USA/PRK/context?from=2018-06-01&to=2018-06-03&type=MeetingHeld')
      .expect(200);
    const facts = body.facts ?? body.items ?? body.events;
    expect(facts.length).toBeGreaterThan(50);
    expect(facts[0]).toMatchObject({ type: 'MeetingHeld' });
    expect(JSON.stringify(facts[0])).toContain('"dataset":"icews"');
  });

  it('given the imported rows, then the USA -> PRK series of June 2018 counts each stored row once and sums the Goldstein scores the rows carry', async () => {
    const skipped = new Set(report.map((r) => Number(r.line)));
    const [, ...rows] = readFileSync(ICEWS_SAMPLE, 'utf8').trimEnd().split('\n');
    const between = new Set(icewsRowsBetweenStates().map((r) => r.line));
    // Columns 4, 7 and 10 of an ICEWS row: source country, intensity (the ICEWS Goldstein), target country.
    const usaToPrk = rows
      .map((row, i) => ({ f: row.split('\t'), line: i + 2 }))
      .filter(({ line }) => between.has(line) && !skipped.has(line))
      .filter(({ f }) => f[4] === 'United States' && f[10] === 'North Korea');
    const sum = usaToPrk.reduce((total, { f }) => total + Number(f[7]), 0);
    expect(usaToPrk.length).toBeGreaterThan(50);

    const { body } = await reader()
      .get('/v1/relations/USA/PRK/series?from=2018-06&to=2018-06&scale=icews')
      .expect(200);
    expect(body.buckets).toHaveLength(1);
    expect(body.buckets[0].forward).toMatchObject({
      total: usaToPrk.length,
      goldstein: { scale: 'icews', scored: usaToPrk.length, unscored: 0 },
    });
    expect(body.buckets[0].forward.goldstein.sum).toBeCloseTo(sum, 3);
  });

  it('given the same file again, then nothing is stored the second time', async () => {
    await api.close();
    const again = await runCli(['import', 'icews', ICEWS_SAMPLE, '--json'], {
      DATA_DIR: dataDir,
      SQLITE_DURABILITY: 'normal',
    });
    const second = summaryOf(again);
    expect(again.code).toBe(0);
    expect(second.stored).toBe(0);
    expect(second.registered).toBe(0);
    expect(second.alreadyStored).toBe(first.stored);
    expect(second.readModels?.position).toBe(first.readModels?.position);
  }, 60_000);
});
