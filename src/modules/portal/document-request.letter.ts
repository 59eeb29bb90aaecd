// The letter "Verzoek om aanvullende gegevens" (Awb 4:5): when staff ask for documents, or the intake of
// bijzondere bijstand finds something missing, Koers prints a letter for that request to PDF and stores it
// with the case (kind `request_letter`, one per request), so the resident finds it in "Mijn aanvragen" and
// staff in the case's documents. It names what is missing, the hersteltermijn in words, that the decision
// term stands still meanwhile (Awb 4:15) and that the application may be left undecided when nothing
// arrives (Awb 4:5, buiten behandeling). Printed after the commit (see `queueCaseLetters`): a failure loses
// nothing, the request stays, and the next request on the case makes every letter that is still missing.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { todayInAmsterdam } from '../../platform/time.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { caseForLetter } from '../cases/case.service.js';
import { LETTER_CSS, letterheadBlock, type LetterHead } from '../decisions/decision.letter-html.js';
import { queueCaseLetters, requestsWithLetter, storeCaseLetter, type CaseLetter, type LetterLog } from '../letters/document.service.js';
import { currentLetterhead } from '../letters/letterhead.service.js';
import { fullName } from '../residents/resident.names.js';
import { residentForMessage } from '../residents/resident.service.js';
import { findTenantName } from '../tenants/tenant.service.js';
import { listDocumentRequestRows } from './portal.repository.js';
import { dateInWords } from './portal.words.js';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface RequestLetterInput {
  letterhead: LetterHead;
  to: { fullName: string; address: string; postcodeCity: string };
  caseReference: string;
  caseTypeName: string;
  /** The day the resident applied (or reported), yyyy-mm-dd. */
  appliedOn: string;
  /** What is missing, as staff or the intake wrote it. */
  description: string;
  /** The hersteltermijn: the last day to send the documents, yyyy-mm-dd. */
  dueOn: string;
  /** The letter's date, yyyy-mm-dd. */
  date: string;
}

export const requestLetterTitle = (caseReference: string, date: string): string => `Verzoek om aanvullende gegevens ${caseReference} ${date}`;

/** What is missing as a list: the intake writes "…nodig: a; b; c." (its intro, then one item each); free text is one item. */
export function missingItems(description: string): { intro: string; items: string[] } {
  const text = description.trim();
  const colon = text.indexOf(':');
  const parts = colon >= 0 ? text.slice(colon + 1).split(';').map((p) => p.trim().replace(/\.$/, '')).filter((p) => p.length > 0) : [];
  return parts.length > 0 ? { intro: text.slice(0, colon + 1), items: parts } : { intro: 'Wij hebben nog nodig:', items: [text] };
}

