import { importedEventId } from '@entente/importers';
import { lockDataDirectory } from '@entente/event-store';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_KEYS_ENV, KEYS, as } from '../support/api-client';
import { runCli, summaryOf } from '../support/cli';
import {
  GDELT_V1_SAMPLE_ZIP,
  GDELT_V2_SAMPLE,
  ICEWS_SAMPLE,
  PLOVER_GSR,
  readReport,
} from '../support/import-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const ENV = { SQLITE_DURABILITY: 'normal' };
const fresh = (name: string) => mkdtempSync(join(tmpdir(), `entente-${name}-`));

// Each test runs the command in processes of its own (a few seconds each on loaded cores).
jest.setTimeout(180_000);

describe('the import command, format by format and door by door', () => {
  const dirs: string[] = [];
  const dir = (name: string) => {
    const made = fresh(name);
    dirs.push(made);
    return made;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  describe('GDELT: the 2.0 export and a zip of 1.0 daily and backfile rows in one run', () => {
    let api: TestApp;
    const dataDir = dir('gdelt');
    const reportFile = join(dataDir, 'skipped.csv');
    let summary: ReturnType<typeof summaryOf>;

    beforeAll(async () => {
      const result = await runCli(
        ['import', 'gdelt', GDELT_V2_SAMPLE, GDELT_V1_SAMPLE_ZIP, '--json', '--report', reportFile],
        { ...ENV, DATA_DIR: dataDir },
      );
      expect(result.code).toBe(0);
      summary = summaryOf(result);
      api = await startTestApp({ API_KEYS: API_KEYS_ENV }, dataDir);
    }, 120_000);
    afterAll(() => api?.close());

    it('given both samples, then every row is stored or reported with a reason', () => {
      expect(summary.rows).toBe(1540 + 710);
      expect(summary.failed).toEqual({});
      expect(summary.stored).toBeGreaterThan(250);
      const report = readReport(reportFile);
      expect(summary.stored + report.length).toBe(summary.rows);
      expect(report.some((r) => r.file.endsWith('.zip:gdelt_v1_events_sample.tsv'))).toBe(true);
    });

    it('given a 2.0 row, then reported when GDELT added it, with its URL, mentions, tone and place', async () => {
      const { body } = await as(api, 'reader')
        .get(`/v1/events/${importedEventId('gdelt', 'v2', '741917042')}`)
        .expect(200);
      expect(body.data).toMatchObject({
        actors: ['DEU'],
        targets: ['EU'],
        reportedAt: '2018-03-26T04:45:00.000Z',
        sources: [{ url: 'https://allafrica.com/stories/201803250023.html' }],
        coding: {
          dataset: 'gdelt',
          externalId: '741917042',
          code: '0874',
          goldstein: { value: 10, scale: 'gdelt' },
          mentions: 4,
          location: { country: 'DEU' },
        },
      });
      const { body: eu } = await as(api, 'reader').get('/v1/actors/EU').expect(200);
      expect(eu).toMatchObject({ code: 'EU', kind: 'organization' });
    });
  });

  describe('--api: the same facts through a running server', () => {
    it('given a server and a recorder key, then the facts go through its batch route', async () => {
      const api = await startTestApp({ API_KEYS: API_KEYS_ENV }, dir('server'));
      try {
        const sent = await runCli(
          ['import', 'icews', ICEWS_SAMPLE, '--json', '--api', api.url, '--key', KEYS.recorder],
          { ...ENV, DATA_DIR: dir('unused') },
        );
        expect(sent.code).toBe(0);
        const summary = summaryOf(sent);
        expect(summary).toMatchObject({ rows: 3705, failed: {}, readModels: null });
        let facts = 0;
        for (let after = 0; ;) {
          const { body } = await as(api, 'reader')
            .get(`/v1/events?after=${after}&limit=1000`)
            .expect(200);
          facts += body.events.filter((e: { type: string }) => e.type !== 'ActorRegistered').length;
          if (body.next === null) break;
          after = body.next;
        }
        expect(facts).toBe(summary.stored);
        const id = importedEventId('icews', '32890090', '2018-06-01');
        const { body } = await as(api, 'reader').get(`/v1/events/${id}`).expect(200);
        expect(body.recordedBy).toBe('newsdesk');
      } finally {
        await api.dispose();
      }
    }, 120_000);
  });

  describe('bad input and a busy directory', () => {
    it('given a data directory in use, then the import refuses with one line naming its holder', async () => {
      const dataDir = dir('locked');
      const held = lockDataDirectory(dataDir, 'the test');
      try {
        const result = await runCli(['import', 'icews', ICEWS_SAMPLE], {
          ...ENV,
          DATA_DIR: dataDir,
        });
        expect(result.code).toBe(2);
        expect(result.stderr.trim().split('\n')).toEqual([
          expect.stringMatching(
            new RegExp(`in use by process ${process.pid} on .* \\(the test, since`),
          ),
        ]);
      } finally {
        held.release();
      }
    });

    it('given --dry-run, then the rows are mapped and validated and nothing is written', async () => {
      const dataDir = dir('dry');
      const result = await runCli(['import', 'icews', ICEWS_SAMPLE, '--dry-run', '--json'], {
        ...ENV,
        DATA_DIR: dataDir,
      });
      expect(result.code).toBe(0);
      expect(summaryOf(result)).toMatchObject({ rows: 3705, failed: {} });
      expect(readdirSync(dataDir)).toEqual([]);
    });

    it('given an unknown format or a file that is not there, then exit 2 and one line', async () => {
      const env = { ...ENV, DATA_DIR: dir('bad') };
      const format = await runCli(['import', 'acled', ICEWS_SAMPLE], env);
      const missing = await runCli(['import', 'icews', '/no/such/file.tab'], env);
      expect([format.code, missing.code]).toEqual([2, 2]);
      expect(format.stderr).toMatch(
        /^entente: the format is icews, gdelt, plover or entente, not acled\n$/,
      );
      expect(missing.stderr).toMatch(/^entente: cannot read \/no\/such\/file\.tab: ENOENT\n$/);
    });

    it('given a GDELT file named as ICEWS, then exit 2 saying the header is not ICEWS', async () => {
      const result = await runCli(['import', 'icews', GDELT_V2_SAMPLE], {
        ...ENV,
        DATA_DIR: dir('wrong'),
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/not an ICEWS events header/);
    });

    it('given rows that fail for a reason other than scope (a country no crosswalk knows), then exit 1', async () => {
      const dataDir = dir('plover');
      const reportFile = join(dataDir, 'report.csv');
      const result = await runCli(
        [
          'import',
          'plover',
          PLOVER_GSR,
          '--dataset',
          'plover-gsr',
          '--json',
          '--report',
          reportFile,
        ],
        {
          ...ENV,
          DATA_DIR: dataDir,
        },
      );
      expect(result.code).toBe(1);
      const summary = summaryOf(result);
      expect(summary.stored).toBeGreaterThan(50);
      expect(summary.failed['unmapped-country']).toBeGreaterThan(0);
      expect(readReport(reportFile).filter((r) => r.out_of_scope === 'no').length).toBe(
        Object.values(summary.failed).reduce((a, b) => a + b, 0),
      );
    });
  });

  describe('entente: a store moved by export and import', () => {
    it('given an exported store, then importing it elsewhere gives the same facts', async () => {
      const source = dir('source');
      const target = dir('target');
      await runCli(['import', 'icews', ICEWS_SAMPLE], { ...ENV, DATA_DIR: source });
      const exported = join(source, 'export.ndjson');
      const exportRun = await runCli(['export', '--out', exported], { ...ENV, DATA_DIR: source });
      expect(exportRun.code).toBe(0);
      const lines = readFileSync(exported, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      const moved = await runCli(['import', 'entente', exported, '--json'], {
        ...ENV,
        DATA_DIR: target,
      });
      expect(moved.code).toBe(0);
      expect(summaryOf(moved).stored).toBe(
        lines.filter((l) => l.type !== 'ActorRegistered').length,
      );

      const api = await startTestApp({ API_KEYS: API_KEYS_ENV }, target);
      try {
        for (const line of lines.filter((l) => l.type !== 'ActorRegistered').slice(0, 50)) {
          const { body } = await as(api, 'reader').get(`/v1/events/${line.eventId}`).expect(200);
          expect(body.data).toEqual(line.data);
        }
      } finally {
        await api.close();
      }
    }, 120_000);
  });
});
