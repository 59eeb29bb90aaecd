// The Dutch decision letter (beschikking), printable and printed to PDF. Everything from the database
// is escaped. While the decision is not final (waiting for four-eyes approval, or withdrawn) the
// letter says CONCEPT in its heading and as a watermark on every page, and carries no signature;
// once final it is signed by the decision maker on behalf of the college.

import { escapeHtml } from '../programme/programme.report-html.js';
import { frequencyLabels, unitLabels } from '../catalogue/product.schema.js';
import type { Frequency, Unit } from '../../db/column-types.js';
import { salutation, type Addressee } from './decision.salutation.js';

const formatDate = (iso: string) => new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date(`${iso}T12:00:00Z`));
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

export interface LetterLine {
  productName: string;
  outcome: 'granted' | 'refused';
  periodStart: string;
  periodEnd: string;
  volume: number | null;
  unit: Unit;
  frequency: Frequency | null;
  refusalReason: string | null;
  /** The provider (aanbieder) of the allocation, once the line is allocated. */
  providerName: string | null;
  /** The CAK levies the eigen bijdrage for this line (product flag, resident 18 or older). */
  cakContribution: boolean;
}

export interface LetterHead {
  name: string;
  returnAddress: string | null;
  phone: string | null;
  website: string | null;
  /** data: URL of a PNG or JPEG (checked when it was saved). */
  logoDataUrl: string | null;
  /** The CAK abonnementstarief per month as the municipality configured it; null: no amount printed. */
  cakMonthlyCents: number | null;
}

export interface LetterInput {
  caseReference: string;
  appliedOn: string | null;
  /** Final: approved (by a team lead, or at once below the threshold). Otherwise a concept. */
  status: 'pending_approval' | 'approved' | 'withdrawn';
  deliveryForm: 'zin' | 'pgb';
  addressee: Addressee & { fullName: string; address: string; postcodeCity: string };
  /** Who took the decision: the approver, or the author when no approval was needed. Null while concept. */
  signer: { name: string; jobTitle: string } | null;
  /** The letter's date: the day the decision became final, or today for a concept. */
  date: string;
  lines: LetterLine[];
  letterhead: LetterHead;
}

export const isConcept = (l: Pick<LetterInput, 'status'>): boolean => l.status !== 'approved';

function lineItem(l: LetterLine): string {
  const amount = l.volume !== null && l.frequency ? ` ${l.volume} ${unitLabels[l.unit]} ${frequencyLabels[l.frequency]}` : '';
  const provider = l.providerName ? `<br>Aanbieder: ${escapeHtml(l.providerName)}.` : '';
  return `<li><b>${escapeHtml(l.productName)}</b>:${amount}, van ${formatDate(l.periodStart)} tot en met ${formatDate(l.periodEnd)}.${provider}</li>`;
}

/** The CAK paragraph (Wmo 2015 art. 2.1.4), only when a granted line is one the CAK levies the contribution for. */
export function cakParagraph(lines: LetterLine[], monthlyCents: number | null): string {
  const levied = lines.filter((l) => l.outcome === 'granted' && l.cakContribution);
  if (levied.length === 0) return '';
  const amount =
    monthlyCents === null
      ? 'Het CAK stelt het bedrag per maand vast en laat u weten hoeveel u betaalt.'
      : `Dit is een vast bedrag van ${euro.format(monthlyCents / 100)} per maand (het abonnementstarief), hoeveel ondersteuning u ook krijgt en wat uw inkomen ook is.`;
  return `<h2>Eigen bijdrage</h2>
<p class="cak">Voor ${levied.map((l) => escapeHtml(l.productName)).join(', ')} betaalt u een eigen bijdrage (artikel 2.1.4 Wet maatschappelijke ondersteuning 2015). Het CAK int deze bijdrage en stuurt u daarover een brief. ${amount} U betaalt de bijdrage één keer per huishouden, ook als u meer voorzieningen krijgt.</p>`;
}

/** The house style of Koers' letters (page, font, letterhead): shared by every letter printed to PDF. */
export const LETTER_CSS = `@page{size:A4;margin:20mm 20mm 25mm}body{font-family:Arial,sans-serif;font-size:11pt;line-height:1.5;max-width:42rem;margin:2rem auto;color:#111}h1{font-size:15pt}h2{font-size:12pt;margin-bottom:0}.meta{color:#333}
.letterhead{display:flex;gap:1rem;align-items:flex-start;justify-content:space-between;margin-bottom:2rem}.logo{max-height:22mm;max-width:60mm}.sender{font-weight:bold;margin:0}.contact{margin:0;font-size:9pt;color:#333}
td{padding:.2rem .5rem;border-bottom:1px solid #ddd}.num{text-align:right;white-space:nowrap}`;

