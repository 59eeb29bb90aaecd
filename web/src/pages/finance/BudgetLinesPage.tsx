import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Alert, Heading, Paragraph, TextField, TableScroll } from '../../components/ui';
import { euro } from '../decisions/decisionTypes';
import type { BudgetLine } from '../../api/types';
import { Difference, isYear, realisedThrough, useBudgetYear } from './financeFormat';

type Summed = 'budgetCents' | 'committedCents' | 'realisedCents' | 'forecastCents' | 'differenceCents';

export function BudgetLinesPage() {
  const [year, setYear] = useBudgetYear();
  const lines = useQuery({ queryKey: ['budget-lines', year], queryFn: () => api<BudgetLine[]>(`/api/budget-lines?year=${year}`), enabled: isYear(year) });
  const total = (key: Summed) => (lines.data ?? []).reduce((n, l) => n + l[key], 0);
  const first = lines.data?.[0];
  return (
    <div className="koers-stack">
      <Heading level={1}>Begrotingsposten</Heading>
      <Paragraph>
        Per taakveld het budget, de verplichtingen uit toewijzingen, de realisatie (goedgekeurde declaraties) en de prognose voor het jaareinde: de realisatie van de verstreken maanden,
        plus het deel van de verplichtingen voor de resterende maanden, plus de verwachte instroom van nieuwe toewijzingen in het tempo van de afgelopen twaalf maanden. Alleen totalen, geen
        persoonsgegevens. Kies een taakveld voor de aanbieders.
      </Paragraph>
      <div className="koers-month">
        <TextField label="Begrotingsjaar" type="number" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
      </div>
      {lines.isError && <Alert type="error">{lines.error.message}</Alert>}
      {first && <Paragraph>Stand {first.year}: {realisedThrough(first.year, first.firstOpenMonth)}.</Paragraph>}
      {lines.data && (
        <TableScroll label={`Begrotingsposten ${year}`}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Begrotingsposten {year}: budget, verplichtingen, realisatie, prognose en verschil</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Taakveld', 'Budget', 'Verplichtingen', 'Realisatie', 'Prognose jaareinde', 'Verschil (budget − prognose)', 'Toewijzingen'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {lines.data.map((l) => (
                <tr key={l.code} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">
                    <Link to={`/begroting/${encodeURIComponent(l.code)}?jaar=${year}`} className="utrecht-link">{l.code} {l.name}</Link>
                  </th>
                  <td className="utrecht-table__cell">{euro(l.budgetCents)}</td>
                  <td className="utrecht-table__cell">{euro(l.committedCents)}</td>
                  <td className="utrecht-table__cell">{euro(l.realisedCents)}</td>
                  <td className="utrecht-table__cell">{euro(l.forecastCents)}</td>
                  <td className="utrecht-table__cell"><Difference cents={l.differenceCents} /></td>
                  <td className="utrecht-table__cell">{l.allocations}</td>
                </tr>
              ))}
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="row">Totaal</th>
                <td className="utrecht-table__cell">{euro(total('budgetCents'))}</td>
                <td className="utrecht-table__cell">{euro(total('committedCents'))}</td>
                <td className="utrecht-table__cell">{euro(total('realisedCents'))}</td>
                <td className="utrecht-table__cell">{euro(total('forecastCents'))}</td>
                <td className="utrecht-table__cell"><Difference cents={total('differenceCents')} /></td>
                <td className="utrecht-table__cell" />
              </tr>
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
