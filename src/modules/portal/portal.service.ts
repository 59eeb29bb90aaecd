// The resident's own data in the portal /mijn. Every function runs in the portal's unit of work
// (`withResident`: tenant and resident pinned, so the database shows this resident's rows only) and
// reads through the services of the modules that own the data; each read the resident receives is
// audited there, with the resident as actor (Logboek Dataverwerkingen).

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { todayInAmsterdam } from '../../platform/time.js';
import type { CaseView } from '../cases/case.schema.js';
import { getCase, listResidentCases, residentOfCase } from '../cases/case.service.js';
import { addDocument, listCaseUploads, listResidentUploads, RESIDENT_UPLOADER } from '../documents/document.service.js';
import type { DocumentStore } from '../documents/document.store.js';
import type { ReceivedUpload } from '../documents/document.upload.js';
import { listCaseDocuments, readDocument } from '../letters/document.service.js';
import { residentIdentity } from '../residents/resident.service.js';
import { findTenantName } from '../tenants/tenant.service.js';
import { findDocumentRequestRow, insertDocumentRequest, listDocumentRequestRows } from './portal.repository.js';
import type { PortalCase, PortalCaseSummary } from './portal.schema.js';
import type { ResidentPrincipal } from './portal.session.js';
import { dateInWords, deadlineInWords, statusInWords } from './portal.words.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';
type RequestRow = Awaited<ReturnType<typeof listDocumentRequestRows>>[number];

/** The audit context of the portal: the resident is the actor (their id, role `resident`). */
export function residentAuditContext(resident: ResidentPrincipal, traceId: string, parentSpanId: string | null): AuditContext {
  return { traceId, parentSpanId, tenantId: resident.tenantId, actor: { userId: resident.residentId, username: 'inwoner', roles: ['resident'] } };
}

const isOpenRequest = (r: { due_on: string }, received: boolean, asOf: string) => !received && r.due_on >= asOf;

function caseToSummary(view: CaseView, requests: RequestRow[], received: (r: RequestRow) => boolean, asOf: string): PortalCaseSummary {
  const open = requests.filter((r) => isOpenRequest(r, received(r), asOf));
  const current = view.deadlines.current;
  return {
    id: view.id,
    reference: view.reference,
    title: view.caseType.name,
    status: statusInWords[view.status],
    open: view.status !== 'afgesloten' && view.status !== 'ingetrokken',
    deadline: deadlineInWords({
      status: view.status,
      current: current ? { kind: current.kind, dueDate: current.result.dueDate, state: current.result.status } : null,
      documentsDueOn: open.map((r) => r.due_on).sort().at(-1) ?? null,
    }),
    notifiedOn: view.notifiedOn,
    openRequests: open.length,
  };
}

/** Read: who is signed in (name and municipality); audited as a read of the resident's data. */
export async function getPortalMe(tx: Tx, ctx: AuditContext, db: Parameters<typeof findTenantName>[0], resident: ResidentPrincipal) {
  const startTime = new Date();
  const identity = await residentIdentity(tx, resident.residentId);
  if (!identity) throw new AppError('UNAUTHENTICATED', 'Wij kunnen uw gegevens niet vinden. Log opnieuw in.');
  await recordProcessing(tx, ctx, { name: 'mijn.gegevens-raadplegen', activity: 'mijn-gemeente-portaal', subjects: [{ type: 'resident', id: resident.residentId }], startTime });
  return { fullName: identity.fullName, municipality: { id: resident.tenantId, name: (await findTenantName(db, resident.tenantId)) ?? resident.tenantId } };
}

/** Command: the resident signed in (after the provider's answer); logged with the resident as actor. */
export async function recordResidentLogin(tx: Tx, ctx: AuditContext, resident: ResidentPrincipal): Promise<void> {
  await recordProcessing(tx, ctx, { name: 'mijn.inloggen', activity: 'mijn-gemeente-portaal', subjects: [{ type: 'resident', id: resident.residentId }], startTime: new Date() });
}

/** Read: every case of the resident, newest first, with its term in plain words (audited by the cases module). */
export async function listMyCases(tx: Tx, ctx: AuditContext, resident: ResidentPrincipal, asOf = todayInAmsterdam()): Promise<PortalCaseSummary[]> {
  const views = await listResidentCases(tx, ctx, resident.residentId, asOf);
  // What the resident sent answers a request made before it: one read of their documents for the whole list.
  const sent = views.length ? (await listResidentUploads(tx, ctx, resident.residentId)).filter((d) => d.uploadedBy === RESIDENT_UPLOADER) : [];
  const summaries: PortalCaseSummary[] = [];
  for (const view of views) {
    const requests = await listDocumentRequestRows(tx, view.id);
    const received = (r: RequestRow) => sent.some((d) => d.caseId === view.id && d.uploadedAt >= new Date(r.requested_at).toISOString());
    summaries.push(caseToSummary(view, requests, received, asOf));
  }
  return summaries;
}

