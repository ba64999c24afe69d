import { randomUUID } from 'node:crypto';
import { EventStoreDbEventStore } from '@entente/event-store';
import { NamespacedEventStore } from '../eventstoredb/support/namespaced-event-store';
import { describeEventStoreContract } from './event-store.contract';

/**
 * The port's contract against a real EventStoreDB or KurrentDB node, when EVENTSTORE_CONNECTION_STRING
 * names one (`npm run test:eventstoredb`). Each test writes under its own stream prefix, since a server
 * cannot be emptied between tests. The server must accept 4 MiB appends (EVENTSTORE_MAX_APPEND_SIZE).
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract(`EventStoreDB server (${connectionString})`, async () => {
    const store = EventStoreDbEventStore.connect(connectionString);
    const namespace = `t${randomUUID().slice(0, 8)}_`;
    return {
      store: new NamespacedEventStore(store, namespace),
      clock: null,
      capabilities: { crossStreamEventIdUniqueness: false },
      teardown: () => store.close(),
    };
  });
} else {
  describe('EventStore contract: EventStoreDB server', () => {
    // Skipped, not passed: without a server named, nothing here can run; the report shows it as such.
    it.skip('runs when EVENTSTORE_CONNECTION_STRING names a server (npm run test:eventstoredb)', () => {});
  });
}
