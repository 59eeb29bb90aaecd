// Kostendelersnorm, Participatiewet art. 22a (PW2025 text, read for this module):
// - lid 1: for a belanghebbende of 21 or older with one or more kostendelende medebewoners the norm is
//   ((40 + A × 30) / A) % of B, where A = the kostendelende medebewoners plus the belanghebbende plus his
//   spouse of 21 or older, and B = the gehuwdennorm of art. 21 sub b (under AOW age), art. 22 sub c
//   (under AOW age, spouse at AOW age) or art. 22 sub b (at AOW age).
//   The formula itself is an image on wetten.overheid.nl and is missing from the transcription; it is
//   confirmed [C] by domain-facts §5.1's worked example (1 Jul 2024, excl. VT: 50 % × 1,775.76 × 1.2 =
//   1,065.46 ≈ the published 1,065.47 for a single 21+ in a 2-person household).
// - lid 2: for gehuwden the norm is the sum of the lid-1 norms of each rechthebbende spouse.
// - lid 3: one spouse 18–20 and the other 21+: a fixed amount (table data) plus the lid-1 norm of the
//   spouse of 21+ (for whom A does not count the 18–20 spouse: lid 1 counts only a spouse of 21 or older).
// Art. 19a lid 1: a kostendelende medebewoner is 27 or older (the age is table data per period).
//
// Rounding — ASSUMPTION [K]: each person's norm is rounded half up to a whole cent before summing;
// the rounding of the published kostendelersnormen was not verified.

import { roundDiv } from './pw.norms.js';

/** The percentage of B, (40 + 30A) / A, as an exact ratio (for labels; the norm uses integer arithmetic). */
export function kostendelerPercentage(a: number): { numerator: number; denominator: number } {
  assertA(a);
  return { numerator: 40 + 30 * a, denominator: a };
}

function assertA(a: number): void {
  if (!Number.isSafeInteger(a) || a < 1 || a > 100) {
    throw new RangeError(`Het aantal kostendelers (A) moet een geheel getal van 1 tot en met 100 zijn, niet ${a}.`);
  }
}

/** Art. 22a lid 1 for one person: ((40 + A × 30) / A) % of B, rounded half up to the cent. */
export function kostendelerNorm(bCents: number, a: number): number {
  assertA(a);
  if (!Number.isSafeInteger(bCents) || bCents < 0) throw new RangeError(`B moet een geheel, niet-negatief aantal centen zijn, niet ${bCents}.`);
  return roundDiv(bCents * (40 + 30 * a), 100 * a);
}

/** Art. 22a lid 2: gehuwden get the sum of each rechthebbende spouse's lid-1 norm. */
export function kostendelerNormGehuwden(bApplicantCents: number, bPartnerCents: number, a: number): number {
  if (a < 2) throw new RangeError('Bij gehuwden telt A ten minste de aanvrager en de echtgenoot (A ≥ 2).');
  return kostendelerNorm(bApplicantCents, a) + kostendelerNorm(bPartnerCents, a);
}
