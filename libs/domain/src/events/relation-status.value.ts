/**
 * Where a directed relationship stands on one channel. `unknown` is the state before anything is recorded,
 * not a claim that nothing existed.
 */
export type RelationStatus = 'unknown' | 'active' | 'restricted' | 'suspended' | 'severed';

export const RELATION_STATUSES: readonly RelationStatus[] = [
  'unknown',
  'active',
  'restricted',
  'suspended',
  'severed',
];
