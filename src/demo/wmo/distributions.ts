// Proportions, sizes and weights of the Wmo demo seed.
//
// SOURCES AND ASSUMPTIONS (status markers as in /work/shared/domain-facts.md: [V] verified there,
// [C] computed, [K] general domain knowledge, not re-verified — an assumption for demo data only):
//
// - Number of clients: national 72 Wmo clients per 1,000 inhabitants (CBS 86050NED, 2024*) [V];
//   South Limburg runs higher (Kerkrade 117/1,000) [V]. Our Maastricht population is 90,000
//   residents (BSN test range), so 8,000 clients ≈ 89/1,000 [C], between the two; Eijsden-Margraten
//   gets 20 % of that (1,600 of 20,000 ≈ 80/1,000) as the brief asks.
// - Who is a client (age): relative Wmo use per 1,000 by age band [K], shaped after CBS StatLine
//   "Wmo-cliënten; leeftijd" (not in domain-facts): <18: 4, 18–44: 25, 45–64: 50, 65–74: 110,
//   75–84: 300, 85+: 550. Applied to the Dutch age pyramid these give ≈1.2 million clients, close
//   to the 1.28 million of 86050NED [C], so the shape is at least consistent with the total.
// - Product mix: shares of clients per category from domain-facts §2.1 [V/C]: HbH 43–57 %,
//   begeleiding 16–19 %, dagbesteding ≈6.5 %, hulpmiddelen en diensten ≈48 % (vervoersdiensten ≈29 %,
//   vervoervoorzieningen ≈17 %, rolstoelen ≈10 %, woonvoorzieningen ≈5 %). Spread over age bands
//   [K]: household help, transport, scootmobiel, wheelchairs and home adaptations mostly 65+;
//   begeleiding, arbeidsmatige dagbesteding, beschermd wonen and opvang mostly under 65.
// - Provisions per case: CBS 83264NED gives ≈1.64 provisions per client per year (58 % one, 27 %
//   two, 10 % three, 3 % four) [C]. We ask a little more per decision (mean ≈2.0) because some
//   cases end without a decision or are still open, to reach the issue's ≈12,000 allocations.
// - Volumes and durations [K], the brief's demo parameters: household help 2–4 h/week (regie
//   3–5) for a year; begeleiding 2–6 h/week for 6–12 months; dagbesteding and begeleiding groep
//   2–6 day parts/week; aids and home adaptations one piece (spread over a year, as commitment.ts
//   does for 'total'); regiotaxi 60–200 rides a year; kortdurend verblijf 2–6 nights a month.
// - Process [K]: ≈80 % of meldingen lead to an aanvraag and beschikking, ≈14 % are solved in the
//   voorliggend veld or the network without one, ≈6 % are withdrawn; ≈7 % of research periods and
//   ≈4 % of decisions run late; ≈5 % of cases are suspended and ≈2 % extended for a while; ≈7 % of
//   decision lines are refused; ≈4 % of decisions are a pgb (no allocation to a provider: paid via
//   the SVB, not modelled); ≈5 % of cases use direct access to begeleiding (13 weeks).
// - KCC [K]: ≈3.75 contacts per client a year (the 30,000 for 8,000 clients); channels
//   telefoon 62 %, e-mail 14 %, web 16 %, balie 8 %; about two thirds answered at the first line;
//   routed contacts get a callback due the next working day at 17:00 (as the app does), most done
//   the same or next day, a few late and a few still open past their due time.
// - Staff: 40 consultants for Maastricht (≈200 clients and ≈25 open cases each) and 8 for
//   Eijsden-Margraten, plus KCC employees; they have no password, so only the standard demo users
//   can log in. The standard `consulent` gets a modest caseload with a few cases near a deadline.

import type { Weighted } from '../random.js';
import type { Outcome, WmoSeedSize, WmoTenantId } from './types.js';

export const CLIENTS: Readonly<Record<WmoSeedSize, Readonly<Record<WmoTenantId, number>>>> = {
  small: { GM0935: 25, GM1903: 25 },
  // ≈89 and ≈80 per 1,000, as for 'maastricht'.
  // 'demo': 100 per 1,000 (South-Limburg-like) and 80 per 1,000, over its 18 months.
  demo: { GM0935: 2_400, GM1903: 640 },
  maastricht: { GM0935: 8_000, GM1903: 1_600 },
};
export const CONSULTANTS: Readonly<Record<WmoSeedSize, Readonly<Record<WmoTenantId, number>>>> = {
  small: { GM0935: 3, GM1903: 2 },
  demo: { GM0935: 12, GM1903: 4 },
  maastricht: { GM0935: 40, GM1903: 8 },
};
export const KCC_STAFF: Readonly<Record<WmoSeedSize, Readonly<Record<WmoTenantId, number>>>> = {
  small: { GM0935: 0, GM1903: 0 },
  demo: { GM0935: 3, GM1903: 1 },
  maastricht: { GM0935: 11, GM1903: 2 },
};
/** Days of casework generated before today. */
export const PERIOD_DAYS: Readonly<Record<WmoSeedSize, number>> = { small: 365, demo: 548, maastricht: 365 };
/**
 * Share of adult cases that start with direct access (taakgerichte uitvoering) [K]. The 'demo' size
 * assumes a municipality that works this way for almost a third of its adults' meldingen, so the KPI on direct
 * access shows every month.
 */
export const DIRECT_ACCESS_SHARE: Readonly<Record<WmoSeedSize, number>> = { small: 0.05, demo: 0.3, maastricht: 0.05 };
export const CONTACTS_PER_CLIENT = 3.75;
export const CASE_TYPE = 'WMO-MAATWERK';
export const DEFAULT_APPROVAL_THRESHOLD_CENTS = 500_000;

