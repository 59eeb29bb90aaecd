import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Controls on decisions and allocations:
// - volume_bounds: the highest sane volume per unit and frequency (an hour a week has at most 168),
//   the same for every municipality because it is physics, not policy; read-only for the app.
// - decisions may be withdrawn while they wait for approval, so several can wait in one case.
// - allocation_changes: a change that raises the cost too much waits for a team lead's approval
//   (four eyes, as a new decision) before it touches segments and commitments.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

/** [unit, frequency, max volume, Dutch name of "unit per frequency"]. */
const BOUNDS: [string, string, number, string][] = [
  ['minute', 'per_day', 1440, 'minuten per dag'],
  ['minute', 'per_week', 10080, 'minuten per week'],
  ['minute', 'per_month', 44640, 'minuten per maand'],
  ['minute', 'total', 527040, 'minuten in totaal'],
  ['hour', 'per_day', 24, 'uur per dag'],
  ['hour', 'per_week', 168, 'uur per week'],
  ['hour', 'per_month', 744, 'uur per maand'],
  ['hour', 'total', 8784, 'uur in totaal'],
  ['day_part', 'per_day', 3, 'dagdelen per dag'],
  ['day_part', 'per_week', 21, 'dagdelen per week'],
  ['day_part', 'per_month', 93, 'dagdelen per maand'],
  ['day_part', 'total', 1098, 'dagdelen in totaal'],
  ['day', 'per_day', 1, 'dag per dag'],
  ['day', 'per_week', 7, 'dagen per week'],
  ['day', 'per_month', 31, 'dagen per maand'],
  ['day', 'total', 366, 'dagen in totaal'],
  ['piece', 'per_day', 20, 'stuks per dag'],
  ['piece', 'per_week', 140, 'stuks per week'],
  ['piece', 'per_month', 620, 'stuks per maand'],
  ['piece', 'total', 5000, 'stuks in totaal'],
  ['euro', 'per_day', 1000, 'euro per dag'],
  ['euro', 'per_week', 7000, 'euro per week'],
  ['euro', 'per_month', 30000, 'euro per maand'],
  ['euro', 'total', 250000, 'euro in totaal'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table volume_bounds (
      unit text not null check (unit in ('minute', 'hour', 'day_part', 'day', 'piece', 'euro')),
      frequency text not null check (frequency in ('per_day', 'per_week', 'per_month', 'total')),
      max_volume numeric(14, 4) not null check (max_volume > 0),
      label text not null,
      primary key (unit, frequency)
    )
  `.execute(db);
  for (const [unit, frequency, max, label] of BOUNDS) {
    await sql`insert into volume_bounds (unit, frequency, max_volume, label) values (${unit}, ${frequency}, ${max}, ${label})`.execute(db);
  }
  await sql.raw(`grant select on volume_bounds to ${APP_ROLE}`).execute(db);

  await sql`alter table decisions drop constraint decisions_status_check`.execute(db);
  await sql`alter table decisions add constraint decisions_status_check check (status in ('pending_approval', 'approved', 'withdrawn'))`.execute(db);
  await sql`alter table decisions add column withdrawn_by uuid`.execute(db);
  await sql`alter table decisions add column withdrawn_at timestamptz`.execute(db);
  await sql`alter table decisions add constraint decisions_withdrawn_by_fkey foreign key (tenant_id, withdrawn_by) references users (tenant_id, id)`.execute(db);
  await sql`alter table decisions add constraint decisions_withdrawn check ((status = 'withdrawn') = (withdrawn_by is not null and withdrawn_at is not null))`.execute(db);

  await sql`
    create table allocation_changes (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      allocation_id uuid not null,
      resident_id uuid not null,
      effective_from date not null,
      volume numeric(14, 4) check (volume >= 0),
      end_date date,
      reason text not null,
      status text not null check (status in ('pending_approval', 'approved', 'withdrawn')),
      expected_annual_cents bigint not null,
      increase_cents bigint not null,
      requested_by uuid not null,
      requested_at timestamptz not null default now(),
      decided_by uuid,
      decided_at timestamptz,
      primary key (tenant_id, id),
      foreign key (tenant_id, allocation_id) references allocations (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, requested_by) references users (tenant_id, id),
      foreign key (tenant_id, decided_by) references users (tenant_id, id),
      check (volume is not null or end_date is not null),
      check ((status = 'pending_approval') = (decided_by is null)),
      check (status <> 'approved' or decided_by <> requested_by)
    )
  `.execute(db);
  // At most one change waits per allocation: the next one builds on what is decided.
  await sql`create unique index allocation_changes_one_pending on allocation_changes (tenant_id, allocation_id) where status = 'pending_approval'`.execute(db);
  await isolateTenant(db, 'allocation_changes', 'select, insert, update');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
