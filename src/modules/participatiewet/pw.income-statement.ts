// The monthly income statement (inkomstenopgave) as pure functions: validating what staff enter, and
// what was due for a month from its rekenbasis and its statement (the payment model of issue #11):
// bijstand = max(0, norm incl. VT − fixed offset − the statement's offset); the vakantietoeslag reserve
// = round half up(bijstand × basis points / 10,000); net = bijstand − reserve (before recovery instalments).

import { parseDate } from '../../platform/calendar.js';
import { validationFailed, type FieldError } from '../../platform/errors.js';
import { formatCents as euro } from '../allocations/commitment.js';
import { INCOME_KINDS, type IncomeItem, type Person, type WorkExemptionChoice } from './pw.income.js';
import { MAX_MONTHLY_CENTS, vakantietoeslagOf } from './pw.norms.js';

/** More than this a month as one item is taken for a typing error (€ 25.000). */
export const MAX_ITEM_CENTS = 2 * MAX_MONTHLY_CENTS + 500_000;
export const MAX_ITEMS = 30;

export interface StatementInput {
  /** The month, as its first day (yyyy-mm-01). */
  period: string;
  /** The day the statement was received; today when left out. */
  receivedOn?: string;
  items: IncomeItem[];
  workExemptions?: Partial<Record<Person, WorkExemptionChoice | null>>;
}

export interface BasisAmounts {
  normInclVtCents: number;
  fixedOffsetCents: number;
  vtBasisPoints: number;
}

export interface Due {
  bijstandCents: number;
  vtReserveCents: number;
  netCents: number;
}

/** What was due for a month with this basis and this income offset. */
export function dueFor(basis: BasisAmounts, statementOffsetCents: number): Due {
  const bijstand = Math.max(0, basis.normInclVtCents - basis.fixedOffsetCents - statementOffsetCents);
  const reserve = vakantietoeslagOf(bijstand, basis.vtBasisPoints);
  return { bijstandCents: bijstand, vtReserveCents: reserve, netCents: bijstand - reserve };
}

const isDate = (value: unknown): value is string => {
  try {
    parseDate(value as string);
    return true;
  } catch {
    return false;
  }
};

/** Refuses what cannot be a statement, with one Dutch message per field; dates against `today`. */
export function validateStatementInput(input: StatementInput, today: string): void {
  const errors: FieldError[] = [];
  if (!isDate(input.period) || !input.period.endsWith('-01')) {
    errors.push({ field: 'period', message: 'Kies de maand van de opgave (de eerste dag van de maand, jjjj-mm-01).' });
  } else if (input.period > `${today.slice(0, 8)}01`) {
    errors.push({ field: 'period', message: 'Een inkomstenopgave kan niet over een maand in de toekomst gaan.' });
  }
  if (input.receivedOn !== undefined) {
    if (!isDate(input.receivedOn)) errors.push({ field: 'receivedOn', message: 'Vul een geldige datum van ontvangst in (jjjj-mm-dd).' });
    else if (input.receivedOn > today) errors.push({ field: 'receivedOn', message: 'De datum van ontvangst kan niet in de toekomst liggen.' });
  }
  if (!Array.isArray(input.items)) errors.push({ field: 'items', message: 'Geef de inkomsten als lijst op (leeg als er geen inkomsten waren).' });
  else if (input.items.length > MAX_ITEMS) errors.push({ field: 'items', message: `Geef ten hoogste ${MAX_ITEMS} inkomstenposten op.` });
  else {
    input.items.forEach((item, i) => {
      if (!(item.kind in INCOME_KINDS)) errors.push({ field: `items[${i}].kind`, message: `Kies een soort inkomen uit de lijst ('${String(item.kind)}' is onbekend).` });
      if (item.person !== 'aanvrager' && item.person !== 'partner') errors.push({ field: `items[${i}].person`, message: 'Kies of het inkomen van de aanvrager of van de partner is.' });
      if (typeof item.cents !== 'number' || !Number.isSafeInteger(item.cents)) errors.push({ field: `items[${i}].cents`, message: 'Vul het bedrag in hele centen in.' });
      else if (item.cents < 0) errors.push({ field: `items[${i}].cents`, message: 'Een bedrag aan inkomsten kan niet negatief zijn.' });
      else if (item.cents > MAX_ITEM_CENTS) errors.push({ field: `items[${i}].cents`, message: `Het bedrag ${euro(item.cents)} is onwaarschijnlijk hoog voor één maand (meer dan ${euro(MAX_ITEM_CENTS)}). Controleer het bedrag.` });
    });
  }
  if (errors.length > 0) throw validationFailed(errors);
}
