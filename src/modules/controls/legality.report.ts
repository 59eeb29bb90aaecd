// The legality statement as the controller hands it on: one printable HTML document (also rendered to
// PDF, so both always agree) and an Excel workbook with the same figures, in the shape of the paragraph
// "Rechtmatigheidsverantwoording" in the annual accounts: the grens, per law the amounts, the findings
// above the reporting tolerance with explanation and measures, and the projection of the samples.
import ExcelJS from 'exceljs';
import type { LegalityStatement } from './legality.schema.js';
import { processLabels } from './legality.service.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const euroFormat = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
export const euro = (cents: number) => euroFormat.format(cents / 100);
const pct = (n: number) => `${n.toLocaleString('nl-NL', { maximumFractionDigits: 3 })} %`;
const assessmentLabel = { fout: 'Fout', onzekerheid: 'Onzekerheid' } as const;
const sourceLabel = { uitzondering: 'Geautomatiseerde controle', steekproef: 'Steekproef', waarneming: 'Waarneming' } as const;

export interface ReportMeta {
  /** The stored version this report shows, or null for the statement as computed now. */
  version: { version: number; contentSha256: string; signedOffBy: string | null; signedOffAt: string | null } | null;
  generatedAt: Date;
}

const STYLE = `
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; color: #1a1a1a; font-size: 10.5pt; line-height: 1.45; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
  h1 { font-size: 20pt; margin: 0 0 .25rem; } h2 { font-size: 14pt; margin: 2rem 0 .5rem; break-after: avoid; }
  table { border-collapse: collapse; width: 100%; margin: .75rem 0 1.5rem; }
  caption { text-align: left; font-weight: 600; margin-bottom: .25rem; }
  th, td { border: 1px solid #999; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  td.n { text-align: right; white-space: nowrap; } th { background: #e8eef5; } tr { break-inside: avoid; }
  .above { color: #8a1c1c; font-weight: 600; } .meta { color: #444; font-size: 9pt; }
  @media print { body { padding: 0; max-width: none; } }
`;

