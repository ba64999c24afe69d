import { ManualClock } from '@entente/common';
import { EventStoreDbEventStore } from '@entente/event-store';
import { EventStoreDbDouble } from '../eventstoredb-double';
import { withKnownDeviations } from '../eventstoredb/support/known-deviations';
import { describeEventStoreContract } from './event-store.contract';

/**
 * Contract tests that ask for what EventStoreDB cannot do. Each is skipped by name, so jest reports it as
 * skipped, and listed in docs/eventstoredb.md; none is silently weakened.
 */
export const EVENTSTOREDB_DEVIATIONS = {
  'given a batch whose third event reuses a stored id, when appended, then none of it is stored':
    'the id it reuses is stored in another stream, and EventStoreDB has no index of event ids ' +
    'across streams (crossStreamEventIdUniqueness: false); atomicity of a batch that reuses an id in ' +
    'its own stream is covered in test/eventstoredb/eventstoredb-adapter.spec.ts',
};

/**
 * The port's contract against the EventStoreDB adapter over gRPC, on a fresh double per test. The double
 * allows 4 MiB appends, as Entente's servers are configured to (docs/eventstoredb.md).
 */
withKnownDeviations(EVENTSTOREDB_DEVIATIONS, () =>
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
  }),
);
