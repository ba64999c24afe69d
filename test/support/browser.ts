import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, requireChromium } from '../browser/chromium';

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions, as the page logged them. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Headless Debian Chromium on a fresh profile, with one page whose errors are collected. */
export async function openBrowser(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'entente-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
