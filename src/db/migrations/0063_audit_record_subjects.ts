import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001): migrations never import application code.
//
// One stored record per processing and kind of data subject, not one per data subject (issue #17).
//
// A name search shows 25 residents, a consultant's "my cases" one per open case: until now each such
// read wrote 25–70 rows to the processing log, each with its own chain link (row trigger, canonical
// content, SHA-256), its own index entries, row-level security check and foreign key check. Those rows
// were more than half of PostgreSQL's work in the lookup bench at province size (docs/scaling.md), and
// they differ only in the data subject: the span, the actor, the time and the activity are the same.
//
// From here on `audit_log_insert` (the records of reads, 0059, and through it the batch writer, 0060)
// stores one row per processing and subject type: its first data subject in data_subject_id as before,
// the others, in order, in the new column further_subject_ids (null when there is only one). The
// Logboek Dataverwerkingen asks for a logregel per Betrokkene; Koers still presents one per data
// subject (inzage, export, the privacy officer's search: audit.repository.ts), each with the shared
// fields of its processing, and never another data subject's id with it.
//
// The chain covers every data subject: audit_log_content gives a row with further_subject_ids the
// format 'koers-audit-v2', the v1 array with the further subjects appended. A row without them keeps
// exactly the v1 content, so every record written so far verifies as before, and so do the records of
// the write path (insertAuditRecords), which stays one row per data subject. The chain trigger and
// `koers audit verify` call audit_log_content and need no change. A record's further subjects can no
// more be changed than any other field: the log is append-only and the hash covers them.
//
// Reading by data subject: the btree audit_log_subject finds a record by its first subject, the new
// table audit_log_subjects by any further one (tenant_id, data_subject_id, record_id; its primary key is
// the index). A GIN index on the array would be smaller, but PostgreSQL does not use a condition with a
// non-leakproof operator (`&&`, `@>`) as an index condition on a table with a row-level security
// policy, so under forced RLS it would read every such record of the municipality (as with LIKE and
// pg_trgm for the name search, 0054). audit_log_subjects is kept by the database, not the application:
// an AFTER INSERT trigger on audit_log writes a record's further subjects there, with the owner's
// rights; the application role may read the table and cannot write, change or remove a row in it, so
// it cannot point a record at a resident it was not about. `koers audit verify` checks that the table
// holds exactly the further subjects of the hashed records.
//
// Adding a nullable column without a default changes no row; the CHECK is NOT VALID so that adding it
// does not read the existing rows (they are all null, and hold it).

