import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The Participatiewet's shared core (issue #11): what the application,
// the payment run, the income statement and recovery all read, so that each can be built on its own.
//
// - pw_benefits gains the application it was granted on, and the bank account it is paid to.
// - pw_benefit_bases: the amounts a benefit is paid from, per month from a date (the rekenbasis). A row
//   is written by the decision, a re-examination, a change, or the half-yearly norm change, and is never
//   changed: a correction is a new row (the newest recorded row of the latest valid_from counts). The
//   payment run reads it set-based: bijstand = max(0, norm incl. VT − fixed offset − the month's
//   statement offset); the reserved vakantietoeslag = round(bijstand × basis points / 10,000).
//   The calculation (rekenblad, pw.means-test.ts) is stored with it, so it can be reproduced.
// - pw_income_statements gains the offset computed at entry (income after the exemptions, by
//   pw.income.ts), the items entered, who entered it and where it came from.
// - pw_recovery_claims and pw_recovery_entries: a claim (terugvordering art. 58, or an advance to be
//   offset) and its ledger. Entries are signed cents: the claim itself is positive, repayments,
//   offsets (verrekening in a payment run) and write-offs are negative; the balance is their sum.

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
    alter table pw_benefits
      add column case_id uuid,
      add column iban text check (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
      add column account_holder text check (length(btrim(account_holder)) between 1 and 70),
      add column end_reason text check (length(btrim(end_reason)) between 1 and 500),
      add constraint pw_benefits_case_fkey foreign key (tenant_id, case_id) references cases (tenant_id, id),
      add constraint pw_benefits_account check ((iban is null) = (account_holder is null))
  `.execute(db);
  await sql`create index pw_benefits_case on pw_benefits (tenant_id, case_id) where case_id is not null`.execute(db);

  await sql`
    create table pw_benefit_bases (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      benefit_id uuid not null,
      valid_from date not null check (extract(day from valid_from) = 1),
      norm_incl_vt_cents bigint not null check (norm_incl_vt_cents between 0 and 1000000),
      fixed_offset_cents bigint not null default 0 check (fixed_offset_cents between 0 and 10000000),
      vt_basis_points integer not null check (vt_basis_points between 0 and 10000),
      reason text not null check (reason in ('besluit', 'heronderzoek', 'wijziging', 'normwijziging', 'migratie')),
      calculation jsonb check (calculation is null or jsonb_typeof(calculation) = 'object'),
      recorded_by uuid,
      recorded_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, benefit_id) references pw_benefits (tenant_id, id),
      foreign key (tenant_id, recorded_by) references users (tenant_id, id),
      check (reason = 'migratie' or calculation is not null)
    )
  `.execute(db);
  await sql`create index pw_benefit_bases_benefit on pw_benefit_bases (tenant_id, benefit_id, valid_from desc, recorded_at desc)`.execute(db);
  await isolateTenant(db, 'pw_benefit_bases', 'select, insert');

  await sql`
    alter table pw_income_statements
      add column offset_cents bigint not null default 0 check (offset_cents between 0 and 10000000),
      add column items jsonb check (items is null or jsonb_typeof(items) = 'array'),
      add column source text not null default 'migratie' check (source in ('medewerker', 'inwoner', 'migratie')),
      add column entered_by uuid,
      add column entered_at timestamptz not null default now(),
      add constraint pw_income_statements_entered_by_fkey foreign key (tenant_id, entered_by) references users (tenant_id, id),
      add constraint pw_income_statements_offset check (offset_cents <= income_cents)
  `.execute(db);

  await sql`
    create table pw_recovery_claims (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      reference text not null,
      resident_id uuid not null,
      benefit_id uuid,
      ground text not null check (ground in ('inkomsten-niet-gemeld', 'vermogen', 'woonsituatie', 'te-veel-betaald', 'voorschot', 'overig')),
      article text not null check (length(btrim(article)) between 1 and 100),
      source text not null check (source in ('handmatig', 'inkomstenopgave', 'heronderzoek', 'betaalrun', 'voorschot', 'migratie')),
      status text not null check (status in ('concept', 'vastgesteld', 'ingetrokken')),
      principal_cents bigint not null check (principal_cents between 1 and 100000000),
      monthly_instalment_cents bigint not null default 0 check (monthly_instalment_cents between 0 and 10000000),
      period_from date,
      period_to date,
      reason text not null check (length(btrim(reason)) between 1 and 2000),
      created_by uuid,
      created_at timestamptz not null default now(),
      established_by uuid,
      established_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, reference),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, benefit_id) references pw_benefits (tenant_id, id),
      foreign key (tenant_id, created_by) references users (tenant_id, id),
      foreign key (tenant_id, established_by) references users (tenant_id, id),
      check (period_to is null or period_from is null or period_to >= period_from),
      check ((status = 'vastgesteld') <= (established_at is not null))
    )
  `.execute(db);
  await sql`create index pw_recovery_claims_resident on pw_recovery_claims (tenant_id, resident_id)`.execute(db);
  await sql`create index pw_recovery_claims_benefit on pw_recovery_claims (tenant_id, benefit_id) where status = 'vastgesteld'`.execute(db);
  await isolateTenant(db, 'pw_recovery_claims', 'select, insert, update');

  await sql`
    create table pw_recovery_entries (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      claim_id uuid not null,
      kind text not null check (kind in ('vordering', 'aflossing', 'verrekening', 'kwijtschelding', 'correctie')),
      cents bigint not null check (cents <> 0),
      booked_on date not null,
      payment_run_id uuid,
      note text check (length(note) <= 500),
      recorded_by uuid,
      recorded_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, claim_id) references pw_recovery_claims (tenant_id, id),
      foreign key (tenant_id, recorded_by) references users (tenant_id, id),
      check (case kind when 'vordering' then cents > 0 when 'correctie' then true else cents < 0 end),
      check ((kind = 'verrekening') = (payment_run_id is not null))
    )
  `.execute(db);
  await sql`create index pw_recovery_entries_claim on pw_recovery_entries (tenant_id, claim_id, booked_on)`.execute(db);
  await isolateTenant(db, 'pw_recovery_entries', 'select, insert');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