/** The municipality's letterhead (name, contact lines, logo) at the top of a letter. */
export function letterheadBlock(h: LetterHead): string {
  const logo = h.logoDataUrl ? `<img class="logo" src="${escapeHtml(h.logoDataUrl)}" alt="Logo ${escapeHtml(h.name)}">` : '';
  const contact = [h.returnAddress, h.phone ? `Telefoon ${h.phone}` : null, h.website].filter((x): x is string => Boolean(x)).map(escapeHtml);
  return `<header class="letterhead"><div><p class="sender">${escapeHtml(h.name)}</p>${contact.length ? `<p class="contact">${contact.join('<br>')}</p>` : ''}</div>${logo}</header>`;
}

export function renderDecisionLetter(l: LetterInput): string {
  const concept = isConcept(l);
  const granted = l.lines.filter((x) => x.outcome === 'granted');
  const refused = l.lines.filter((x) => x.outcome === 'refused');
  const a = l.addressee;
  const title = `${concept ? 'CONCEPT – ' : ''}Beschikking Wet maatschappelijke ondersteuning 2015`;
  const conceptNotice = concept
    ? `<p class="concept-notice"><b>CONCEPT.</b> ${l.status === 'withdrawn' ? 'Deze beschikking is ingetrokken. Deze brief wordt niet verstuurd.' : 'Deze beschikking wacht op goedkeuring (vier ogen). Deze brief is nog geen besluit en wordt nog niet verstuurd.'}</p>`
    : '';
  const signature = l.signer
    ? `<p class="signature">Met vriendelijke groet,<br>namens het college van burgemeester en wethouders,<br><br><span class="signer">${escapeHtml(l.signer.name)}</span><br>${escapeHtml(l.signer.jobTitle)}</p>`
    : `<p class="signature">Met vriendelijke groet,<br>namens het college van burgemeester en wethouders,<br><br><i>(nog niet ondertekend: concept)</i></p>`;
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${concept ? 'CONCEPT – ' : ''}Beschikking ${escapeHtml(l.caseReference)}</title>
<style>${LETTER_CSS}
.concept-notice{border:2px solid #a00;padding:.5rem;color:#a00}.watermark{position:fixed;top:40%;left:0;right:0;text-align:center;font-size:96pt;font-weight:bold;color:rgba(170,0,0,.13);transform:rotate(-35deg);pointer-events:none;z-index:0}
main{position:relative;z-index:1}.signer{font-weight:bold}</style></head>
<body>${concept ? '<div class="watermark" aria-hidden="true">CONCEPT</div>' : ''}<main>
${letterheadBlock(l.letterhead)}
<p>${escapeHtml(a.fullName)}<br>${escapeHtml(a.address)}<br>${escapeHtml(a.postcodeCity)}</p>
<p class="meta">Datum: ${formatDate(l.date)}<br>Zaaknummer: ${escapeHtml(l.caseReference)}<br>Onderwerp: besluit op uw aanvraag${l.appliedOn ? ` van ${formatDate(l.appliedOn)}` : ''}</p>
<h1>${title}</h1>
${conceptNotice}
<p>${escapeHtml(salutation(a))}</p>
<p>U heeft ondersteuning aangevraagd. Wij hebben uw aanvraag onderzocht, samen met u besproken wat u zelf, met uw netwerk of met een algemene voorziening kunt doen, en hebben het volgende besloten.</p>
${granted.length ? `<h2>Wat u krijgt</h2><ul>${granted.map(lineItem).join('')}</ul><p>U ontvangt deze ondersteuning als ${l.deliveryForm === 'pgb' ? 'persoonsgebonden budget (pgb)' : 'zorg in natura: een gecontracteerde aanbieder levert de ondersteuning'}.${granted.some((x) => !x.providerName) && l.deliveryForm === 'zin' ? ' Wij laten u weten welke aanbieder de ondersteuning levert als dat nog niet in deze brief staat.' : ''}</p>` : ''}
${refused.length ? `<h2>Wat u niet krijgt</h2><ul>${refused.map((x) => `<li><b>${escapeHtml(x.productName)}</b>: ${escapeHtml(x.refusalReason ?? '')}</li>`).join('')}</ul>` : ''}
${cakParagraph(l.lines, l.letterhead.cakMonthlyCents)}
<p>Dit besluit is genomen op grond van de Wet maatschappelijke ondersteuning 2015 (artikel 2.3.5) en de verordening maatschappelijke ondersteuning van de gemeente.</p>
<h2>Bent u het niet eens met dit besluit?</h2>
<p>Dan kunt u binnen zes weken na de dag van verzending van deze brief bezwaar maken (artikel 6:7 en 6:8 Algemene wet bestuursrecht). Stuur een brief met uw naam en adres, de datum, het besluit waartegen u bezwaar maakt en waarom, en uw handtekening, aan het college van burgemeester en wethouders. Wilt u niet wachten op de beslissing op uw bezwaar, dan kunt u de voorzieningenrechter van de rechtbank vragen om een voorlopige voorziening.</p>
${signature}
</main></body></html>`;
}