const APP_ROLE = 'koers_app';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log add column further_subject_ids text[]`.execute(db);
  await sql`
    alter table audit_log add constraint audit_log_further_subject_ids
      check (further_subject_ids is null or (cardinality(further_subject_ids) > 0 and array_position(further_subject_ids, null) is null)) not valid
  `.execute(db);

  await sql`
    create table audit_log_subjects (
      tenant_id text not null,
      data_subject_id text not null,
      record_id uuid not null,
      primary key (tenant_id, data_subject_id, record_id)
    )
  `.execute(db);
  await sql`alter table audit_log_subjects enable row level security`.execute(db);
  await sql`alter table audit_log_subjects force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on audit_log_subjects
      using (tenant_id = current_setting('koers.tenant_id', true))
      with check (tenant_id = current_setting('koers.tenant_id', true))
  `.execute(db);
  await sql.raw(`grant select on audit_log_subjects to ${APP_ROLE}`).execute(db);
  await sql`
    create function audit_log_subjects_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % is not allowed', tg_table_name, tg_op;
    end
    $$
  `.execute(db);
  await sql`create trigger audit_log_subjects_append_only before update or delete on audit_log_subjects for each row execute function audit_log_subjects_append_only()`.execute(db);
  await sql`create trigger audit_log_subjects_no_truncate before truncate on audit_log_subjects for each statement execute function audit_log_refuse_truncate()`.execute(db);

  // With the owner's rights: the application role cannot write audit_log_subjects itself. Row-level
  // security still applies (forced): the record passed it under the same pinned municipality.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  await sql.raw(`
    create function audit_log_index_subjects() returns trigger language plpgsql security definer set search_path = pg_catalog, ${schema} as $$
    begin
      insert into ${schema}.audit_log_subjects (tenant_id, data_subject_id, record_id)
      select distinct new.tenant_id, s.id, new.id from pg_catalog.unnest(new.further_subject_ids) as s(id);
      return null;
    end
    $$
  `).execute(db);
  await sql`revoke all on function audit_log_index_subjects() from public`.execute(db);
  await sql`
    create trigger audit_log_index_subjects after insert on audit_log
      for each row when (new.further_subject_ids is not null) execute function audit_log_index_subjects()
  `.execute(db);

  // v1 exactly as 0010 wrote it for a row without further subjects.
  await sql`
    create or replace function audit_log_content(a audit_log) returns bytea language sql stable as $$
      select convert_to(case when a.further_subject_ids is null then jsonb_build_array(
        'koers-audit-v1', a.tenant_id, a.seq, a.id, a.trace_id, a.span_id, a.parent_span_id, a.name, a.status_code,
        to_char(a.start_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        to_char(a.end_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        a.processing_activity_id, a.data_subject_type, a.data_subject_id,
        a.actor_id, a.actor_username, a.actor_roles, a.resource_name, a.resource_version, a.attributes
      ) else jsonb_build_array(
        'koers-audit-v2', a.tenant_id, a.seq, a.id, a.trace_id, a.span_id, a.parent_span_id, a.name, a.status_code,
        to_char(a.start_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        to_char(a.end_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        a.processing_activity_id, a.data_subject_type, a.data_subject_id,
        a.actor_id, a.actor_username, a.actor_roles, a.resource_name, a.resource_version, a.attributes,
        a.further_subject_ids
      ) end::text, 'UTF8')
    $$
  `.execute(db);

  // As 0059, with the subjects of each processing grouped by type (in the order each type first
  // appears, the ids in the order given, each once): one row per group. It answers how many rows it
  // wrote (0 still means: nothing written).
  await sql`
    create or replace function audit_log_insert(processings text, only_if_changed boolean) returns integer language plpgsql volatile as $$
    declare
      written integer;
    begin
      if only_if_changed and pg_current_xact_id_if_assigned() is null then
        return 0;
      end if;
      insert into audit_log (tenant_id, trace_id, span_id, parent_span_id, name, status_code, start_time, end_time, processing_activity_id,
        data_subject_type, data_subject_id, further_subject_ids, actor_id, actor_username, actor_roles, resource_name, resource_version, attributes)
      select p.tenant_id, p.trace_id, p.span_id, p.parent_span_id, p.name, p.status_code, p.start_time, p.end_time, p.processing_activity_id,
        g.type, g.ids[1], case when cardinality(g.ids) > 1 then g.ids[2:] end,
        p.actor_id, p.actor_username, p.actor_roles, p.resource_name, p.resource_version, p.attributes
      from rows from (jsonb_to_recordset(processings::jsonb) as (tenant_id text, trace_id char(32), span_id char(16), parent_span_id char(16),
        name text, status_code text, start_time timestamptz, end_time timestamptz, processing_activity_id text, actor_id uuid,
        actor_username text, actor_roles text[], resource_name text, resource_version text, attributes jsonb, subjects jsonb))
        with ordinality as p(tenant_id, trace_id, span_id, parent_span_id, name, status_code, start_time, end_time, processing_activity_id,
          actor_id, actor_username, actor_roles, resource_name, resource_version, attributes, subjects, ord)
      cross join lateral (
        select d.type, array_agg(d.id order by d.first) as ids, min(d.first) as first
        from (
          select s.type, s.id, min(s.ord) as first
          from rows from (jsonb_to_recordset(p.subjects) as (type text, id text)) with ordinality as s(type, id, ord)
          group by s.type, s.id
        ) d
        group by d.type
      ) g
      order by p.ord, g.first;
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
