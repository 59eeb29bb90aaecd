import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The Participatiewet norm table as data the functional administrator
// manages (issue #11): every version of a municipality's table is one row, kept for good. A correction
// or a new half year is a new version; a version is never changed or removed (koers_app may only select
// and insert), so a stored calculation can always be reproduced against the version it used.
//
// Why one jsonb document per version and not normalised tables: the table is only ever read, validated
// and fingerprinted as a whole (validateNormTable, fingerprintOf), a version must be immutable as a
// whole, and a period holds some forty amounts in nested groups (15 leefvormen incl./excl. VT, art. 22a,
// art. 23, art. 31 and 33 amounts, asset limits per year) that grow with the law; columns would need a
// migration for every new amount without making any query simpler. The service validates the document
// before it is stored; the database checks what it can see cheaply (a version number, a note).
//
// Each municipality keeps its own copy, although the national norms are the same everywhere: a tenant's
// data stays its own (forced RLS), and one municipality adding a half year changes nothing elsewhere.
// Version 1 is the table Koers ships (pw.norms.data.ts); it is stored by the demo seed, and for any
// other municipality on first use (currentNormTable), with imported_by empty (nobody imported it).

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pw_norm_tables (
      tenant_id text not null references tenants(id),
      version integer not null check (version >= 1),
      data jsonb not null check (jsonb_typeof(data) = 'object'),
      imported_by uuid,
      imported_at timestamptz not null default now(),
      note text not null check (length(btrim(note)) between 1 and 500),
      primary key (tenant_id, version),
      foreign key (tenant_id, imported_by) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'pw_norm_tables', 'select, insert');

  await sql`alter table admin_changes drop constraint admin_changes_section_check`.execute(db);
  await sql`
    alter table admin_changes add constraint admin_changes_section_check
      check (section in ('users', 'teams', 'settings', 'case_types', 'budget_lines', 'kpi_targets', 'api_tokens', 'pw_norms'))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table admin_changes drop constraint admin_changes_section_check`.execute(db);
  await sql`
    alter table admin_changes add constraint admin_changes_section_check
      check (section in ('users', 'teams', 'settings', 'case_types', 'budget_lines', 'kpi_targets', 'api_tokens'))
  `.execute(db);
  await sql`drop table pw_norm_tables`.execute(db);
}
