// The Participatiewet norm table as data: one period per half year (norms are re-set on 1 January and
// 1 July), the asset limits per calendar year, and the amounts the means test needs. A new half year is
// a new entry in `periods` (and, on 1 January, in `assetLimits`) plus a new `version`; no code changes.
// `validateNormTable` (pw.norms.ts) refuses a table with a gap, an overlap, a missing leefvorm or an
// inconsistent amount, and a test runs it over this table.
//
// Never edit a published period: a stored calculation names its period and carries a fingerprint of it,
// and `reproduce` refuses when the period it finds differs from the one the calculation used.
//
// Status markers (as in shared/domain-facts.md): V = verified against the cited source, C = computed from
// verified figures (method in the comment), K = general knowledge, not re-verified.
//
// Sources:
// - PW2025: Participatiewet (BWBR0015703) text valid from 2025-01-01, as transcribed in GitHub
//   MinBZK/regelrecht-corpus, regulation/nl/wet/participatiewet/2025-01-01.yaml (articles 19, 19a, 20–23,
//   22a, 31, 33, 34 read for this table).
// - domain-facts §5.1/§5.2: 1 Jan 2025 gemeentewestland.nl "Normenoverzicht"; 1 Jul 2025 incl. VT
//   berekenuwrechtplus.nl (Stimulansz) and metronieuws.nl; 1 Jul 2025 excl. VT hofvantwente.nl.

/** Every leefvorm the table must price in every period. Incl./excl. vakantietoeslag, cents per month. */
export const NORM_KEYS = [
  'alleenstaande-18-20', // art. 20 lid 1 sub a
  'alleenstaande-ouder-18-20', // art. 20 lid 2 sub a
  'gehuwden-beiden-18-20-zonder-kinderen', // art. 20 lid 1 sub b
  'gehuwden-beiden-18-20-met-kinderen', // art. 20 lid 2 sub b
  'gehuwden-18-20-en-21-plus-zonder-kinderen', // art. 20 lid 1 sub c
  'gehuwden-18-20-en-21-plus-met-kinderen', // art. 20 lid 2 sub c
  'alleenstaande-21-plus', // art. 21 sub a
  'alleenstaande-ouder-21-plus', // art. 21 sub a
  'gehuwden-21-plus', // art. 21 sub b
  'alleenstaande-aow', // art. 22 sub a
  'alleenstaande-ouder-aow', // art. 22 sub a
  'gehuwden-beiden-aow', // art. 22 sub b
  'gehuwden-een-aow', // art. 22 sub c
  'inrichting-alleenstaande', // art. 23 lid 1 sub a (without the increase of lid 2)
  'inrichting-gehuwden', // art. 23 lid 1 sub b (without the increase of lid 2)
] as const;
export type NormKey = (typeof NORM_KEYS)[number];

export type FactStatus = 'V' | 'C' | 'K';

export interface NormAmount {
  inclVtCents: number;
  exclVtCents: number;
  status: FactStatus;
}

/** A percentage exemption of income from work with a monthly maximum (art. 31 lid 2). */
export interface WorkExemptionRule {
  basisPoints: number;
  maxCentsPerMonth: number;
  status: FactStatus;
}

export interface NormPeriod {
  /** Stable id; a stored calculation names it. */
  id: string;
  /** First and last day (inclusive) on which the period applies. */
  validFrom: string;
  validUntil: string;
  source: string;
  norms: Record<NormKey, NormAmount>;
  /** Share of the bijstand that is vakantietoeslag, in basis points (500 = 5 %). */
  vakantietoeslagBasisPoints: number;
  /** Art. 19a lid 1: a kostendelende medebewoner is a housemate of at least this age. */
  kostendelerMinAge: number;
  /** Pensioengerechtigde leeftijd (AOW age) for people who reach it in this period. */
  aowAge: { years: number; months: number; status: FactStatus };
  /** Art. 22a lid 3: fixed part for the 18–20 spouse when the couple has kostendelende medebewoners (incl. VT). */
  art22aLid3: { withChildrenCents: number; withoutChildrenCents: number; status: FactStatus };
  /** Art. 23 lid 2: increase of the inrichting norm. */
  inrichtingVerhoging: { alleenstaandeCents: number; gehuwdenCents: number; status: FactStatus };
  /** Art. 31 lid 2 sub n, r and y. */
  workExemptions: { art31n: WorkExemptionRule; art31r: WorkExemptionRule; art31y: WorkExemptionRule };
  /** Art. 33 lid 5: private old-age provision disregarded per month once AOW age is reached. */
  oudedagsvoorziening: { alleenstaandeCents: number; gehuwdenCents: number; status: FactStatus };
}

