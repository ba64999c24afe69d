/**
 * The recorder of scenario 5, in its own process:
 *   node --import tsx bench/load/recorder.child.ts <api url> <recorder key> <rate per s> <seconds> <bodies.json>
 * POSTs the bodies to /v1/events at a fixed rate (open loop: on schedule, whatever the responses), and
 * prints { acks: [{ position, ackMs }], failed, statusCodes, seconds } on stdout: ackMs is when the 201
 * arrived, performance.timeOrigin + performance.now() (see sse-subscribers.child.ts).
 */
import { readFileSync } from 'node:fs';

export interface RecorderResult {
  readonly acks: { readonly position: number; readonly ackMs: number }[];
  readonly failed: number;
  readonly statusCodes: Record<string, number>;
  /** From the first request sent to the last response. */
  readonly seconds: number;
}

const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const [url, key, rate, seconds, bodiesFile] = process.argv.slice(2);
  const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8')) as string[];
  const total = Math.round(Number(rate) * Number(seconds));
  const interval = 1000 / Number(rate);
  const acks: { position: number; ackMs: number }[] = [];
  const statusCodes: Record<string, number> = {};
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const post = async (body: string) => {
    try {
      const response = await fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body,
      });
      const text = await response.text();
      const ackMs = now();
      statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
      if (response.status !== 201) {
        failed++;
        return;
      }
      acks.push({ position: (JSON.parse(text) as { position: number }).position, ackMs });
    } catch {
      failed++;
    }
  };
  const started = now();
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(post(bodies[i % bodies.length]));
  }
  await Promise.all(inFlight);
  const result: RecorderResult = {
    acks,
    failed,
    statusCodes,
    seconds: (now() - started) / 1000,
  };
  process.stdout.write(JSON.stringify(result));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
