import { setFlagsFromString } from 'node:v8';

/**
 * V8 lets its heap grow to up to four times what outlives a collection before it collects again, and
 * keeps the pages: under a steady load the API's RSS climbed for half an hour (390 to 621 MB in the
 * soak) while what was live stayed at 40-65 MB. Collecting at half as much again keeps the heap near
 * what is live (in the 3-minute soak: V8's heap 74-121 MB instead of 77-250, RSS 185-225 MB instead of
 * 261-350; in a rebuild of 200,000 events, a peak RSS of 435 MB instead of 512), for more frequent,
 * mostly concurrent, collections. Called first thing by every long-running process (the API, the CLI).
 */
export function keepHeapNearLive(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
