// The asset test (vermogenstoets), Participatiewet art. 34 with art. 50 (PW2025 text, domain-facts §5.2).
// - Vermogen = value of the possessions (market value, free of occupation) minus the debts (lid 1 sub a).
// - Vermogen bound in the dwelling the applicant lives in is disregarded below the eigen-woning limit
//   (lid 2 sub d, which refers to the dwelling of art. 50 lid 1).
// - Vermogen present at the start of the bijstand below the vermogensgrens is not counted (lid 2 sub b,
//   limits in lid 3): above the grens, the excess must be used first.
// - Home equity above the eigen-woning limit: bijstand as a geldlening (art. 50 lid 1).
//
// ASSUMPTION [K]: all debts are set off against all possessions (lid 1 sub a speaks of "de aanwezige
// schulden"), so an under-water home or other debts lower the vermogen bound in the dwelling; the
// vermogensgrens is applied to the free vermogen plus the home equity above the eigen-woning limit; when
// the free vermogen alone exceeds the grens there is no right (no loan), otherwise a counted excess that
// lies in the home leads to bijstand as a loan. A dwelling that is not lived in counts as free vermogen.
// Exemptions of lid 2 sub a, c and e (household goods, savings during bijstand, immaterial damages) are
// left to the consultant: enter only the possessions that count.

import type { Leefvorm, RekenbladLine } from './pw.leefvorm.js';
import type { AssetLimits } from './pw.norms.data.js';
import { formatCents as euro } from '../allocations/commitment.js';

export interface AssetsInput {
  /** Bank balances, savings, car, other possessions that count (market value). */
  possessionsCents: number;
  /** Debts other than the mortgage on the own home. */
  debtsCents: number;
  ownHome: { valueCents: number; mortgageCents: number; occupied: boolean } | null;
}

export type AssetOutcome = 'binnen-grens' | 'boven-grens' | 'lening-art-50';

export interface AssetTestResult {
  outcome: AssetOutcome;
  reason: string;
  lines: RekenbladLine[];
  /** Free vermogen above the vermogensgrens that must be used first (0 when within the limit). */
  excessCents: number;
}


export function limitFor(leefvorm: Leefvorm, limits: AssetLimits): { cents: number; article: string } {
  if (leefvorm === 'alleenstaande') return { cents: limits.alleenstaandeCents, article: 'art. 34 lid 3 sub a Pw' };
  if (leefvorm === 'alleenstaande-ouder') return { cents: limits.alleenstaandeOuderCents, article: 'art. 34 lid 3 sub b Pw' };
  return { cents: limits.gehuwdenCents, article: 'art. 34 lid 3 sub c Pw' };
}

export function assetTest(input: AssetsInput, leefvorm: Leefvorm, limits: AssetLimits): AssetTestResult {
  const lines: RekenbladLine[] = [
    { code: 'vermogen:bezittingen', label: 'Vermogen: bezittingen (waarde in het economische verkeer)', cents: input.possessionsCents, article: 'art. 34 lid 1 sub a Pw' },
    { code: 'vermogen:schulden', label: 'Vermogen: schulden', cents: -input.debtsCents, article: 'art. 34 lid 1 sub a Pw' },
  ];
  const home = input.ownHome;
  const homeNet = home === null ? 0 : home.valueCents - home.mortgageCents;
  if (home !== null) {
    lines.push({
      code: 'vermogen:eigen-woning',
      label: `Eigen woning: waarde ${euro(home.valueCents)} min hypotheek ${euro(home.mortgageCents)}${home.occupied ? ', zelf bewoond' : ', niet zelf bewoond'}`,
      cents: homeNet,
      article: 'art. 34 lid 1 sub a Pw',
    });
  }
  const total = input.possessionsCents - input.debtsCents + homeNet;
  lines.push({ code: 'vermogen:totaal', label: 'Vermogen (bezittingen min schulden)', cents: total, article: 'art. 34 lid 1 sub a Pw' });

  const inHome = home?.occupied ? Math.max(0, Math.min(homeNet, total)) : 0;
  const free = Math.max(0, total - inHome);
  const homeDisregarded = Math.min(inHome, limits.eigenWoningCents);
  const homeExcess = inHome - homeDisregarded;
  if (inHome > 0) {
    lines.push({ code: 'vermogen:vrijlating-woning', label: `Vrijgelaten vermogen in de eigen woning (ten hoogste ${euro(limits.eigenWoningCents)})`, cents: -homeDisregarded, article: 'art. 34 lid 2 sub d Pw' });
  }
  const limit = limitFor(leefvorm, limits);
  const counted = free + homeExcess;
  lines.push({ code: 'vermogen:in-aanmerking', label: 'Vermogen na vrijlating eigen woning', cents: counted, article: 'art. 34 lid 2 sub d Pw' });
  lines.push({ code: 'vermogen:grens', label: 'Vermogensgrens', cents: limit.cents, article: `${limit.article} jo. lid 2 sub b` });

  if (counted <= limit.cents) {
    return { outcome: 'binnen-grens', reason: `Het vermogen (${euro(counted)}) is niet hoger dan de vermogensgrens (${euro(limit.cents)}).`, lines, excessCents: 0 };
  }
  if (free > limit.cents) {
    const excess = free - limit.cents;
    lines.push({ code: 'vermogen:boven-grens', label: 'Vermogen boven de vermogensgrens, eerst te gebruiken', cents: excess, article: 'art. 34 lid 2 sub b, art. 19 lid 1 sub b Pw' });
    return {
      outcome: 'boven-grens',
      reason: `Geen recht: het vrij beschikbare vermogen (${euro(free)}) ligt ${euro(excess)} boven de vermogensgrens (${euro(limit.cents)}).`,
      lines,
      excessCents: excess,
    };
  }
  lines.push({ code: 'vermogen:woning-boven-grens', label: 'Vermogen in de eigen woning boven de vrijlating', cents: homeExcess, article: 'art. 50 lid 1 Pw' });
  return {
    outcome: 'lening-art-50',
    reason: `Het vermogen in de eigen woning ligt ${euro(homeExcess)} boven de vrijlating van ${euro(limits.eigenWoningCents)}: bijstand in de vorm van een geldlening (art. 50 lid 1 Pw).`,
    lines,
    excessCents: 0,
  };
}
