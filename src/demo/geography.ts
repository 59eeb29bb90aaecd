// Geography for the demo population (source: /work/shared/domain-facts.md §1).
// Inhabitants and households are used as weights, so the synthetic population has the real spread
// over the wijken; the exact figures do not have to be current.

export interface DemoArea {
  /** CBS wijk code, e.g. 'WK093500'. */
  code: string;
  /** e.g. 'Centrum'. */
  name: string;
  inhabitants: number;
  households: number;
  neighbourhoods: string[];
  /** PC4 list. */
  postcodes: number[];
  /**
   * Street names used for demo addresses. Names listed before the `placeholders` comment in an
   * area are real streets in that area; names after it are plausible generic Dutch street names
   * that were not checked to exist there. Names are unique within a municipality, so street +
   * house number identifies one address.
   */
  streets: string[];
}

export interface DemoMunicipality {
  tenantId: 'GM0935' | 'GM1903';
  name: string;
  city: string;
  inhabitants: number;
  areas: DemoArea[];
}

// Maastricht: the 7 CBS wijken. Inhabitants 1 Jan 2023 (Noordwest: 2017 figure), households 2021
// (GMSD wijkprofiel). PC4 lists are the approximate wijk ranges from the facts file; they overlap
// (Centrum's range spans the others) — accepted for demo data, as the facts file advises.
// 6220 does not exist: Maastricht's residential PC4s are 6211–6219 and 6221–6229.
const maastrichtAreas: DemoArea[] = [
  {
    code: 'WK093500',
    name: 'Centrum',
    inhabitants: 20_635,
    households: 13_795,
    neighbourhoods: [
      'Binnenstad',
      'Boschstraatkwartier',
      'Jekerkwartier',
      'Kommelkwartier',
      'Sint Maartenspoort',
      'Statenkwartier',
      'Wyck',
    ],
    postcodes: [6211, 6212, 6213, 6214, 6215, 6216, 6217, 6218, 6219, 6221],
    streets: [
      'Grote Staat',
      'Kleine Staat',
      'Vrijthof',
      'Markt',
      'Wolfstraat',
      'Stokstraat',
      'Hondstraat',
      'Tongersestraat',
      'Sint Pieterstraat',
      'Bogaardenstraat',
      'Capucijnenstraat',
      'Brusselsestraat',
      'Boschstraat',
      'Kesselskade',
      'Hertogsingel',
      'Sint Maartenslaan',
      'Rechtstraat',
      'Hoogbrugstraat',
      'Wycker Brugstraat',
      'Wilhelminasingel',
      'Avenue Céramique',
    ],
  },
  {
    code: 'WK093501',
    name: 'Buitenwijk Zuidwest',
    inhabitants: 9_145,
    households: 4_430,
    neighbourhoods: ['Biesland', 'Campagne', 'Jekerdal', 'Sint Pieter', 'Villapark', 'Wolder'],
    postcodes: [6212, 6213],
    streets: [
      'Sint Hubertuslaan',
      'Prins Bisschopsingel',
      'Luikerweg',
      'Mergelweg',
      'Cannerweg',
      'Bieslanderweg',
      'Tongerseweg',
      // placeholders
      'Hoogveldlaan',
      'Jekerdalweg',
    ],
  },
  {
    code: 'WK093502',
    name: 'Buitenwijk West',
    inhabitants: 35_920,
    households: 19_965,
    neighbourhoods: [
      'Belfort',
      'Brusselsepoort',
      'Caberg',
      'Daalhof',
      'Dousberg-Hazendans',
      'Malberg',
      'Malpertuis',
      'Mariaberg',
      'Oud-Caberg',
      'Pottenberg',
    ],
    postcodes: [6214, 6215, 6216, 6217, 6218],
    streets: [
      'Brusselseweg',
      'Via Regia',
      'Ambiorixweg',
      'Dousbergweg',
      // placeholders
      'Lindenlaan',
      'Beukenlaan',
      'Esdoornstraat',
      'Kastanjelaan',
      'Berkenweg',
      'Iepenlaan',
      'Eikenstraat',
      'Platanenlaan',
      'Meidoornstraat',
      'Vlierstraat',
      'Hazelaarweg',
      'Wilgenstraat',
    ],
  },
  {
    code: 'WK093503',
    name: 'Buitenwijk Noordwest',
    inhabitants: 2_200,
    households: 1_195,
    neighbourhoods: ['Belvédère', 'Bosscherveld', 'Boschpoort', 'Frontenkwartier', 'Lanakerveld'],
    postcodes: [6217, 6218, 6219],
    streets: [
      'Lage Frontweg',
      'Bosscherweg',
      'Cabergerweg',
      // placeholders
      'Havenweg',
      'Sluisstraat',
    ],
  },
  {
    code: 'WK093504',
    name: 'Buitenwijk Oost',
    inhabitants: 31_025,
    households: 16_455,
    neighbourhoods: [
      'Amby',
      'Heugemerveld',
      'Limmel',
      'Nazareth',
      'Scharn',
      'Wittevrouwenveld',
      'Wyckerpoort',
    ],
    postcodes: [6221, 6222, 6223, 6224, 6225, 6226],
    streets: [
      'Meerssenerweg',
      'Akersteenweg',
      'Scharnerweg',
      'Ambyerstraat-Noord',
      'Ambyerstraat-Zuid',
      'Severenstraat',
      // placeholders
      'Rozenstraat',
      'Tulpenlaan',
      'Irisstraat',
      'Lelieweg',
      'Anjerstraat',
      'Dahliastraat',
      'Goudsbloemlaan',
      'Seringenstraat',
    ],
  },
  {
    code: 'WK093505',
    name: 'Buitenwijk Noordoost',
    inhabitants: 2_700,
    households: 1_355,
    neighbourhoods: ['Beatrixhaven', 'Borgharen', 'Itteren', 'Meerssenhoven'],
    postcodes: [6222, 6223],
    streets: [
      // placeholders (no street here was checked)
      'Dorpsstraat',
      'Kerkstraat',
      'Maasweg',
      'Veldweg',
      'Kasteelstraat',
    ],
  },
  {
    code: 'WK093506',
    name: 'Buitenwijk Zuidoost',
    inhabitants: 21_170,
    households: 10_820,
    neighbourhoods: ['De Heeg', 'Heer', 'Heugem', 'Randwyck', 'Vroendaal'],
    postcodes: [6227, 6228, 6229],
    streets: [
      'Randwycksingel',
      'Universiteitssingel',
      'Oeslingerbaan',
      'Heerderweg',
      'Heugemerweg',
      // placeholders
      'Merelstraat',
      'Lijsterlaan',
      'Vinkenweg',
      'Zwaluwstraat',
      'Spreeuwenlaan',
      'Kwartellaan',
    ],
  },
];

