import { ACTOR_ROLES, CODING_SCHEMES, GOLDSTEIN_SCALES } from '@entente/domain';
import { int, list, num, oneOf, orNull, ref, shape, str, type Schema } from './schema-builders';

/** How a fact was coded, and by which organs and people: what a machine-coded import carries. */
export const CODING_SCHEMAS: Record<string, Schema> = {
  Coding: shape({
    dataset: str('A lowercase slug: icews, gdelt, polecat, acled, or your own.'),
    externalId: orNull(str("The dataset's own event id.")),
    scheme: orNull(oneOf(CODING_SCHEMES)),
    code: orNull(
      str('A code of `scheme`: CAMEO `1621` (leading zeros kept) or PLOVER `SANCTION`.'),
    ),
    mode: orNull(str("PLOVER's mode, where known.")),
    context: list(str(), "PLOVER's contexts, where known."),
    goldstein: orNull(
      shape({ value: num('From -10 (most conflictual) to 10.'), scale: oneOf(GOLDSTEIN_SCALES) }),
    ),
    quadClass: orNull(
      int('1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.'),
    ),
    mentions: orNull(int()),
    sourcesCount: orNull(int()),
    articles: orNull(int()),
    tone: orNull(num('From -100 to 100.')),
    location: orNull(
      shape({
        name: orNull(str()),
        country: orNull(str('ISO 3166-1 alpha-3.')),
        lat: orNull(num()),
        lon: orNull(num()),
      }),
    ),
    sentence: orNull(
      shape({ story: str('The story id (ICEWS Story ID).'), sentence: orNull(int()) }),
    ),
    crosswalk: orNull(str('The version of the crosswalk that mapped an imported row.')),
  }),
  Agent: shape({ name: str(), office: orNull(str()) }),
};

const role = (description: string) => orNull(oneOf(ACTOR_ROLES, description));

/** The coding members of a fact as the audit and the context list them (null where not coded). */
export const codedMembers = {
  coding: orNull(ref('Coding')),
  actorRole: role('The organ that acted: government, head-of-state, foreign-ministry, military...'),
  actorAgent: orNull(ref('Agent')),
  targetRole: role('The organ acted on.'),
  targetAgent: orNull(ref('Agent')),
};
