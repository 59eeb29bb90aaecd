// The rules of a case that need no database: which status may follow which, and which legal
// deadline applies now, computed from the case type's terms and the recorded events.

import { addDays, daysBetween } from '../../platform/calendar.js';
import type { CaseEventKind, CaseStatus } from './case.tables.js';
import { addTerm, computeDeadline, type DeadlineResult, type Extension, type Suspension } from './deadline.js';

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  // Wmo 2015 art. 2.3.5: an aanvraag may follow the onderzoek, or the melding directly (e.g. after 6 weeks).
  melding: ['onderzoek', 'aanvraag', 'afgesloten', 'ingetrokken'],
  onderzoek: ['aanvraag', 'afgesloten', 'ingetrokken'],
  aanvraag: ['besluit', 'ingetrokken'],
  besluit: ['afgesloten'],
  afgesloten: [],
  ingetrokken: [],
};

export const statusLabels: Record<CaseStatus, string> = {
  melding: 'Melding',
  onderzoek: 'Onderzoek',
  aanvraag: 'Aanvraag',
  besluit: 'Besluit',
  afgesloten: 'Afgesloten',
  ingetrokken: 'Ingetrokken',
};

export function allowedTransitions(status: CaseStatus): readonly CaseStatus[] {
  return NEXT[status];
}

export function isOpen(status: CaseStatus): boolean {
  return status !== 'afgesloten' && status !== 'ingetrokken';
}

export interface CaseEventFact {
  kind: CaseEventKind;
  onDate: string;
  term: string | null;
  reason: string | null;
}

export interface CaseFacts {
  status: CaseStatus;
  notifiedOn: string;
  appliedOn: string | null;
  researchTerm: string | null;
  decisionTerm: string;
  events: CaseEventFact[];
  directAccess: { start: string; maxWeeks: number } | null;
}

export interface CaseDeadlines {
  research: DeadlineResult | null;
  decision: DeadlineResult | null;
  /** The deadline that runs now: research until the aanvraag, then the decision term; null when closed. */
  current: { kind: 'research' | 'decision'; result: DeadlineResult } | null;
  directAccess: { start: string; end: string; daysLeft: number; endsWithinTwoWeeks: boolean } | null;
}

/** Suspensions and extensions recorded in a phase [from, until) apply to that phase's term only. */
function phaseAdjustments(events: CaseEventFact[], from: string, until: string | null): { suspensions: Suspension[]; extensions: Extension[] } {
  const inPhase = events.filter((e) => e.onDate >= from && (until === null || e.onDate < until)).sort((a, b) => a.onDate.localeCompare(b.onDate));
  const suspensions: Suspension[] = [];
  const extensions: Extension[] = [];
  for (const e of inPhase) {
    if (e.kind === 'suspension_start') suspensions.push({ from: e.onDate, to: null, reason: e.reason ?? '' });
    if (e.kind === 'suspension_end') {
      const open = suspensions.findLast((s) => s.to === null);
      // The clock restarts on the day the suspension ends: the last suspended day is the day before.
      if (open) open.to = addDays(e.onDate, -1) < open.from ? open.from : addDays(e.onDate, -1);
    }
    if (e.kind === 'extension' && e.term) extensions.push({ term: e.term, reason: e.reason ?? '' });
  }
  return { suspensions, extensions };
}

export function computeCaseDeadlines(facts: CaseFacts, asOf: string): CaseDeadlines {
  const research = facts.researchTerm
    ? computeDeadline({ start: facts.notifiedOn, term: facts.researchTerm, asOf, ...phaseAdjustments(facts.events, facts.notifiedOn, facts.appliedOn) })
    : null;
  const decision = facts.appliedOn
    ? computeDeadline({ start: facts.appliedOn, term: facts.decisionTerm, asOf, ...phaseAdjustments(facts.events, facts.appliedOn, null) })
    : null;
  let current: CaseDeadlines['current'] = null;
  if (isOpen(facts.status) && facts.status !== 'besluit') {
    if (decision) current = { kind: 'decision', result: decision };
    else if (research) current = { kind: 'research', result: research };
  }
  let directAccess: CaseDeadlines['directAccess'] = null;
  if (facts.directAccess) {
    const end = addDays(addTerm(facts.directAccess.start, `P${facts.directAccess.maxWeeks}W`), -1);
    const daysLeft = daysBetween(asOf, end);
    directAccess = { start: facts.directAccess.start, end, daysLeft, endsWithinTwoWeeks: isOpen(facts.status) && facts.status !== 'besluit' && daysLeft <= 14 };
  }
  return { research, decision, current, directAccess };
}
