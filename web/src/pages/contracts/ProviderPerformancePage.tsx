import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ProviderPerformance } from '../../api/types';
import { Alert, Heading, Paragraph, TableScroll, TextField } from '../../components/ui';
import { formatMoney } from '../../format';

const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} %`);
const days = (n: number | null) => (n === null ? '–' : n.toLocaleString('nl-NL', { maximumFractionDigits: 1 }));

/** Contract management: how each provider performs per product, from the messages and the money. */
export function ProviderPerformancePage() {
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const valid = /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;
  const result = useQuery({ queryKey: ['contract-performance', year], queryFn: () => api<ProviderPerformance>(`/api/contracts/performance?year=${year}`), enabled: valid });
  const hidden = result.data ? `<${result.data.threshold}` : '<10';
  const small = (suppressed: boolean, text: string) => (suppressed ? <abbr title={`Minder dan ${result.data?.threshold ?? 10} cliënten: weggelaten`}>{hidden}</abbr> : text);
  return (
    <div className="koers-stack">
      <Heading level={1}>Prestaties van aanbieders</Heading>
      <Paragraph>
        Per aanbieder en product: hoe snel de zorg start na de toewijzing (301 tot 305), welk deel nooit start, de realisatie tegenover de verplichting (uitnutting), de kosten
        per cliënt, de gemiddelde duur en de afgekeurde declaratieregels met hun retourcodes. Alleen totalen; bij minder dan 10 cliënten staan aantallen en cijfers per cliënt als &quot;&lt;10&quot;.
      </Paragraph>
      <div className="koers-month">
        <TextField label="Jaar" type="number" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} error={valid ? undefined : 'Geef een jaartal van 2000 tot en met 2100.'} />
      </div>
      {valid && (
        <p>
          <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`/api/contracts/performance/export.xlsx?year=${year}`} download>
            Downloaden als Excel
          </a>
        </p>
      )}
      {result.isError && <Alert type="error">{result.error.message}</Alert>}
      {result.data && result.data.rows.length === 0 && <Alert type="info">Geen toewijzingen in {result.data.year}.</Alert>}
      {result.data && result.data.rows.length > 0 && (
        <TableScroll label={`Prestaties van aanbieders ${result.data.year}`}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">
              Prestaties van aanbieders {result.data.year}, peildatum {result.data.referenceDate}
            </caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Aanbieder', 'Product', 'Toewijzingen', 'Cliënten', 'Dagen tot start (mediaan)', 'Nooit gestart', 'Verplichting', 'Realisatie', 'Uitnutting', 'Kosten per cliënt', 'Gemiddelde duur (dagen)', 'Declaratieregels afgekeurd'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {result.data.rows.map((r) => (
                <tr key={`${r.providerId}-${r.productId}`} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">
                    {r.providerName} <span className="koers-muted">({r.agbCode})</span>
                  </th>
                  <td className="utrecht-table__cell">
                    {r.productCode} {r.productName}
                  </td>
                  <td className="utrecht-table__cell">{small(r.suppressed, String(r.allocations))}</td>
                  <td className="utrecht-table__cell">{small(r.suppressed, String(r.clients))}</td>
                  <td className="utrecht-table__cell">{small(r.suppressed, days(r.medianDaysToStart))}</td>
                  <td className="utrecht-table__cell">{small(r.suppressed, percent(r.neverStartedShare))}</td>
                  <td className="utrecht-table__cell">{formatMoney(r.commitmentCents)}</td>
                  <td className="utrecht-table__cell">{formatMoney(r.realisationCents)}</td>
                  <td className="utrecht-table__cell">{percent(r.utilisation)}</td>
                  <td className="utrecht-table__cell">{small(r.suppressed, r.averageCostPerClientCents === null ? '–' : formatMoney(r.averageCostPerClientCents))}</td>
                  <td className="utrecht-table__cell">{small(r.suppressed, days(r.averageDurationDays))}</td>
                  <td className="utrecht-table__cell">
                    {r.suppressed ? small(true, '') : r.declaredLines ? `${r.refusedLines} van ${r.declaredLines}` : '–'}
                    {r.refusalReasons.length > 0 && (
                      <ul className="koers-compact-list">
                        {r.refusalReasons.map((x) => (
                          <li key={x.code}>
                            <abbr title={x.text}>{x.code}</abbr>: {x.lines}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
