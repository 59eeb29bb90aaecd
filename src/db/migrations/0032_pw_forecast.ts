import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The BUIG forecast of the Participatiewet (issue #11 §3).
//
// - pw_buig_budgets: the municipality's own BUIG amount (gebundelde uitkering, art. 69 Pw) per year, as
//   the municipality enters it from SZW's announcements (voorlopig, nader voorlopig, definitief), with a
//   note. Never changed: a new announcement is a new row, and the newest row of a year counts, so the
//   history of the figure stays visible. The change is also recorded in the admin change log.
// - pw_forecast_scenarios: a scenario (inflow and outflow changed by a percentage) with the forecast it
//   gave, saved for the steering report of a month. Append-only: what was discussed stays as it was.

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
    create table pw_buig_budgets (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      year integer not null check (year between 2000 and 2100),
      budget_cents bigint not null check (budget_cents between 0 and 100000000000000),
      stage text not null check (stage in ('voorlopig', 'nader-voorlopig', 'definitief', 'eigen-raming')),
      note text not null check (length(btrim(note)) between 1 and 1000),
      recorded_by uuid not null,
      recorded_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, recorded_by) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index pw_buig_budgets_year on pw_buig_budgets (tenant_id, year, recorded_at desc)`.execute(db);
  await isolateTenant(db, 'pw_buig_budgets', 'select, insert');

  await sql`
    create table pw_forecast_scenarios (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      month date not null check (extract(day from month) = 1),
      name text not null check (length(btrim(name)) between 1 and 200),
      inflow_percent numeric(6, 1) not null check (inflow_percent between -100 and 500),
      outflow_percent numeric(6, 1) not null check (outflow_percent between -100 and 500),
      result jsonb not null check (jsonb_typeof(result) = 'object'),
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, created_by) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index pw_forecast_scenarios_month on pw_forecast_scenarios (tenant_id, month, created_at)`.execute(db);
  await isolateTenant(db, 'pw_forecast_scenarios', 'select, insert');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
