import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { formatDate } from '../../format';
import { Alert, Heading, Paragraph, TableScroll } from '../../components/ui';
import { euro } from '../decisions/decisionTypes';
import type { ProviderAllocations } from '../../api/types';
import { isYear, useBudgetYear } from './financeFormat';
import { LineSummary } from './LineProvidersPage';

export function ProviderAllocationsPage() {
  const { code = '', providerId = '' } = useParams();
  const [year] = useBudgetYear();
  const data = useQuery({
    queryKey: ['budget-lines', code, 'providers', providerId, year],
    queryFn: () => api<ProviderAllocations>(`/api/budget-lines/${encodeURIComponent(code)}/providers/${providerId}/allocations?year=${year}`),
    enabled: isYear(year),
  });
  const d = data.data;
  return (
    <div className="koers-stack">
      <Link to={`/begroting/${encodeURIComponent(code)}?jaar=${year}`} className="utrecht-link">← Aanbieders op {code}</Link>
      <Heading level={1}>{d ? `${d.provider.name} op ${d.line.code} ${d.line.name}` : 'Toewijzingen'} ({year})</Heading>
      {data.isError && <Alert type="error">{data.error.message}</Alert>}
      {d && (
        <>
          <LineSummary line={d.line} />
          <Paragraph>De inwoner staat er alleen bij als u een relatie met hem of haar heeft (contactpersoon, zaak of gebiedsteam); anders ziet u een anonieme verwijzing. Het raadplegen wordt vastgelegd.</Paragraph>
          {d.suppressed && <Alert type="info">Deze aanbieder heeft minder dan 10 inwoners op deze post: de toewijzingen worden niet afzonderlijk getoond.</Alert>}
          {!d.suppressed && d.allocations.length === 0 && <Paragraph>Geen toewijzingen van deze aanbieder op deze post in {year}.</Paragraph>}
          {d.allocations.length > 0 && (
            <TableScroll label={`Toewijzingen van ${d.provider.name}`}>
              <table className="utrecht-table utrecht-table--html-table">
                <caption className="koers-visually-hidden">Toewijzingen van {d.provider.name} op {d.line.code} in {year}</caption>
                <thead className="utrecht-table__header">
                  <tr className="utrecht-table__row">
                    {['Toewijzing', 'Inwoner', 'Product', 'Periode', 'Verplichting', 'Realisatie', 'Resterende verplichting', 'Prognose jaareinde'].map((h) => (
                      <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody className="utrecht-table__body">
                  {d.allocations.map((a) => (
                    <tr key={a.id} className="utrecht-table__row">
                      <th className="utrecht-table__header-cell" scope="row">{a.reference}</th>
                      <td className="utrecht-table__cell">
                        {a.resident ? <Link to={`/inwoners/${a.resident.id}`} className="utrecht-link">{a.resident.name}</Link> : <span className="koers-muted">niet zichtbaar (geen relatie)</span>}
                      </td>
                      <td className="utrecht-table__cell">{a.product}</td>
                      <td className="utrecht-table__cell">{formatDate(a.start)} t/m {formatDate(a.end)}</td>
                      <td className="utrecht-table__cell">{euro(a.committedCents)}</td>
                      <td className="utrecht-table__cell">{euro(a.realisedCents)}</td>
                      <td className="utrecht-table__cell">{euro(a.remainingCommitmentCents)}</td>
                      <td className="utrecht-table__cell">{euro(a.forecastCents)}</td>
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
