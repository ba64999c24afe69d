import { ManualClock } from '@entente/common';
import { SqliteEventStore } from '@entente/event-store';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('embedded SQLite', async () => {
  const clock = new ManualClock();
  const store = SqliteEventStore.open({ file: ':memory:', clock });
  return {
    store,
    clock,
    capabilities: { crossStreamEventIdUniqueness: true },
    teardown: () => store.close(),
  };
});
