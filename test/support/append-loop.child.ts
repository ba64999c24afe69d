/**
 * Appends numbered batches to an embedded store forever, from several concurrent writers, and reports each
 * acknowledged batch on stdout. The parent test kills it with SIGKILL at a moment of its choosing.
 */
import { SqliteEventStore } from '@entente/event-store';
import { randomUUID } from 'node:crypto';

const [file, run] = process.argv.slice(2);
const store = SqliteEventStore.open({ file });
const WRITERS = 4;

async function writer(id: number): Promise<never> {
  for (let n = 0; ; n++) {
    const batch = `${run}-${id}-${n}`;
    const size = 1 + ((n * 7 + id) % 13);
    const events = Array.from({ length: size }, (_, index) => ({
      eventId: randomUUID(),
      type: 'Numbered',
      schemaVersion: 1,
      data: { batch, index, size, padding: 'p'.repeat(200 * index) },
      metadata: { recordedBy: 'crash-test', correlationId: batch },
    }));
    const result = await store.append(`load-${id % 3}`, events);
    process.stdout.write(`ack ${batch} ${size} ${result.position}\n`);
  }
}

for (let id = 0; id < WRITERS; id++) void writer(id);
