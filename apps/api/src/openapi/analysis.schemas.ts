import { EVIDENCE_KINDS } from '@entente/domain';
import { knowledge, status } from './relation.schemas';
import {
  instant,
  int,
  list,
  mapOf,
  num,
  oneOf,
  orNull,
  ref,
  shape,
  str,
  type Schema,
} from './schema-builders';

const counts = mapOf(int());
/** Series may also count machine-coded facts alone. */
const seriesLimits = { ...knowledge, evidence: oneOf(['curated', 'machine-coded', 'all']) };

/** The answers that aggregate or compare: dyad series, the top dyads, diffs and the changes feed. */
export const ANALYSIS_SCHEMAS: Record<string, Schema> = {
  Figures: shape(
    {
      total: int(),
      approximate: int('Facts dated only to a year or a month.'),
      quadClasses: counts,
      balance: int('Cooperation minus conflict.'),
      goldstein: shape({
        scale: oneOf(['icews', 'gdelt']),
        sum: num(),
        mean: orNull(num()),
        scored: int(),
        unscored: int(),
      }),
      types: counts,
      plover: counts,
    },
    { normalised: shape({ volume: int(), total: num(), balance: num() }) },
  ),
  Series: shape({
    actor: str(),
    target: str(),
    bucket: oneOf(['year', 'month', 'week']),
    scale: oneOf(['icews', 'gdelt']),
    normalise: oneOf(['none', 'total']),
    from: instant(),
    to: instant(),
    ...seriesLimits,
    buckets: list(
      shape({
        bucket: str('2025, 2025-11 or 2025-W46.'),
        start: instant(),
        end: instant(),
        forward: ref('Figures'),
        reverse: ref('Figures'),
      }),
    ),
  }),
  TopDyads: shape({
    bucket: oneOf(['year', 'month', 'week']),
    by: oneOf(['conflict', 'change', 'cooperation', 'volume']),
    scale: oneOf(['icews', 'gdelt']),
    from: instant(),
    to: instant(),
    ...seriesLimits,
    dyads: list({
      allOf: [
        ref('Figures'),
        shape(
          { rank: int(), actor: str(), target: str(), series: str('The dyad series route.') },
          {
            previous: ref('Figures'),
            change: shape({
              balance: int(),
              direction: oneOf(['deteriorated', 'improved', 'unchanged']),
            }),
          },
        ),
      ],
    }),
  }),
  DiffFact: shape({
    eventId: str(),
    type: str(),
    occurredAt: ref('OccurredAt'),
    summary: str(),
    conditions: list(str()),
    evidence: oneOf(EVIDENCE_KINDS),
    sources: list(ref('Source')),
    recordedAt: instant(),
    recordedBy: str(),
    reportedAt: instant(),
  }),
  Diff: shape({
    actor: str(),
    target: str(),
    a: shape({ at: instant(), ...knowledge }),
    b: shape({ at: instant(), ...knowledge }),
    channels: list(
      shape({
        channel: str(),
        a: shape({ status, since: orNull(instant()), basis: list(str()) }),
        b: shape({ status, since: orNull(instant()), basis: list(str()) }),
        changed: { type: 'boolean' },
        facts: list(
          shape({
            reportId: str(),
            change: str('added, retracted, corrected or later-in-valid-time.'),
            reason: orNull(str()),
            by: orNull(str()),
            a: orNull(ref('DiffFact')),
            b: orNull(ref('DiffFact')),
          }),
        ),
      }),
    ),
  }),
  Change: shape({
    at: instant('When it changed on the axis asked for.'),
    actor: str(),
    target: str(),
    channel: str(),
    kind: str(),
    type: str(),
    eventId: str(),
    reportId: str(),
    validFrom: instant(),
    recordedAt: instant(),
    reportedAt: instant(),
    before: shape({ status, since: orNull(instant()) }),
    after: shape({ status, since: orNull(instant()) }),
    event: str('The event route.'),
  }),
  Changes: shape(
    {
      axis: oneOf(['valid', 'recorded', 'reported']),
      from: orNull(instant()),
      to: orNull(instant()),
      changes: list(ref('Change')),
      next: orNull(int('`offset` for the next page; null on the last.')),
    },
    { knownAt: instant('On the valid axis.'), reportedBy: orNull(instant('On the valid axis.')) },
  ),
};
