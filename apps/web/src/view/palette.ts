import type { Status } from '../api/types';
import type { FactKind } from './facts';

export const STATUSES: readonly Status[] = [
  'active',
  'restricted',
  'suspended',
  'severed',
  'unknown',
];

/**
 * Okabe-Ito hues, told apart with the common colour-vision deficiencies; every band and marker also has
 * a dark outline (contrast against the page) and its status in words (title, label, the state panel).
 */
export const STATUS_COLOUR: Readonly<Record<Status, string>> = {
  active: '#0072b2',
  restricted: '#e69f00',
  suspended: '#d55e00',
  severed: '#1f1f1f',
  unknown: '#d0d7de',
};

/** Plot symbol names, and the glyph the legend shows for each. */
export const FACT_SYMBOL: Readonly<
  Record<FactKind, { symbol: string; glyph: string; label: string }>
> = {
  'state-change': { symbol: 'diamond', glyph: '◆', label: 'state change' },
  context: { symbol: 'circle', glyph: '●', label: 'context (statement, accusation, figure…)' },
  corrected: { symbol: 'square', glyph: '■', label: 'corrected (as corrected)' },
  retracted: { symbol: 'times', glyph: '×', label: 'retracted' },
};

export const CONTEXT_COLOUR = '#57606a';
export const OUTLINE = '#1f2328';
