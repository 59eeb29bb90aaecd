// What the portal tells a resident about a case, in plain Dutch (B1): the status, and the legal term as
// a sentence with a date. Pure: no database, tested on its own.

import type { CaseView } from '../cases/case.schema.js';

type CaseStatus = CaseView['status'];

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** `2027-01-12` → `12 januari 2027`. */
export function dateInWords(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day} ${MONTHS[month! - 1]} ${year}`;
}

export const statusInWords: Record<CaseStatus, string> = {
  melding: 'Wij hebben uw melding ontvangen',
  onderzoek: 'Wij onderzoeken wat u nodig heeft',
  aanvraag: 'Wij beoordelen uw aanvraag',
  besluit: 'Wij hebben een besluit genomen',
  afgesloten: 'Afgerond',
  ingetrokken: 'Ingetrokken',
};

export interface DeadlineFacts {
  status: CaseStatus;
  /** The term that runs now; null when the case is decided or closed. */
  current: { kind: 'research' | 'decision'; dueDate: string | null; state: 'running' | 'suspended' | 'overdue' | 'due-today' } | null;
  /** The latest date of an open request for documents (the hersteltermijn), if any. */
  documentsDueOn: string | null;
}

/** The legal term in one or two short sentences. */
export function deadlineInWords(facts: DeadlineFacts): string {
  if (facts.status === 'afgesloten') return 'Deze aanvraag is afgerond.';
  if (facts.status === 'ingetrokken') return 'Deze aanvraag is ingetrokken.';
  if (facts.status === 'besluit' || !facts.current) return 'Wij hebben een besluit genomen. U vindt de brief bij deze aanvraag.';
  const { kind, dueDate, state } = facts.current;
  if (state === 'suspended' || dueDate === null) {
    return facts.documentsDueOn
      ? `Wij wachten op documenten van u tot ${dateInWords(facts.documentsDueOn)}. Zolang wachten wij met beslissen.`
      : 'Wij wachten op informatie van u. Zolang wachten wij met beslissen.';
  }
  const what = kind === 'research' ? 'Wij zijn klaar met ons onderzoek' : 'Wij beslissen';
  if (state === 'overdue') return `${what === 'Wij beslissen' ? 'Wij moesten beslissen' : 'Wij moesten klaar zijn met ons onderzoek'} uiterlijk op ${dateInWords(dueDate)}. Dat is niet gelukt. Neem contact met ons op als u vragen heeft.`;
  return `${what} uiterlijk op ${dateInWords(dueDate)}.`;
}
