import type { ReactNode } from 'react';
import type { PwClaim, PwClaimDetail } from '../../api/types';
import { TableScroll } from '../../components/ui';

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
export function SimpleTable({ label, headers, rows }: { label: string; headers: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <TableScroll label={label}>
      <table className="utrecht-table utrecht-table--html-table">
        <caption className="koers-visually-hidden">{label}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {headers.map((h) => (
              <th key={h} className="utrecht-table__header-cell" scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {rows.map((r) => (
            <tr key={r.key} className="utrecht-table__row">
              {r.cells.map((c, i) => (
                <td key={i} className="utrecht-table__cell">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
