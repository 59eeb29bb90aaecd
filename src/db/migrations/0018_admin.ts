import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Administration by the functional administrator (beheerder):
// - users get a job title (functie), shown in the list of employees;
// - admin_changes: every change the administrator makes to users, teams, settings, case types and
//   budget lines, and every change of a KPI target (by policy staff or the administrator), with who, when, what and the values before and after. This is not the processing
//   log (Logboek Dataverwerkingen, about residents' data): it is the change log of configuration.
//   Rows are only added, never changed or removed.
// - user_credentials.must_change_password: set when the administrator issues a one-time password
//   (new account or reset), cleared when the employee chooses an own password. While it is set the
//   session may only read /api/me, change the password and log out.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // users.job_title (functie) came with 0017 (letters); Beheer edits it.
  await sql`
    create table admin_changes (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      section text not null check (section in ('users', 'teams', 'settings', 'case_types', 'budget_lines', 'kpi_targets')),
      subject text not null,
      action text not null,
      before jsonb,
      after jsonb,
      changed_by uuid not null,
      changed_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, changed_by) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index admin_changes_recent on admin_changes (tenant_id, section, changed_at desc)`.execute(db);
  await isolateTenant(db, 'admin_changes', 'select, insert');
  await sql`alter table user_credentials add column must_change_password boolean not null default false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table user_credentials drop column must_change_password`.execute(db);
  await sql`drop table admin_changes`.execute(db);
}