// ---------------------------------------------------------------------------------------------
// Distributions (see the header for sources)

export type Band = 'child' | 'adult' | 'middle' | 'senior' | 'elderly';

export function bandOf(age: number): Band {
  if (age < 18) return 'child';
  if (age < 45) return 'adult';
  if (age < 65) return 'middle';
  if (age < 80) return 'senior';
  return 'elderly';
}

/** Relative Wmo use per 1,000 residents by age [K], see header. */
export function wmoUseWeight(age: number): number {
  if (age < 18) return 4;
  if (age < 45) return 25;
  if (age < 65) return 50;
  if (age < 75) return 110;
  if (age < 85) return 300;
  return 550;
}

/** Relative chance a client of an age band needs a product: [child, adult, middle, senior, elderly]. */
export const PRODUCT_NEED: Readonly<Record<string, readonly [number, number, number, number, number]>> = {
  'WMO-HH-01': [0, 10, 25, 45, 60],
  'WMO-HH-02': [0, 8, 8, 5, 5],
  'WMO-BG-01': [2, 35, 25, 6, 3],
  'WMO-BG-02': [0, 10, 8, 4, 3],
  'WMO-DB-01': [0, 2, 4, 8, 10],
  'WMO-DB-02': [0, 10, 6, 1, 0],
  'WMO-KV-01': [0, 1, 1, 2, 3],
  'WMO-PV-01': [0, 2, 2, 2, 2],
  'WMO-HM-01': [3, 2, 4, 8, 12],
  'WMO-HM-02': [2, 1, 2, 3, 3],
  'WMO-HM-03': [0, 1, 6, 15, 18],
  'WMO-WV-01': [0, 0, 2, 5, 6],
  'WMO-WV-02': [5, 2, 6, 12, 14],
  'WMO-VV-01': [5, 8, 15, 28, 35],
  'WMO-BW-01': [0, 3, 1, 0, 0],
  'WMO-BW-02': [0, 3, 1, 0, 0],
  'WMO-MO-01': [0, 3, 1, 0, 0],
};
export const BAND_INDEX: Readonly<Record<Band, number>> = { child: 0, adult: 1, middle: 2, senior: 3, elderly: 4 };

/** Volume range and duration in months per product [K]; frequency and unit come from the catalogue. */
export const PRODUCT_TERMS: Readonly<Record<string, { volume: readonly [number, number]; months: readonly [number, number] }>> = {
  'WMO-HH-01': { volume: [2, 4], months: [12, 12] },
  'WMO-HH-02': { volume: [3, 5], months: [12, 12] },
  'WMO-BG-01': { volume: [2, 6], months: [6, 12] },
  'WMO-BG-02': { volume: [2, 6], months: [6, 12] },
  'WMO-DB-01': { volume: [2, 6], months: [12, 12] },
  'WMO-DB-02': { volume: [2, 6], months: [12, 12] },
  'WMO-KV-01': { volume: [2, 6], months: [12, 12] },
  'WMO-PV-01': { volume: [1, 4], months: [6, 12] },
  'WMO-HM-01': { volume: [1, 1], months: [12, 12] },
  'WMO-HM-02': { volume: [1, 1], months: [12, 12] },
  'WMO-HM-03': { volume: [1, 1], months: [12, 12] },
  'WMO-WV-01': { volume: [1, 1], months: [12, 12] },
  'WMO-WV-02': { volume: [1, 1], months: [12, 12] },
  'WMO-VV-01': { volume: [60, 200], months: [12, 12] },
  'WMO-BW-01': { volume: [30, 30], months: [12, 12] },
  'WMO-BW-02': { volume: [4, 8], months: [12, 12] },
  'WMO-MO-01': { volume: [30, 30], months: [3, 6] },
};

const CASES_PER_CLIENT_YEAR: readonly Weighted<number>[] = [
  { value: 1, weight: 86 },
  { value: 2, weight: 12 },
  { value: 3, weight: 2 },
];
/** Cases per client over the period; the 'demo' size covers 18 months, so more clients come back [K]. */
export const CASES_PER_CLIENT: Readonly<Record<WmoSeedSize, readonly Weighted<number>[]>> = {
  small: CASES_PER_CLIENT_YEAR,
  demo: [
    { value: 1, weight: 62 },
    { value: 2, weight: 30 },
    { value: 3, weight: 8 },
  ],
  maastricht: CASES_PER_CLIENT_YEAR,
};
export const LINES_PER_DECISION: readonly Weighted<number>[] = [
  { value: 1, weight: 38 },
  { value: 2, weight: 33 },
  { value: 3, weight: 19 },
  { value: 4, weight: 10 },
];
export const OUTCOMES: readonly Weighted<Outcome>[] = [
  { value: 'decision', weight: 80 },
  { value: 'closed', weight: 14 },
  { value: 'withdrawn', weight: 6 },
];
export const DIRECT_OUTCOMES: readonly Weighted<Outcome>[] = [
  { value: 'decision', weight: 55 },
  { value: 'closed', weight: 35 },
  { value: 'withdrawn', weight: 10 },
];
export const CHANNELS: readonly Weighted<'telefoon' | 'balie' | 'e-mail' | 'web'>[] = [
  { value: 'telefoon', weight: 62 },
  { value: 'e-mail', weight: 14 },
  { value: 'web', weight: 16 },
  { value: 'balie', weight: 8 },
];
