import { systemClock, timeOrderedIds, type Clock } from '@entente/common';

export const CLOCK = Symbol('Clock');
export const ID_GENERATOR = Symbol('IdGenerator');

export const clockProviders = [
  { provide: CLOCK, useValue: systemClock as Clock },
  { provide: ID_GENERATOR, useValue: timeOrderedIds() },
];
