import { isStateChangeType } from '../events/event-catalog';
import { touches, type RelationKey } from '../events/pairs-of';
import type { FactInEffect } from './recorded-fact';

/** The state changes in effect that touch one key, in fold order (the input is already sorted). */
export function stateChangesFor(
  effective: readonly FactInEffect[],
  key: RelationKey,
): FactInEffect[] {
  return effective.filter((fact) => isStateChangeType(fact.type) && touches(fact.data, key));
}

/** Valid time T is inclusive: a fact whose period starts at exactly T applies at T. */
export function startsBy(fact: FactInEffect, atMillis: number): boolean {
  return Date.parse(fact.data.occurredAt.start) <= atMillis;
}
