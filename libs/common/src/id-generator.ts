import { randomUUID } from 'node:crypto';

/** Ids are passed in like the clock, so that a replay can reproduce them. */
export type IdGenerator = () => string;

export const randomIds: IdGenerator = () => randomUUID();

/** Deterministic UUID-shaped ids: `00000000-0000-4000-8000-000000000001`, then ...002, and so on. */
export function sequentialIds(prefix = '00000000-0000-4000-8000-'): IdGenerator {
  let next = 0;
  return () => `${prefix}${(++next).toString(16).padStart(12, '0')}`;
}
