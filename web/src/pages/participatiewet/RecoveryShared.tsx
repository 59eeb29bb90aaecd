import type { PwClaim, PwClaimDetail } from '../../api/types';

// Shared by the Participatiewet pages of this part (income statements, recovery, re-examination).

/** A claim and a claim with its ledger, as the server describes them (web/src/api/types.ts). */
export type ClaimSummary = PwClaim;
export type ClaimDetail = PwClaimDetail;

export const claimStatusLabels: Record<ClaimSummary['status'], string> = { concept: 'Concept', vastgesteld: 'Vastgesteld', ingetrokken: 'Ingetrokken' };
export const claimSourceLabels: Record<string, string> = {
  handmatig: 'Handmatig',
  inkomstenopgave: 'Inkomstenopgave',
  heronderzoek: 'Heronderzoek',
  betaalrun: 'Betaalrun',
  voorschot: 'Voorschot',
  migratie: 'Overgenomen',
};
export const entryKindLabels: Record<string, string> = { vordering: 'Vordering', aflossing: 'Aflossing', verrekening: 'Verrekening (betaalrun)', kwijtschelding: 'Kwijtschelding', correctie: 'Correctie' };

/** A plain Utrecht table with a caption that screen readers read. */
