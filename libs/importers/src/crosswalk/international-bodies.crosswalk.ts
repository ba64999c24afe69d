import { memoized } from './memoized';
import { normalisedName } from './normalised-name';

/**
 * International bodies (and non-ISO governments) that coded rows name, and the actor each is registered
 * as. Hand-made: codes from the CAMEO 1.1b3 known-group list (as published in GDELT's
 * CAMEO.knowngroup.txt), names as ICEWS and PLOVER write them. A body's organs and agencies are the body
 * (the Security Council acts for the UN). The import registers a listed body the first time a fact needs
 * it; an unlisted body is skipped (`unlisted-body`), never guessed.
 */
export interface InternationalBody {
  /** The registered actor code (not an ISO 3166 code). */
  readonly code: string;
  readonly name: string;
  readonly kind: 'organization' | 'government';
  /** CAMEO known-group codes (GDELT's Actor1KnownGroupCode). */
  readonly cameoGroups: readonly string[];
  /** Names and organs as datasets write them (ICEWS actor names, PLOVER entity texts). */
  readonly names: readonly string[];
}

export const INTERNATIONAL_BODIES: readonly InternationalBody[] = [
  {
    code: 'UN',
    name: 'United Nations',
    kind: 'organization',
    cameoGroups: ['UNO', 'KID', 'HCR', 'HCH', 'FAO', 'WFP'],
    names: [
      'United Nations',
      'UN',
      'UN Security Council',
      'Security Council',
      'United Nations Security Council',
      'UN General Assembly',
      'United Nations General Assembly',
      'UN Human Rights Council',
      'United Nations Human Rights Council',
      'Secretariat (United Nations)',
      'UNICEF',
      'UNESCO',
      'UNHCR',
      'UN Refugee Agency',
      'World Food Programme',
      'Food and Agriculture Organization',
    ],
  },
  {
    code: 'EU',
    name: 'European Union',
    kind: 'organization',
    cameoGroups: ['EEC'],
    names: [
      'European Union',
      'EU',
      'European Commission',
      'European Parliament',
      'Council of the European Union',
      'European Council',
      'Ministry (European Union)',
      'Secretariat (European Union)',
      'Europol',
      // The Communities before the Union of 1993: their rows are the Union's history.
      'European Community',
      'European Communities',
      'European Economic Community',
    ],
  },
  {
    code: 'NATO',
    name: 'North Atlantic Treaty Organization',
    kind: 'organization',
    cameoGroups: ['NAT'],
    names: ['North Atlantic Treaty Organization', 'NATO'],
  },
  {
    code: 'AU',
    name: 'African Union',
    kind: 'organization',
    // CAMEO has no code of its own for the African Union: rows under its predecessor's are recorded here.
    cameoGroups: ['OAU'],
    names: ['African Union', 'AU', 'Organization of African Unity'],
  },
  {
    code: 'ASEAN',
    name: 'Association of Southeast Asian Nations',
    kind: 'organization',
    cameoGroups: ['ASN'],
    names: ['Association of Southeast Asian Nations', 'ASEAN'],
  },
  {
    code: 'OPEC',
    name: 'Organization of the Petroleum Exporting Countries',
    kind: 'organization',
    cameoGroups: ['OPC'],
    names: [
      'Organization of the Petroleum Exporting Countries',
      'Organization of Petroleum Exporting Countries',
      'OPEC',
    ],
  },
  {
    code: 'ARAB-LEAGUE',
    name: 'League of Arab States',
    kind: 'organization',
    cameoGroups: ['ARL'],
    names: ['Arab League', 'League of Arab States'],
  },
  {
    code: 'OAS',
    name: 'Organization of American States',
    kind: 'organization',
    cameoGroups: ['OAS'],
    names: [
      'Organization of American States',
      'OAS',
      'Secretariat (Organization of American States)',
    ],
  },
  {
    code: 'COUNCIL-OF-EUROPE',
    name: 'Council of Europe',
    kind: 'organization',
    cameoGroups: ['COE'],
    names: ['Council of Europe'],
  },
  {
    code: 'OSCE',
    name: 'Organization for Security and Co-operation in Europe',
    kind: 'organization',
    cameoGroups: ['SCE'],
    names: ['Organization for Security and Co-operation in Europe', 'OSCE'],
  },
  {
    code: 'GCC',
    name: 'Gulf Cooperation Council',
    kind: 'organization',
    cameoGroups: ['GCC'],
    names: ['Gulf Cooperation Council', 'GCC'],
  },
  {
    code: 'OIC',
    name: 'Organisation of Islamic Cooperation',
    kind: 'organization',
    cameoGroups: ['OIC'],
    names: [
      'Organisation of Islamic Cooperation',
      'Organization of Islamic Cooperation',
      'Organization of the Islamic Conference',
    ],
  },
  {
    code: 'ECOWAS',
    name: 'Economic Community of West African States',
    kind: 'organization',
    cameoGroups: ['WAS'],
    names: ['Economic Community of West African States', 'ECOWAS'],
  },
  {
    code: 'SADC',
    name: 'Southern African Development Community',
    kind: 'organization',
    cameoGroups: ['SAD'],
    names: ['Southern African Development Community', 'SADC'],
  },
  {
    code: 'IGAD',
    name: 'Intergovernmental Authority on Development',
    kind: 'organization',
    cameoGroups: ['IAD'],
    names: ['Intergovernmental Authority on Development', 'IGAD'],
  },
  {
    code: 'CIS',
    name: 'Commonwealth of Independent States',
    kind: 'organization',
    cameoGroups: ['CIS'],
    names: ['Commonwealth of Independent States'],
  },
  {
    code: 'COMMONWEALTH',
    name: 'Commonwealth of Nations',
    kind: 'organization',
    cameoGroups: ['CWN'],
    names: ['Commonwealth of Nations', 'Commonwealth Secretariat'],
  },
  {
    code: 'SCO',
    name: 'Shanghai Cooperation Organisation',
    kind: 'organization',
    cameoGroups: [],
    names: ['Shanghai Cooperation Organization', 'Shanghai Cooperation Organisation'],
  },
  {
    code: 'G7',
    name: 'Group of Seven',
    kind: 'organization',
    cameoGroups: ['GOS'],
    names: ['G7', 'G-7', 'Group of Seven', 'Ministry (G7)'],
  },
  {
    code: 'G8',
    name: 'Group of Eight',
    kind: 'organization',
    cameoGroups: ['GOE'],
    names: ['G8', 'G-8', 'Group of Eight'],
  },
  {
    code: 'IMF',
    name: 'International Monetary Fund',
    kind: 'organization',
    cameoGroups: ['IMF'],
    names: ['International Monetary Fund', 'IMF'],
  },
  {
    code: 'WORLD-BANK',
    name: 'World Bank',
    kind: 'organization',
    cameoGroups: ['WBK'],
    names: ['World Bank'],
  },
  {
    code: 'WTO',
    name: 'World Trade Organization',
    kind: 'organization',
    cameoGroups: ['WTO'],
    names: ['World Trade Organization', 'WTO'],
  },
  {
    code: 'WHO',
    name: 'World Health Organization',
    kind: 'organization',
    cameoGroups: ['WHO'],
    names: ['World Health Organization', 'WHO'],
  },
  {
    code: 'IAEA',
    name: 'International Atomic Energy Agency',
    kind: 'organization',
    cameoGroups: ['IAE'],
    names: ['International Atomic Energy Agency', 'IAEA'],
  },
  {
    code: 'ICC',
    name: 'International Criminal Court',
    kind: 'organization',
    cameoGroups: ['ICC'],
    names: ['International Criminal Court'],
  },
  {
    code: 'ICJ',
    name: 'International Court of Justice',
    kind: 'organization',
    cameoGroups: ['ICJ'],
    names: ['International Court of Justice'],
  },
  {
    code: 'INTERPOL',
    name: 'International Criminal Police Organization',
    kind: 'organization',
    cameoGroups: ['ITP'],
    names: ['Interpol', 'International Criminal Police Organization'],
  },
  {
    code: 'XKX',
    name: 'Kosovo',
    kind: 'government',
    cameoGroups: [],
    names: ['Kosovo'],
  },
];

const byGroup = new Map<string, InternationalBody>();
const byName = new Map<string, InternationalBody>();
for (const body of INTERNATIONAL_BODIES) {
  for (const group of body.cameoGroups) byGroup.set(group, body);
  for (const name of body.names) byName.set(normalisedName(name), body);
}

export function bodyOfCameoGroup(code: string): InternationalBody | undefined {
  return byGroup.get(code);
}

/** "UN Security Council", and ICEWS's generic "Secretariat (Organization of American States)" too. */
export const bodyNamed = memoized(lookupBody);

function lookupBody(name: string): InternationalBody | undefined {
  const found = byName.get(normalisedName(name));
  if (found) return found;
  const inner = /\(([^()]+)\)\s*$/.exec(name);
  return inner ? byName.get(normalisedName(inner[1])) : undefined;
}

export function bodyByCode(code: string): InternationalBody | undefined {
  return INTERNATIONAL_BODIES.find((body) => body.code === code);
}
