import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { Alert, DataList, Heading, Paragraph, TableScroll } from '../../components/ui';
import { euro } from '../decisions/decisionTypes';
import type { BudgetLine, LineProviders } from '../../api/types';
import { Difference, isYear, realisedThrough, shownMoney, useBudgetYear } from './financeFormat';

/** A budget line's figures as a list: shared by the providers page and the allocations page. */
export function LineSummary({ line }: { line: BudgetLine }) {
  return (
    <DataList
      items={[
        ['Budget', euro(line.budgetCents)],
        ['Verplichtingen', euro(line.committedCents)],
        ['Realisatie', `${euro(line.realisedCents)} (${realisedThrough(line.year, line.firstOpenMonth)})`],
        ['Resterende verplichtingen', euro(line.remainingCommitmentCents)],
        ['Verwachte instroom nieuwe toewijzingen', euro(line.inflowCents)],
        ['Prognose jaareinde', euro(line.forecastCents)],
        ['Verschil (budget − prognose)', <Difference key="d" cents={line.differenceCents} />],
      ]}
    />
  );
}

export function LineProvidersPage() {
  const { code = '' } = useParams();
  const [year] = useBudgetYear();
  const data = useQuery({ queryKey: ['budget-lines', code, 'providers', year], queryFn: () => api<LineProviders>(`/api/budget-lines/${encodeURIComponent(code)}/providers?year=${year}`), enabled: isYear(year) });
  const anySuppressed = data.data?.providers.some((p) => p.suppressed);
  return (
    <div className="koers-stack">
      <Link to={`/begroting?jaar=${year}`} className="utrecht-link">← Begrotingsposten {year}</Link>
      <Heading level={1}>{data.data ? `${data.data.line.code} ${data.data.line.name}` : code}: aanbieders {year}</Heading>
      {data.isError && <Alert type="error">{data.error.message}</Alert>}
      {data.data && (
        <>
          <LineSummary line={data.data.line} />
          {anySuppressed && (
            <Paragraph>
              Bij een aanbieder met minder dan 10 inwoners op deze post (of waarvan de cijfers uit de andere af te leiden zijn) tonen we geen aantallen en bedragen: &lt;10.
            </Paragraph>
          )}
          {data.data.providers.length === 0 ? (
            <Paragraph>Geen toewijzingen op deze post in {year}.</Paragraph>
          ) : (
            <TableScroll label={`Aanbieders op ${data.data.line.code} in ${year}`}>
              <table className="utrecht-table utrecht-table--html-table">
                <caption className="koers-visually-hidden">Aanbieders op {data.data.line.code} in {year}</caption>
                <thead className="utrecht-table__header">
                  <tr className="utrecht-table__row">
                    {['Aanbieder', 'Inwoners', 'Toewijzingen', 'Verplichtingen', 'Realisatie', 'Instroom', 'Prognose jaareinde'].map((h) => (
                      <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody className="utrecht-table__body">
                  {data.data.providers.map((p) => (
                    <tr key={p.providerId} className="utrecht-table__row">
                      <th className="utrecht-table__header-cell" scope="row">
                        {p.suppressed ? p.providerName : <Link to={`/begroting/${encodeURIComponent(code)}/aanbieders/${p.providerId}?jaar=${year}`} className="utrecht-link">{p.providerName}</Link>}
                      </th>
                      <td className="utrecht-table__cell">{p.residents ?? '<10'}</td>
                      <td className="utrecht-table__cell">{p.allocations ?? '<10'}</td>
                      <td className="utrecht-table__cell">{shownMoney(p.committedCents)}</td>
                      <td className="utrecht-table__cell">{shownMoney(p.realisedCents)}</td>
                      <td className="utrecht-table__cell">{shownMoney(p.inflowCents)}</td>
                      <td className="utrecht-table__cell">{shownMoney(p.forecastCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </div>
  );
}
