// The generated status report ("Stand van zaken <maand jaar>") as one printable HTML document, in
// the structure of the seed: per programme line its objective, explanation and result, then the
// table thema / resultaat-activiteit / stand van zaken, and finally the council-letter list. The
// same HTML is served for printing and rendered to PDF, so both always agree.

import { formatMonth, formatQuarter } from './programme.report.js';
import type { ActivityView, ProgrammeOverview } from './programme.service.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

/** Status bullet with the re-planned quarter struck through, as the seed shows it. */
function bulletHtml(a: ActivityView): string {
  const quarter = a.status === 'AF' ? a.doneQuarter : a.plannedQuarter;
  const text = escapeHtml(a.text) + (a.note ? ` <span class="note">(${escapeHtml(a.note)})</span>` : '');
  const status = `<b>${a.status}</b>`;
  if (!quarter) return `${status} ${text}`;
  if (a.status === 'AF') return `${status} ${formatQuarter(quarter)}: ${text}`;
  const planned = a.replannedFrom
    ? `<del aria-label="eerder gepland ${formatQuarter(a.replannedFrom)}">${formatQuarter(a.replannedFrom)}</del> <ins>${formatQuarter(quarter)}</ins>`
    : formatQuarter(quarter);
  return `${status} (${planned} klaar): ${text}`;
}

const STYLE = `
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; color: #1a1a1a; font-size: 10.5pt; line-height: 1.45; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
  h1 { font-size: 20pt; margin: 0 0 .25rem; } h2 { font-size: 14pt; margin: 2rem 0 .5rem; break-after: avoid; }
  .subtitle { font-size: 13pt; margin: 0 0 1.5rem; color: #444; }
  table { border-collapse: collapse; width: 100%; margin: .75rem 0 1.5rem; }
  th, td { border: 1px solid #999; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  th { background: #e8eef5; } tr { break-inside: avoid; }
  ul { margin: 0; padding-left: 1.1rem; } li + li { margin-top: .2rem; }
  del { color: #8a1c1c; } ins { text-decoration: none; font-weight: 600; }
  .note { color: #444; } .meta { color: #444; font-size: 9pt; }
  @media print { body { padding: 0; max-width: none; } a { color: inherit; } }
`;

export function renderProgrammeReportHtml(overview: ProgrammeOverview, generatedAt = new Date()): string {
  const month = formatMonth(overview.month);
  const lines = overview.lines
    .map((line) => {
      const rows = line.themes
        .map(
          (t) => `<tr><th scope="row">${escapeHtml(t.title)}</th><td>${escapeHtml(t.result)}</td><td>${
            t.activities.length ? `<ul>${t.activities.map((a) => `<li>${bulletHtml(a)}</li>`).join('')}</ul>` : '—'
          }</td></tr>`,
        )
        .join('\n');
      return `<section aria-labelledby="lijn-${line.number}">
<h2 id="lijn-${line.number}">Programmalijn ${line.number} – ${escapeHtml(line.title)}</h2>
<p><b>Doelstelling ${escapeHtml(line.title.toLowerCase())}: ${escapeHtml(line.objective)}</b></p>
${line.explanation ? `<p>${escapeHtml(line.explanation)}</p>` : ''}
<p><b>Resultaat:</b> ${escapeHtml(line.result)}</p>
<table>
<caption class="meta">Programmalijn ${line.number}: thema's, beoogd resultaat en stand van zaken ${month}</caption>
<thead><tr><th scope="col">Thema</th><th scope="col">Resultaat / activiteit</th><th scope="col">Stand van zaken</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
    })
    .join('\n');
  const letters = overview.councilLetters
    .filter((l) => l.date < `${overview.month}-32`)
    .map((l) => `<tr><td>${formatDate(l.date)}${l.dateEnd ? ` t/m ${formatDate(l.dateEnd)}` : ''}</td><td>${l.number ? escapeHtml(l.number) : ''}</td><td>${escapeHtml(l.title)}</td></tr>`)
    .join('\n');
  const b = overview.budget;
  const money = (cents: number) => euro.format(cents / 100);
  const chapterRows = b.chapters
    .map((c) => `<tr><th scope="row">${escapeHtml(c.chapter)}</th><td>${c.amountCents === null ? 'niet in de bron' : money(c.amountCents)}</td></tr>`)
    .join('');
  const budgetText = b.computed
    ? `Kosten ${money(b.costsCents ?? 0)} plus ${b.contingencyPercent}% onvoorzien (${money(b.contingencyCents ?? 0)}): totaal ${money(b.totalCents)}; gevraagd ${money(b.requestedTotalCents)}.`
    : `Gevraagd budget ${money(b.requestedTotalCents)}, inclusief ${b.contingencyPercent}% onvoorzien over de kosten van de hoofdstukken. De bedragen per hoofdstuk staan niet in de bron; kosten en onvoorzien worden daarom niet apart getoond.`;
  const budget = `<section aria-labelledby="budget">
<h2 id="budget">Budget</h2>
<p>${budgetText}</p>
${chapterRows ? `<table><thead><tr><th scope="col">Hoofdstuk</th><th scope="col">Bedrag</th></tr></thead><tbody>${chapterRows}</tbody></table>` : ''}
</section>`;
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(overview.name)} — Stand van zaken ${month}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(overview.name)}</h1>
<p class="subtitle">Stand van zaken ${month}</p>
${lines}
${budget}
<section aria-labelledby="brieven">
<h2 id="brieven">Lijst van raadsinformatie(-brieven) en besluiten</h2>
<table>
<thead><tr><th scope="col">Datum</th><th scope="col">Nummer</th><th scope="col">Titel</th></tr></thead>
<tbody>
${letters}
</tbody>
</table>
</section>
<p class="meta">Gegenereerd door Koers op ${generatedAt.toISOString().slice(0, 10)} uit de programmagegevens.</p>
</main>
</body>
</html>`;
}
