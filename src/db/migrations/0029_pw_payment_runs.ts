import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The Participatiewet's monthly payment run (issue #11 §2).
//
// - pw_payment_runs: one run for a month (period). It is computed (status 'berekend') set-based from
//   the benefits, their rekenbasis, the income statements, the recovery claims and what was already
//   paid; reviewed; approved by someone else than who computed it (four eyes, a database check); at
//   approval its payments are booked in pw_payments, the offsets in the recovery ledger, and its
//   pain.001 file is written and stored with its SHA-256. A computed run can be withdrawn
//   ('ingetrokken'): nothing of it was booked.
//   At most one run per municipality is 'berekend' at a time (a unique partial index): a second one
//   waits for or is refused until the first is approved or withdrawn.
// - pw_payment_run_lines: what the run computed per benefit, paid or blocked (with the reason), with the
//   components of the payment model (docs/participatiewet-payments.md); pw_payment_run_offsets: which
//   established claim each line's instalments go to.
// - pw_payments gains the run, the kind (regulier, correctie, vakantietoeslag) and the components. One
//   regular payment per benefit per month and one vakantietoeslag per benefit per month are unique
//   indexes: nothing is paid twice, whatever the code does.
// - pw_recovery_entries.payment_run_id now references the run.

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
    create table pw_payment_runs (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      reference text not null check (reference ~ '^[A-Za-z0-9-]{1,24}$'),
      period date not null check (extract(day from period) = 1),
      status text not null default 'berekend' check (status in ('berekend', 'goedgekeurd', 'ingetrokken')),
      vt_month integer not null check (vt_month between 1 and 12),
      block_months integer not null check (block_months between 1 and 24),
      computed_by uuid,
      computed_at timestamptz not null default now(),
      approved_by uuid,
      approved_at timestamptz,
      withdrawn_by uuid,
      withdrawn_at timestamptz,
      payments_count integer not null default 0 check (payments_count >= 0),
      blocked_count integer not null default 0 check (blocked_count >= 0),
      total_cents bigint not null default 0 check (total_cents >= 0),
      bijstand_cents bigint not null default 0,
      vt_reserve_cents bigint not null default 0,
      vt_paid_cents bigint not null default 0 check (vt_paid_cents >= 0),
      instalments_cents bigint not null default 0 check (instalments_cents >= 0),
      execution_date date,
      message_id text check (length(message_id) between 1 and 35),
      pain_xml text,
      pain_sha256 text check (pain_sha256 ~ '^[0-9a-f]{64}$'),
      primary key (tenant_id, id),
      unique (tenant_id, reference),
      unique (tenant_id, message_id),
      foreign key (tenant_id, computed_by) references users (tenant_id, id),
      foreign key (tenant_id, approved_by) references users (tenant_id, id),
      foreign key (tenant_id, withdrawn_by) references users (tenant_id, id),
      check ((status = 'goedgekeurd') = (approved_at is not null)),
      check (status <> 'goedgekeurd' or execution_date is not null),
      check ((status = 'ingetrokken') = (withdrawn_at is not null)),
      -- Four eyes: who approves did not compute (a run computed by the system can be approved by anyone entitled).
      check (approved_by is null or computed_by is null or approved_by <> computed_by),
      check ((pain_xml is null) = (pain_sha256 is null)),
      check (pain_xml is null or status = 'goedgekeurd')
    )
  `.execute(db);
  await sql`create unique index pw_payment_runs_one_pending on pw_payment_runs (tenant_id) where status = 'berekend'`.execute(db);
  await sql`create index pw_payment_runs_period on pw_payment_runs (tenant_id, period desc, computed_at desc)`.execute(db);
  await isolateTenant(db, 'pw_payment_runs', 'select, insert, update');

  await sql`
    create table pw_payment_run_lines (
      tenant_id text not null,
      run_id uuid not null,
      benefit_id uuid not null,
      kind text not null check (kind in ('regulier', 'correctie', 'vakantietoeslag')),
      status text not null check (status in ('betalen', 'geblokkeerd')),
      block_reason text check (length(block_reason) between 1 and 200),
      bijstand_cents bigint not null default 0 check (bijstand_cents >= 0),
      offset_cents bigint not null default 0 check (offset_cents >= 0),
      vt_reserve_cents bigint not null default 0 check (vt_reserve_cents >= 0),
      instalments_cents bigint not null default 0 check (instalments_cents >= 0),
      cents bigint not null check (cents >= 0),
      iban text,
      account_holder text,
      primary key (tenant_id, run_id, benefit_id, kind),
      foreign key (tenant_id, run_id) references pw_payment_runs (tenant_id, id),
      foreign key (tenant_id, benefit_id) references pw_benefits (tenant_id, id),
      check ((status = 'geblokkeerd') = (block_reason is not null)),
      check (kind = 'vakantietoeslag' or cents = bijstand_cents - vt_reserve_cents - instalments_cents)
    )
  `.execute(db);
  await isolateTenant(db, 'pw_payment_run_lines', 'select, insert');

  // Which claim a line's instalments go to (allocated at compute, booked in the ledger at approval).
  await sql`
    create table pw_payment_run_offsets (
      tenant_id text not null,
      run_id uuid not null,
      claim_id uuid not null,
      benefit_id uuid not null,
      cents bigint not null check (cents > 0),
      primary key (tenant_id, run_id, claim_id),
      foreign key (tenant_id, run_id) references pw_payment_runs (tenant_id, id),
      foreign key (tenant_id, claim_id) references pw_recovery_claims (tenant_id, id),
      foreign key (tenant_id, benefit_id) references pw_benefits (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'pw_payment_run_offsets', 'select, insert');

  // Payments outside a run (from before runs, or taken over from another system) state only their amount:
  // the run counts their whole amount as bijstand paid for the month, nothing reserved or offset.
  await sql`
    alter table pw_payments
      add column run_id uuid,
      add column kind text not null default 'regulier' check (kind in ('regulier', 'correctie', 'vakantietoeslag')),
      add column bijstand_cents bigint not null default 0 check (bijstand_cents >= 0),
      add column offset_cents bigint not null default 0 check (offset_cents >= 0),
      add column vt_reserve_cents bigint not null default 0 check (vt_reserve_cents >= 0),
      add column instalments_cents bigint not null default 0 check (instalments_cents >= 0),
      add constraint pw_payments_run_fkey foreign key (tenant_id, run_id) references pw_payment_runs (tenant_id, id)
  `.execute(db);
  await sql`alter table pw_payments add constraint pw_payments_components check (run_id is null or kind = 'vakantietoeslag' or cents = bijstand_cents - vt_reserve_cents - instalments_cents)`.execute(db);
  await sql`create unique index pw_payments_one_regular on pw_payments (tenant_id, benefit_id, period) where kind = 'regulier'`.execute(db);
  await sql`create unique index pw_payments_one_vakantietoeslag on pw_payments (tenant_id, benefit_id, period) where kind = 'vakantietoeslag'`.execute(db);
  await sql`create index pw_payments_run on pw_payments (tenant_id, run_id) where run_id is not null`.execute(db);

  await sql`
    alter table pw_recovery_entries
      add constraint pw_recovery_entries_run_fkey foreign key (tenant_id, payment_run_id) references pw_payment_runs (tenant_id, id)
  `.execute(db);
  await sql`create unique index pw_recovery_entries_one_offset on pw_recovery_entries (tenant_id, payment_run_id, claim_id) where payment_run_id is not null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
