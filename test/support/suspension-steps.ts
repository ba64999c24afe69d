import { aStateChange, type ReplayStep } from '@entente/domain/testing';

/** `count` suspensions over 50 channels of one pair, recorded a second apart from `firstAt` on. */
export function suspensions(
  count: number,
  firstAt = Date.parse('2025-01-01T00:00:00Z'),
): ReplayStep[] {
  return Array.from({ length: count }, (_, i) => ({
    command: {
      record: aStateChange('CooperationSuspended', {
        channel: `c${i % 50}`,
        occurredAt: '2024-06-01',
      }),
    },
    recordedAt: new Date(firstAt + i * 1000).toISOString(),
  }));
}
