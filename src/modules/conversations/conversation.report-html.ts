// The printable conversation report (gespreksverslag): the spinnenweb drawn as inline SVG on the
// server — no scripts, so it prints and renders to PDF the same everywhere — compared with the
// previous conversation, then the self-reliance ladder and the agreements. Every text from the
// database is escaped.

import { dimensionLabels, dimensions, ladderStepLabels, ladderSteps, type Conversation } from './conversation.schema.js';
import type { ConversationReport } from './conversation.service.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

const CURRENT = '#1f5fa8';
const PREVIOUS = '#b35c00';
const SIZE = { width: 560, height: 400, cx: 280, cy: 200, r: 140 };

/** Point of `score` (0–10) on the axis of dimension `i`; the first axis points up, then clockwise. */
function point(i: number, score: number): [number, number] {
  const angle = -Math.PI / 2 + (i * 2 * Math.PI) / dimensions.length;
  const distance = (SIZE.r * score) / 10;
  return [SIZE.cx + distance * Math.cos(angle), SIZE.cy + distance * Math.sin(angle)];
}

const coords = (points: [number, number][]) => points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');

export function radarSummary(conversation: Conversation, previous: Conversation | null): string {
  const now = dimensions.map((d) => `${dimensionLabels[d]} ${conversation.scores[d].score}`).join(', ');
  const before = previous ? `; vorig gesprek (${formatDate(previous.heldOn)}): ${dimensions.map((d) => `${dimensionLabels[d]} ${previous.scores[d].score}`).join(', ')}` : '';
  return `Spinnenweb van ${formatDate(conversation.heldOn)}: ${now}${before}.`;
}

