// Income to be offset against the norm (Participatiewet art. 31–33), with the income kinds and their
// exemptions as data. Amounts are net per month (after the deductions of art. 31 lid 3), in cents.
//
// ASSUMPTION [K]: the entered amount already includes the entitlement to holiday allowance over that
// income (art. 31 lid 4 leaves this to a ministeriële regeling, which was not read), so it is offset
// against the norm including vakantietoeslag.

import { invalid } from '../../platform/errors.js';
import type { AgeBand, HouseholdInput, RekenbladLine } from './pw.leefvorm.js';
import { roundDiv } from './pw.norms.js';
import type { NormPeriod, WorkExemptionRule } from './pw.norms.data.js';
import { formatCents as euro } from '../allocations/commitment.js';

export type IncomeKind =
  | 'arbeid'
  | 'uitkering'
  | 'alimentatie'
  | 'verhuur'
  | 'belastingteruggave'
  | 'heffingskorting'
  | 'oudedagsvoorziening'
  | 'kinderbijslag'
  | 'toeslag'
  | 'mantelzorgwaardering'
  | 'overig';

export type IncomeTreatment = 'volledig' | 'vrijgelaten' | 'arbeid' | 'oudedagsvoorziening';

export interface IncomeKindRule {
  label: string;
  treatment: IncomeTreatment;
  article: string;
  /** Set where the treatment is not taken from the law text. */
  assumption: string | null;
}

/** Income kinds as data: how each is treated and on which article that rests. */
export const INCOME_KINDS: Record<IncomeKind, IncomeKindRule> = {
  arbeid: { label: 'Inkomsten uit arbeid', treatment: 'arbeid', article: 'art. 32 lid 1 sub a Pw', assumption: null },
  uitkering: { label: 'Socialezekerheidsuitkering', treatment: 'volledig', article: 'art. 32 lid 1 sub a Pw', assumption: null },
  alimentatie: { label: 'Alimentatie (Boek 1 BW)', treatment: 'volledig', article: 'art. 32 lid 1 sub a Pw', assumption: null },
  verhuur: { label: 'Inkomsten uit verhuur, onderverhuur of kostgangers', treatment: 'volledig', article: 'art. 32 lid 1 sub a Pw', assumption: null },
  belastingteruggave: { label: '(Voorlopige) teruggave van belasting of premies', treatment: 'volledig', article: 'art. 32 lid 1 sub a Pw', assumption: null },
  heffingskorting: { label: 'Heffingskorting', treatment: 'volledig', article: 'art. 31 lid 1 Pw', assumption: null },
  oudedagsvoorziening: { label: 'Particuliere oudedagsvoorziening (periodiek)', treatment: 'oudedagsvoorziening', article: 'art. 33 lid 5 Pw', assumption: null },
  kinderbijslag: { label: 'Kinderbijslag', treatment: 'vrijgelaten', article: 'art. 31 lid 2 sub b Pw', assumption: null },
  toeslag: { label: 'Tegemoetkoming Awir (zorgtoeslag, huurtoeslag, kindgebonden budget)', treatment: 'vrijgelaten', article: 'art. 31 lid 2 sub d Pw', assumption: null },
  mantelzorgwaardering: { label: 'Mantelzorgwaardering (Wmo 2015 art. 2.1.6)', treatment: 'vrijgelaten', article: 'art. 31 lid 2 sub u Pw', assumption: null },
  overig: {
    label: 'Overige middelen',
    treatment: 'volledig',
    article: 'art. 31 lid 1 Pw',
    assumption: 'ASSUMPTION: overige middelen (bijv. giften, art. 31 lid 2 sub m) worden volledig verrekend; een vrijlating naar oordeel van het college is niet gemodelleerd.',
  },
};

export const INCOME_KIND_LIST = Object.keys(INCOME_KINDS) as IncomeKind[];

export type Person = 'aanvrager' | 'partner';

export interface IncomeItem {
  kind: IncomeKind;
  person: Person;
  cents: number;
}

/** Art. 31 lid 2 sub n (start), r (alleenstaande ouder) or y (medisch urenbeperkt), chosen by the consultant. */
export interface WorkExemptionChoice {
  rule: 'art31n' | 'art31r' | 'art31y';
  /** Months of this exemption already used before the calculated month (limits: n 6, r 30). */
  monthsUsedBefore: number;
}

export interface IncomeContext {
  household: HouseholdInput;
  ages: Record<Person, number | null>;
  bands: Record<Person, AgeBand | null>;
}

const percent = (bp: number): string => `${(bp / 100).toString().replace('.', ',')} %`;

const RULE_ARTICLE = { art31n: 'art. 31 lid 2 sub n Pw', art31r: 'art. 31 lid 2 sub r Pw', art31y: 'art. 31 lid 2 sub y Pw' } as const;

