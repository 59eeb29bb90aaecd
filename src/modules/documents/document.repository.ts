import type { Insertable } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { DocumentTable } from './document.tables.js';

/** The resident an uploaded document is about, or undefined when it does not exist (here). */
export async function findUploadResidentId(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('documents').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id;
}

export async function insertUpload(tx: Tx, row: Insertable<DocumentTable>): Promise<{ id: string }> {
  return tx.insertInto('documents').values(row).returning('id').executeTakeFirstOrThrow();
}

function selectUploads(tx: Tx) {
  return tx
    .selectFrom('documents as d')
    // A left join: a document the resident uploaded in the portal has no employee (0048).
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'd.uploaded_by').onRef('u.tenant_id', '=', 'd.tenant_id'))
    .select(['d.id', 'd.resident_id', 'd.case_id', 'd.kind', 'd.retention_class', 'd.file_name', 'd.media_type', 'd.size', 'd.sha256', 'd.storage_key', 'd.uploaded_at', 'd.uploaded_by_resident', 'u.display_name as uploaded_by_name']);
}

export type UploadRow = Awaited<ReturnType<typeof findUploadRow>> & object;

export async function findUploadRow(tx: Tx, id: string) {
  return selectUploads(tx).where('d.id', '=', id).executeTakeFirst();
}

/** A case's uploaded documents, newest first. */
export async function listCaseUploadRows(tx: Tx, caseId: string) {
  return selectUploads(tx).where('d.case_id', '=', caseId).orderBy('d.uploaded_at', 'desc').orderBy('d.id').execute();
}

/** Every uploaded document of a resident (on the file and with their cases), newest first. */
export async function listResidentUploadRows(tx: Tx, residentId: string) {
  return selectUploads(tx).where('d.resident_id', '=', residentId).orderBy('d.uploaded_at', 'desc').orderBy('d.id').execute();
}

/** Which of these storage keys still have a row (in the transaction's tenant). */
export async function existingStorageKeys(tx: Tx, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await tx.selectFrom('documents').select('storage_key').where('storage_key', 'in', keys).execute();
  return new Set(rows.map((r) => r.storage_key));
}
