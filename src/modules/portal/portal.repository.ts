import type { Tx } from '../../db/tenancy.js';

// Sessions of residents, the municipality's OpenID Connect settings and requests for documents
// (migration 0048). Every query runs in a tenant transaction; in the portal's own unit of work the
// resident is pinned too, so these tables show that resident's rows only (docs/resident-portal.md).

export async function insertResidentSession(tx: Tx, row: { tenantId: string; tokenHash: string; residentId: string; now: Date; expiresAt: Date }): Promise<void> {
  await tx
    .insertInto('resident_sessions')
    .values({ tenant_id: row.tenantId, token_hash: row.tokenHash, resident_id: row.residentId, created_at: row.now, last_seen_at: row.now, expires_at: row.expiresAt })
    .execute();
}

export async function findResidentSession(tx: Tx, tokenHash: string) {
  return tx.selectFrom('resident_sessions').select(['resident_id', 'created_at', 'expires_at', 'last_seen_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchResidentSession(tx: Tx, tokenHash: string, now: Date): Promise<void> {
  await tx.updateTable('resident_sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteResidentSession(tx: Tx, tokenHash: string): Promise<void> {
  await tx.deleteFrom('resident_sessions').where('token_hash', '=', tokenHash).execute();
}

/** Sessions past their absolute end or idle too long: removed whenever a resident signs in. */
export async function deleteEndedResidentSessions(tx: Tx, now: Date, idleSince: Date): Promise<void> {
  await tx.deleteFrom('resident_sessions').where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleSince)])).execute();
}

export async function findOidcSettings(tx: Tx) {
  return tx.selectFrom('portal_oidc_settings').select(['issuer', 'client_id', 'client_secret_env', 'scope']).executeTakeFirst();
}

export async function insertDocumentRequest(tx: Tx, row: { tenantId: string; caseId: string; residentId: string; description: string; dueOn: string; requestedBy: string }): Promise<{ id: string }> {
  return tx
    .insertInto('document_requests')
    .values({ tenant_id: row.tenantId, case_id: row.caseId, resident_id: row.residentId, description: row.description, due_on: row.dueOn, requested_by: row.requestedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function listDocumentRequestRows(tx: Tx, caseId: string) {
  return tx
    .selectFrom('document_requests')
    .select(['id', 'case_id', 'resident_id', 'description', 'due_on', 'requested_by', 'requested_at'])
    .where('case_id', '=', caseId)
    .orderBy('requested_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function findDocumentRequestRow(tx: Tx, id: string) {
  return tx.selectFrom('document_requests').select(['id', 'case_id', 'resident_id', 'description', 'due_on', 'requested_at']).where('id', '=', id).executeTakeFirst();
}
