import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001): migrations never import application code.
//
// The batch writer of reads' processing-log records (audit.batch.ts) wrote one transaction per
// municipality. With 31 municipalities under load a batch held little more than one request, so every
// read paid for a transaction of its own again (issue #17). A batch now holds the records of every
// municipality that has some waiting, in one transaction; written statement by statement that is two
// round trips per municipality, and a read waits for its batch's commit before its answer goes out.
//
// audit_log_insert_groups(groups) writes such a batch in one statement: a JSON array of
// `{ "tenant_id": …, "processings": [ … ] }`, each `processings` as audit_log_insert (0059) reads it.
// Per group it first pins that group's municipality for the rest of the transaction
// (`koers.tenant_id`, as `pinTenant` does), then writes the group's records with audit_log_insert.
// Row-level security therefore checks every record against its own group's municipality: a record
// whose tenant_id is not its group's is refused, and the whole batch with it. The function runs with
// the caller's rights (SECURITY INVOKER): the role must already be the application role, and a
// municipality it pins is one the caller could pin itself, so it adds no right. It answers how many
// records it wrote.

const APP_ROLE = 'koers_app';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function audit_log_insert_groups(groups text) returns integer language plpgsql volatile as $$
    declare
      g record;
      written integer := 0;
    begin
      for g in select e.tenant_id, e.processings from jsonb_to_recordset(groups::jsonb) as e(tenant_id text, processings jsonb) loop
        if g.tenant_id is null or g.tenant_id !~ '^GM[0-9]{4}$' then
          raise exception 'audit_log_insert_groups: invalid tenant id %', coalesce(g.tenant_id, 'null');
        end if;
        perform set_config('koers.tenant_id', g.tenant_id, true);
        written := written + audit_log_insert(g.processings::text, false);
      end loop;
      return written;
    end
    $$
  `.execute(db);
  await sql`revoke all on function audit_log_insert_groups(text) from public`.execute(db);
  await sql.raw(`grant execute on function audit_log_insert_groups(text) to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
