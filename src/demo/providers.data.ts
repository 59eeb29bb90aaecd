// Demo providers (aanbieders) of Maastricht (GM0935) and the region Zuid-Limburg, which shares the
// regional contracts with Eijsden-Margraten (GM1903).
//
// Everything here is FICTITIOUS:
// - AGB codes: every code starts with '99', the prefix this project reserves for demo data so a
//   demo code is recognisable at a glance and is never mistaken for (or looked up as) a real
//   provider. The second pair of digits encodes the provider kind, purely for readability.
// - Names are invented from Limburg place and landscape names (Maasvallei, Jekerdal, Geuldal …) to
//   sound plausible; they were not checked against the KvK register, and any likeness to a real
//   organisation is unintended. Known real organisations in Maastricht were deliberately avoided.
//
// Tariffs are assumptions in realistic ranges (2025 euros; sources: typical Dutch Wmo/Jeugd
// procurement tariffs, not Maastricht's actual price list). They are indexed yearly for 2026 and
// 2027: regional contracts by 3.2 %, local contracts by 2.7 %, subsidies by 2.5 % — all inside the
// 2–4 % band the contracts assume (indexation in this sector typically follows the OVA index).
// Community provisions are not bought per unit but financed by lump-sum subsidies; the subsidy
// purpose names the catalogue code in parentheses so the data can be cross-checked.

export interface ProviderData {
  /** 8 digits, always starting with '99' (fictitious, see file header). */
  agbCode: string;
  name: string;
  kind: 'care' | 'welfare' | 'youth' | 'housing_aids' | 'transport';
  strategicPartner: boolean;
  /** Contracted by the region Zuid-Limburg (shared by GM0935 and GM1903) vs by Maastricht alone. */
  regionWide: boolean;
  contracts: { productCode: string; year: number; centsPerUnit: number }[];
  subsidies: { year: number; amountCents: number; purpose: string }[];
}

type Contract = ProviderData['contracts'][number];
type Subsidy = ProviderData['subsidies'][number];

const YEARS = [2025, 2026, 2027] as const;
const REGIONAL_INDEXATION = 0.032;
const LOCAL_INDEXATION = 0.027;
const SUBSIDY_INDEXATION = 0.025;

/** Rounded once per year from the 2025 price, so rounding never makes a tariff go down. */
function indexed(euros2025: number, indexation: number, yearIndex: number): number {
  return Math.round(euros2025 * 100 * (1 + indexation) ** yearIndex);
}

function tariffs(indexation: number, euros2025ByProduct: Readonly<Record<string, number>>): Contract[] {
  return Object.entries(euros2025ByProduct).flatMap(([productCode, euros]) =>
    YEARS.map((year, i) => ({ productCode, year, centsPerUnit: indexed(euros, indexation, i) })),
  );
}

/** Tariffs of the regional procurement Zuid-Limburg. */
const regional = (euros2025ByProduct: Readonly<Record<string, number>>): Contract[] =>
  tariffs(REGIONAL_INDEXATION, euros2025ByProduct);

/** Tariffs of Maastricht's own procurement (e.g. the begeleiding direct-access contracts). */
const local = (euros2025ByProduct: Readonly<Record<string, number>>): Contract[] =>
  tariffs(LOCAL_INDEXATION, euros2025ByProduct);

function subsidies(euros2025ByPurpose: Readonly<Record<string, number>>): Subsidy[] {
  return Object.entries(euros2025ByPurpose).flatMap(([purpose, euros]) =>
    YEARS.map((year, i) => ({ year, amountCents: indexed(euros, SUBSIDY_INDEXATION, i), purpose })),
  );
}

