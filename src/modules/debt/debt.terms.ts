// The terms of debt help as data, and the pure rules that apply them. A term is either a calendar
// term (an ISO 8601 date duration, the Algemene termijnenwet moves a last day on a weekend or holiday)
// or a number of working days (Atw holidays and equated days are not working days).
//
// Sources (docs/debt-help.md): the 4 weeks and 3 working days of the first conversation are verified
// (domain-facts §7.4: Wgs, as amended 2021); the exact article and paragraph numbers are NOT verified.
// The contact term after an early signal is a policy default, NOT a verified legal term.

import { addWorkingDays } from '../../platform/calendar.js';
import { addTerm, computeDeadline } from '../cases/deadline.js';
import type { DebtTermCode } from './debt.tables.js';

export type TermSpec = { kind: 'kalender'; term: string } | { kind: 'werkdagen'; days: number };

export interface DebtTerm {
  code: DebtTermCode | 'vroegsignaal-contact';
  label: string;
  spec: TermSpec;
  /** Where the term comes from; `verified` false means: check with the municipality's lawyer. */
  source: string;
  verified: boolean;
}

export const debtTerms: Readonly<Record<DebtTerm['code'], DebtTerm>> = {
  'eerste-gesprek': {
    code: 'eerste-gesprek',
    label: 'Eerste gesprek binnen 4 weken na de hulpvraag',
    spec: { kind: 'kalender', term: 'P4W' },
    source: 'Wet gemeentelijke schuldhulpverlening (Wgs), art. 4 (artikel- en lidnummer niet geverifieerd)',
    verified: true,
  },
  'eerste-gesprek-crisis': {
    code: 'eerste-gesprek-crisis',
    label: 'Eerste gesprek binnen 3 werkdagen bij dreigende ontruiming, afsluiting van energie of water of opzegging van de zorgverzekering',
    spec: { kind: 'werkdagen', days: 3 },
    source: 'Wet gemeentelijke schuldhulpverlening (Wgs), art. 4 (artikel- en lidnummer niet geverifieerd)',
    verified: true,
  },
  'vroegsignaal-contact': {
    code: 'vroegsignaal-contact',
    label: 'Contact met het huishouden binnen 4 weken na ontvangst van het signaal',
    spec: { kind: 'kalender', term: 'P4W' },
    source: 'Beleidskeuze naar het eerste gesprek (Wgs); een wettelijke contacttermijn na een vroegsignaal is niet geverifieerd',
    verified: false,
  },
};

export interface CrisisFlags {
  threatEviction: boolean;
  threatUtilityCutoff: boolean;
  threatInsuranceTermination: boolean;
}

export function hasCrisis(flags: CrisisFlags): boolean {
  return flags.threatEviction || flags.threatUtilityCutoff || flags.threatInsuranceTermination;
}

/** The term of the first conversation: 3 working days with any crisis flag, else 4 weeks. */
export function firstConversationTerm(flags: CrisisFlags): DebtTerm {
  return hasCrisis(flags) ? debtTerms['eerste-gesprek-crisis'] : debtTerms['eerste-gesprek'];
}

/**
 * The last day of a term that starts after `start` (the day of the hulpvraag or signal): for a calendar
 * term start + term, moved by the Atw (art. 1 and 2); for working days the n-th working day after start.
 */
export function termDueDate(spec: TermSpec, start: string): string {
  if (spec.kind === 'werkdagen') return addWorkingDays(start, spec.days);
  return computeDeadline({ start, term: spec.term, asOf: start }).dueDate ?? addTerm(start, spec.term);
}

export type TermStatus = 'gehaald' | 'te-laat' | 'loopt' | 'vandaag' | 'verstreken';

/** Where a term stands: met or late when the step happened, else running, due today or passed. */
export function termStatus(due: string, doneOn: string | null, today: string): TermStatus {
  if (doneOn !== null) return doneOn <= due ? 'gehaald' : 'te-laat';
  if (today < due) return 'loopt';
  return today === due ? 'vandaag' : 'verstreken';
}
