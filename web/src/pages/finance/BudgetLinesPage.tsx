import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { Alert, Heading, Paragraph, TextField, TableScroll } from '../../components/ui';
import { euro } from '../decisions/decisionTypes';
import type { BudgetLine } from '../../api/types';

export function BudgetLinesPage() {
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const lines = useQuery({ queryKey: ['budget-lines', year], queryFn: () => api<BudgetLine[]>(`/api/budget-lines?year=${year}`), enabled: /^\d{4}$/.test(year) });
  const total = (key: 'budgetCents' | 'committedCents' | 'remainingCents') => (lines.data ?? []).reduce((n, l) => n + l[key], 0);
  return (
    <div className="koers-stack">
      <Heading level={1}>Begrotingsposten</Heading>
      <Paragraph>Per taakveld het budget, de verplichtingen uit toewijzingen en wat resteert. Alleen totalen, geen persoonsgegevens.</Paragraph>
      <div className="koers-month">
        <TextField label="Begrotingsjaar" type="number" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
      </div>
      {lines.isError && <Alert type="error">{lines.error.message}</Alert>}
      {lines.data && (
        <TableScroll label={`Begrotingsposten ${year}`}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Begrotingsposten {year}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Taakveld', 'Budget', 'Verplichtingen', 'Restant', 'Toewijzingen'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {lines.data.map((l) => (
                <tr key={l.code} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{l.code} {l.name}</th>
                  <td className="utrecht-table__cell">{euro(l.budgetCents)}</td>
                  <td className="utrecht-table__cell">{euro(l.committedCents)}</td>
                  <td className="utrecht-table__cell">{euro(l.remainingCents)}</td>
                  <td className="utrecht-table__cell">{l.allocations}</td>
                </tr>
              ))}
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="row">Totaal</th>
                <td className="utrecht-table__cell">{euro(total('budgetCents'))}</td>
                <td className="utrecht-table__cell">{euro(total('committedCents'))}</td>
                <td className="utrecht-table__cell">{euro(total('remainingCents'))}</td>
                <td className="utrecht-table__cell" />
              </tr>
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