// Eijsden-Margraten: CBS wijk figures were not available and the PC4 → village mapping is not
// verified (facts file §1.3). ASSUMPTION: the two areas are the former municipalities (merged
// 2011) — the Maas valley villages and the plateau villages, except Mesch, a plateau village that
// belonged to Eijsden — with CBS-style codes WK190300/WK190301 that were not checked against the CBS list.
// Inhabitants split ≈ 46/54 (the former municipalities' sizes around 2010, general knowledge)
// scaled to the 2024 total of 26,034; households are estimated at 2.1 persons per household
// (an assumption, see population.ts).
// PC4s: 6245/6247 assumed for the Maas valley (Eijsden, Gronsveld); the rest, including the
// verified 6267 = Cadier en Keer, for the plateau.
const eijsdenMargratenAreas: DemoArea[] = [
  {
    code: 'WK190300',
    name: 'Eijsden',
    inhabitants: 11_900,
    households: 5_667,
    neighbourhoods: ['Eijsden', 'Gronsveld', 'Mariadorp', 'Mesch', 'Oost-Maarland', 'Rijckholt'],
    postcodes: [6245, 6247],
    streets: [
      // placeholders (no street here was checked)
      'Breusterstraat',
      'Maasstraat',
      'Kerkweg',
      'Molenweg',
      'Veldstraat',
      'Schoolstraat',
      'Kasteellaan',
      'Bergstraat',
    ],
  },
  {
    code: 'WK190301',
    name: 'Margraten',
    inhabitants: 14_134,
    households: 6_730,
    neighbourhoods: [
      'Banholt',
      'Bemelen',
      'Cadier en Keer',
      'Eckelrade',
      'Margraten',
      'Mheer',
      'Noorbeek',
      'Scheulder',
      'Sint Geertruid',
    ],
    postcodes: [6251, 6252, 6255, 6261, 6262, 6265, 6267, 6268, 6269, 6307],
    streets: [
      // The N278 through Cadier en Keer and Margraten is called Rijksweg.
      'Rijksweg',
      // placeholders
      'Dorpstraat',
      'Kerkplein',
      'Plateauweg',
      'Hoeveweg',
      'Boomgaardstraat',
      'Kapelstraat',
      'Akkerweg',
      'Heuvelweg',
    ],
  },
];

/**
 * BAG woonplaats for each Eijsden-Margraten kern: addresses use the woonplaats, not the kern.
 * ASSUMPTION (facts file §1.3, "verify against BAG"): Mariadorp, Mesch and Oost-Maarland fall
 * under Eijsden and Rijckholt under Gronsveld. Maastricht's buurten all lie in woonplaats
 * Maastricht.
 */
export const woonplaatsByKern: Readonly<Record<string, string>> = {
  Banholt: 'Banholt',
  Bemelen: 'Bemelen',
  'Cadier en Keer': 'Cadier en Keer',
  Eckelrade: 'Eckelrade',
  Eijsden: 'Eijsden',
  Gronsveld: 'Gronsveld',
  Margraten: 'Margraten',
  Mariadorp: 'Eijsden',
  Mesch: 'Eijsden',
  Mheer: 'Mheer',
  Noorbeek: 'Noorbeek',
  'Oost-Maarland': 'Eijsden',
  Rijckholt: 'Gronsveld',
  Scheulder: 'Scheulder',
  'Sint Geertruid': 'Sint Geertruid',
};

export const demoMunicipalities: readonly DemoMunicipality[] = [
  {
    tenantId: 'GM0935',
    name: 'Maastricht',
    city: 'Maastricht',
    inhabitants: 125_563, // 1 Jan 2025
    areas: maastrichtAreas,
  },
  {
    tenantId: 'GM1903',
    name: 'Eijsden-Margraten',
    city: 'Margraten', // seat of the municipality
    inhabitants: 26_034, // 1 Jan 2024
    areas: eijsdenMargratenAreas,
  },
];

/** The demo municipality for a tenant; throws for an unknown tenant id. */
export function demoMunicipality(tenantId: DemoMunicipality['tenantId']): DemoMunicipality {
  const found = demoMunicipalities.find((m) => m.tenantId === tenantId);
  if (found === undefined) throw new RangeError(`unknown demo tenant ${String(tenantId)}`);
  return found;
}

/** The woonplaats (place name in the address) for a resident of `neighbourhood`. */
export function woonplaatsFor(municipality: DemoMunicipality, neighbourhood: string): string {
  if (municipality.tenantId === 'GM0935') return municipality.city;
  return woonplaatsByKern[neighbourhood] ?? municipality.city;
}
