// The applicable bijstandsnorm for a household on a date: leefvorm, ages (art. 20 / 21 / 22), an
// inrichting (art. 23) and kostendelende medebewoners (art. 19a, 22a). Pure; the norm amounts come from
// the period of the norm table. Every step becomes a rekenblad line with its article.

import { addMonths } from '../../platform/calendar.js';
import { invalid } from '../../platform/errors.js';
import type { NormKey, NormPeriod } from './pw.norms.data.js';
import { kostendelerNorm } from './pw.kostendelers.js';
import { formatCents as euro } from '../allocations/commitment.js';

export type Leefvorm = 'alleenstaande' | 'alleenstaande-ouder' | 'gehuwden';

/** Art. 19a lid 1 sub b–d: a housemate who is not a kostendelende medebewoner despite his age. */
export type HousemateException = 'commerciele-huur' | 'commerciele-huur-derde' | 'onderwijs';

export interface Housemate {
  birthDate: string;
  exception: HousemateException | null;
}

export interface HouseholdInput {
  leefvorm: Leefvorm;
  applicantBirthDate: string;
  /** Required for gehuwden (including samenwonenden, art. 3 lid 2), null otherwise. */
  partnerBirthDate: string | null;
  /** Tot zijn last komende kinderen: chooses between art. 20 lid 1 and lid 2 for young couples. */
  dependentChildren: boolean;
  /** Age of the youngest dependent child, for the art. 31 lid 2 sub r exemption; null without children. */
  youngestChildAge: number | null;
  /** Verblijf in een inrichting (art. 23): for gehuwden, both spouses. */
  inInrichting: boolean;
  /** Everyone else whose main residence is the dwelling (not the partner), with any art. 19a exception. */
  housemates: Housemate[];
}

export interface RekenbladLine {
  code: string;
  label: string;
  cents: number;
  article: string;
}

export type AgeBand = 'jong' | 'volwassen' | 'aow';

export interface NormOutcome {
  lines: RekenbladLine[];
  normInclVtCents: number;
  /** A of art. 22a, or null when the kostendelersnorm does not apply. */
  kostendelersA: number | null;
  applicantBand: AgeBand;
  partnerBand: AgeBand | null;
  notes: string[];
}

export function fullYearsOn(birthDate: string, date: string): number {
  let years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (addMonths(birthDate, years * 12) > date) years -= 1;
  return years;
}

export function hasReachedAowAge(birthDate: string, date: string, period: NormPeriod): boolean {
  return addMonths(birthDate, period.aowAge.years * 12 + period.aowAge.months) <= date;
}

function ageBand(birthDate: string, date: string, period: NormPeriod, field: string): AgeBand {
  const age = fullYearsOn(birthDate, date);
  if (age < 18) throw invalid(field, `Iemand jonger dan 18 jaar heeft geen recht op algemene bijstand (leeftijd op ${date}: ${age}).`);
  if (hasReachedAowAge(birthDate, date, period)) return 'aow';
  return age < 21 ? 'jong' : 'volwassen';
}


function normLine(period: NormPeriod, key: NormKey, label: string, article: string): RekenbladLine {
  return { code: `norm:${key}`, label: `${label} (incl. vakantietoeslag)`, cents: period.norms[key].inclVtCents, article };
}

/** Counts the kostendelende medebewoners: housemates at or above the period's age limit, without an exception. */
export function countKostendelers(housemates: Housemate[], date: string, period: NormPeriod): number {
  return housemates.filter((h) => h.exception === null && fullYearsOn(h.birthDate, date) >= period.kostendelerMinAge).length;
}

function single(h: HouseholdInput, period: NormPeriod, band: AgeBand, kostendelers: number): NormOutcome {
  const ouder = h.leefvorm === 'alleenstaande-ouder';
  const who = ouder ? 'alleenstaande ouder' : 'alleenstaande';
  const notes: string[] = [];
  const base = { applicantBand: band, partnerBand: null, notes };
  if (band === 'jong') {
    const key: NormKey = ouder ? 'alleenstaande-ouder-18-20' : 'alleenstaande-18-20';
    const line = normLine(period, key, `Norm ${who} van 18, 19 of 20 jaar`, ouder ? 'art. 20 lid 2 sub a Pw' : 'art. 20 lid 1 sub a Pw');
    if (kostendelers > 0) notes.push('Kostendelersnorm niet toegepast: de aanvrager is jonger dan 21 jaar (art. 22a lid 1 Pw).');
    return { ...base, lines: [line], normInclVtCents: line.cents, kostendelersA: null };
  }
  const aow = band === 'aow';
  const key: NormKey = aow ? (ouder ? 'alleenstaande-ouder-aow' : 'alleenstaande-aow') : ouder ? 'alleenstaande-ouder-21-plus' : 'alleenstaande-21-plus';
  const regular = normLine(
    period,
    key,
    aow ? `Norm ${who}, pensioengerechtigde leeftijd` : `Norm ${who}, 21 jaar tot pensioengerechtigde leeftijd`,
    aow ? 'art. 22 sub a Pw' : 'art. 21 sub a Pw',
  );
  if (kostendelers === 0) return { ...base, lines: [regular], normInclVtCents: regular.cents, kostendelersA: null };
  const a = kostendelers + 1;
  const bKey: NormKey = aow ? 'gehuwden-beiden-aow' : 'gehuwden-21-plus';
  return kostendelerOutcome(period, base, [regular], [{ bKey, who: 'aanvrager' }], a, aow ? 'art. 22 sub b Pw' : 'art. 21 sub b Pw');
}

