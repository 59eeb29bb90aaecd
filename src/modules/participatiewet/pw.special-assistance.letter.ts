// The decision letter on an application for bijzondere bijstand (art. 35 Pw), as HTML for the PDF that is
// stored with the case and shown to the resident in "Mijn aanvragen": the outcome, the amount and the
// account, how the draagkracht was calculated, the reason (a refusal, or a decision that differs from the
// costs asked), and the objection clause (Awb 6:7, 6:8).

import { formatCents as euro } from '../allocations/commitment.js';
import { OBJECTION_CLAUSE, type LetterAddressee } from './pw.decision-letter.js';
import type { SpecialAssistanceView } from './pw.special-assistance.schema.js';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function specialAssistanceLetterTitle(view: SpecialAssistanceView): string {
  return `Besluit bijzondere bijstand ${view.reference}`;
}

/** The letter as a complete HTML page; for a decided application only (the caller checks). */
export function specialAssistanceLetterHtml(view: SpecialAssistanceView, to: LetterAddressee, sentOn: string, municipality: string): string {
  const d = view.decision;
  const granted = d.status === 'toegekend';
  const lines = view.calculation.lines;
  const calculation = lines.length
    ? `<h2>Hoe wij uw draagkracht hebben berekend</h2>
<table><tbody>
${lines.map((l) => `<tr><td>${escapeHtml(l.label)}</td><td class="num">${euro(l.cents)}</td><td>${escapeHtml(l.article)}</td></tr>`).join('\n')}
</tbody></table>`
    : '';
  const body = granted
    ? `<p>Wij kennen u <strong>${euro(d.grantCents ?? 0)}</strong> bijzondere bijstand toe voor: ${escapeHtml(view.category.name.toLowerCase())} (${escapeHtml(view.description)}). U vroeg ${euro(view.costsCents)}.</p>
<p>Dit is een gift: u hoeft het niet terug te betalen (art. 48 lid 1 Participatiewet). Wij betalen het bedrag op rekening ${escapeHtml(view.iban ?? '')} ten name van ${escapeHtml(view.accountHolder ?? '')}.</p>
${d.reason ? `<p>Toelichting: ${escapeHtml(d.reason)}</p>` : ''}`
    : `<p>Wij wijzen uw aanvraag om bijzondere bijstand voor ${escapeHtml(view.category.name.toLowerCase())} af.</p>
<p>Reden: ${escapeHtml(d.reason ?? view.proposal.reasons.filter((r) => !r.startsWith('Controleer eerst')).join(' '))}</p>`;
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(specialAssistanceLetterTitle(view))}</title>
<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;line-height:1.45}td{padding:.2rem .5rem;border-bottom:1px solid #ddd}.num{text-align:right;white-space:nowrap}</style></head>
<body>
<p>${escapeHtml(municipality)}</p>
<p>${escapeHtml(to.fullName)}<br>${escapeHtml(to.address)}<br>${escapeHtml(to.postcodeCity)}</p>
<p>Datum: ${escapeHtml(sentOn)}<br>Kenmerk: ${escapeHtml(view.reference)}<br>Onderwerp: besluit op uw aanvraag om bijzondere bijstand</p>
<h1>${granted ? 'Toekenning bijzondere bijstand' : 'Afwijzing aanvraag bijzondere bijstand'}</h1>
${body}
${calculation}
<h2>Bezwaar</h2>
<p>${OBJECTION_CLAUSE}</p>
</body></html>`;
}
