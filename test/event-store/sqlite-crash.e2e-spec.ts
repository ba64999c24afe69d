import { SqliteEventStore, type RecordedEvent } from '@entente/event-store';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEverything } from '../contract/event-store.contract';

const ROOT = join(__dirname, '..', '..');

interface Ack {
  readonly batch: string;
  readonly size: number;
}

/** Runs the append loop until it has acknowledged `killAfter` batches, then SIGKILLs it mid-flight. */
function runAndKill(file: string, run: string, killAfter: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    // One process, not the tsx CLI: its wrapper would survive the SIGKILL aimed at the writer.
    const script = join(__dirname, '..', 'support', 'append-loop.child.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, file, run], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acks: Ack[] = [];
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [, batch, size] = line.split(' ');
        acks.push({ batch, size: Number(size) });
      }
      if (acks.length >= killAfter && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`append loop ended by itself (${signal})`));
      else resolve(acks);
    });
  });
}

describe('embedded store under kill -9', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'entente-crash-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given a writer killed with SIGKILL three times mid-append, when the file is reopened, then every acknowledged batch is whole and no batch is partial', async () => {
    const file = join(dir, 'events.db');
    const acknowledged: Ack[] = [];
    for (const [run, killAfter] of [
      ['a', 150],
      ['b', 400],
      ['c', 90],
    ] as const) {
      acknowledged.push(...(await runAndKill(file, run, killAfter)));
    }

    const store = SqliteEventStore.open({ file });
    const stored = await readEverything(store);
    await store.close();

    const byBatch = new Map<string, RecordedEvent[]>();
    for (const event of stored) {
      const { batch } = event.data as { batch: string };
      byBatch.set(batch, [...(byBatch.get(batch) ?? []), event]);
    }
    for (const ack of acknowledged) expect(byBatch.get(ack.batch)?.length).toBe(ack.size);
    for (const [batch, events] of byBatch) {
      const { size } = events[0].data as { size: number };
      expect({ batch, count: events.length }).toEqual({ batch, count: size });
      expect(events.map((e) => (e.data as { index: number }).index)).toEqual(
        Array.from({ length: size }, (_, i) => i),
      );
    }
    const revisions = new Map<string, number>();
    for (const event of stored) {
      const expected = (revisions.get(event.stream) ?? -1) + 1;
      expect(event.revision).toBe(expected);
      revisions.set(event.stream, expected);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(640);
    expect(byBatch.size).toBeGreaterThanOrEqual(acknowledged.length);
  }, 120_000);
});