/** The letter as a complete HTML page on the municipality's letterhead (house style of the decision letters). */
export function requestLetterHtml(l: RequestLetterInput): string {
  const { intro, items } = missingItems(l.description);
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(requestLetterTitle(l.caseReference, l.date))}</title>
<style>${LETTER_CSS}</style></head>
<body>
${letterheadBlock(l.letterhead)}
<p>${escapeHtml(l.to.fullName)}<br>${escapeHtml(l.to.address)}<br>${escapeHtml(l.to.postcodeCity)}</p>
<p class="meta">Datum: ${dateInWords(l.date)}<br>Zaaknummer: ${escapeHtml(l.caseReference)}<br>Onderwerp: uw aanvraag ${escapeHtml(l.caseTypeName.toLowerCase())} van ${dateInWords(l.appliedOn)}</p>
<h1>Verzoek om aanvullende gegevens</h1>
<p>U heeft een aanvraag gedaan: ${escapeHtml(l.caseTypeName.toLowerCase())}. Om op uw aanvraag te kunnen beslissen, hebben wij meer gegevens van u nodig.</p>
<h2>Wat wij nog nodig hebben</h2>
<p>${escapeHtml(intro)}</p>
<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>
<h2>Wanneer moeten wij het hebben?</h2>
<p>Stuur de gegevens uiterlijk op <strong>${dateInWords(l.dueOn)}</strong>. U kunt ze sturen via Mijn gemeente: log in met DigiD, kies "Mijn aanvragen" en dan deze aanvraag. U kunt de gegevens ook afgeven bij de gemeente. Zet het zaaknummer ${escapeHtml(l.caseReference)} erbij.</p>
<h2>De termijn voor ons besluit staat stil</h2>
<p>Zolang wij op uw gegevens wachten, staat de termijn waarin wij moeten beslissen stil. Die termijn loopt weer vanaf de dag waarop wij uw gegevens hebben ontvangen, of vanaf de dag na ${dateInWords(l.dueOn)} als wij niets hebben ontvangen (artikel 4:15 Algemene wet bestuursrecht).</p>
<h2>Wat gebeurt er als wij niets ontvangen?</h2>
<p>Hebben wij de gegevens op ${dateInWords(l.dueOn)} niet, of niet helemaal? Dan kunnen wij besluiten uw aanvraag niet te behandelen (buiten behandeling stellen, artikel 4:5 Algemene wet bestuursrecht). Wij kijken dan niet of u recht heeft op wat u vroeg. Over dat besluit krijgt u een brief. Lukt het u niet om de gegevens op tijd te sturen? Neem dan vóór die datum contact met ons op.</p>
<p>Tegen deze brief kunt u geen bezwaar maken: het is nog geen besluit. Tegen het besluit dat wij later nemen, kunt u wel bezwaar maken.</p>
<p>Met vriendelijke groet,<br>namens het college van burgemeester en wethouders,<br>${escapeHtml(l.letterhead.name)}</p>
</body></html>`;
}

/** The letters of the case's requests for documents that have none stored yet, built from committed data (staff tenant transaction). */
async function missingRequestLetters(tx: Tx, ctx: AuditContext, caseId: string, municipality: string): Promise<{ ctx: Actor; letter: CaseLetter }[]> {
  const stored = await requestsWithLetter(tx, caseId);
  const requests = (await listDocumentRequestRows(tx, caseId)).filter((r) => !stored.has(r.id)).reverse();
  if (requests.length === 0) return [];
  const kase = (await caseForLetter(tx, caseId))!;
  const r = (await residentForMessage(tx, kase.residentId))!;
  const letterhead = await currentLetterhead(tx, municipality);
  const date = todayInAmsterdam();
  const to = {
    fullName: fullName(r.givenName, r.surnamePrefix, r.familyName),
    address: `${r.street} ${r.houseNumber}${r.houseLetter ?? ''}${r.houseNumberAddition ? `-${r.houseNumberAddition}` : ''}`,
    postcodeCity: `${r.postcode} ${r.city}`,
  };
  return requests.map((request) => ({
    // Stored in the name of the employee who made the request (for the e-service: the intake's consultant).
    ctx: { ...ctx, actorId: request.requested_by },
    letter: {
      caseId,
      residentId: kase.residentId,
      documentRequestId: request.id,
      title: requestLetterTitle(kase.reference, date),
      html: requestLetterHtml({ letterhead, to, caseReference: kase.reference, caseTypeName: kase.typeName, appliedOn: kase.appliedOn ?? kase.notifiedOn, description: request.description, dueOn: request.due_on, date }),
    },
  }));
}

/**
 * After the commit that made a request for documents (staff, or the intake of bijzondere bijstand): print and
 * store, in the background, the letter of every request of the case that has none yet. Each is stored with
 * its audit record (`verzoekbrief.opslaan`); a failure is logged and the request stays as it is.
 */
export function queueRequestLetters(db: Kysely<DB>, ctx: AuditContext, caseId: string, log: LetterLog): void {
  queueCaseLetters(
    db,
    async () => {
      const municipality = (await findTenantName(db, ctx.tenantId)) ?? ctx.tenantId;
      return withTenant(db, ctx.tenantId, (tx) => missingRequestLetters(tx, ctx, caseId, municipality));
    },
    log,
  );
}

/**
 * Command: makes now (not in the background) the letters of the case's requests that have none, e.g. after
 * printing failed; runs outside any transaction of the caller. Without Chromium: 503 with a Dutch message.
 */
export async function makeMissingRequestLetters(db: Kysely<DB>, ctx: AuditContext, caseId: string): Promise<{ ids: string[] }> {
  const municipality = (await findTenantName(db, ctx.tenantId)) ?? ctx.tenantId;
  const jobs = await withTenant(db, ctx.tenantId, (tx) => missingRequestLetters(tx, ctx, caseId, municipality));
  const ids: string[] = [];
  for (const job of jobs) ids.push((await storeCaseLetter(db, job.ctx, job.letter)).id);
  return { ids };
}