const careProviders: ProviderData[] = [
  {
    // The strategic partner for Wmo begeleiding named in seed 004 ("samen met onze strategische
    // partner, de WMO-aanbieder … in een periode van 13 weken").
    agbCode: '99010001',
    name: 'Begeleidingsnetwerk Maasvallei',
    kind: 'care',
    strategicPartner: true,
    regionWide: false,
    contracts: local({ 'WMO-BG-01': 68.5, 'WMO-BG-02': 52.8, 'WMO-BW-02': 74.1 }),
    subsidies: [],
  },
  {
    agbCode: '99010002',
    name: 'Thuishulp Mergelland',
    kind: 'care',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-HH-01': 33.4, 'WMO-HH-02': 35.6, 'WMO-PV-01': 57.4 }),
    subsidies: [],
  },
  {
    agbCode: '99010003',
    name: 'Huishoudhulp Jekerhof',
    kind: 'care',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-HH-01': 32.85, 'WMO-HH-02': 35.1 }),
    subsidies: [],
  },
  {
    agbCode: '99010004',
    name: 'Thuisdienst Geuldal',
    kind: 'care',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-HH-01': 33.1, 'WMO-HH-02': 35.4, 'WMO-PV-01': 57.9 }),
    subsidies: [],
  },
  {
    agbCode: '99010005',
    name: 'Huishoudelijke Zorg Heuvelrand',
    kind: 'care',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-HH-01': 32.6 }),
    subsidies: [],
  },
  {
    agbCode: '99010006',
    name: 'Zorgcoöperatie Jekerdal',
    kind: 'care',
    strategicPartner: false,
    regionWide: false,
    contracts: local({ 'WMO-HH-01': 34.2, 'WMO-HH-02': 35.95, 'WMO-BG-01': 66.9, 'WMO-PV-01': 58.9 }),
    subsidies: [],
  },
  {
    agbCode: '99010007',
    name: 'Stichting Dagwerk Plateau',
    kind: 'care',
    strategicPartner: false,
    regionWide: true,
    contracts: [
      ...local({ 'WMO-BG-01': 64.75, 'WMO-BG-02': 49.6 }),
      ...regional({ 'WMO-DB-01': 59.8, 'WMO-DB-02': 41.5 }),
    ],
    subsidies: [],
  },
  {
    agbCode: '99010008',
    name: 'Zorgboerderij De Kalkhoeve',
    kind: 'care',
    strategicPartner: false,
    regionWide: true,
    contracts: [...local({ 'WMO-BG-02': 47.9 }), ...regional({ 'WMO-DB-02': 39.9 })],
    subsidies: [],
  },
  {
    agbCode: '99010009',
    name: 'Ouderenzorg Geulhof',
    kind: 'care',
    strategicPartner: false,
    regionWide: true,
    contracts: [
      ...local({ 'WMO-BG-02': 51.2 }),
      ...regional({ 'WMO-HH-01': 33.75, 'WMO-DB-01': 62.3, 'WMO-KV-01': 142, 'WMO-PV-01': 56.8 }),
    ],
    subsidies: [],
  },
  {
    agbCode: '99010010',
    name: 'Logeerhuis De Bosberg',
    kind: 'care',
    strategicPartner: false,
    regionWide: true,
    contracts: [...local({ 'WMO-BG-02': 55.4 }), ...regional({ 'WMO-DB-01': 64.1, 'WMO-KV-01': 148.5 })],
    subsidies: [],
  },
  {
    // Beschermd wonen and opvang: Maastricht is assumed to contract these as centrumgemeente for
    // the region, so the contracts count as regional.
    agbCode: '99010011',
    name: 'Stichting Beschut Wonen Zuid',
    kind: 'care',
    strategicPartner: false,
    regionWide: true,
    contracts: [
      ...local({ 'WMO-BG-01': 72.4 }),
      ...regional({ 'WMO-KV-01': 156, 'WMO-BW-01': 158, 'WMO-BW-02': 76.5, 'WMO-MO-01': 112 }),
    ],
    subsidies: [],
  },
  {
    agbCode: '99010012',
    name: 'Woonbegeleiding Maasterras',
    kind: 'care',
    strategicPartner: false,
    regionWide: true,
    contracts: [
      ...local({ 'WMO-BG-01': 71.8 }),
      ...regional({ 'WMO-BW-01': 149.5, 'WMO-BW-02': 75.2, 'WMO-MO-01': 104 }),
    ],
    subsidies: [],
  },
  {
    agbCode: '99010013',
    name: 'Stichting Onderdak Zuidpoort',
    kind: 'care',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-MO-01': 98.5, 'WMO-BW-01': 136, 'WMO-DB-02': 38.6 }),
    subsidies: [],
  },
];

