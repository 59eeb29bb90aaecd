// Labels and a plain table shared by the debt-help pages (schuldhulp, vroegsignalering).
import type { ReactNode } from 'react';
import type { DebtCase, Outreach } from '../../api/types';
import { TableScroll } from '../../components/ui';

export const termStatusLabels: Record<DebtCase['firstConversation']['status'], string> = {
  gehaald: 'Binnen de termijn',
  'te-laat': 'Na de termijn',
  loopt: 'Termijn loopt',
  vandaag: 'Laatste dag vandaag',
  verstreken: 'Termijn verstreken',
};

export const stageLabels: Record<DebtCase['stage'], string> = {
  aanmelding: 'Wacht op eerste gesprek',
  'eerste-gesprek': 'Eerste gesprek gehouden',
  'plan-van-aanpak': 'Plan van aanpak',
  besluit: 'Besluit genomen',
};

export const outcomeLabels: Record<NonNullable<Outreach['outcome']>['outcome'], string> = {
  bereikt: 'Bereikt',
  'hulp-geaccepteerd': 'Hulp geaccepteerd',
  'hulp-geweigerd': 'Hulp geweigerd',
  'niet-bereikt': 'Niet bereikt',
};

export const creditorLabels: Record<Outreach['arrears'][number]['creditorKind'], string> = {
  woningcorporatie: 'Huur (woningcorporatie)',
  energie: 'Energie',
  water: 'Water',
  zorgverzekeraar: 'Zorgverzekering',
};

export const isLate = (status: DebtCase['firstConversation']['status']): boolean => status === 'verstreken' || status === 'te-laat' || status === 'vandaag';

export function DebtTable({ label, headers, rows }: { label: string; headers: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
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
