import './insights.css';
import { useState } from 'react';
import { Button, Heading, Paragraph, SelectField, TableScroll } from '../../components/ui';
import { KpiChart } from './KpiChart';
import { shortMonth } from './insightsApi';
import { TrafficLightBadge } from './TrafficLightBadge';
import type { KpiPanel } from '../../api/types';

/** One KPI: current value and status, a 12-month trend (total or one area), the data as a table, and the areas to drill into. */
export function KpiCard({ panel, months, level = 2 }: { panel: KpiPanel; months: string[]; level?: 2 | 3 }) {
  const [breakdown, setBreakdown] = useState(panel.series[0]?.breakdown ?? '');
  const [scope, setScope] = useState('total');
  const series = panel.series.find((s) => s.breakdown === breakdown) ?? panel.series[0];
  if (!series) return null;
  const shown = series.scopes.find((s) => s.scope === scope) ?? series.scopes[0]!;
  const current = shown.points.at(-1)!;
  const month = months.at(-1)!;
  const headingId = `kpi-${panel.id.replace('.', '-')}`;
  return (
    <section className="koers-card koers-stack" aria-labelledby={headingId}>
      <Heading level={level} id={headingId}>
        {panel.name}
      </Heading>
      <Paragraph>{panel.explanation}</Paragraph>
      <p className="koers-kpi-now">
        <span className="koers-kpi-value">{current.display}</span> in {shortMonth(month)} ({shown.name}
        {series.breakdown ? `, ${series.breakdownName}` : ''}){shown.scope === 'total' && <> · norm {series.target ?? '–'} · <TrafficLightBadge status={series.status} /></>}
      </p>
      {panel.series.length > 1 && (
        <SelectField
          label={panel.breakdownLabel ?? 'Uitsplitsing'}
          value={breakdown}
          onChange={setBreakdown}
          options={panel.series.map((s) => ({ value: s.breakdown, label: s.breakdownName }))}
        />
      )}
      {scope !== 'total' && (
        <p>
          <Button appearance="secondary-action" onClick={() => setScope('total')}>
            Terug naar totaal
          </Button>
        </p>
      )}
      <KpiChart panel={panel} series={shown} months={months} />
      <details>
        <summary>Cijfers van de grafiek ({shown.name})</summary>
        <TableScroll label={`${panel.name}, ${shown.name}, per maand met norm`}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">
              {panel.name}, {shown.name}, per maand met norm
            </caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">Maand</th>
                <th className="utrecht-table__header-cell" scope="col">Waarde</th>
                <th className="utrecht-table__header-cell" scope="col">Norm</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {shown.points.map((p) => (
                <tr key={p.month} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{shortMonth(p.month)}</th>
                  <td className="utrecht-table__cell">{p.display}</td>
                  <td className="utrecht-table__cell">{p.target ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
      {scope === 'total' && (
        <TableScroll label={`Per wijk in ${shortMonth(month)}`}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="utrecht-table__caption">Per wijk in {shortMonth(month)}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">Wijk</th>
                <th className="utrecht-table__header-cell" scope="col">Waarde</th>
                <th className="utrecht-table__header-cell" scope="col"><span className="koers-visually-hidden">Verloop</span></th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {series.scopes.slice(1).map((s) => (
                <tr key={s.scope} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{s.name}</th>
                  <td className="utrecht-table__cell">{s.points.at(-1)!.display}</td>
                  <td className="utrecht-table__cell">
                    <Button appearance="subtle" onClick={() => setScope(s.scope)} aria-label={`Verloop ${panel.name} in ${s.name}`}>
                      Verloop
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