/** Art. 34 lid 3 (vermogensgrens) and lid 2 sub d (eigen woning) per calendar year, in cents. */
export interface AssetLimits {
  year: number;
  validFrom: string;
  validUntil: string;
  alleenstaandeCents: number;
  alleenstaandeOuderCents: number;
  gehuwdenCents: number;
  eigenWoningCents: number;
  status: FactStatus;
  source: string;
}

export interface NormTable {
  version: string;
  periods: NormPeriod[];
  assetLimits: AssetLimits[];
}

const n = (inclVtCents: number, exclVtCents: number, status: FactStatus): NormAmount => ({ inclVtCents, exclVtCents, status });

// Amounts of art. 31 lid 2 and 33 lid 5 as in PW2025 (valid from 2025-01-01) [V].
const WORK_EXEMPTIONS_2025_01: NormPeriod['workExemptions'] = {
  art31n: { basisPoints: 2500, maxCentsPerMonth: 27_300, status: 'V' },
  art31r: { basisPoints: 1250, maxCentsPerMonth: 17_061, status: 'V' },
  art31y: { basisPoints: 1500, maxCentsPerMonth: 17_304, status: 'V' },
};

const PERIOD_2025_H1: NormPeriod = {
  id: 'PW-2025-H1',
  validFrom: '2025-01-01',
  validUntil: '2025-06-30',
  source:
    'Incl. VT: PW2025 art. 20–23 [V] (= gemeentewestland.nl Normenoverzicht 1-1-2025, domain-facts §5.1). ' +
    'Excl. VT: incl. − 5 % [C].',
  norms: {
    'alleenstaande-18-20': n(33_217, 31_556, 'V'),
    'alleenstaande-ouder-18-20': n(33_217, 31_556, 'V'),
    'gehuwden-beiden-18-20-zonder-kinderen': n(66_434, 63_112, 'V'),
    'gehuwden-beiden-18-20-met-kinderen': n(104_875, 99_631, 'V'),
    'gehuwden-18-20-en-21-plus-zonder-kinderen': n(129_321, 122_855, 'V'),
    'gehuwden-18-20-en-21-plus-met-kinderen': n(167_762, 159_374, 'V'),
    'alleenstaande-21-plus': n(134_545, 127_818, 'V'),
    'alleenstaande-ouder-21-plus': n(134_545, 127_818, 'V'),
    'gehuwden-21-plus': n(192_207, 182_597, 'V'),
    'alleenstaande-aow': n(150_107, 142_602, 'V'),
    'alleenstaande-ouder-aow': n(150_107, 142_602, 'V'),
    'gehuwden-beiden-aow': n(205_348, 195_081, 'V'),
    'gehuwden-een-aow': n(205_348, 195_081, 'V'),
    // PW2025 art. 23 lid 1 [V]; domain-facts lists these as [NF] for 1 Jan 2025.
    'inrichting-alleenstaande': n(42_603, 40_473, 'V'),
    'inrichting-gehuwden': n(66_269, 62_956, 'V'),
  },
  // ASSUMPTION [C]: 5 %. The published excl.-VT figures (Hof van Twente) are exactly incl. × 0.95, but the
  // PW2025 transcription of art. 19 lid 3 reads "4,8 procent van die bijstand". Check before relying on it.
  vakantietoeslagBasisPoints: 500,
  // PW2025 art. 19a lid 1 [V]: "de persoon van 27 jaar of ouder" (issue #11 says 21+; the limit was raised).
  kostendelerMinAge: 27,
  // ASSUMPTION [K]: AOW age 67 in 2025 (art. 7a AOW); not in domain-facts.
  aowAge: { years: 67, months: 0, status: 'K' },
  // PW2025 art. 22a lid 3 [V].
  art22aLid3: { withChildrenCents: 71_658, withoutChildrenCents: 33_217, status: 'V' },
  // PW2025 art. 23 lid 2 [V].
  inrichtingVerhoging: { alleenstaandeCents: 4_500, gehuwdenCents: 10_100, status: 'V' },
  workExemptions: WORK_EXEMPTIONS_2025_01,
  // PW2025 art. 33 lid 5 [V].
  oudedagsvoorziening: { alleenstaandeCents: 2_570, gehuwdenCents: 5_140, status: 'V' },
};