/** Refuses a chosen exemption whose statutory conditions the facts contradict. */
function checkExemption(choice: WorkExemptionChoice, person: Person, ctx: IncomeContext): void {
  const field = `workExemptions.${person}`;
  const age = ctx.ages[person];
  if (age === null) throw invalid(field, 'Er is geen partner; een vrijlating voor de partner kan niet.');
  if ((choice.rule === 'art31n' || choice.rule === 'art31r') && age < 27) {
    throw invalid(field, `De vrijlating van ${RULE_ARTICLE[choice.rule]} geldt niet voor iemand jonger dan 27 jaar (art. 31 lid 5 Pw).`);
  }
  if (choice.rule === 'art31n' && ctx.bands[person] !== 'aow' && choice.monthsUsedBefore >= 6) {
    throw invalid(field, 'De vrijlating van art. 31 lid 2 sub n Pw is al zes maanden gebruikt.');
  }
  if (choice.rule === 'art31r') {
    if (ctx.household.leefvorm !== 'alleenstaande-ouder') throw invalid(field, 'De vrijlating van art. 31 lid 2 sub r Pw geldt alleen voor een alleenstaande ouder.');
    const child = ctx.household.youngestChildAge;
    if (child === null || child >= 12) throw invalid(field, 'De vrijlating van art. 31 lid 2 sub r Pw vraagt een tot de last komend kind jonger dan 12 jaar.');
    if (choice.monthsUsedBefore >= 30) throw invalid(field, 'De vrijlating van art. 31 lid 2 sub r Pw is al 30 maanden gebruikt.');
  }
}

export interface IncomeOutcome {
  lines: RekenbladLine[];
  offsetCents: number;
  notes: string[];
}

/** The income to be offset and its rekenblad lines: every item, every exemption, the total. */
export function incomeToOffset(
  items: IncomeItem[],
  exemptions: Record<Person, WorkExemptionChoice | null>,
  ctx: IncomeContext,
  period: NormPeriod,
): IncomeOutcome {
  const lines: RekenbladLine[] = [];
  const notes: string[] = [];
  let offset = 0;
  const personLabel = (p: Person) => (p === 'aanvrager' ? 'aanvrager' : 'partner');

  for (const person of ['aanvrager', 'partner'] as const) {
    const own = items.filter((i) => i.person === person);
    for (const item of own.filter((i) => i.kind !== 'arbeid')) {
      const rule = INCOME_KINDS[item.kind];
      lines.push({ code: `inkomen:${item.kind}:${person}`, label: `${rule.label} (${personLabel(person)})`, cents: item.cents, article: rule.article });
      if (rule.assumption && !notes.includes(rule.assumption)) notes.push(rule.assumption);
      if (rule.treatment === 'volledig') {
        offset += item.cents;
      } else if (rule.treatment === 'vrijgelaten') {
        lines.push({ code: `vrijlating:${item.kind}:${person}`, label: `Niet tot de middelen gerekend: ${rule.label.toLowerCase()}`, cents: -item.cents, article: rule.article });
      } else {
        // oudedagsvoorziening: disregarded up to the monthly amount once anyone in the household reached AOW age.
        const aowInHousehold = ctx.bands.aanvrager === 'aow' || ctx.bands.partner === 'aow';
        const cap = ctx.household.leefvorm === 'gehuwden' ? period.oudedagsvoorziening.gehuwdenCents : period.oudedagsvoorziening.alleenstaandeCents;
        const free = aowInHousehold ? Math.min(item.cents, cap) : 0;
        if (free > 0) lines.push({ code: `vrijlating:oudedagsvoorziening:${person}`, label: `Buiten beschouwing (ten hoogste ${euro(cap)} per maand)`, cents: -free, article: 'art. 33 lid 5 Pw' });
        offset += item.cents - free;
      }
    }
    const work = own.filter((i) => i.kind === 'arbeid').reduce((sum, i) => sum + i.cents, 0);
    const hasWork = own.some((i) => i.kind === 'arbeid');
    const choice = exemptions[person];
    if (choice !== null) checkExemption(choice, person, ctx);
    if (!hasWork) continue;
    lines.push({ code: `inkomen:arbeid:${person}`, label: `Netto inkomsten uit arbeid (${personLabel(person)})`, cents: work, article: INCOME_KINDS.arbeid.article });
    let free = 0;
    if (choice !== null) {
      const rule: WorkExemptionRule = period.workExemptions[choice.rule];
      free = Math.min(roundDiv(work * rule.basisPoints, 10_000), rule.maxCentsPerMonth);
      lines.push({
        code: `vrijlating:${choice.rule}:${person}`,
        label: `Vrijlating inkomsten uit arbeid: ${percent(rule.basisPoints)}, ten hoogste ${euro(rule.maxCentsPerMonth)} per maand`,
        cents: -free,
        article: RULE_ARTICLE[choice.rule],
      });
    }
    offset += work - free;
  }
  lines.push({ code: 'inkomen:totaal', label: 'In aanmerking te nemen inkomen', cents: offset, article: 'art. 32 Pw' });
  return { lines, offsetCents: offset, notes };
}
