// Documents stored with a case. The decision letter is stored as PDF once the decision is final:
// printed after the decision's transaction has committed, in three steps so that a slow (or absent)
// Chromium never holds a database transaction: read the letter (short transaction) → print (no
// transaction) → store it with its audit record (short transaction). A failure is recorded with the
// decision, shown with the case's documents, and the letter can be made again.

import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, notFound } from '../../platform/errors.js';
import { htmlToPdf } from '../../platform/pdf.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { residentOfCase } from '../cases/case.service.js';
import { loadDecisionLetter } from '../decisions/decision.letter.js';
import { isConcept, renderDecisionLetter } from '../decisions/decision.letter-html.js';
import { residentIdColumnOf, type ResidentSubject } from '../residents/resident.guard.js';
import { findTenantName } from '../tenants/tenant.service.js';
import { findDocumentResidentId, findDocumentRow, findRequestLetterId, insertDocument, insertRenderFailure, listDocumentRows, listMissingLetters, listRequestIdsWithLetter } from './document.repository.js';
import { currentLetterhead } from './letterhead.service.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';

/** For the access guard: a route's `:id` that names a document. */
export const documentSubject: ResidentSubject = { label: 'Document', residentOf: findDocumentResidentId, residentOfQuery: (id) => residentIdColumnOf('case_documents', id) };