const PERIOD_2025_H2: NormPeriod = {
  id: 'PW-2025-H2',
  validFrom: '2025-07-01',
  validUntil: '2025-12-31',
  source:
    'Incl. VT: Stimulansz berekenuwrechtplus.nl and metronieuws.nl (Rijksoverheid) [V]; excl. VT: hofvantwente.nl [V] ' +
    '(domain-facts §5.1). Rows marked C are computed there.',
  norms: {
    'alleenstaande-18-20': n(33_798, 32_108, 'V'),
    'alleenstaande-ouder-18-20': n(33_798, 32_108, 'V'),
    'gehuwden-beiden-18-20-zonder-kinderen': n(67_596, 64_216, 'C'),
    'gehuwden-beiden-18-20-met-kinderen': n(106_712, 101_376, 'C'),
    'gehuwden-18-20-en-21-plus-zonder-kinderen': n(131_588, 125_009, 'C'),
    'gehuwden-18-20-en-21-plus-met-kinderen': n(170_704, 162_169, 'V'),
    'alleenstaande-21-plus': n(136_906, 130_061, 'V'),
    'alleenstaande-ouder-21-plus': n(136_906, 130_061, 'V'),
    'gehuwden-21-plus': n(195_580, 185_801, 'V'),
    'alleenstaande-aow': n(153_021, 145_370, 'V'),
    'alleenstaande-ouder-aow': n(153_021, 145_370, 'V'),
    'gehuwden-beiden-aow': n(209_498, 199_023, 'V'),
    'gehuwden-een-aow': n(209_498, 199_023, 'V'),
    // ASSUMPTION [C]: excl. VT 411.82 / 640.58 (Hof van Twente) ÷ 0.95 = 433.49 / 674.29; Stimulansz's
    // 478.49 / 775.29 equal these plus the art. 23 lid 2 increase of 45.00 / 101.00, which supports it.
    'inrichting-alleenstaande': n(43_349, 41_182, 'C'),
    'inrichting-gehuwden': n(67_429, 64_058, 'C'),
  },
  vakantietoeslagBasisPoints: 500,
  kostendelerMinAge: 27,
  aowAge: { years: 67, months: 0, status: 'K' },
  // ASSUMPTION [C]: the 1 Jan 2025 amounts equal art. 20 (gehuwden both 18–20 with children minus the
  // alleenstaande 18–20 norm: 1,048.75 − 332.17 = 716.58; and 332.17), so for 1 Jul 2025 the same
  // differences: 1,067.12 − 337.98 = 729.14 and 337.98. Not found in a published source.
  art22aLid3: { withChildrenCents: 72_914, withoutChildrenCents: 33_798, status: 'C' },
  // ASSUMPTION [C]: unchanged on 1 Jul 2025 (Stimulansz's totals minus the base norms give 45.00 / 101.00).
  inrichtingVerhoging: { alleenstaandeCents: 4_500, gehuwdenCents: 10_100, status: 'C' },
  // ASSUMPTION [K]: the 1 Jan 2025 maxima are kept for 1 Jul 2025; the 1 Jul 2025 values were not found.
  workExemptions: {
    art31n: { ...WORK_EXEMPTIONS_2025_01.art31n, status: 'K' },
    art31r: { ...WORK_EXEMPTIONS_2025_01.art31r, status: 'K' },
    art31y: { ...WORK_EXEMPTIONS_2025_01.art31y, status: 'K' },
  },
  oudedagsvoorziening: { alleenstaandeCents: 2_570, gehuwdenCents: 5_140, status: 'K' },
};

const ASSET_LIMITS_2025: AssetLimits = {
  year: 2025,
  validFrom: '2025-01-01',
  validUntil: '2025-12-31',
  alleenstaandeCents: 777_000,
  alleenstaandeOuderCents: 1_554_000,
  gehuwdenCents: 1_554_000,
  eigenWoningCents: 6_550_000,
  status: 'V',
  source: 'PW2025 art. 34 lid 2 sub d and lid 3 (domain-facts §5.2)',
};

/** The norm table in force. Adding a half year: append a period, bump the version, run the tests. */
export const PW_NORM_TABLE: NormTable = {
  version: '2025-07-01.1',
  periods: [PERIOD_2025_H1, PERIOD_2025_H2],
  assetLimits: [ASSET_LIMITS_2025],
};
