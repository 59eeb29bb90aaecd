import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from '../tenancy.js';

// Frozen once released (see 0001). A read request (a GET) keeps its processing-log records until it
// ends. If its transaction changed nothing, the records go to the batch writer (audit.batch.ts) after
// the commit; if it did change something, they must be written in that transaction, so data and log
// entry commit together. Asking "changed anything?" was a statement of its own, then the commit another:
// two round trips at the end of every read (issue #17).
//
// audit_log_insert(records, only_if_changed) writes a batch of records given as one JSON array (the
// rows of insertAuditRecordBatch). With only_if_changed it writes them only when the transaction has a
// transaction id, which it gets once it writes or locks a row, and otherwise does nothing at all: not
// even the chain's statement trigger runs. It answers how many records it wrote. A read ends with this
// one statement and its commit in one message (db/pg-round-trips.ts). It runs with the caller's rights
// (row-level security applies as to any insert), so it adds no right.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function audit_log_insert(records jsonb, only_if_changed boolean) returns integer language plpgsql volatile as $$
    declare
      written integer;
    begin
      if only_if_changed and pg_current_xact_id_if_assigned() is null then
        return 0;
      end if;
      insert into audit_log (tenant_id, trace_id, span_id, parent_span_id, name, status_code, start_time, end_time, processing_activity_id,
        data_subject_type, data_subject_id, actor_id, actor_username, actor_roles, resource_name, resource_version, attributes)
      select r.tenant_id, r.trace_id, r.span_id, r.parent_span_id, r.name, r.status_code, r.start_time, r.end_time, r.processing_activity_id,
        r.data_subject_type, r.data_subject_id, r.actor_id, r.actor_username, r.actor_roles, r.resource_name, r.resource_version, r.attributes
      from rows from (jsonb_to_recordset(records) as (tenant_id text, trace_id char(32), span_id char(16), parent_span_id char(16),
        name text, status_code text, start_time timestamptz, end_time timestamptz, processing_activity_id text, data_subject_type text,
        data_subject_id text, actor_id uuid, actor_username text, actor_roles text[], resource_name text, resource_version text, attributes jsonb))
        with ordinality as r(tenant_id, trace_id, span_id, parent_span_id, name, status_code, start_time, end_time, processing_activity_id,
          data_subject_type, data_subject_id, actor_id, actor_username, actor_roles, resource_name, resource_version, attributes, ord)
      order by r.ord;
      get diagnostics written = row_count;
      return written;
    end
    $$
  `.execute(db);
  await sql`revoke all on function audit_log_insert(jsonb, boolean) from public`.execute(db);
  await sql.raw(`grant execute on function audit_log_insert(jsonb, boolean) to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
