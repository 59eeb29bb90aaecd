import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, notFound } from '../../platform/errors.js';
import { findCaseResidentId } from './case.repository.js';
import { insertCaseNote, listCaseNoteRows, type CaseNoteRow } from './case-note.repository.js';
import type { CaseNote, CreateCaseNoteInput } from './case-note.schema.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';

export function caseNoteRowToCaseNote(row: CaseNoteRow): CaseNote {
  return { id: row.id, caseId: row.case_id, body: row.body, author: { id: row.author_user_id, name: row.author_name }, createdAt: new Date(row.created_at).toISOString() };
}

async function residentOf(tx: Tx, caseId: string): Promise<string> {
  const residentId = await findCaseResidentId(tx, caseId);
  if (!residentId) throw notFound('Zaak');
  return residentId;
}

/** The notes of a case, newest first; the read is logged (the notes are about the resident). */
export async function listCaseNotes(tx: Tx, ctx: AuditContext, caseId: string): Promise<CaseNote[]> {
  const startTime = new Date();
  const residentId = await residentOf(tx, caseId);
  const rows = await listCaseNoteRows(tx, caseId);
  await recordProcessing(tx, ctx, { name: 'zaaknotities.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime, attributes: { zaakId: caseId, notities: rows.length } });
  return rows.map(caseNoteRowToCaseNote);
}

/** Adds a note to a case (append-only); the author is the signed-in employee. */
export async function addCaseNote(tx: Tx, ctx: AuditContext, input: { caseId: string; authorName: string; note: CreateCaseNoteInput }): Promise<CaseNote> {
  const startTime = new Date();
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'U bent niet ingelogd of uw sessie is verlopen.');
  const residentId = await residentOf(tx, input.caseId);
  const row = await insertCaseNote(tx, {
    tenant_id: ctx.tenantId,
    case_id: input.caseId,
    resident_id: residentId,
    body: input.note.body,
    author_user_id: ctx.actor.userId,
    author_name: input.authorName,
  });
  await recordProcessing(tx, ctx, { name: 'zaaknotitie.vastleggen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime, attributes: { zaakId: input.caseId, notitieId: row.id } });
  return caseNoteRowToCaseNote(row);
}