// Welfare organisations run the community provisions (voorliggend veld) on subsidies only; two of
// them are strategic partners for the sociale basis (seed 004: "herijking verwerving welzijnswerk",
// "doorontwikkeling strategisch partnerschap").
const welfareProviders: ProviderData[] = [
  {
    agbCode: '99020001',
    name: 'Wijkwerk Maasoevers',
    kind: 'welfare',
    strategicPartner: true,
    regionWide: false,
    contracts: [],
    subsidies: subsidies({
      'Buurtcentrum en wijkinloop Centrum, inclusief opbouwwerk (WMO-BC-01)': 1_240_000,
      'Buurtcentra en wijkinloop Maastricht-West, inclusief opbouwwerk (WMO-BC-02)': 1_680_000,
      'Welzijnscoaches voor welzijn op recept (WMO-WR-01)': 385_000,
    }),
  },
  {
    agbCode: '99020002',
    name: 'Stichting Sociaal Werk Zuidkwartier',
    kind: 'welfare',
    strategicPartner: true,
    regionWide: false,
    contracts: [],
    subsidies: subsidies({
      'Algemeen maatschappelijk werk in alle wijken (WMO-MW-01)': 2_150_000,
      'Spreekuren sociaal raadslieden (WMO-SR-01)': 540_000,
    }),
  },
  {
    agbCode: '99020003',
    name: 'Mantelzorgsteunpunt Kruisberg',
    kind: 'welfare',
    strategicPartner: false,
    regionWide: false,
    contracts: [],
    subsidies: subsidies({ 'Informatie, advies en respijtbemiddeling voor mantelzorgers (WMO-MZ-01)': 690_000 }),
  },
  {
    agbCode: '99020004',
    name: 'Vrijwilligerspunt Maas en Heuvel',
    kind: 'welfare',
    strategicPartner: false,
    regionWide: false,
    contracts: [],
    subsidies: subsidies({ 'Vrijwilligerscentrale en regeling vrijwillige inzet (WMO-VW-01)': 310_000 }),
  },
  {
    // Cliëntondersteuning is organised for the whole region, so Eijsden-Margraten shares it.
    agbCode: '99020005',
    name: 'Stichting Cliëntsteun Zuid',
    kind: 'welfare',
    strategicPartner: false,
    regionWide: true,
    contracts: [],
    subsidies: subsidies({ 'Onafhankelijke cliëntondersteuning Wmo en Jeugdwet (WMO-CO-01)': 620_000 }),
  },
  {
    agbCode: '99020006',
    name: 'Buurtwerk Oostflank',
    kind: 'welfare',
    strategicPartner: false,
    regionWide: false,
    contracts: [],
    subsidies: subsidies({
      'Buurtcentra en wijkinloop Maastricht-Oost, inclusief opbouwwerk (WMO-BC-03)': 1_520_000,
    }),
  },
  {
    agbCode: '99020007',
    name: 'Opvoedpunt Maas en Jeker',
    kind: 'welfare',
    strategicPartner: false,
    regionWide: false,
    contracts: [],
    subsidies: subsidies({ 'Inloopspreekuren en oudercursussen opvoeden en opgroeien (JW-OO-01)': 860_000 }),
  },
  {
    agbCode: '99020008',
    name: 'Stichting Boodschappenmaatje Zuid',
    kind: 'welfare',
    strategicPartner: false,
    regionWide: false,
    contracts: [],
    subsidies: subsidies({ 'Coördinatie vrijwillige boodschappenservice (WMO-BS-01)': 95_000 }),
  },
  {
    agbCode: '99020009',
    name: 'Stichting Geldrust Zuid',
    kind: 'welfare',
    strategicPartner: false,
    regionWide: false,
    contracts: [],
    subsidies: subsidies({ 'Vroegsignalering, geldcoaches en thuisadministratie (WGS-SH-01)': 480_000 }),
  },
];