/** Read: a case's documents (without their contents) and the final decisions whose letter is missing; audited. */
export async function listCaseDocuments(tx: Tx, ctx: AuditContext, caseId: string) {
  const startTime = new Date();
  const residentId = await residentOfCase(tx, caseId);
  if (!residentId) throw notFound('Zaak');
  const rows = await listDocumentRows(tx, caseId);
  const missing = await listMissingLetters(tx, caseId);
  await recordProcessing(tx, ctx, { name: 'documenten.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime, attributes: { documenten: rows.length } });
  return {
    documents: rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      decisionId: r.decision_id,
      documentRequestId: r.document_request_id,
      kind: r.kind,
      title: r.title,
      mediaType: r.media_type,
      size: Number(r.size),
      sha256: r.sha256,
      createdBy: r.created_by_name,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    missingLetters: missing.map((m) => ({ decisionId: m.id, lastError: m.last_error ?? null })),
  };
}

/** Read: one document with its contents, for download; audited. */
export async function readDocument(tx: Tx, ctx: AuditContext, id: string) {
  const startTime = new Date();
  const row = await findDocumentRow(tx, id);
  if (!row) throw notFound('Document');
  await recordProcessing(tx, ctx, { name: 'document.downloaden', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime, attributes: { soort: row.kind } });
  return { title: row.title, mediaType: row.media_type, bytes: Buffer.from(row.bytes), filename: `${row.title.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '')}.pdf` };
}

/** The letter's HTML as it stands now (concept or final), for the preview; the caller audits the read. */
export async function decisionLetterHtml(db: Kysely<DB>, tx: Tx, tenantId: string, decisionId: string): Promise<string> {
  const name = (await findTenantName(db, tenantId)) ?? tenantId;
  const letter = await loadDecisionLetter(tx, decisionId, await currentLetterhead(tx, name));
  return renderDecisionLetter(letter.input);
}

/**
 * Command: prints the final decision's letter to PDF and stores it with the case (a new document;
 * earlier ones stay). Runs outside any transaction of the caller. A print failure is recorded.
 */
export async function storeDecisionLetter(db: Kysely<DB>, ctx: Actor, decisionId: string): Promise<{ id: string }> {
  const name = (await findTenantName(db, ctx.tenantId)) ?? ctx.tenantId;
  const letter = await withTenant(db, ctx.tenantId, async (tx) => loadDecisionLetter(tx, decisionId, await currentLetterhead(tx, name)));
  if (isConcept(letter.input)) throw new AppError('CONFLICT', 'Alleen van een definitieve (goedgekeurde) beschikking wordt de brief opgeslagen.');
  let pdf: Buffer;
  try {
    pdf = await htmlToPdf(renderDecisionLetter(letter.input));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await withTenant(db, ctx.tenantId, (tx) => insertRenderFailure(tx, { tenant_id: ctx.tenantId, decision_id: decisionId, error: `De brief kon niet als PDF worden gemaakt: ${reason}`.slice(0, 1000) }));
    throw error;
  }
  return withTenant(db, ctx.tenantId, async (tx) => {
    const startTime = new Date();
    const doc = await insertDocument(tx, {
      tenant_id: ctx.tenantId,
      case_id: letter.caseId,
      resident_id: letter.residentId,
      decision_id: letter.decisionId,
      kind: 'decision_letter',
      title: `Beschikking ${letter.input.caseReference} ${letter.input.date}`,
      media_type: 'application/pdf',
      bytes: pdf,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      created_by: ctx.actorId,
    });
    await recordProcessing(tx, ctx, { name: 'beschikkingsbrief.opslaan', activity: ACTIVITY, subjects: [{ type: 'resident', id: letter.residentId }], startTime });
    return doc;
  });
}

/**
 * A letter about a case that is not a Wmo/Jeugd beschikking: a decision letter (bijzondere bijstand,
 * levensonderhoud) or, with `documentRequestId`, the letter of a request for documents (one per request).
 */
export interface CaseLetter {
  caseId: string;
  residentId: string;
  title: string;
  html: string;
  documentRequestId?: string;
}

/**
 * Command: prints a case letter (see `CaseLetter`) to PDF and stores it with its case, like the decision
 * letter: printed outside any transaction, stored with its audit record in a short one. The caller renders
 * the HTML from committed data. A request's letter is stored once: a second call returns the first.
 */
export async function storeCaseLetter(db: Kysely<DB>, ctx: Actor, letter: CaseLetter): Promise<{ id: string }> {
  const pdf = await htmlToPdf(letter.html);
  return withTenant(db, ctx.tenantId, async (tx) => {
    const startTime = new Date();
    if (letter.documentRequestId) {
      const existing = await findRequestLetterId(tx, letter.documentRequestId);
      if (existing) return { id: existing };
    }
    const doc = await insertDocument(tx, {
      tenant_id: ctx.tenantId,
      case_id: letter.caseId,
      resident_id: letter.residentId,
      decision_id: null,
      document_request_id: letter.documentRequestId ?? null,
      kind: letter.documentRequestId ? 'request_letter' : 'decision_letter',
      title: letter.title,
      media_type: 'application/pdf',
      bytes: pdf,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      created_by: ctx.actorId,
    });
    await recordProcessing(tx, ctx, { name: letter.documentRequestId ? 'verzoekbrief.opslaan' : 'besluitbrief.opslaan', activity: ACTIVITY, subjects: [{ type: 'resident', id: letter.residentId }], startTime });
    return doc;
  });
}

/** After the commit: print and store a case letter in the background (see `queueDecisionLetter`). */
export function queueCaseLetter(db: Kysely<DB>, ctx: Actor, letter: CaseLetter, log: LetterLog): void {
  track(storeCaseLetter(db, ctx, letter).catch((error: unknown) => log.error({ err: error, caseId: letter.caseId }, 'case letter not stored')));
}

/**
 * After the commit: load the letters still to be made (`load`, e.g. the requests for documents of a case
 * without their letter, with who stores each) and print and store them one by one in the background. A
 * failure is logged; what it concerns stays, so the next call makes the letter that is still missing.
 */
export function queueCaseLetters(db: Kysely<DB>, load: () => Promise<{ ctx: Actor; letter: CaseLetter }[]>, log: LetterLog): void {
  track(
    (async () => {
      for (const { ctx, letter } of await load()) {
        await storeCaseLetter(db, ctx, letter).catch((error: unknown) => log.error({ err: error, caseId: letter.caseId }, 'case letter not stored'));
      }
    })().catch((error: unknown) => log.error({ err: error }, 'case letters not loaded')),
  );
}

/** For other modules: the requests for documents of a case whose letter is stored (not audited: ids only). */
export async function requestsWithLetter(tx: Tx, caseId: string): Promise<Set<string>> {
  return new Set(await listRequestIdsWithLetter(tx, caseId));
}

function track(work: Promise<unknown>): void {
  const run: Promise<unknown> = work.finally(() => inFlight.delete(run));
  inFlight.add(run);
}

export interface LetterLog {
  error(fields: object, message: string): void;
}

const inFlight = new Set<Promise<unknown>>();

/**
 * After the commit that made a decision final: print and store its letter in the background, so the
 * answer to the employee does not wait for Chromium. A failure is logged and recorded (see above).
 */
export function queueDecisionLetter(db: Kysely<DB>, ctx: Actor, decisionId: string, log: LetterLog): void {
  track(storeDecisionLetter(db, ctx, decisionId).catch((error: unknown) => log.error({ err: error, decisionId }, 'decision letter not stored')));
}

/** Resolves when every queued letter is stored or has failed (tests, shutdown). */
export async function lettersSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}