/** The spinnenweb: 0 at the centre, 10 at the rim; the previous conversation dashed. */
export function radarSvg(conversation: Conversation, previous: Conversation | null): string {
  const rings = [2, 4, 6, 8, 10]
    .map((v) => `<polygon points="${coords(dimensions.map((_, i) => point(i, v)))}" fill="none" stroke="#bbb" stroke-width="1"/>`)
    .join('');
  const ringLabels = [2, 4, 6, 8, 10]
    .map((v) => `<text x="${(SIZE.cx + 4).toFixed(1)}" y="${(point(0, v)[1] + 12).toFixed(1)}" font-size="10" fill="#555">${v}</text>`)
    .join('');
  const axes = dimensions
    .map((d, i) => {
      const [x, y] = point(i, 10);
      const [lx, ly] = point(i, 11.4);
      const anchor = Math.abs(lx - SIZE.cx) < 1 ? 'middle' : lx > SIZE.cx ? 'start' : 'end';
      // As in Spinnenweb 2.0: what the resident wants to talk about is shown in bold.
      const talk = conversation.scores[d].wantsToTalk;
      return `<line x1="${SIZE.cx}" y1="${SIZE.cy}" x2="${x.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#999" stroke-width="1"/>
<text x="${lx.toFixed(1)}" y="${(ly + 4).toFixed(1)}" text-anchor="${anchor}" font-size="13" font-weight="${talk ? 700 : 400}" fill="#1a1a1a">${escapeHtml(dimensionLabels[d])}${talk ? ' *' : ''}</text>`;
    })
    .join('\n');
  const shape = (c: Conversation, colour: string, dashed: boolean) => {
    const points = dimensions.map((d, i) => point(i, c.scores[d].score));
    const dots = points.map(([x, y]) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${dashed ? 3 : 4}" fill="${colour}"/>`).join('');
    return `<polygon points="${coords(points)}" fill="${dashed ? 'none' : colour}" fill-opacity="${dashed ? 0 : 0.2}" stroke="${colour}" stroke-width="${dashed ? 2 : 3}"${dashed ? ' stroke-dasharray="6 4"' : ''}/>${dots}`;
  };
  const summary = escapeHtml(radarSummary(conversation, previous));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE.width} ${SIZE.height}" width="100%" style="max-width:${SIZE.width}px" role="img" aria-labelledby="spinnenweb-titel spinnenweb-beschrijving">
<title id="spinnenweb-titel">Spinnenweb Positieve Gezondheid</title>
<desc id="spinnenweb-beschrijving">${summary}</desc>
${rings}
${axes}
${ringLabels}
${previous ? shape(previous, PREVIOUS, true) : ''}
${shape(conversation, CURRENT, false)}
</svg>`;
}

const STYLE = `
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; color: #1a1a1a; font-size: 10.5pt; line-height: 1.45; margin: 0 auto; max-width: 50rem; padding: 1.5rem; }
  h1 { font-size: 20pt; margin: 0 0 .25rem; } h2 { font-size: 14pt; margin: 1.75rem 0 .5rem; break-after: avoid; }
  .subtitle { font-size: 13pt; margin: 0 0 1rem; color: #444; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.25rem; margin: 0; } dt { font-weight: 600; } dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; margin: .75rem 0 1rem; }
  th, td { border: 1px solid #999; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  th { background: #e8eef5; } tr { break-inside: avoid; } td.num { text-align: right; }
  figure { margin: 0; break-inside: avoid; } figcaption, .meta { color: #444; font-size: 9pt; }
  .legend { display: flex; gap: 1.5rem; list-style: none; padding: 0; margin: .25rem 0; }
  .swatch { display: inline-block; width: 1.75rem; height: 0; border-top: 3px solid; vertical-align: middle; margin-right: .4rem; }
  .notice { border-left: 6px solid #b35c00; background: #fff4e5; padding: .5rem .75rem; }
  .ladder { padding-left: 1.25rem; } .ladder .chosen { font-weight: 700; }
  .rationale { white-space: pre-wrap; }
  @media print { body { padding: 0; max-width: none; } }
`;

function scoreTable(c: Conversation, previous: Conversation | null): string {
  const rows = dimensions
    .map((d) => {
      const now = c.scores[d];
      const before = previous?.scores[d];
      const diff = before ? now.score - before.score : null;
      return `<tr><th scope="row">${escapeHtml(dimensionLabels[d])}</th><td class="num">${now.score}</td>${
        previous ? `<td class="num">${before!.score}</td><td class="num">${diff! > 0 ? `+${diff}` : `${diff}`}</td>` : ''
      }<td>${now.wantsToTalk ? '<b>ja</b>' : 'nee'}</td></tr>`;
    })
    .join('\n');
  const previousHeads = previous ? `<th scope="col">Vorig gesprek (${formatDate(previous.heldOn)})</th><th scope="col">Verschil</th>` : '';
  return `<table>
<caption class="meta">Cijfers per dimensie (0 = helemaal niet, 10 = helemaal wel), gegeven door de inwoner zelf</caption>
<thead><tr><th scope="col">Dimensie</th><th scope="col">Cijfer (${formatDate(c.heldOn)})</th>${previousHeads}<th scope="col">Wil hierover praten</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

export function renderConversationReportHtml(report: ConversationReport, generatedAt = new Date()): string {
  const c = report.conversation;
  const previous = c.previous;
  const legend = `<ul class="legend">
<li><span class="swatch" style="border-color:${CURRENT}"></span>Dit gesprek (${formatDate(c.heldOn)}), doorgetrokken lijn</li>
${previous ? `<li><span class="swatch" style="border-color:${PREVIOUS};border-top-style:dashed"></span>Vorig gesprek (${formatDate(previous.heldOn)}), gestippelde lijn</li>` : '<li>Er is geen eerder gesprek om mee te vergelijken.</li>'}
</ul>`;
  const ladder = ladderSteps
    .map((step) => (step === c.ladder.step ? `<li class="chosen">${ladderStepLabels[step]} — gekozen trede</li>` : `<li>${ladderStepLabels[step]}</li>`))
    .join('');
  const agreements = c.agreements.map((a) => `<li>${escapeHtml(a)}</li>`).join('\n');
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gespreksverslag ${escapeHtml(report.resident.fullName)} — ${formatDate(c.heldOn)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Gespreksverslag</h1>
<p class="subtitle">Gesprek volgens Positieve Gezondheid en de zelfredzaamheidsladder</p>
${c.correctedById ? '<p class="notice">Dit gesprek is later gecorrigeerd. Het gecorrigeerde gesprek geldt; dit verslag toont de oorspronkelijke vastlegging.</p>' : ''}
<dl>
<dt>Inwoner</dt><dd>${escapeHtml(report.resident.fullName)} (geboren ${formatDate(report.resident.birthDate)})</dd>
<dt>Datum gesprek</dt><dd>${formatDate(c.heldOn)}</dd>
<dt>Gevoerd door</dt><dd>${escapeHtml(c.conductedBy.displayName)}</dd>
${c.correctsId ? `<dt>Correctie</dt><dd>Dit gesprek corrigeert een eerder vastgelegd gesprek.</dd>` : ''}
</dl>
<section aria-labelledby="spinnenweb">
<h2 id="spinnenweb">Positieve Gezondheid</h2>
<figure>
${radarSvg(c, previous)}
<figcaption>${legend}Dimensies met * zijn vetgedrukt: daarover wil de inwoner praten. Het spinnenweb is een gespreksinstrument, geen meetinstrument.</figcaption>
</figure>
${scoreTable(c, previous)}
</section>
<section aria-labelledby="ladder">
<h2 id="ladder">Zelfredzaamheidsladder</h2>
<ol class="ladder">${ladder}</ol>
<p><b>Onderbouwing:</b></p>
<p class="rationale">${escapeHtml(c.ladder.rationale)}</p>
</section>
<section aria-labelledby="afspraken">
<h2 id="afspraken">Afspraken</h2>
<ol>
${agreements}
</ol>
</section>
<p class="meta">Dit verslag bevat gegevens over gezondheid (bijzondere persoonsgegevens). Deel het alleen met wie het nodig heeft. Gegenereerd door Koers op ${formatDate(generatedAt.toISOString().slice(0, 10))}.</p>
</main>
</body>
</html>`;
}
