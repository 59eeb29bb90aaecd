// The decision letter on a Participatiewet application, as HTML (the staff's printable preview, and the PDF
// stored with the case once the decision is final, shown to the resident in "Mijn aanvragen"): the
// decision, the amount per month from the grant date with the calculation summary (rekenblad), or the
// reason for the refusal, and the objection clause (bezwaar within 6 weeks, Awb 6:7 and 6:8).

import { formatCents as euro } from '../allocations/commitment.js';
import { LETTER_CSS, letterheadBlock, type LetterHead } from '../decisions/decision.letter-html.js';
import type { ApplicationView } from './pw.application.schema.js';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const OBJECTION_CLAUSE =
  'Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag waarop deze brief is verzonden bezwaar maken bij het college van burgemeester en wethouders (art. 6:7 en 6:8 Awb). Zet in uw bezwaarschrift uw naam en adres, de datum, het kenmerk van deze brief, waarom u het niet eens bent met het besluit, en uw handtekening.';

export interface LetterAddressee {
  fullName: string;
  address: string;
  postcodeCity: string;
}

export function pwDecisionLetterTitle(view: ApplicationView, sentOn: string): string {
  return `Besluit bijstand ${view.reference} ${sentOn}`;
}

/** The letter as a complete HTML page on the municipality's letterhead. Refuses (by the caller) an application that is not decided. */
export function pwDecisionLetterHtml(view: ApplicationView, to: LetterAddressee, sentOn: string, letterhead: LetterHead): string {
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
<style>${LETTER_CSS}</style></head>
<body>
${letterheadBlock(letterhead)}
<p>${escapeHtml(to.fullName)}<br>${escapeHtml(to.address)}<br>${escapeHtml(to.postcodeCity)}</p>
<p class="meta">Datum: ${escapeHtml(sentOn)}<br>Kenmerk: ${escapeHtml(view.reference)}<br>Onderwerp: besluit op uw aanvraag om bijstand van ${escapeHtml(view.appliedOn ?? '')}</p>
<h1>${granted ? 'Toekenning bijstand' : 'Afwijzing aanvraag bijstand'}</h1>
${body}
<h2>Bent u het niet eens met dit besluit?</h2>
<p>${OBJECTION_CLAUSE}</p>
<p>Met vriendelijke groet,<br>namens het college van burgemeester en wethouders,<br>${escapeHtml(letterhead.name)}</p>
</body></html>`;
}
