import { randomIds, systemClock, type Clock, type IdGenerator } from '@entente/common';

export const CLOCK = Symbol('Clock');
export const ID_GENERATOR = Symbol('IdGenerator');

export const clockProviders = [
  { provide: CLOCK, useValue: systemClock as Clock },
  { provide: ID_GENERATOR, useValue: randomIds as IdGenerator },
];
