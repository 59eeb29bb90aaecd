// The decision letter on a Participatiewet application, as HTML (printable from the browser): the
// decision, the amount per month from the grant date with the calculation summary (rekenblad), or the
// reason for the refusal, and the objection clause (bezwaar within 6 weeks, Awb 6:7 and 6:8).

import { formatCents as euro } from '../allocations/commitment.js';
import type { ApplicationView } from './pw.application.schema.js';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const OBJECTION_CLAUSE =
  'Bent u het niet eens met dit besluit? Dan kunt u binnen 6 weken na de dag waarop deze brief is verzonden bezwaar maken bij het college van burgemeester en wethouders (art. 6:7 en 6:8 Awb). Zet in uw bezwaarschrift uw naam en adres, de datum, het kenmerk van deze brief, waarom u het niet eens bent met het besluit, en uw handtekening.';

export interface LetterAddressee {
  fullName: string;
  address: string;
  postcodeCity: string;
}

/** The letter as a complete HTML page. Refuses (by the caller) an application that is not decided. */
export function pwDecisionLetterHtml(view: ApplicationView, to: LetterAddressee, sentOn: string): string {
  const d = view.decision;
  const granted = d.status === 'toegekend';
  const r = view.rekenblad;
  const body = granted && r
    ? `<p>Wij kennen u algemene bijstand voor levensonderhoud toe vanaf ${escapeHtml(d.grantFrom ?? '')} (Participatiewet). U ontvangt <strong>${euro(r.monthlyPaymentCents)} per maand</strong>; daarnaast reserveren wij vakantietoeslag, die eenmaal per jaar wordt betaald. De bijstand wordt betaald op rekening ${escapeHtml(d.iban ?? '')} ten name van ${escapeHtml(d.accountHolder ?? '')}.</p>
${view.advance ? `<p>U heeft een voorschot van ${euro(view.advance.cents)} ontvangen (art. 52 Pw). Dit voorschot verrekenen wij met de eerste betaling.</p>` : ''}
<h2>Hoe wij uw bijstand hebben berekend</h2>
<table><tbody>
${r.lines.map((l) => `<tr><td>${escapeHtml(l.label)}</td><td class="num">${euro(l.cents)}</td><td>${escapeHtml(l.article)}</td></tr>`).join('\n')}
</tbody></table>
<p>Normen: periode ${escapeHtml(r.normPeriodId)}, normtabel ${escapeHtml(r.tableVersion)}.</p>`
    : `<p>Wij wijzen uw aanvraag om algemene bijstand af.</p><p>Reden: ${escapeHtml(d.refusalReason ?? '')}</p>${view.advance ? `<p>U heeft een voorschot van ${euro(view.advance.cents)} ontvangen. Omdat u geen recht op bijstand heeft, kunnen wij dit terugvorderen; hierover ontvangt u een aparte brief.</p>` : ''}`;
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Besluit op uw aanvraag bijstand ${escapeHtml(view.reference)}</title>
<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;line-height:1.45}td{padding:.2rem .5rem;border-bottom:1px solid #ddd}.num{text-align:right;white-space:nowrap}</style></head>
<body>
<p>${escapeHtml(to.fullName)}<br>${escapeHtml(to.address)}<br>${escapeHtml(to.postcodeCity)}</p>
<p>Datum: ${escapeHtml(sentOn)}<br>Kenmerk: ${escapeHtml(view.reference)}<br>Onderwerp: besluit op uw aanvraag om bijstand van ${escapeHtml(view.appliedOn ?? '')}</p>
<h1>${granted ? 'Toekenning bijstand' : 'Afwijzing aanvraag bijstand'}</h1>
${body}
<h2>Bezwaar</h2>
<p>${OBJECTION_CLAUSE}</p>
</body></html>`;
}
