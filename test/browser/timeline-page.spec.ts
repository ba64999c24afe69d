import { aStateChange, aStatement } from '@entente/domain/testing';
import { STORY_IDS } from '@entente/domain';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { LiveFeed } from '../../apps/api/src/live/live-feed.service';
import { API_KEYS_ENV, as, KEYS } from '../support/api-client';
import { openBrowser, type Browser } from '../support/browser';
import { postStory } from '../support/story';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWeb, WEB_DIR } from '../support/web-build';

// Generous: a loaded CI machine is slow, not broken (every wait is for a condition, never a time).
jest.setTimeout(60_000);

/** `UPDATE_SCREENSHOT=1 npx jest test/browser` refreshes the README's picture. */
const README_SCREENSHOT = resolve(__dirname, '..', '..', 'docs', 'timeline-page.png');

/**
 * The page as a reader uses it, in real Chromium against the real API on the story: one session, each
 * step building on the last, as one person would go through it.
 */
describe('the timeline page, in Chromium, on the November 2025 story', () => {
  let api: TestApp;
  let browser: Browser;
  let page: Page;
  const shots = mkdtempSync(join(tmpdir(), 'entente-shots-'));

  beforeAll(async () => {
    buildWeb();
    api = await startTestApp({ API_KEYS: API_KEYS_ENV, WEB_DIR });
    await postStory(api);
    browser = await openBrowser();
    page = browser.page;
    page.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.dispose();
    rmSync(shots, { recursive: true, force: true });
  });

  const panel = (from: string, to: string) => page.locator(`[data-direction="${from}-${to}"]`);
  const state = (from: string, to: string, channel: string, status: string) =>
    panel(from, to).locator(`.state[data-channel="${channel}"][data-status="${status}"]`);
  const band = (from: string, to: string, words: string) =>
    panel(from, to).locator(`a:has([aria-label="${words}"])`);
  type PageGlobals = { location: { search: string } };
  /** The page writes its address after it renders, so the test waits for the address, never reads it once. */
  const addressHas = (name: string, expected: string | null | RegExp) =>
    page.waitForFunction(
      ([param, value, pattern]) => {
        const actual = new URLSearchParams(
          (globalThis as unknown as PageGlobals).location.search,
        ).get(param);
        return pattern === null
          ? actual === value
          : actual !== null && new RegExp(pattern).test(actual);
      },
      [
        name,
        expected instanceof RegExp ? null : expected,
        expected instanceof RegExp ? expected.source : null,
      ] as const,
    );
  const fact = (from: string, to: string, words: string) =>
    panel(from, to).locator(`.fact a:has([aria-label*="${words}"])`);
  const ready = () => page.locator('[data-direction][data-ready="true"]').nth(1).waitFor();

  it('asks for a key once, trades it for a session, and never puts it in the URL', async () => {
    await page.goto(`${api.url}/`);
    await page.getByLabel('Reader key').fill(KEYS.reader);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('form', { name: 'Pair' }).waitFor();
    expect(page.url()).not.toContain(KEYS.reader);
    const cookies = await browser.context.cookies();
    expect(cookies).toEqual([
      expect.objectContaining({ name: 'entente_session', httpOnly: true, sameSite: 'Strict' }),
    ]);
    expect(cookies[0].value).not.toContain(KEYS.reader);
    // Page-side expressions as strings: the test's own program has no DOM types.
    expect(await page.evaluate('document.cookie')).toBe('');
  });

  it('finds the pair by name and code, and shows both directions side by side', async () => {
    await page.getByLabel('From', { exact: true }).fill('Colombia');
    await page.getByLabel('To', { exact: true }).fill('usa');
    await page.getByRole('button', { name: 'Show' }).click();
    await ready();
    await addressHas('actor', 'COL');
    await addressHas('target', 'USA');
    const [there, back] = await Promise.all([
      panel('COL', 'USA').boundingBox(),
      panel('USA', 'COL').boundingBox(),
    ]);
    expect(there!.y).toBe(back!.y);
    expect(back!.x).toBeGreaterThan(there!.x + there!.width - 1);
    await band(
      'USA',
      'COL',
      'military-intelligence: suspended from approximately 2025-10-01 onwards',
    ).waitFor();
  });

  it('shows the intelligence band turning suspended on 2025-11-11, with its condition', async () => {
    await page.getByLabel('On (valid time)').fill('2025-11-10');
    await state('COL', 'USA', 'intelligence', 'active').waitFor();
    await page.getByLabel('On (valid time)').fill('2025-11-11');
    const suspended = state('COL', 'USA', 'intelligence', 'suspended');
    await suspended.waitFor();
    expect(await suspended.textContent()).toContain('since 2025-11-11');
    expect(await suspended.textContent()).toContain(
      'as long as the missile attack on boats in the Caribbean continues',
    );
    await band('COL', 'USA', 'intelligence: suspended from 2025-11-11 onwards').waitFor();
    await band(
      'COL',
      'USA',
      'intelligence: active from approximately 1990-01-01 until 2025-11-11',
    ).waitFor();
    // The other direction was not suspended.
    await state('USA', 'COL', 'intelligence', 'active').waitFor();
  });

  it('moved back to before the order was recorded, it shows what was known then', async () => {
    const slider = page.getByLabel('As known at (record time)');
    await slider.focus();
    await page.keyboard.press('Home');
    await state('COL', 'USA', 'intelligence', 'unknown').waitFor();
    expect(await fact('COL', 'USA', 'Petro ordered').count()).toBe(0);
    await addressHas('knownAt', /^\d{4}-.*Z$/);

    // Step forward, record by record, to the one just before Petro's order was recorded.
    const words = page.locator('#known-at-words');
    for (let i = 0; i < 40 && !(await words.textContent())!.includes('Petro ordered'); i++) {
      await page.keyboard.press('ArrowRight');
    }
    await fact('COL', 'USA', 'Petro ordered').waitFor();
    await page.keyboard.press('ArrowLeft');
    await state('COL', 'USA', 'intelligence', 'active').waitFor();
    expect(await fact('COL', 'USA', 'Petro ordered').count()).toBe(0);

    await page.keyboard.press('End');
    await state('COL', 'USA', 'intelligence', 'suspended').waitFor();
    await addressHas('knownAt', null);
  });

  it("opens the audit of Petro's order from its marker, by keyboard, with its source link", async () => {
    await fact('COL', 'USA', 'Petro ordered').focus();
    await page.keyboard.press('Enter');
    const audit = page.getByRole('dialog');
    await audit.waitFor();
    await addressHas('fact', STORY_IDS.petroSuspendsIntelligence);
    const link = audit.locator('a[href="https://x.com/petrogustavo"]');
    await link.waitFor();
    expect(await link.getAttribute('rel')).toContain('noopener');
    expect(await audit.locator('[data-field="recordedBy"]').textContent()).toBe('newsdesk');
    expect(await audit.textContent()).toContain('as long as the missile attack on boats');
    await page.keyboard.press('Escape');
    await audit.waitFor({ state: 'hidden' });
    await addressHas('fact', null);
  });

  it('opens the audit of the fact a state rests on', async () => {
    await panel('COL', 'USA').locator('.state[data-channel="intelligence"] .basis button').click();
    const audit = page.getByRole('dialog');
    await audit.locator('a[href="https://x.com/petrogustavo"]').waitFor();
    await audit.getByRole('button', { name: 'Close' }).click();
    await audit.waitFor({ state: 'hidden' });
  });

  it('makes the picture the README shows', async () => {
    await page.getByLabel('Show', { exact: true }).selectOption('2y');
    await band('COL', 'USA', 'intelligence: suspended from 2025-11-11 onwards').waitFor();
    const file = join(shots, 'timeline-page.png');
    await page.screenshot({ path: file, fullPage: false });
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1280);
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(file, README_SCREENSHOT);
  });

  let resumption: string;

  it('shows a fact recorded through the API without a reload', async () => {
    await page.evaluate('window.stayed = true');
    const recorded = await as(api, 'recorder')
      .post(
        '/v1/events',
        aStateChange('CooperationResumed', {
          occurredAt: '2025-11-20',
          summary: 'Colombia resumed sending intelligence (test)',
        }),
      )
      .expect(201);
    resumption = recorded.body.eventId;
    await fact('COL', 'USA', 'Colombia resumed sending intelligence').waitFor();
    await band('COL', 'USA', 'intelligence: active from 2025-11-20 onwards').waitFor();
    await band('COL', 'USA', 'intelligence: suspended from 2025-11-11 until 2025-11-20').waitFor();
    expect(await page.evaluate('window.stayed')).toBe(true);
  });

  it('says when the live connection is lost, and resumes it without losing what was recorded meanwhile', async () => {
    await page.locator('[data-connection="live"]').waitFor();
    // The network goes, and the server drops its streams (as on a restart): the page cannot reconnect.
    await browser.context.setOffline(true);
    api.app.get(LiveFeed).closeAll('shutdown');
    await page.locator('[data-connection="reconnecting"], [data-connection="offline"]').waitFor();
    await as(api, 'recorder')
      .post('/v1/events', aStatement({ summary: 'Said while the page was offline (test)' }))
      .expect(201);
    await browser.context.setOffline(false);
    await page.locator('[data-connection="live"]').waitFor({ timeout: 20_000 });
    await fact('COL', 'USA', 'Said while the page was offline').waitFor();
  });

  it('shows a retraction once it is on record, and the retracted fact again when "known at" is moved before it', async () => {
    await as(api, 'recorder')
      .post('/v1/events', { type: 'EventRetracted', retracts: resumption, reason: 'denied (test)' })
      .expect(201);
    await fact('COL', 'USA', 'Retracted: Cooperation resumed').waitFor();
    await band('COL', 'USA', 'intelligence: suspended from 2025-11-11 onwards').waitFor();

    // The last stop is the retraction's record time; the one before it, the statement's.
    await page.getByLabel('As known at (record time)').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await band('COL', 'USA', 'intelligence: active from 2025-11-20 onwards').waitFor();
    await fact('COL', 'USA', 'Cooperation resumed, 2025-11-20').waitFor();
    expect(await fact('COL', 'USA', 'Retracted:').count()).toBe(0);
    await page.keyboard.press('End');
    await fact('COL', 'USA', 'Retracted: Cooperation resumed').waitFor();
  });

  it('opens the audit of a machine-coded fact with its evidence and its coding', async () => {
    await as(api, 'recorder')
      .post(
        '/v1/events',
        aStatement({
          occurredAt: '2025-11-21',
          summary: 'Petro made a statement on the United States, as ICEWS coded it (test)',
          evidence: 'machine-coded',
          coding: {
            dataset: 'icews',
            externalId: '38012345',
            scheme: 'CAMEO',
            code: '010',
            goldstein: { value: 0, scale: 'icews' },
            quadClass: 1,
          },
          actorRole: 'head-of-state',
        }),
      )
      .expect(201);
    await fact('COL', 'USA', 'as ICEWS coded it').click();
    const audit = page.getByRole('dialog');
    await audit.locator('[data-field="coding"]').waitFor();
    expect(await audit.locator('[data-field="evidence"]').textContent()).toBe('machine-coded');
    const coding = await audit.locator('[data-field="coding"]').textContent();
    for (const value of ['icews', '38012345', 'CAMEO', '010']) expect(coding).toContain(value);
    expect(await audit.locator('[data-field="actorRole"]').textContent()).toContain(
      'head-of-state',
    );
    await page.keyboard.press('Escape');
    await audit.waitFor({ state: 'hidden' });
  });

  it('reloaded, the same URL gives the same view', async () => {
    await page.getByLabel('On (valid time)').fill('2025-11-12');
    await state('COL', 'USA', 'intelligence', 'suspended').waitFor();
    const view = async () => ({
      url: page.url(),
      at: await page.getByLabel('On (valid time)').inputValue(),
      span: await page.getByLabel('Show', { exact: true }).inputValue(),
      states: await page.locator('.states').allTextContents(),
      facts: await page.locator('.fact-list summary').allTextContents(),
    });
    const before = await view();
    await page.reload();
    await ready();
    await state('COL', 'USA', 'intelligence', 'suspended').waitFor();
    expect(await view()).toEqual(before);
  });

  it('fits a phone-width screen without scrolling sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await band('COL', 'USA', 'intelligence: suspended from 2025-11-11 onwards').waitFor();
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    const box = await panel('USA', 'COL').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('forgets the key on request: the cookie goes, and the page asks again', async () => {
    await page.getByRole('button', { name: 'Forget the key' }).click();
    await page.getByLabel('Reader key').waitFor();
    expect(await browser.context.cookies()).toEqual([]);
    await page.reload();
    await page.getByLabel('Reader key').waitFor();
  });

  it('logged no error to the console', () => {
    expect(browser.errors).toEqual([]);
  });
});
