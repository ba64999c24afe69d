import type { EventStore } from '@entente/event-store';
import type { Metrics } from './metrics';

/**
 * The store with its appends counted and timed. A proxy rather than a wrapper class keeps the adapter's
 * own type (health asks whether it is EventStoreDB) and every other method untouched.
 */
export function withAppendMetrics<Store extends EventStore>(store: Store, metrics: Metrics): Store {
  const append: EventStore['append'] = async (stream, events, options) => {
    const stop = metrics.appendDuration.startTimer();
    try {
      const result = await store.append(stream, events, options);
      metrics.appends.inc({ outcome: 'ok' });
      metrics.appendedEvents.inc(result.events.length);
      return result;
    } catch (error) {
      metrics.appends.inc({ outcome: 'error' });
      throw error;
    } finally {
      stop();
    }
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'append') return append;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