function kostendelerOutcome(
  period: NormPeriod,
  base: Pick<NormOutcome, 'applicantBand' | 'partnerBand' | 'notes'>,
  before: RekenbladLine[],
  persons: { bKey: NormKey; who: string }[],
  a: number,
  bArticle: string,
  extra: RekenbladLine | null = null,
): NormOutcome {
  const lines = [...before];
  lines.push({ code: 'kostendelers:a', label: `Aantal kostendelers A (medebewoners van ${period.kostendelerMinAge} jaar of ouder, aanvrager en echtgenoot van 21+): ${a}`, cents: 0, article: 'art. 19a lid 1, art. 22a lid 1 Pw' });
  let total = extra?.cents ?? 0;
  if (extra) lines.push(extra);
  for (const p of persons) {
    const b = period.norms[p.bKey].inclVtCents;
    const cents = kostendelerNorm(b, a);
    total += cents;
    lines.push({
      code: `kostendelersnorm:${p.who}`,
      label: `Kostendelersnorm ${p.who}: (40 + ${a} × 30) / ${a} % van B = ${euro(b)} (afgerond op hele centen)`,
      cents,
      article: `art. 22a lid 1 Pw; B: ${bArticle}`,
    });
  }
  lines.push({ code: 'norm:kostendelersnorm', label: 'Norm met kostendelersnorm (incl. vakantietoeslag)', cents: total, article: persons.length > 1 || extra ? 'art. 22a lid 2 en 3 Pw' : 'art. 22a lid 1 Pw' });
  return { ...base, lines, normInclVtCents: total, kostendelersA: a };
}

