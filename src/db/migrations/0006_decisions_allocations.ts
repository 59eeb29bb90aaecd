import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Decisions (beschikkingen) with their lines, four-eyes approval,
// allocations (toewijzingen) to providers as segments whose change history is kept, and the
// commitments (verplichtingen) they create per budget year.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // Per-municipality settings, such as the four-eyes threshold for decisions.
  await sql`
    create table settings (
      tenant_id text not null references tenants(id),
      key text not null,
      value text not null,
      primary key (tenant_id, key)
    )
  `.execute(db);
  await isolateTenant(db, 'settings', 'select, insert, update');

  await sql`
    create table decisions (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      resident_id uuid not null,
      delivery_form text not null check (delivery_form in ('zin', 'pgb')),
      status text not null check (status in ('pending_approval', 'approved')),
      expected_annual_cents bigint not null check (expected_annual_cents >= 0),
      requires_approval boolean not null,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      approved_by uuid,
      approved_at timestamptz,
      primary key (tenant_id, id),
      foreign key (tenant_id, case_id) references cases (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, created_by) references users (tenant_id, id),
      foreign key (tenant_id, approved_by) references users (tenant_id, id),
      check (approved_by is null or approved_by <> created_by)
    )
  `.execute(db);
  await isolateTenant(db, 'decisions', 'select, insert, update');

  await sql`
    create table decision_lines (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      decision_id uuid not null,
      product_id uuid not null,
      outcome text not null check (outcome in ('granted', 'refused')),
      period_start date not null,
      period_end date not null,
      volume integer check (volume >= 0),
      frequency text check (frequency in ('per_day', 'per_week', 'per_month', 'total')),
      refusal_reason text,
      primary key (tenant_id, id),
      foreign key (tenant_id, decision_id) references decisions (tenant_id, id),
      foreign key (tenant_id, product_id) references products (tenant_id, id),
      check (period_end >= period_start),
      check (outcome = 'refused' or (volume is not null and frequency is not null)),
      check (outcome = 'granted' or refusal_reason is not null)
    )
  `.execute(db);
  await isolateTenant(db, 'decision_lines', 'select, insert');

  await sql`
    create table allocations (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      decision_line_id uuid not null,
      case_id uuid not null,
      resident_id uuid not null,
      product_id uuid not null,
      provider_id uuid not null,
      unit text not null check (unit in ('minute', 'hour', 'day_part', 'day', 'piece', 'euro')),
      budget_line_code text not null,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, decision_line_id),
      foreign key (tenant_id, decision_line_id) references decision_lines (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, product_id) references products (tenant_id, id),
      foreign key (tenant_id, budget_line_code) references budget_lines (tenant_id, code)
    )
  `.execute(db);
  await sql`create index allocations_resident on allocations (tenant_id, resident_id)`.execute(db);
  // UPDATE only so a change can lock the row (select … for update); no column is ever updated.
  await isolateTenant(db, 'allocations', 'select, insert, update');

  // The terms of an allocation over time: a change supersedes segments and adds new ones.
  await sql`
    create table allocation_segments (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      allocation_id uuid not null,
      volume numeric(14, 4) not null check (volume >= 0),
      frequency text not null check (frequency in ('per_day', 'per_week', 'per_month', 'total')),
      start_date date not null,
      end_date date not null,
      reason text not null,
      recorded_by uuid not null,
      recorded_at timestamptz not null default now(),
      superseded_at timestamptz,
      primary key (tenant_id, id),
      foreign key (tenant_id, allocation_id) references allocations (tenant_id, id),
      check (end_date >= start_date)
    )
  `.execute(db);
  await sql`create index allocation_segments_current on allocation_segments (tenant_id, allocation_id) where superseded_at is null`.execute(db);
  await isolateTenant(db, 'allocation_segments', 'select, insert, update');

  // The commitment per budget year as it stands, and every change to it.
  await sql`
    create table allocation_commitments (
      tenant_id text not null,
      allocation_id uuid not null,
      year integer not null,
      cents bigint not null,
      primary key (tenant_id, allocation_id, year),
      foreign key (tenant_id, allocation_id) references allocations (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'allocation_commitments', 'select, insert, update, delete');

  await sql`
    create table commitment_changes (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      allocation_id uuid not null,
      year integer not null,
      delta_cents bigint not null,
      reason text not null,
      recorded_by uuid not null,
      recorded_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, allocation_id) references allocations (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'commitment_changes', 'select, insert');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
