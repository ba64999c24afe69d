import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputEntries } from '../input/input-entries';
import type { RecordEventInput } from '@entente/domain';
import { fixture } from '../testing/fixtures';
import { MemorySink } from '../testing/memory.sink';
import { runImport } from './import-run';
import type { SkipReason } from './skip-reason';

const ICEWS = fixture('icews_events.2018.sample.tab');
const dir = mkdtempSync(join(tmpdir(), 'entente-run-'));

function icewsFile(name: string, transform: (rows: string[]) => string[]): string {
  const [header, ...rows] = readFileSync(ICEWS, 'utf8').trimEnd().split('\n');
  const path = join(dir, name);
  writeFileSync(path, [header, ...transform(rows)].join('\n'));
  return path;
}

async function importInto(sink: MemorySink, files: string[], batchSize = 500) {
  const skipped: { line: number; reason: SkipReason }[] = [];
  const tally = await runImport({
    format: 'icews',
    dataset: 'polecat',
    entries: inputEntries(files),
    sink,
    batchSize,
    onSkip: (origin, reason) => skipped.push({ line: origin.line, reason }),
  });
  return { tally, skipped };
}

/** A sink that stops the process (as a kill would) once it has stored `batches` batches. */
class KilledAfter extends MemorySink {
  constructor(private batchesLeft: number) {
    super();
  }
  override async recordBatch(inputs: readonly RecordEventInput[]) {
    if (this.batchesLeft-- <= 0) throw new Error('killed');
    return super.recordBatch(inputs);
  }
}

describe('an import run', () => {
  it('given the ICEWS sample, then every row is stored or skipped with a reason, in batches', async () => {
    const sink = new MemorySink();
    const { tally, skipped } = await importInto(sink, [ICEWS], 500);
    expect(tally.rows).toBe(3705);
    expect(tally.stored + skipped.length).toBe(3705);
    expect(sink.facts.size).toBe(tally.stored);
    expect(Math.max(...sink.batches)).toBeLessThanOrEqual(500);
    expect(tally.failed).toBe(0);
  });

  it('given the bodies its facts name, then they are registered before those facts', async () => {
    const sink = new MemorySink();
    await importInto(sink, [ICEWS]);
    expect([...sink.actors.keys()].sort()).toEqual(expect.arrayContaining(['EU', 'UN']));
    const bodies = [...sink.facts.values()]
      .flatMap((f) => [f.actor, f.target])
      .filter((c) => c === 'EU');
    expect(bodies.length).toBeGreaterThan(0);
  });

  it('given the same file twice, then the second run stores nothing', async () => {
    const sink = new MemorySink();
    const first = await importInto(sink, [ICEWS]);
    const second = await importInto(sink, [ICEWS]);
    expect(second.tally.stored).toBe(0);
    expect(second.tally.alreadyStored).toBe(first.tally.stored);
    expect(sink.facts.size).toBe(first.tally.stored);
  });

  it('given a run killed after two batches and run again, then the store of one clean run', async () => {
    const clean = new MemorySink();
    await importInto(clean, [ICEWS], 200);
    const killed = new KilledAfter(2);
    await expect(importInto(killed, [ICEWS], 200)).rejects.toThrow('killed');
    const resumed = new MemorySink();
    for (const [id, fact] of killed.facts) resumed.facts.set(id, fact);
    for (const [code, actor] of killed.actors) resumed.actors.set(code, actor);
    const rerun = await importInto(resumed, [ICEWS], 200);
    expect(rerun.tally.alreadyStored).toBe(killed.facts.size);
    expect([...resumed.facts.keys()]).toEqual([...clean.facts.keys()]);
    expect([...resumed.facts.values()]).toEqual([...clean.facts.values()]);
  });

  it('given an exact duplicate row, then it is stored once and reported as a duplicate', async () => {
    const withCopy = icewsFile('duplicate.tab', (rows) => [...rows, rows[0], rows[0]]);
    const sink = new MemorySink();
    const { tally, skipped } = await importInto(sink, [withCopy]);
    expect(skipped.filter((s) => s.reason === 'duplicate').map((s) => s.line)).toEqual([
      3707, 3708,
    ]);
    expect(tally.failed).toBe(0);
  });

  it('given the same id with other content, then that row fails as a conflict', async () => {
    const altered = icewsFile('conflict.tab', (rows) => [
      ...rows,
      rows[0].replace('\t040\t', '\t042\t'),
    ]);
    const { tally, skipped } = await importInto(new MemorySink(), [altered]);
    expect(skipped.find((s) => s.line === 3707)?.reason).toBe('conflict');
    expect(tally.failed).toBe(1);
  });

  it('given a store that refuses one fact of a batch, then the others are stored and that one fails', async () => {
    const refused = new Set<string>();
    const sink = new MemorySink(1000, (input) => {
      if (refused.size === 0 && input.type === 'MeetingHeld') refused.add(input.eventId!);
      return refused.has(input.eventId!) ? 'refused for the test' : null;
    });
    const clean = new MemorySink();
    await importInto(clean, [ICEWS]);
    const { tally } = await importInto(sink, [ICEWS]);
    expect(tally.skipped.get('invalid')).toBe(1);
    expect(sink.facts.size).toBe(clean.facts.size - 1);
  });
});
