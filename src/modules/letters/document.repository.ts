import type { Insertable } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { CaseDocumentTable } from './letter.tables.js';

/** The resident a document is about, or undefined when it does not exist (here). */
export async function findDocumentResidentId(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('case_documents').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id;
}

export async function insertDocument(tx: Tx, row: Insertable<CaseDocumentTable>): Promise<{ id: string }> {
  return tx.insertInto('case_documents').values(row).returning('id').executeTakeFirstOrThrow();
}

/** A case's documents without their bytes, newest first, with who made them and the size. */
export async function listDocumentRows(tx: Tx, caseId: string) {
  return tx
    .selectFrom('case_documents as d')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'd.created_by').onRef('u.tenant_id', '=', 'd.tenant_id'))
    .select(['d.id', 'd.case_id', 'd.decision_id', 'd.document_request_id', 'd.kind', 'd.title', 'd.media_type', 'd.sha256', 'd.created_at', 'u.display_name as created_by_name'])
    .select((eb) => eb.fn<number>('octet_length', ['d.bytes']).as('size'))
    .where('d.case_id', '=', caseId)
    .orderBy('d.created_at', 'desc')
    .execute();
}

export async function findDocumentRow(tx: Tx, id: string) {
  return tx.selectFrom('case_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRenderFailure(tx: Tx, row: { tenant_id: string; decision_id: string; error: string }): Promise<void> {
  await tx.insertInto('letter_render_failures').values(row).execute();
}

/**
 * Final (approved) decisions of the case without a stored letter, with the last failure to print
 * one, if any: the letters staff still wait for or must make again.
 */
export async function listMissingLetters(tx: Tx, caseId: string) {
  return tx
    .selectFrom('decisions as d')
    .select(['d.id'])
    .select((eb) =>
      eb
        .selectFrom('letter_render_failures as f')
        .select('f.error')
        .whereRef('f.decision_id', '=', 'd.id')
        .orderBy('f.failed_at', 'desc')
        .limit(1)
        .as('last_error'),
    )
    .where('d.case_id', '=', caseId)
    .where('d.status', '=', 'approved')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_documents as c').select('c.id').whereRef('c.decision_id', '=', 'd.id'))))
    .orderBy('d.created_at')
    .execute();
}

/** The requests for documents of a case that have their letter stored. */
export async function listRequestIdsWithLetter(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx.selectFrom('case_documents').select('document_request_id').where('case_id', '=', caseId).where('document_request_id', 'is not', null).execute();
  return rows.map((r) => r.document_request_id!);
}

export async function findRequestLetterId(tx: Tx, documentRequestId: string): Promise<string | undefined> {
  return (await tx.selectFrom('case_documents').select('id').where('document_request_id', '=', documentRequestId).executeTakeFirst())?.id;
}
