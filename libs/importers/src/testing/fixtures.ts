import { join } from 'node:path';

/** The event-data samples the specs read (copies of the shared ones, see test/fixtures/event-data). */
export const EVENT_DATA = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'event-data');

export const fixture = (name: string): string => join(EVENT_DATA, name);
