/**
 * node --import tsx bench/scenarios/history/generate.child.ts <store file> <keys file> <events> <seed>
 * Generates a history (see generate.ts) and prints its manifest as JSON on stdout. Run in its own process
 * so that the memory it takes never counts against a measured case.
 */
import { generateHistory } from './generate';

async function main(): Promise<void> {
  const [storeFile, keysFile, events, seed] = process.argv.slice(2);
  const manifest = await generateHistory({
    storeFile,
    keysFile,
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
