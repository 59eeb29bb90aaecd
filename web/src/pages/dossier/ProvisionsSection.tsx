// Voorzieningen: every allocation of the resident, those that run today first.
import { Link } from 'react-router';
import { Alert, Heading, Paragraph, TableScroll } from '../../components/ui';
import { formatDate, formatMoney, today as todayInAmsterdam } from '../../format';
import type { Allocation, CaseView } from '../../api/types';
import { hasPermission, useMe } from '../../session';
import { periodOf, runsOn, useAllocations, useCases } from './dossierQueries';

/** What the provider reported: start (305) and stop (307) of care, or that no start came yet. */
function delivery(care: Allocation['care'], start: string, today: string): string {
  if (care.stoppedOn) return `Zorg gestart ${formatDate(care.startedOn)}, gestopt ${formatDate(care.stoppedOn)}`;
  if (care.startedOn) return `Zorg gestart ${formatDate(care.startedOn)}`;
  return start > today ? '—' : 'Nog geen start gemeld';
}

export function ProvisionsSection({ residentId }: { residentId: string }) {
  const allocations = useAllocations(residentId);
  const me = useMe();
  const cases = useCases(residentId);
  const today = todayInAmsterdam();
  const caseOf = new Map<string, CaseView>((cases.data ?? []).map((c) => [c.id, c]));
  const state = (start: string, end: string) => (end < today ? 'Afgelopen' : start > today ? 'Start later' : 'Loopt');
  const rows = [...(allocations.data ?? [])].sort((a, b) => Number(runsOn(b, today)) - Number(runsOn(a, today)) || periodOf(b).start.localeCompare(periodOf(a).start));
  return (
    <section aria-labelledby="voorzieningen" className="koers-stack">
      <Heading level={2} id="voorzieningen">Voorzieningen</Heading>
      {allocations.isError && <Alert type="error">{allocations.error.message}</Alert>}
      {allocations.data && rows.length === 0 && <Paragraph>Nog geen voorzieningen toegewezen.</Paragraph>}
      {rows.length > 0 && (
        <TableScroll label="Voorzieningen van deze inwoner">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Voorzieningen van deze inwoner, lopende eerst</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Product', 'Aanbieder', 'Periode', 'Stand', 'Levering volgens aanbieder', 'Gedeclareerd', 'Zaak'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {rows.map((a) => {
                const p = periodOf(a);
                const c = a.caseId ? caseOf.get(a.caseId) : undefined;
                return (
                  <tr key={a.id} className="utrecht-table__row">
                    <td className="utrecht-table__cell">{a.productName}</td>
                    <td className="utrecht-table__cell">{a.provider.name}</td>
                    <td className="utrecht-table__cell">{formatDate(p.start)} t/m {formatDate(p.end)}</td>
                    <td className="utrecht-table__cell">{state(p.start, p.end)}{a.pendingChange ? '; wijziging wacht op goedkeuring' : ''}</td>
                    <td className="utrecht-table__cell">{delivery(a.care, p.start, today)}</td>
                    <td className="utrecht-table__cell">{formatMoney(a.realisedCents)}</td>
                    <td className="utrecht-table__cell">{c ? <Link to={`/zaken/${c.id}`} className="utrecht-link">{c.reference}</Link> : a.caseId ? '—' : 'Op verzoek van de aanbieder'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Paragraph>Een voorziening wijzigen of beëindigen doet u in de zaak.</Paragraph>
      {hasPermission(me.data, 'exchange:read') && (
        <Paragraph>
          <Link to={`/berichten?inwoner=${encodeURIComponent(residentId)}`} className="utrecht-link">Berichten met aanbieders over deze inwoner</Link>
        </Paragraph>
      )}
    </section>
  );
}
