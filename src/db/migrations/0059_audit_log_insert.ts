import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from '../tenancy.js';

// Frozen once released (see 0001). A read request (a GET) keeps its processing-log records until it
// ends. If its transaction changed nothing, the records go to the batch writer (audit.batch.ts) after
// the commit; if it did change something, they must be written in that transaction, so data and log
// entry commit together. Asking "changed anything?" was a statement of its own, then the commit another:
// two round trips at the end of every read (issue #17).
//
// audit_log_insert(processings, only_if_changed) writes the records of a batch of processings given as
// one JSON array: each processing's fields once, with its data subjects as an array (a search that
// shows 25 residents is one processing with 25 subjects, so 25 records), in the order given. With
// only_if_changed it writes them only when the transaction has a transaction id, which it gets once it
// writes or locks a row; otherwise it does nothing at all: the chain's statement trigger does not run,
// and the JSON is not even parsed (it comes as text, not jsonb, for this reason). It answers how many
// records it wrote. A read ends with this one statement and its commit in one message
// (db/pg-round-trips.ts). It runs with the caller's rights (row-level security applies as to any
// insert), so it adds no right.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function audit_log_insert(processings text, only_if_changed boolean) returns integer language plpgsql volatile as $$
    declare
      written integer;
    begin
      if only_if_changed and pg_current_xact_id_if_assigned() is null then
        return 0;
      end if;
      insert into audit_log (tenant_id, trace_id, span_id, parent_span_id, name, status_code, start_time, end_time, processing_activity_id,
        data_subject_type, data_subject_id, actor_id, actor_username, actor_roles, resource_name, resource_version, attributes)
      select p.tenant_id, p.trace_id, p.span_id, p.parent_span_id, p.name, p.status_code, p.start_time, p.end_time, p.processing_activity_id,
        s.type, s.id, p.actor_id, p.actor_username, p.actor_roles, p.resource_name, p.resource_version, p.attributes
      from rows from (jsonb_to_recordset(processings::jsonb) as (tenant_id text, trace_id char(32), span_id char(16), parent_span_id char(16),
        name text, status_code text, start_time timestamptz, end_time timestamptz, processing_activity_id text, actor_id uuid,
        actor_username text, actor_roles text[], resource_name text, resource_version text, attributes jsonb, subjects jsonb))
        with ordinality as p(tenant_id, trace_id, span_id, parent_span_id, name, status_code, start_time, end_time, processing_activity_id,
          actor_id, actor_username, actor_roles, resource_name, resource_version, attributes, subjects, ord)
      cross join lateral rows from (jsonb_to_recordset(p.subjects) as (type text, id text)) with ordinality as s(type, id, ord)
      order by p.ord, s.ord;
      get diagnostics written = row_count;
      return written;
    end
    $$
  `.execute(db);
  await sql`revoke all on function audit_log_insert(text, boolean) from public`.execute(db);
  await sql.raw(`grant execute on function audit_log_insert(text, boolean) to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
