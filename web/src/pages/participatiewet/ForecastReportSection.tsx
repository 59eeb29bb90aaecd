// The Participatiewet part of a steering report: the BUIG forecast as it was when the report was made,
// and the scenarios saved with it (frozen when the report is finalised).

import { Link } from 'react-router';
import type { SteeringReport } from '../../api/types';
import { DataList, Heading, Paragraph, TableScroll } from '../../components/ui';
import { formatMoney } from '../../format';
import { shortMonth } from '../insights/insightsApi';

const euro = (cents: number | null) => (cents === null ? '–' : formatMoney(cents, { whole: true }));
const pct = (n: number) => `${n > 0 ? '+' : ''}${n.toLocaleString('nl-NL')} %`;

export function ForecastReportSection({ report }: { report: SteeringReport }) {
  const f = report.pwForecast;
  if (report.domain !== 'pw' || !f) return null;
  return (
    <section className="koers-stack" aria-labelledby="buig-prognose">
      <Heading level={3} id="buig-prognose">BUIG-prognose {f.year}</Heading>
      <DataList
        items={[
          ['BUIG-budget', f.budgetCents === null ? 'Nog niet vastgelegd' : euro(f.budgetCents)],
          ['Werkelijk', `${euro(f.actualCents)} tot en met ${shortMonth(f.lastActualMonth.slice(0, 7))}`],
          ['Prognose rest van het jaar', euro(f.forecastCents)],
          ['Verwachte lasten jaar', euro(f.yearTotalCents)],
          ['Saldo jaareinde', euro(f.balanceCents)],
        ]}
      />
      <Heading level={3}>Scenario’s bij dit verslag</Heading>
      {report.pwScenarios.length === 0 ? (
        <Paragraph>
          Nog geen scenario’s bewaard. <Link className="utrecht-link" to="/inkomen/prognose">Scenario doorrekenen</Link>.
        </Paragraph>
      ) : (
        <TableScroll label="Scenario’s bij dit verslag">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="utrecht-table__caption">Scenario’s: verandering van instroom en uitstroom, met de verwachte lasten en het saldo aan het eind van het jaar</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Scenario', 'Instroom', 'Uitstroom', 'Verwachte lasten', 'Saldo jaareinde', 'Zonder scenario', 'Bewaard door'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {report.pwScenarios.map((s) => (
                <tr key={s.id} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{s.name}</th>
                  <td className="utrecht-table__cell">{pct(s.inflowPercent)}</td>
                  <td className="utrecht-table__cell">{pct(s.outflowPercent)}</td>
                  <td className="utrecht-table__cell">{euro(s.result.yearTotalCents)}</td>
                  <td className="utrecht-table__cell">{euro(s.result.balanceCents)}</td>
                  <td className="utrecht-table__cell">{euro(s.result.baselineBalanceCents)}</td>
                  <td className="utrecht-table__cell">{s.createdBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
