import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Letters for a request for documents (Awb 4:5, "Verzoek om aanvullende
// gegevens"): printed to PDF like the decision letters and stored with the case in `case_documents` (0017),
// so the resident sees them in "Mijn aanvragen" and staff in the case's documents.
// - `kind` may be 'request_letter' beside 'decision_letter';
// - `document_request_id` names the request (0048) the letter belongs to: one letter per request (unique), so
//   a second request on the same case gets its own letter, and a request without a letter can be found
//   (printing failed) and the letter made again. When a request goes on its own (the last retention item of a
//   resident takes the remaining requests), the letter loses only the link (`on delete set null`), never
//   the tenant; a destroyed case takes its letters first (`retention_destroy_item`, 0048).
// The table keeps its forced row-level security and its grants (select, insert); nothing else changes.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table case_documents drop constraint case_documents_kind_check`.execute(db);
  await sql`alter table case_documents add constraint case_documents_kind_check check (kind in ('decision_letter', 'request_letter'))`.execute(db);
  await sql`alter table case_documents add column document_request_id uuid`.execute(db);
  await sql`
    alter table case_documents add constraint case_documents_request_fk
      foreign key (tenant_id, document_request_id) references document_requests (tenant_id, id) on delete set null (document_request_id)
  `.execute(db);
  await sql`alter table case_documents add constraint case_documents_request_kind check (document_request_id is null or (kind = 'request_letter' and decision_id is null))`.execute(db);
  await sql`create unique index case_documents_request on case_documents (tenant_id, document_request_id) where document_request_id is not null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