function couple(h: HouseholdInput, period: NormPeriod, own: AgeBand, partner: AgeBand, kostendelers: number): NormOutcome {
  const notes: string[] = [];
  const base = { applicantBand: own, partnerBand: partner, notes };
  const kids = h.dependentChildren;
  const bands = [own, partner].sort().join('+');
  const regular = (key: NormKey, label: string, article: string): NormOutcome => {
    const line = normLine(period, key, label, article);
    return { ...base, lines: [line], normInclVtCents: line.cents, kostendelersA: null };
  };
  switch (bands) {
    case 'jong+jong': {
      if (kostendelers > 0) notes.push('Kostendelersnorm niet toegepast: beide echtgenoten zijn jonger dan 21 jaar (art. 22a lid 1 Pw).');
      return kids
        ? regular('gehuwden-beiden-18-20-met-kinderen', 'Norm gehuwden, beiden 18, 19 of 20 jaar, met kinderen', 'art. 20 lid 2 sub b Pw')
        : regular('gehuwden-beiden-18-20-zonder-kinderen', 'Norm gehuwden, beiden 18, 19 of 20 jaar, zonder kinderen', 'art. 20 lid 1 sub b Pw');
    }
    case 'jong+volwassen': {
      if (kostendelers === 0) {
        return kids
          ? regular('gehuwden-18-20-en-21-plus-met-kinderen', 'Norm gehuwden, één 18–20 jaar en één 21+, met kinderen', 'art. 20 lid 2 sub c Pw')
          : regular('gehuwden-18-20-en-21-plus-zonder-kinderen', 'Norm gehuwden, één 18–20 jaar en één 21+, zonder kinderen', 'art. 20 lid 1 sub c Pw');
      }
      const fixed = kids ? period.art22aLid3.withChildrenCents : period.art22aLid3.withoutChildrenCents;
      const extra: RekenbladLine = {
        code: 'kostendelers:vast-deel-18-20',
        label: `Vast bedrag voor de echtgenoot van 18–20 jaar, ${kids ? 'met' : 'zonder'} kinderen`,
        cents: fixed,
        article: `art. 22a lid 3 sub ${kids ? 'a' : 'b'} Pw`,
      };
      return kostendelerOutcome(period, base, [], [{ bKey: 'gehuwden-21-plus', who: 'echtgenoot van 21+' }], kostendelers + 1, 'art. 21 sub b Pw', extra);
    }
    case 'volwassen+volwassen': {
      const r = regular('gehuwden-21-plus', 'Norm gehuwden, beiden 21 jaar tot pensioengerechtigde leeftijd', 'art. 21 sub b Pw');
      if (kostendelers === 0) return r;
      return kostendelerOutcome(period, base, r.lines, [{ bKey: 'gehuwden-21-plus', who: 'aanvrager' }, { bKey: 'gehuwden-21-plus', who: 'echtgenoot' }], kostendelers + 2, 'art. 21 sub b Pw');
    }
    case 'aow+volwassen': {
      const r = regular('gehuwden-een-aow', 'Norm gehuwden, één echtgenoot op pensioengerechtigde leeftijd', 'art. 22 sub c Pw');
      if (kostendelers === 0) return r;
      const ownKey: NormKey = own === 'aow' ? 'gehuwden-beiden-aow' : 'gehuwden-een-aow';
      const partnerKey: NormKey = partner === 'aow' ? 'gehuwden-beiden-aow' : 'gehuwden-een-aow';
      return kostendelerOutcome(period, base, r.lines, [{ bKey: ownKey, who: 'aanvrager' }, { bKey: partnerKey, who: 'echtgenoot' }], kostendelers + 2, 'art. 22 sub b en c Pw');
    }
    case 'aow+aow': {
      const r = regular('gehuwden-beiden-aow', 'Norm gehuwden, beiden op pensioengerechtigde leeftijd', 'art. 22 sub b Pw');
      if (kostendelers === 0) return r;
      return kostendelerOutcome(period, base, r.lines, [{ bKey: 'gehuwden-beiden-aow', who: 'aanvrager' }, { bKey: 'gehuwden-beiden-aow', who: 'echtgenoot' }], kostendelers + 2, 'art. 22 sub b Pw');
    }
    default:
      // 'aow+jong': the Participatiewet has no norm row for it that domain-facts or PW2025 art. 20–22 name.
      throw invalid('household.partnerBirthDate', 'Gehuwden waarvan één echtgenoot 18–20 jaar is en de ander de pensioengerechtigde leeftijd heeft bereikt: deze norm is niet in Koers opgenomen; bereken handmatig.');
  }
}

function inrichting(h: HouseholdInput, period: NormPeriod, own: AgeBand, partner: AgeBand | null): NormOutcome {
  const gehuwden = h.leefvorm === 'gehuwden';
  const key: NormKey = gehuwden ? 'inrichting-gehuwden' : 'inrichting-alleenstaande';
  const base = normLine(period, key, gehuwden ? 'Norm gehuwden in een inrichting' : 'Norm alleenstaande (ouder) in een inrichting', `art. 23 lid 1 sub ${gehuwden ? 'b' : 'a'} Pw`);
  const raise = gehuwden ? period.inrichtingVerhoging.gehuwdenCents : period.inrichtingVerhoging.alleenstaandeCents;
  const lines: RekenbladLine[] = [
    base,
    { code: 'inrichting:verhoging', label: 'Verhoging van de inrichtingsnorm', cents: raise, article: `art. 23 lid 2 sub ${gehuwden ? 'b' : 'a'} Pw` },
    { code: 'norm:inrichting', label: 'Norm in een inrichting', cents: base.cents + raise, article: 'art. 23 Pw' },
  ];
  const notes = [
    'ASSUMPTION: de vakantietoeslag wordt ook over de verhoging van art. 23 lid 2 berekend; niet geverifieerd.',
    'Kostendelersnorm is niet van toepassing bij verblijf in een inrichting (art. 22a geldt voor de normen van art. 21 en 22).',
  ];
  return { lines, normInclVtCents: base.cents + raise, kostendelersA: null, applicantBand: own, partnerBand: partner, notes };
}

/** The applicable norm per calendar month (incl. vakantietoeslag) for the household on `date`. */
export function applicableNorm(h: HouseholdInput, date: string, period: NormPeriod): NormOutcome {
  const own = ageBand(h.applicantBirthDate, date, period, 'household.applicantBirthDate');
  const partner = h.partnerBirthDate === null ? null : ageBand(h.partnerBirthDate, date, period, 'household.partnerBirthDate');
  if (h.inInrichting) return inrichting(h, period, own, partner);
  const kostendelers = countKostendelers(h.housemates, date, period);
  if (partner === null) return single(h, period, own, kostendelers);
  return couple(h, period, own, partner, kostendelers);
}
