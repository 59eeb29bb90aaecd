import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Bijzondere bijstand (art. 35 Pw, issue #12 §2): the e-service's
// application with its automated intake, beside its case (case type PW-BB: cases and case_events carry the
// status and the 8-week term).
//
// - special_assistance_categories: the cost categories as data per municipality (what the costs are for,
//   the voorliggende voorziening to check first, whether the collective health insurance covers them,
//   the documents needed, whether the category may take the fast track). Changed by the policy staff.
// - special_assistance_applications: one row per application: what was asked (category, costs, date),
//   the household's income and vermogen as the resident gave them, the bank account, the documents given,
//   and what the intake made of it: complete on arrival or what is missing, the draagkracht calculation
//   (pw.special-assistance.capacity.ts, stored so it can be read back years later), the proposed outcome
//   with its reasons. A consultant decides (AVG art. 22: never the machine); the decision and whether it
//   followed the proposal are kept. `submission_key` makes a form posted twice one application.
// - special_assistance_drafts: a resident's form saved to continue later (the e-service); removed when sent.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;
/** As 0048: in the portal's unit of work (koers.resident_id set) only that resident's rows. */
const RESIDENT = `nullif(current_setting('koers.resident_id', true), '')`;
const OWN_ROWS = `(${RESIDENT} is null or resident_id = ${RESIDENT}::uuid)`;

async function restrictToResident(db: Kysely<unknown>, table: string): Promise<void> {
  await sql.raw(`create policy resident_portal on ${table} as restrictive for all to ${APP_ROLE} using (${OWN_ROWS}) with check (${OWN_ROWS})`).execute(db);
}

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table special_assistance_categories (
      tenant_id text not null references tenants(id),
      code text not null check (code ~ '^[a-z0-9-]{2,40}$'),
      name text not null check (length(btrim(name)) between 2 and 100),
      description text not null check (length(description) <= 1000),
      voorliggend text check (length(btrim(voorliggend)) between 2 and 300),
      collective_insurance boolean not null default false,
      fast_track boolean not null default false,
      apply_before_costs boolean not null default false,
      required_documents jsonb not null default '[]'::jsonb check (jsonb_typeof(required_documents) = 'array'),
      active boolean not null default true,
      updated_by uuid,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, code),
      foreign key (tenant_id, updated_by) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'special_assistance_categories', 'select, insert, update');

  await sql`
    create table special_assistance_applications (
      tenant_id text not null,
      case_id uuid not null,
      resident_id uuid not null,
      channel text not null check (channel in ('e-dienst', 'balie')),
      submission_key text check (submission_key ~ '^[A-Za-z0-9_-]{8,64}$'),
      category_code text not null,
      description text not null check (length(description) <= 2000),
      costs_cents bigint not null check (costs_cents between 1 and 100000000),
      cost_date date not null,
      household jsonb not null check (jsonb_typeof(household) = 'object'),
      monthly_income_cents bigint not null check (monthly_income_cents between 0 and 100000000),
      assets_cents bigint not null check (assets_cents between 0 and 100000000),
      has_collective_insurance boolean not null,
      iban text check (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
      account_holder text check (length(btrim(account_holder)) between 1 and 70),
      documents jsonb not null default '[]'::jsonb check (jsonb_typeof(documents) = 'array'),
      submitted_by uuid,
      submitted_at timestamptz not null default now(),
      complete_on_arrival boolean not null,
      missing jsonb not null default '[]'::jsonb check (jsonb_typeof(missing) = 'array'),
      recovery_term_ends_on date,
      calculation jsonb not null check (jsonb_typeof(calculation) = 'object'),
      proposal_outcome text not null check (proposal_outcome in ('toekennen', 'afwijzen', 'aanvullen')),
      proposal_grant_cents bigint not null check (proposal_grant_cents >= 0),
      proposal_reasons jsonb not null check (jsonb_typeof(proposal_reasons) = 'array'),
      fast_track boolean not null,
      decision_status text not null default 'open' check (decision_status in ('open', 'toegekend', 'afgewezen')),
      decided_grant_cents bigint check (decided_grant_cents >= 0),
      decision_reason text check (length(btrim(decision_reason)) between 1 and 2000),
      followed_proposal boolean,
      decided_by uuid,
      decided_at timestamptz,
      primary key (tenant_id, case_id),
      unique (tenant_id, resident_id, submission_key),
      foreign key (tenant_id, case_id) references cases (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, category_code) references special_assistance_categories (tenant_id, code),
      foreign key (tenant_id, submitted_by) references users (tenant_id, id),
      foreign key (tenant_id, decided_by) references users (tenant_id, id),
      -- A decision names who took it, when, and (for a grant) the amount; an open one has none of these.
      check ((decision_status = 'open') = (decided_by is null and decided_at is null and followed_proposal is null)),
      check ((decision_status = 'toegekend') = (decided_grant_cents is not null and decided_grant_cents > 0)),
      -- The machine proposes; a person decides (AVG art. 22): a decision is never taken by no one.
      check (decision_status = 'open' or decided_by is not null)
    )
  `.execute(db);
  await sql`create index special_assistance_open on special_assistance_applications (tenant_id, submitted_at) where decision_status = 'open'`.execute(db);
  await sql`create index special_assistance_resident on special_assistance_applications (tenant_id, resident_id, cost_date)`.execute(db);
  await isolateTenant(db, 'special_assistance_applications', 'select, insert, update');
  await restrictToResident(db, 'special_assistance_applications');

  await sql`
    create table special_assistance_drafts (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      resident_id uuid not null,
      step text not null check (step ~ '^[a-z-]{2,40}$'),
      data jsonb not null check (jsonb_typeof(data) = 'object' and octet_length(data::text) <= 65536),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id)
    )
  `.execute(db);
  await sql`create index special_assistance_drafts_resident on special_assistance_drafts (tenant_id, resident_id, updated_at)`.execute(db);
  await isolateTenant(db, 'special_assistance_drafts', 'select, insert, update, delete');
  await restrictToResident(db, 'special_assistance_drafts');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
