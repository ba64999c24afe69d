import { EMPTY_VIEW, readView, writeView } from './view-state';

describe('the view in the query string', () => {
  it('given a full view, when written and read back, then it is the same view', () => {
    const view = {
      actor: 'COL',
      target: 'USA',
      at: '2025-11-11',
      knownAt: '2026-12-01T10:30:03.814Z',
      channels: ['intelligence', 'military-intelligence'],
      span: '2y' as const,
      fact: '5707e000-2025-4111-8000-000000000011',
    };
    expect(readView(writeView(view))).toEqual(view);
  });

  it('given the defaults, when written, then the query string is empty', () => {
    expect(writeView(EMPTY_VIEW)).toBe('');
    expect(readView('')).toEqual(EMPTY_VIEW);
  });

  it('given values that do not parse, when read, then each falls back to its default rather than a guess', () => {
    expect(
      readView(
        '?actor=col&target=USA&at=2025-02-30&knownAt=yesterday&span=forever&fact=x&channels=Bad,intelligence',
      ),
    ).toEqual({ ...EMPTY_VIEW, target: 'USA', channels: ['intelligence'] });
  });

  it('given a registered code with hyphens, when read, then it is kept whole', () => {
    expect(readView('?actor=GUSTAVO-PETRO&target=USA').actor).toBe('GUSTAVO-PETRO');
  });
});
