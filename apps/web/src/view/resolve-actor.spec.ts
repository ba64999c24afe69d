import type { Actor } from '../api/types';
import { resolveActor } from './resolve-actor';

const actor = (code: string, name: string): Actor => ({
  code,
  name,
  kind: 'government',
  affiliation: null,
  office: null,
});
const ACTORS = [
  actor('COL', 'Colombia'),
  actor('USA', 'United States of America'),
  actor('UMI', 'United States Minor Outlying Islands'),
  actor('GBR', 'United Kingdom'),
];

describe('resolving what was typed into an actor', () => {
  it.each([
    ['COL', 'COL'],
    ['usa', 'USA'],
    ['Colombia', 'COL'],
    ['colom', 'COL'],
    ['United Kingdom (GBR)', 'GBR'],
    ['kingdom', 'GBR'],
  ])('given %p, then %p', (typed, code) => {
    expect(resolveActor(ACTORS, typed)).toEqual({ ok: true, code });
  });

  it('given a part of several names, then it names them instead of picking one', () => {
    expect(resolveActor(ACTORS, 'United States')).toEqual({
      ok: false,
      message:
        '“United States” matches 2: United States of America (USA), United States Minor Outlying Islands (UMI)',
    });
  });

  it('given nothing that matches, or nothing at all, then it says so', () => {
    expect(resolveActor(ACTORS, 'Atlantis')).toEqual({
      ok: false,
      message: 'no actor matches “Atlantis”',
    });
    expect(resolveActor(ACTORS, '  ')).toEqual({ ok: false, message: 'type a name or a code' });
  });
});
