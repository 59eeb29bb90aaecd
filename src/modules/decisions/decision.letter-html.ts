// The Dutch decision letter (beschikking), printable. Everything from the database is escaped.

import { escapeHtml } from '../programme/programme.report-html.js';
import { frequencyLabels, unitLabels } from '../catalogue/product.schema.js';
import type { DecisionView } from './decision.service.js';

const formatDate = (iso: string) => new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date(`${iso}T12:00:00Z`));

export function renderDecisionLetter(d: DecisionView, municipality: string, today: string): string {
  const granted = d.lines.filter((l) => l.outcome === 'granted');
  const refused = d.lines.filter((l) => l.outcome === 'refused');
  const line = (l: DecisionView['lines'][number]) =>
    `<li><b>${escapeHtml(l.productName)}</b>: ${l.volume ?? ''} ${l.frequency ? `${unitLabels[l.unit]} ${frequencyLabels[l.frequency]}` : ''}, van ${formatDate(l.periodStart)} tot en met ${formatDate(l.periodEnd)}.</li>`;
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Beschikking ${escapeHtml(d.caseReference)}</title>
<style>@page{size:A4;margin:25mm 20mm}body{font-family:Arial,sans-serif;font-size:11pt;line-height:1.5;max-width:42rem;margin:2rem auto;color:#111}h1{font-size:15pt}.meta{color:#333}</style></head>
<body><main>
<p>${escapeHtml(d.resident.fullName)}<br>${escapeHtml(d.resident.address)}<br>${escapeHtml(d.resident.postcodeCity)}</p>
<p class="meta">${escapeHtml(municipality)}, ${formatDate(today)}<br>Zaaknummer: ${escapeHtml(d.caseReference)}<br>Onderwerp: besluit op uw aanvraag${d.appliedOn ? ` van ${formatDate(d.appliedOn)}` : ''}</p>
<h1>Beschikking Wet maatschappelijke ondersteuning 2015</h1>
<p>Geachte heer, mevrouw,</p>
<p>U heeft ondersteuning aangevraagd. Wij hebben uw aanvraag onderzocht, samen met u besproken wat u zelf, met uw netwerk of met een algemene voorziening kunt doen, en hebben het volgende besloten.</p>
${granted.length ? `<h2>Wat u krijgt</h2><ul>${granted.map(line).join('')}</ul><p>U ontvangt deze ondersteuning als ${d.deliveryForm === 'pgb' ? 'persoonsgebonden budget (pgb)' : 'zorg in natura: een gecontracteerde aanbieder levert de ondersteuning'}.</p>` : ''}
${refused.length ? `<h2>Wat u niet krijgt</h2><ul>${refused.map((l) => `<li><b>${escapeHtml(l.productName)}</b>: ${escapeHtml(l.refusalReason ?? '')}</li>`).join('')}</ul>` : ''}
<p>Dit besluit is genomen op grond van de Wet maatschappelijke ondersteuning 2015 (artikel 2.3.5) en de verordening maatschappelijke ondersteuning van de gemeente.</p>
<h2>Bent u het niet eens met dit besluit?</h2>
<p>Dan kunt u binnen zes weken na de dag van verzending van deze brief bezwaar maken (artikel 6:7 en 6:8 Algemene wet bestuursrecht). Stuur een brief met uw naam en adres, de datum, het besluit waartegen u bezwaar maakt en waarom, en uw handtekening, aan het college van burgemeester en wethouders. Wilt u niet wachten op de beslissing op uw bezwaar, dan kunt u de voorzieningenrechter van de rechtbank vragen om een voorlopige voorziening.</p>
<p>Met vriendelijke groet,<br>namens het college van burgemeester en wethouders,<br>${escapeHtml(d.createdBy)}${d.approvedBy ? `<br>goedgekeurd door ${escapeHtml(d.approvedBy)}` : ''}</p>
</main></body></html>`;
}
