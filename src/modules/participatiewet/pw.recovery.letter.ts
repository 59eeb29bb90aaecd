// The Participatiewet letters of this part, as printable HTML on the municipality's letterhead: the
// decision to recover (terugvordering) once a claim is established, and the decision after a
// re-examination that changes or ends a benefit. Everything from the database is escaped; each letter
// carries the objection clause (Awb 6:7, 6:8). The caller audits the read.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, notFound } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { formatCents as euro } from '../allocations/commitment.js';
import type { LetterHead } from '../decisions/decision.letter-html.js';
import { salutation } from '../decisions/decision.salutation.js';
import { currentLetterhead } from '../letters/letterhead.service.js';
import { escapeHtml } from '../programme/programme.report-html.js';
import { findTenantName } from '../tenants/tenant.service.js';
import { getClaim } from './pw.recovery.service.js';

const formatDate = (iso: string) => new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date(`${iso}T12:00:00Z`));

export const OBJECTION_CLAUSE =
  'Dan kunt u binnen zes weken na de dag van verzending van deze brief bezwaar maken (artikel 6:7 en 6:8 Algemene wet bestuursrecht). Stuur een brief met uw naam en adres, de datum, het besluit waartegen u bezwaar maakt en waarom, en uw handtekening, aan het college van burgemeester en wethouders. Wilt u niet wachten op de beslissing op uw bezwaar, dan kunt u de voorzieningenrechter van de rechtbank vragen om een voorlopige voorziening.';

export interface PwLetter {
  title: string;
  reference: string;
  subject: string;
  date: string;
  /** Paragraphs of already escaped HTML. */
  body: string[];
}

async function addressee(tx: Tx, residentId: string) {
  const r = await tx
    .selectFrom('residents')
    .select(['given_name', 'surname_prefix', 'family_name', 'gender', 'street', 'house_number', 'house_number_addition', 'postcode', 'city'])
    .where('id', '=', residentId)
    .executeTakeFirst();
  if (!r) throw notFound('Inwoner');
  return r;
}

function letterheadBlock(h: LetterHead): string {
  const logo = h.logoDataUrl ? `<img class="logo" src="${escapeHtml(h.logoDataUrl)}" alt="Logo ${escapeHtml(h.name)}">` : '';
  const contact = [h.returnAddress, h.phone ? `Telefoon ${h.phone}` : null, h.website].filter((x): x is string => Boolean(x)).map(escapeHtml);
  return `<header class="letterhead"><div><p class="sender">${escapeHtml(h.name)}</p>${contact.length ? `<p class="contact">${contact.join('<br>')}</p>` : ''}</div>${logo}</header>`;
}

/** Renders a Participatiewet letter for the resident on the current letterhead. */
export async function renderPwLetter(db: Kysely<DB>, tx: Tx, tenantId: string, residentId: string, letter: PwLetter): Promise<string> {
  const head = await currentLetterhead(tx, (await findTenantName(db, tenantId)) ?? tenantId);
  const a = await addressee(tx, residentId);
  const fullName = [a.given_name, a.surname_prefix, a.family_name].filter(Boolean).join(' ');
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(letter.title)} ${escapeHtml(letter.reference)}</title>
<style>@page{size:A4;margin:20mm 20mm 25mm}body{font-family:Arial,sans-serif;font-size:11pt;line-height:1.5;max-width:42rem;margin:2rem auto;color:#111}h1{font-size:15pt}h2{font-size:12pt;margin-bottom:0}.meta{color:#333}
.letterhead{display:flex;gap:1rem;align-items:flex-start;justify-content:space-between;margin-bottom:2rem}.logo{max-height:22mm;max-width:60mm}.sender{font-weight:bold;margin:0}.contact{margin:0;font-size:9pt;color:#333}</style></head>
<body><main>
${letterheadBlock(head)}
<p>${escapeHtml(fullName)}<br>${escapeHtml(`${a.street} ${a.house_number}${a.house_number_addition ? ` ${a.house_number_addition}` : ''}`)}<br>${escapeHtml(`${a.postcode} ${a.city}`)}</p>
<p class="meta">Datum: ${formatDate(letter.date)}<br>Kenmerk: ${escapeHtml(letter.reference)}<br>Onderwerp: ${escapeHtml(letter.subject)}</p>
<h1>${escapeHtml(letter.title)}</h1>
<p>${escapeHtml(salutation({ gender: a.gender, givenName: a.given_name, surnamePrefix: a.surname_prefix, familyName: a.family_name }))}</p>
${letter.body.map((p) => `<p>${p}</p>`).join('\n')}
<h2>Bent u het niet eens met dit besluit?</h2>
<p>${OBJECTION_CLAUSE}</p>
<p class="signature">Met vriendelijke groet,<br>namens het college van burgemeester en wethouders,</p>
</main></body></html>`;
}

/** The letter of an established claim; refused for a draft or a withdrawn claim. Audits the read. */
export async function recoveryLetterHtml(db: Kysely<DB>, tx: Tx, ctx: AuditContext, id: string): Promise<string> {
  const claim = await getClaim(tx, ctx, id, false);
  if (claim.status !== 'vastgesteld') throw new AppError('CONFLICT', 'Alleen bij een vastgestelde vordering hoort een brief.');
  const period = claim.periodFrom ? ` over de periode ${formatDate(claim.periodFrom)}${claim.periodTo && claim.periodTo !== claim.periodFrom ? ` tot en met ${formatDate(claim.periodTo)}` : ''}` : '';
  const body = [
    `U heeft${period} te veel bijstand ontvangen. Wij vorderen ${escapeHtml(euro(claim.principalCents))} van u terug.`,
    `<b>Waarom?</b> ${escapeHtml(claim.reason)}`,
    `<b>Grond:</b> ${escapeHtml(claim.groundLabel)}. Dit besluit is genomen op grond van ${escapeHtml(claim.article)}.`,
    claim.monthlyInstalmentCents > 0
      ? `<b>Hoe betaalt u terug?</b> Wij houden elke maand ${escapeHtml(euro(claim.monthlyInstalmentCents))} in op uw bijstand (verrekening), tot het bedrag is terugbetaald (verrekening, artikel 60 lid 3 en 4 Participatiewet). Het openstaande bedrag is nu ${escapeHtml(euro(claim.balanceCents))}.`
      : `<b>Hoe betaalt u terug?</b> U ontvangt van ons een betalingsregeling. Het openstaande bedrag is nu ${escapeHtml(euro(claim.balanceCents))}.`,
  ];
  await recordProcessing(tx, ctx, { name: 'terugvordering.brief', activity: 'zaakbehandeling-sociaal-domein', subjects: [{ type: 'resident', id: claim.residentId }], startTime: new Date() });
  return renderPwLetter(db, tx, ctx.tenantId, claim.residentId, {
    title: 'Besluit terugvordering bijstand',
    reference: claim.reference,
    subject: 'terugvordering van bijstand',
    date: claim.establishedAt?.slice(0, 10) ?? todayInAmsterdam(),
    body,
  });
}
