/**
 * node --import tsx bench/scenarios/series/generate-coded.child.ts <store file> <events> <seed>
 * Generates a coded history (coded-history.ts) and prints its manifest as JSON on stdout.
 */
import { generateCodedHistory } from './coded-history';

async function main(): Promise<void> {
  const [storeFile, events, seed] = process.argv.slice(2);
  const manifest = await generateCodedHistory({
    storeFile,
    events: Number(events),
    seed: Number(seed),
    log: (message) => process.stderr.write(`${message}\n`),
  });
  process.stdout.write(JSON.stringify(manifest));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
