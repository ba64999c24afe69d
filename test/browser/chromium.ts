/**
 * The browser tests drive Debian's Chromium (playwright-core downloads no browser). `npm test` runs this
 * file first, so a machine without it fails with one line that says how to get it.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_MISSING =
  `no Chromium at ${CHROMIUM}: the browser tests need Debian's package; install it with ` +
  '`apt-get update && apt-get install -y chromium`';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING);
}

if (require.main === module && !existsSync(CHROMIUM)) {
  process.stderr.write(`${CHROMIUM_MISSING}\n`);
  process.exit(1);
}
