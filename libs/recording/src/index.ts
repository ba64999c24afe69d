// The write path without a framework: store, clock, ids and look-ups passed in (see README.md).
export * from './recorder';
export * from './recording.types';
export * from './event-locator';
export * from './actor-directory';
