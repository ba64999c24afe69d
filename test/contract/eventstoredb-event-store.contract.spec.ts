import { ManualClock } from '@entente/common';
import { EventStoreDbEventStore } from '@entente/event-store';
import { EventStoreDbDouble } from '../eventstoredb-double';
import { describeEventStoreContract } from './event-store.contract';

/**
 * The port's contract against the EventStoreDB adapter over gRPC, on a fresh double per test. The double
 * allows 4 MiB appends, as Entente's servers are configured to (docs/eventstoredb.md).
 */
describeEventStoreContract('EventStoreDB (gRPC double)', async () => {
  const double = await EventStoreDbDouble.start({ maxAppendSize: 4 * 1024 * 1024 });
  const clock = new ManualClock();
  const store = EventStoreDbEventStore.connect(double.connectionString, { clock });
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