const youthProviders: ProviderData[] = [
  {
    // Strategic partner of the local "Jeugd ambulante 1e fase" procurement (seed 004).
    agbCode: '99030001',
    name: 'Jeugdhulp De Maasbrug',
    kind: 'youth',
    strategicPartner: true,
    regionWide: false,
    contracts: [...local({ 'JW-AB-01': 74.6 }), ...regional({ 'JW-AB-02': 94.5 })],
    subsidies: [],
  },
  {
    agbCode: '99030002',
    name: 'Gezinsbegeleiding Jekerstroom',
    kind: 'youth',
    strategicPartner: false,
    regionWide: false,
    contracts: [...local({ 'JW-AB-01': 72.9 }), ...regional({ 'JW-AB-02': 92.8 })],
    subsidies: [],
  },
  {
    agbCode: '99030003',
    name: 'Kinder- en Jeugdpsychologie Cannerberg',
    kind: 'youth',
    strategicPartner: false,
    regionWide: true,
    contracts: [...local({ 'JW-AB-01': 76.2 }), ...regional({ 'JW-AB-02': 98.4, 'JW-GZ-01': 112.5 })],
    subsidies: [],
  },
  {
    agbCode: '99030004',
    name: 'Jeugd-ggz Praktijk Zuiderlicht',
    kind: 'youth',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'JW-GZ-01': 118.4 }),
    subsidies: [],
  },
  {
    agbCode: '99030005',
    name: 'Orthopedagogisch Centrum Maasheuvel',
    kind: 'youth',
    strategicPartner: false,
    regionWide: true,
    contracts: [
      ...local({ 'JW-AB-01': 75.4 }),
      ...regional({ 'JW-AB-02': 96.1, 'JW-DB-01': 118, 'JW-VB-01': 342 }),
    ],
    subsidies: [],
  },
  {
    agbCode: '99030006',
    name: 'Pleeggezinnen Netwerk Zuid',
    kind: 'youth',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'JW-PZ-01': 54.2, 'JW-GH-01': 205 }),
    subsidies: [],
  },
  {
    agbCode: '99030007',
    name: 'Gezinshuizen Gulpdal',
    kind: 'youth',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'JW-PZ-01': 58.9, 'JW-GH-01': 198.5 }),
    subsidies: [],
  },
  {
    agbCode: '99030008',
    name: 'Behandelcentrum Kinderland Zuid',
    kind: 'youth',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'JW-GZ-01': 108.9, 'JW-DB-01': 126.5, 'JW-VB-01': 365.5 }),
    subsidies: [],
  },
  {
    agbCode: '99030009',
    name: 'Jeugd- en Gezinszorg Caestert',
    kind: 'youth',
    strategicPartner: false,
    regionWide: true,
    contracts: [
      ...local({ 'JW-AB-01': 73.8 }),
      ...regional({
        'JW-GZ-01': 104.6,
        'JW-DB-01': 112.4,
        'JW-PZ-01': 51.6,
        'JW-GH-01': 214,
        'JW-VB-01': 328,
      }),
    ],
    subsidies: [],
  },
];

// Hulpmiddelen are bought per piece (purchase price incl. maintenance for the expected lifetime),
// a simplification of the usual rental-per-month model.
const housingAidsProviders: ProviderData[] = [
  {
    agbCode: '99040001',
    name: 'Hulpmiddelenservice Maasdal',
    kind: 'housing_aids',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-HM-01': 1_345, 'WMO-HM-02': 6_850, 'WMO-HM-03': 3_150 }),
    subsidies: [],
  },
  {
    agbCode: '99040002',
    name: 'Revalidatietechniek Zuid',
    kind: 'housing_aids',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-HM-01': 1_410, 'WMO-HM-02': 7_240, 'WMO-HM-03': 3_390 }),
    subsidies: [],
  },
  {
    agbCode: '99040003',
    name: 'Mobiliteitscentrum Selzerbeek',
    kind: 'housing_aids',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-HM-01': 1_295, 'WMO-HM-02': 6_590, 'WMO-HM-03': 2_975, 'WMO-WV-01': 5_400 }),
    subsidies: [],
  },
  {
    agbCode: '99040004',
    name: 'Traplift Techniek Zuid',
    kind: 'housing_aids',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-WV-01': 5_850, 'WMO-WV-02': 520 }),
    subsidies: [],
  },
  {
    agbCode: '99040005',
    name: 'Woningaanpassing Mergelland',
    kind: 'housing_aids',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-WV-01': 6_120, 'WMO-WV-02': 465 }),
    subsidies: [],
  },
  {
    agbCode: '99040006',
    name: 'Aannemersbedrijf Drempelvrij Zuid',
    kind: 'housing_aids',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-WV-02': 495 }),
    subsidies: [],
  },
];

// Collectief vervoer: the tariff is the municipality's share per ride, after the client's own
// contribution (eigen bijdrage per rit).
const transportProviders: ProviderData[] = [
  {
    agbCode: '99050001',
    name: 'Regiovervoer Heuvelland',
    kind: 'transport',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-VV-01': 17.8 }),
    subsidies: [],
  },
  {
    agbCode: '99050002',
    name: 'Zorgvervoer Savelsbos',
    kind: 'transport',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-VV-01': 18.4 }),
    subsidies: [],
  },
  {
    agbCode: '99050003',
    name: 'Vervoerscombinatie Zuid-Limburg West',
    kind: 'transport',
    strategicPartner: false,
    regionWide: true,
    contracts: regional({ 'WMO-VV-01': 16.95 }),
    subsidies: [],
  },
];

export const providers: readonly ProviderData[] = [
  ...careProviders,
  ...welfareProviders,
  ...youthProviders,
  ...housingAidsProviders,
  ...transportProviders,
];
