import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Alert, Heading, Paragraph, TableScroll } from '../../components/ui';
import { statusLabels } from './caseTypes';
import { Deadline } from './Deadline';
import type { CaseSummary } from '../../api/types';

export function MyCasesPage() {
  const cases = useQuery({ queryKey: ['cases', 'mine'], queryFn: () => api<CaseSummary[]>('/api/cases/mine') });
  return (
    <div className="koers-stack">
      <Heading level={1}>Mijn zaken</Heading>
      <Paragraph>Open zaken waarvan u de behandelaar bent, de eerstvolgende wettelijke termijn bovenaan.</Paragraph>
      {cases.isError && <Alert type="error">{cases.error.message}</Alert>}
      {cases.data && cases.data.length === 0 && <Paragraph>U heeft geen open zaken.</Paragraph>}
      {cases.data && cases.data.length > 0 && (
        <TableScroll label="Mijn open zaken, gesorteerd op termijn">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Mijn open zaken, gesorteerd op termijn</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Zaak', 'Inwoner', 'Zaaktype', 'Status', 'Termijn'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {cases.data.map((c) => (
                <tr key={c.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell"><Link to={`/zaken/${c.id}`} className="utrecht-link">{c.reference}</Link></td>
                  <td className="utrecht-table__cell"><Link to={`/inwoners/${c.resident.id}`} className="utrecht-link">{c.resident.fullName}</Link></td>
                  <td className="utrecht-table__cell">{c.caseType.name}</td>
                  <td className="utrecht-table__cell">{statusLabels[c.status]}</td>
                  <td className="utrecht-table__cell"><Deadline c={c} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