export function renderLegalityHtml(s: LegalityStatement, meta: ReportMeta): string {
  const rows = s.processes
    .map(
      (p) => `<tr><th scope="row">${escapeHtml(p.label)}</th><td class="n">${euro(p.expenditureCents)}</td><td>${escapeHtml(p.expenditureSourceLabel)}</td><td class="n">${euro(p.errorsCents)}</td><td class="n">${euro(p.uncertaintiesCents)}</td><td class="n">${euro(p.thresholdCents)}</td><td${p.aboveThreshold ? ' class="above"' : ''}>${p.aboveThreshold ? 'Boven de grens' : 'Binnen de grens'}</td><td class="n">${p.toAssess.exceptions} (${euro(p.toAssess.amountCents)})</td></tr>`,
    )
    .join('\n');
  const t = s.total;
  const findings = s.findingsAboveTolerance.length
    ? `<table><caption>Bevindingen vanaf de rapporteringstolerantie (${euro(s.reportingToleranceCents)})</caption>
<thead><tr><th scope="col">Nr.</th><th scope="col">Wet</th><th scope="col">Soort</th><th scope="col">Bedrag</th><th scope="col">Bevinding en toelichting</th><th scope="col">Genomen maatregelen</th></tr></thead><tbody>
${s.findingsAboveTolerance
  .map(
    (f) => `<tr><th scope="row">${f.number}</th><td>${escapeHtml(processLabels[f.process])}</td><td>${assessmentLabel[f.assessment]}</td><td class="n">${euro(f.amountCents)}</td><td><b>${escapeHtml(f.title)}</b><br>${escapeHtml(f.reason)}<br><span class="meta">${sourceLabel[f.source]}: ${escapeHtml(f.controlId)}</span></td><td>${
      f.actions.length
        ? `<ul>${f.actions.map((a) => `<li>${escapeHtml(a.description)} (${a.status === 'afgerond' ? `afgerond: ${escapeHtml(a.result ?? '')}` : `open, uiterlijk ${a.dueDate}`})</li>`).join('')}</ul>`
        : 'Nog geen maatregel vastgelegd.'
    }</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
    : `<p>Er zijn geen bevindingen vanaf de rapporteringstolerantie van ${euro(s.reportingToleranceCents)}.</p>`;
  const samples = s.samples.length
    ? `<table><caption>Extrapolatie van de steekproeven (ratioschatter)</caption>
<thead><tr><th scope="col">Steekproef</th><th scope="col">Wet</th><th scope="col">Populatie</th><th scope="col">Getrokken</th><th scope="col">Fouten gevonden</th><th scope="col">Geëxtrapoleerde fout</th><th scope="col">Als onzekerheid meegeteld</th></tr></thead><tbody>
${s.samples.map((x) => `<tr><th scope="row">${x.number}. ${escapeHtml(x.title)}</th><td>${escapeHtml(processLabels[x.process])}</td><td class="n">${euro(x.populationAmountCents)}</td><td class="n">${euro(x.sampledAmountCents)}</td><td class="n">${euro(x.errorCents)}</td><td class="n">${euro(x.projectedErrorCents)}</td><td class="n">${euro(x.extraUncertaintyCents)}</td></tr>`).join('\n')}
</tbody></table>`
    : '<p>Er zijn in dit jaar geen steekproeven getrokken.</p>';
  const version = meta.version
    ? `Versie ${meta.version.version} (sha256 ${meta.version.contentSha256})${meta.version.signedOffAt ? `, afgetekend door ${escapeHtml(meta.version.signedOffBy ?? '')} op ${meta.version.signedOffAt.slice(0, 10)}` : ', nog niet afgetekend'}.`
    : 'Berekend op de gegevens van dit moment; nog niet opgeslagen als versie.';
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Rechtmatigheidsverantwoording ${s.year}</title><style>${STYLE}</style></head>
<body>
<h1>Rechtmatigheidsverantwoording ${s.year}</h1>
<p class="meta">Sociaal domein. ${version} Gemaakt op ${meta.generatedAt.toISOString().slice(0, 10)}.</p>
<h2>Verantwoordingsgrens</h2>
<p>De raad heeft de verantwoordingsgrens voor ${s.year} vastgesteld op ${pct(s.thresholdPct)} van de totale lasten (bron: ${escapeHtml(s.source)}). Over de lasten van het sociaal domein in Koers (${euro(t.expenditureCents)}) is dat ${euro(t.thresholdCents)}. Afzonderlijke bevindingen vanaf ${euro(s.reportingToleranceCents)} worden hieronder toegelicht.</p>
<p${t.aboveThreshold ? ' class="above"' : ''}>Fouten ${euro(t.errorsCents)} en onzekerheden ${euro(t.uncertaintiesCents)}, samen ${euro(t.totalCents)}: ${t.aboveThreshold ? 'boven' : 'binnen'} de verantwoordingsgrens.</p>
<h2>Per wet</h2>
<table><caption>Lasten, fouten en onzekerheden per wet in ${s.year}</caption>
<thead><tr><th scope="col">Wet</th><th scope="col">Lasten</th><th scope="col">Bron van de lasten</th><th scope="col">Fouten</th><th scope="col">Onzekerheden</th><th scope="col">Grens (${pct(s.thresholdPct)})</th><th scope="col">Oordeel</th><th scope="col">Nog te beoordelen</th></tr></thead>
<tbody>
${rows}
<tr><th scope="row">Totaal</th><td class="n">${euro(t.expenditureCents)}</td><td></td><td class="n">${euro(t.errorsCents)}</td><td class="n">${euro(t.uncertaintiesCents)}</td><td class="n">${euro(t.thresholdCents)}</td><td${t.aboveThreshold ? ' class="above"' : ''}>${t.aboveThreshold ? 'Boven de grens' : 'Binnen de grens'}</td><td class="n">${t.toAssess.exceptions} (${euro(t.toAssess.amountCents)})</td></tr>
</tbody></table>
<p class="meta">"Nog te beoordelen": uitzonderingen van de laatste controleruns van het jaar zonder beoordeelde bevinding; ze tellen nog niet mee als fout of onzekerheid.</p>
<h2>Bevindingen en maatregelen</h2>
${findings}
<h2>Steekproeven</h2>
${samples}
</body></html>`;
}

/** The same figures as a workbook: sheet "Per wet", sheet "Bevindingen", sheet "Steekproeven". Amounts in euros. */
export async function legalityWorkbook(s: LegalityStatement, meta: ReportMeta): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Koers';
  wb.created = meta.generatedAt;
  const money = '#,##0.00';
  const perLaw = wb.addWorksheet('Per wet');
  perLaw.addRow([`Rechtmatigheidsverantwoording ${s.year}`]).font = { bold: true, size: 14 };
  perLaw.addRow(['Verantwoordingsgrens (% van de lasten)', s.thresholdPct]);
  perLaw.addRow(['Rapporteringstolerantie (€)', s.reportingToleranceCents / 100]);
  perLaw.addRow(['Bron', s.source]);
  perLaw.addRow(['Versie', meta.version ? `${meta.version.version} (sha256 ${meta.version.contentSha256})` : 'niet opgeslagen']);
  perLaw.addRow([]);
  const header = perLaw.addRow(['Wet', 'Lasten (€)', 'Bron van de lasten', 'Fouten (€)', 'Onzekerheden (€)', 'Waarvan extrapolatie steekproeven (€)', 'Grens (€)', 'Boven de grens', 'Nog te beoordelen (aantal)', 'Nog te beoordelen (€)']);
  header.font = { bold: true };
  for (const p of s.processes) {
    perLaw.addRow([p.label, p.expenditureCents / 100, p.expenditureSourceLabel, p.errorsCents / 100, p.uncertaintiesCents / 100, p.projectedUncertaintyCents / 100, p.thresholdCents / 100, p.aboveThreshold ? 'ja' : 'nee', p.toAssess.exceptions, p.toAssess.amountCents / 100]);
  }
  const t = s.total;
  perLaw.addRow(['Totaal', t.expenditureCents / 100, '', t.errorsCents / 100, t.uncertaintiesCents / 100, s.processes.reduce((n, p) => n + p.projectedUncertaintyCents, 0) / 100, t.thresholdCents / 100, t.aboveThreshold ? 'ja' : 'nee', t.toAssess.exceptions, t.toAssess.amountCents / 100]).font = { bold: true };
  for (const c of [2, 4, 5, 6, 7, 10]) perLaw.getColumn(c).numFmt = money;
  perLaw.getColumn(1).width = 36;
  perLaw.getColumn(3).width = 48;

  const findings = wb.addWorksheet('Bevindingen');
  findings.addRow(['Nr.', 'Wet', 'Soort', 'Bedrag (€)', 'Bevinding', 'Toelichting', 'Bron', 'Controle', 'Maatregelen']).font = { bold: true };
  for (const f of s.findingsAboveTolerance) {
    findings.addRow([f.number, processLabels[f.process], assessmentLabel[f.assessment], f.amountCents / 100, f.title, f.reason, sourceLabel[f.source], f.controlId, f.actions.map((a) => `${a.description} (${a.status === 'afgerond' ? `afgerond: ${a.result ?? ''}` : `open, uiterlijk ${a.dueDate}`})`).join('\n')]);
  }
  findings.getColumn(4).numFmt = money;

  const samples = wb.addWorksheet('Steekproeven');
  samples.addRow(['Nr.', 'Titel', 'Wet', 'Populatie (€)', 'Getrokken (€)', 'Fouten gevonden (€)', 'Geëxtrapoleerde fout (€)', 'Als onzekerheid meegeteld (€)']).font = { bold: true };
  for (const x of s.samples) samples.addRow([x.number, x.title, processLabels[x.process], x.populationAmountCents / 100, x.sampledAmountCents / 100, x.errorCents / 100, x.projectedErrorCents / 100, x.extraUncertaintyCents / 100]);
  for (const c of [4, 5, 6, 7, 8]) samples.getColumn(c).numFmt = money;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
