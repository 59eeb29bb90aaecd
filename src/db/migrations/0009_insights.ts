import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Steering information: provider declarations (the realised
// cost), KPI targets per year, monthly KPI aggregates with their refresh bookkeeping, and the
// monthly steering report (sturingsgesprek) with its mini-BRAP explanations and action points.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // A provider's claim against an allocation for one month (iWmo 303-like): the realised cost.
  await sql`
    create table declarations (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      allocation_id uuid not null,
      month date not null check (extract(day from month) = 1),
      cents bigint not null,
      received_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, allocation_id) references allocations (tenant_id, id)
    )
  `.execute(db);
  await sql`create index declarations_month on declarations (tenant_id, month)`.execute(db);
  await sql`create index declarations_allocation on declarations (tenant_id, allocation_id)`.execute(db);
  await isolateTenant(db, 'declarations', 'select, insert');

  await sql`
    create table kpi_targets (
      tenant_id text not null references tenants(id),
      kpi_id text not null,
      year integer not null check (year between 2000 and 2100),
      target numeric(14, 4) not null,
      set_by uuid not null,
      set_at timestamptz not null default now(),
      primary key (tenant_id, kpi_id, year),
      foreign key (tenant_id, set_by) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'kpi_targets', 'select, insert, update');

  // One row per KPI, month, breakdown (product category, budget line or '') and scope (an area
  // code, '-' for residents without an area, or 'total'). Raw sums: suppression happens on read.
  await sql`
    create table kpi_values (
      tenant_id text not null,
      kpi_id text not null,
      month date not null,
      breakdown text not null default '',
      scope text not null,
      numerator numeric(20, 4) not null,
      denominator numeric(20, 4) not null,
      subjects integer not null,
      primary key (tenant_id, kpi_id, month, breakdown, scope)
    )
  `.execute(db);
  await sql`create index kpi_values_month on kpi_values (tenant_id, month)`.execute(db);
  await isolateTenant(db, 'kpi_values', 'select, insert, delete');

  // Which months need recomputing, and when each was last computed.
  await sql`
    create table kpi_months (
      tenant_id text not null references tenants(id),
      month date not null,
      dirty boolean not null default true,
      refreshed_at timestamptz,
      primary key (tenant_id, month)
    )
  `.execute(db);
  await isolateTenant(db, 'kpi_months', 'select, insert, update');

  // Change detection: per source table the moment up to which changes have been seen (or a fingerprint).
  await sql`
    create table kpi_sources (
      tenant_id text not null references tenants(id),
      source text not null,
      seen_until timestamptz,
      fingerprint text,
      checked_at timestamptz not null default now(),
      primary key (tenant_id, source)
    )
  `.execute(db);
  await isolateTenant(db, 'kpi_sources', 'select, insert, update');

  await sql`
    create table steering_reports (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      domain text not null check (domain in ('wmo', 'jeugd', 'pw')),
      month date not null check (extract(day from month) = 1),
      snapshot jsonb not null,
      generated_by uuid not null,
      generated_at timestamptz not null default now(),
      finalised_by uuid,
      finalised_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, domain, month),
      foreign key (tenant_id, generated_by) references users (tenant_id, id),
      foreign key (tenant_id, finalised_by) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'steering_reports', 'select, insert, update');

  await sql`
    create table steering_report_explanations (
      tenant_id text not null,
      report_id uuid not null,
      budget_line_code text not null,
      explanation text not null,
      written_by uuid not null,
      written_at timestamptz not null default now(),
      primary key (tenant_id, report_id, budget_line_code),
      foreign key (tenant_id, report_id) references steering_reports (tenant_id, id),
      foreign key (tenant_id, budget_line_code) references budget_lines (tenant_id, code),
      foreign key (tenant_id, written_by) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'steering_report_explanations', 'select, insert, update');

  await sql`
    create table action_points (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      domain text not null check (domain in ('wmo', 'jeugd', 'pw')),
      text text not null check (length(btrim(text)) >= 3),
      owner text not null check (length(btrim(owner)) >= 2),
      status text not null default 'open' check (status in ('open', 'in_progress', 'done', 'cancelled')),
      agreed_in_report_id uuid not null,
      followed_up_in_report_id uuid,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, agreed_in_report_id) references steering_reports (tenant_id, id),
      foreign key (tenant_id, followed_up_in_report_id) references steering_reports (tenant_id, id),
      foreign key (tenant_id, created_by) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index action_points_domain on action_points (tenant_id, domain)`.execute(db);
  await isolateTenant(db, 'action_points', 'select, insert, update');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
