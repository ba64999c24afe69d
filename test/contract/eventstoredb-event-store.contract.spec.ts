import { ManualClock } from '@entente/common';
import { EventStoreDbEventStore } from '@entente/event-store';
import { EventStoreDbDouble, InMemoryLog } from '../eventstoredb-double';
import { describeEventStoreContract } from './event-store.contract';

/**
 * The port's contract against the EventStoreDB adapter over gRPC, on a fresh double per test. The double
 * allows 4 MiB appends, as Entente's servers are configured to (docs/eventstoredb.md). Record time is the
 * server's: the clock the contract sets is the double's.
 */
describeEventStoreContract('EventStoreDB (gRPC double)', async () => {
  const clock = new ManualClock();
  const double = await EventStoreDbDouble.start({
    maxAppendSize: 4 * 1024 * 1024,
    log: new InMemoryLog({ now: () => clock.now() }),
  });
  const store = EventStoreDbEventStore.connect(double.connectionString);
  return {
    store,
    clock,
    capabilities: { crossStreamEventIdUniqueness: false },
    teardown: async () => {
      await store.close();
      await double.stop();
    },
  };
});
