import type { EventStore } from '@entente/event-store';

/** Events read at the checkpoint to learn how far apart the store's positions are. */
const SAMPLE = 256;

/**
 * About how many events lie between `from` and `head`. Positions are event numbers in the embedded
 * store but byte offsets in EventStoreDB (a few hundred a event), so the distance alone would make 20,000
 * events of one store 20 KB of the other: the spacing is measured on a page read at `from` and the
 * distance divided by it. Exact when fewer than a page are behind, and in the embedded store.
 */
export async function eventsBehind(store: EventStore, from: number, head: number): Promise<number> {
  if (head <= from) return 0;
  const sample = await store.readAll({ from, maxCount: SAMPLE });
  return estimateEvents(
    from,
    head,
    sample.map((event) => event.position),
    SAMPLE,
  );
}

/** From the positions of a page read at `from` (`full`: a full page), how many events lie up to `head`. */
export function estimateEvents(
  from: number,
  head: number,
  positions: readonly number[],
  full: number,
): number {
  if (positions.length < full) return positions.length;
  const spacing = (positions[positions.length - 1] - from) / positions.length;
  return Math.max(positions.length, Math.round((head - from) / spacing));
}
