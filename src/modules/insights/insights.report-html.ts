// The steering report as one printable HTML document; the same HTML is rendered to PDF.

import { escapeHtml } from '../programme/programme.report-html.js';
import { formatMonth } from '../programme/programme.report.js';
import { actionPointStatusLabels, type SteeringReport } from './insights.report.service.js';
import { trafficLightLabels } from './insights.status.js';

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const money = (cents: number) => euro.format(cents / 100);
const TREND = 6;

const STYLE = `
  @page { size: A4 landscape; margin: 14mm 12mm; }
  body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; color: #1a1a1a; font-size: 10pt; line-height: 1.4; margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
  h1 { font-size: 18pt; margin: 0 0 .25rem; } h2 { font-size: 13pt; margin: 1.75rem 0 .5rem; break-after: avoid; }
  .meta { color: #444; font-size: 9pt; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
  th, td { border: 1px solid #999; padding: .3rem .45rem; text-align: left; vertical-align: top; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  th { background: #e8eef5; } tr { break-inside: avoid; }
  .green { color: #1d6b2e; font-weight: 600; } .amber { color: #8a5300; font-weight: 600; } .red { color: #a01c1c; font-weight: 600; }
  @media print { body { padding: 0; max-width: none; } }
`;

export function renderSteeringReportHtml(report: SteeringReport): string {
  const month = formatMonth(report.month);
  const trendMonths = report.months.slice(-TREND);
  const kpiRows = report.kpis
    .map((k) => {
      const cells = k.trend.slice(-TREND).map((p) => `<td class="num">${escapeHtml(p.display)}</td>`).join('');
      const name = k.breakdownName && k.breakdownName !== 'Alle' ? `${k.name} – ${k.breakdownName}` : k.breakdownName === 'Alle' ? `${k.name} (totaal)` : k.name;
      return `<tr><th scope="row">${escapeHtml(name)}</th>${cells}<td class="num">${k.target === null ? '–' : escapeHtml(String(k.target).replace('.', ','))}</td><td class="${k.status}">${trafficLightLabels[k.status]}</td></tr>`;
    })
    .join('\n');
  const brapRows = report.brap
    .map(
      (b) => `<tr><th scope="row">${escapeHtml(`${b.code} ${b.name}`)}</th><td class="num">${money(b.budgetCents)}</td><td class="num">${money(b.realisedCents)}</td><td class="num">${money(b.committedCents)}</td><td class="num">${money(b.forecastCents)}</td><td class="num">${money(b.deviationCents)}</td><td>${b.explanation ? escapeHtml(b.explanation.text) : '<span class="meta">nog geen toelichting</span>'}</td></tr>`,
    )
    .join('\n');
  const actionRows = report.actionPoints
    .map((a) => `<tr><td>${escapeHtml(a.text)}</td><td>${escapeHtml(a.owner)}</td><td>${formatMonth(a.agreedMonth)}</td><td>${actionPointStatusLabels[a.status]}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Sturingsgesprek ${escapeHtml(report.domainName)} ${month}</title><style>${STYLE}</style></head>
<body>
<h1>Sturingsgesprek ${escapeHtml(report.domainName)} – ${month}</h1>
<p class="meta">Gemaakt ${new Date(report.generatedAt).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' })} door ${escapeHtml(report.generatedBy)}${
    report.finalisedAt ? `; vastgesteld ${new Date(report.finalisedAt).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' })} door ${escapeHtml(report.finalisedBy ?? '')}` : '; concept'
  }. Alleen geaggregeerde cijfers: aantallen onder 10 staan als "&lt;10".</p>
<h2>Kpi's</h2>
${report.hasData ? '' : `<p>Voor ${escapeHtml(report.domainName)} zijn nog geen gegevens in Koers; de kpi's vullen zich zodra die er zijn.</p>`}
<table>
<caption class="meta">Kpi's ${escapeHtml(report.domainName)}: de laatste ${TREND} maanden, norm en status in ${month}</caption>
<thead><tr><th scope="col">Kpi</th>${trendMonths.map((m) => `<th scope="col" class="num">${formatMonth(m)}</th>`).join('')}<th scope="col" class="num">Norm</th><th scope="col">Status</th></tr></thead>
<tbody>
${kpiRows}
</tbody>
</table>
<h2>Mini-BRAP ${report.month.slice(0, 4)}</h2>
<table>
<caption class="meta">Per taakveld: budget, gerealiseerd tot en met ${month}, verplichtingen, prognose jaareinde (realisatie plus het deel van de verplichtingen voor de resterende maanden plus nieuwe toewijzingen in het tempo van de laatste twaalf maanden) en afwijking (budget min prognose)</caption>
<thead><tr><th scope="col">Taakveld</th><th scope="col" class="num">Budget</th><th scope="col" class="num">Gerealiseerd</th><th scope="col" class="num">Verplichtingen</th><th scope="col" class="num">Prognose</th><th scope="col" class="num">Afwijking</th><th scope="col">Toelichting budgethouder</th></tr></thead>
<tbody>
${brapRows}
</tbody>
</table>
${findingsSection(report)}
${pwSection(report)}
<h2>Actiepunten</h2>
${
  report.actionPoints.length
    ? `<table><caption class="meta">Afgesproken actiepunten met hun stand</caption><thead><tr><th scope="col">Actiepunt</th><th scope="col">Eigenaar</th><th scope="col">Afgesproken</th><th scope="col">Status</th></tr></thead><tbody>${actionRows}</tbody></table>`
    : '<p>Geen actiepunten.</p>'
}
</body></html>`;
}

/** "Opvolging controlbevindingen": the control findings of the year and their follow-up, aggregates only. */
function findingsSection(report: SteeringReport): string {
  const f = report.controlFindings;
  if (!f) return '';
  const rows = f.byAssessment.map((b) => `<tr><th scope="row">${escapeHtml(b.label)}</th><td class="num">${escapeHtml(b.findings)}</td><td class="num">${money(b.amountCents)}</td></tr>`).join('\n');
  return `<h2>Opvolging controlbevindingen ${f.year}</h2>
<table>
<caption class="meta">Bevindingen ${escapeHtml(f.processName)} ${f.year} per beoordeling, met hun bedrag</caption>
<thead><tr><th scope="col">Beoordeling</th><th scope="col" class="num">Bevindingen</th><th scope="col" class="num">Bedrag</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>Open opvolgacties: ${f.openActions}; waarvan over de einddatum: ${f.overdueActions}.</p>`;
}

/** Participatiewet: the BUIG forecast and the scenarios saved with the report. */
function pwSection(report: SteeringReport): string {
  const f = report.pwForecast;
  if (report.domain !== 'pw' || !f) return '';
  const pct = (n: number) => `${n > 0 ? '+' : ''}${String(n).replace('.', ',')} %`;
  const scenarioRows = report.pwScenarios
    .map((s) => `<tr><th scope="row">${escapeHtml(s.name)}</th><td class="num">${pct(s.inflowPercent)}</td><td class="num">${pct(s.outflowPercent)}</td><td class="num">${money(s.result.yearTotalCents)}</td><td class="num">${s.result.balanceCents === null ? '–' : money(s.result.balanceCents)}</td><td>${escapeHtml(s.createdBy)}</td></tr>`)
    .join('\n');
  return `<h2>BUIG-prognose ${f.year}</h2>
<p>Werkelijk tot en met ${formatMonth(f.lastActualMonth.slice(0, 7))}: ${money(f.actualCents)}; prognose rest van het jaar: ${money(f.forecastCents)}; verwacht jaartotaal ${money(f.yearTotalCents)}. BUIG-budget: ${f.budgetCents === null ? 'nog niet vastgelegd' : money(f.budgetCents)}; saldo: ${f.balanceCents === null ? '–' : money(f.balanceCents)}.</p>
${
  report.pwScenarios.length
    ? `<table><caption class="meta">Scenario's bij dit verslag</caption><thead><tr><th scope="col">Scenario</th><th scope="col" class="num">Instroom</th><th scope="col" class="num">Uitstroom</th><th scope="col" class="num">Jaartotaal</th><th scope="col" class="num">Saldo</th><th scope="col">Bewaard door</th></tr></thead><tbody>${scenarioRows}</tbody></table>`
    : '<p>Geen scenario\'s bewaard.</p>'
}`;
}
