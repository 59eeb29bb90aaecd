// The overview for an inzageverzoek (AVG art. 15) as one printable HTML document: which of the
// resident's data Koers processed, by whom, when, for which purpose and on which legal basis.
// The same HTML is served for printing and rendered to PDF, so both always agree.
import { actionLabel, dutchDateTime } from './audit.export.js';
import type { InzageOverview } from './audit.search.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
  @page { size: A4; margin: 18mm 14mm; }
  body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; color: #1a1a1a; font-size: 10pt; line-height: 1.45; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
  h1 { font-size: 18pt; margin: 0 0 .25rem; } h2 { font-size: 13pt; margin: 1.5rem 0 .5rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; } dt { font-weight: bold; } dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; margin: .75rem 0 1.5rem; }
  th, td { border: 1px solid #999; padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
  th { background: #e8eef5; } tr { break-inside: avoid; } small { color: #444; }
  .signature { margin-top: 2rem; break-inside: avoid; } .line { border-bottom: 1px solid #1a1a1a; width: 16rem; height: 2.5rem; }
`;

const dutchDate = (iso: string) => dutchDateTime(iso).slice(0, 10);

export function renderInzageHtml(overview: InzageOverview, municipality: string): string {
  const { resident, records } = overview;
  const rows = records
    .map(
      (r) => `<tr>
<td>${escapeHtml(dutchDateTime(r.startTime))}</td>
<td>${escapeHtml(r.actor.displayName ?? r.actor.username ?? 'Koers (automatisch)')}</td>
<td>${escapeHtml(actionLabel(r.name))}${r.status === 'OK' ? '' : ' <small>(geweigerd of mislukt)</small>'}</td>
<td>${escapeHtml(r.processingActivity.name)}</td>
<td><small>${escapeHtml(r.processingActivity.legalBasis)}</small></td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Overzicht van verwerkingen – ${escapeHtml(resident.fullName)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Overzicht van verwerkingen van uw gegevens</h1>
<p>${escapeHtml(municipality)} – antwoord op uw inzageverzoek (artikel 15 Algemene verordening gegevensbescherming).</p>
<dl>
<dt>Inwoner</dt><dd>${escapeHtml(resident.fullName)}</dd>
<dt>Geboortedatum</dt><dd>${escapeHtml(dutchDate(`${resident.birthDate}T12:00:00Z`))}</dd>
${overview.reference ? `<dt>Kenmerk</dt><dd>${escapeHtml(overview.reference)}</dd>` : ''}
<dt>Aantal verwerkingen</dt><dd>${records.length}</dd>
</dl>
<p>Hieronder staat elke keer dat een medewerker of Koers zelf uw gegevens heeft bekeken, vastgelegd of gewijzigd: wanneer, door wie, wat er gebeurde, met welk doel en op welke wettelijke grondslag. Dit verzoek zelf staat er ook in.</p>
<h2 id="verwerkingen">Verwerkingen</h2>
<table aria-labelledby="verwerkingen">
<thead><tr><th scope="col">Tijdstip</th><th scope="col">Door</th><th scope="col">Wat</th><th scope="col">Doel</th><th scope="col">Grondslag</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="5">Er zijn geen verwerkingen vastgelegd.</td></tr>'}
</tbody>
</table>
<section class="signature" aria-label="Ondertekening">
<p>Opgesteld op ${escapeHtml(dutchDate(overview.drawnUpAt))} door ${escapeHtml(overview.drawnUpBy)}, namens ${escapeHtml(municipality)}.</p>
<p>Handtekening:</p>
<div class="line"></div>
</section>
</main>
</body>
</html>`;
}