/** Read: one case of the resident with its letters, requests for documents and what the resident sent; 404 for any other case. */
export async function getMyCase(tx: Tx, ctx: AuditContext, resident: ResidentPrincipal, caseId: string, asOf = todayInAmsterdam()): Promise<PortalCase> {
  // The database already hides other residents' cases; the check here says the same in the application.
  if ((await residentOfCase(tx, caseId)) !== resident.residentId) throw notFound('Aanvraag');
  const view = await getCase(tx, ctx, caseId, asOf);
  const letters = await listCaseDocuments(tx, ctx, caseId);
  const sent = (await listCaseUploads(tx, ctx, caseId)).filter((d) => d.uploadedBy === RESIDENT_UPLOADER);
  const requests = await listDocumentRequestRows(tx, caseId);
  const received = (r: RequestRow) => sent.some((d) => d.uploadedAt >= new Date(r.requested_at).toISOString());
  return {
    ...caseToSummary(view, requests, received, asOf),
    letters: letters.documents.map((d) => ({ id: d.id, title: d.title, createdAt: d.createdAt, size: d.size })),
    documentRequests: requests.map((r) => ({
      id: r.id,
      description: r.description,
      dueOn: r.due_on,
      dueInWords: `Stuur de documenten uiterlijk op ${dateInWords(r.due_on)}.`,
      received: received(r),
      open: isOpenRequest(r, received(r), asOf),
    })),
    sentDocuments: sent.map((d) => ({ id: d.id, fileName: d.fileName, uploadedAt: d.uploadedAt })),
  };
}

/** Read: one decision letter (PDF) of the resident, for download; audited by the letters module. 404 for any other letter. */
export async function readMyLetter(tx: Tx, ctx: AuditContext, letterId: string) {
  return readDocument(tx, ctx, letterId);
}

/** The request for documents, when it is the resident's and its term still runs; else 404 (not theirs) or 409 (term over). */
export async function openRequestOf(tx: Tx, resident: ResidentPrincipal, requestId: string, asOf = todayInAmsterdam()) {
  const row = await findDocumentRequestRow(tx, requestId);
  if (!row || row.resident_id !== resident.residentId) throw notFound('Verzoek');
  if (row.due_on < asOf) throw new AppError('CONFLICT', `De termijn voor dit verzoek is voorbij (${dateInWords(row.due_on)}). Neem contact op met de gemeente.`);
  return row;
}

/** Command: the resident sends a document for a request; it is stored with the request's case and logged (the documents module). */
export async function sendRequestedDocument(tx: Tx, ctx: AuditContext, store: DocumentStore, resident: ResidentPrincipal, input: { requestId: string; upload: ReceivedUpload; storageKey: string }) {
  const request = await openRequestOf(tx, resident, input.requestId);
  const stored = await addDocument(tx, { ...ctx, resident: true }, store, { residentId: resident.residentId, caseId: request.case_id, upload: input.upload, storageKey: input.storageKey });
  return { id: stored.id, fileName: stored.fileName, uploadedAt: stored.uploadedAt };
}

function requestRowToRequest(r: RequestRow) {
  return { id: r.id, caseId: r.case_id, description: r.description, dueOn: r.due_on, requestedAt: new Date(r.requested_at).toISOString() };
}

/** Command (staff): asks the resident for more documents on a case with a recovery term; audited. */
export async function requestDocuments(tx: Tx, ctx: Actor, input: { caseId: string; description: string; dueOn: string }, asOf = todayInAmsterdam()): Promise<{ id: string }> {
  const startTime = new Date();
  const residentId = await residentOfCase(tx, input.caseId);
  if (!residentId) throw notFound('Zaak');
  if (input.dueOn < asOf) throw new AppError('VALIDATION_FAILED', 'De invoer is niet geldig. Controleer de gemarkeerde velden.', [{ field: 'dueOn', message: 'De hersteltermijn moet vandaag of later eindigen.' }]);
  const row = await insertDocumentRequest(tx, { tenantId: ctx.tenantId, caseId: input.caseId, residentId, description: input.description, dueOn: input.dueOn, requestedBy: ctx.actorId });
  await recordProcessing(tx, ctx, { name: 'verzoek-aanvulling.versturen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime });
  return row;
}

/** Read (staff): the requests for documents on a case; audited. */
export async function listDocumentRequests(tx: Tx, ctx: AuditContext, caseId: string) {
  const startTime = new Date();
  const residentId = await residentOfCase(tx, caseId);
  if (!residentId) throw notFound('Zaak');
  const rows = await listDocumentRequestRows(tx, caseId);
  await recordProcessing(tx, ctx, { name: 'verzoeken-aanvulling.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime });
  return rows.map(requestRowToRequest);
}
