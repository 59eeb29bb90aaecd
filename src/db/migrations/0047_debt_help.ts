import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Debt help (schuldhulpverlening, Wgs) and early signals
// (vroegsignalering), issue #12 §4; see docs/debt-help.md.
//
// - `debt_cases`: a registration for debt help (aanmelding), with the crisis flags that shorten the
//   term of the first conversation, the term that applied and its last day (computed by the service
//   from the terms as data in debt.terms.ts and kept, so the deadline is what it was when registered),
//   the first conversation, the plan of action and the decision (toegelaten / afgewezen with reason).
//   A step is recorded once: the checks keep the order (no plan before the conversation, no decision
//   before the conversation) and the service refuses a second write of the same step.
// - `debt_arrears_imports`: one imported arrears file (betalingsachterstanden) with its counts and the
//   rows whose address matched no resident (kept for the worker to check, never silently dropped).
// - `debt_outreach`: one outreach per household from an import, with the contact term and its outcome.
// - `debt_arrears`: the rows of the file (one per household and creditor) behind an outreach.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function protect(db: Kysely<unknown>, table: string, grants: string): Promise<void> {
  await sql.raw(`alter table ${table} enable row level security`).execute(db);
  await sql.raw(`alter table ${table} force row level security`).execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${grants} on ${table} to ${APP_ROLE}`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table debt_cases (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      resident_id uuid not null,
      registered_on date not null,
      channel text not null check (channel in ('medewerker', 'inwoner', 'vroegsignalering')),
      help_question text not null check (length(help_question) between 1 and 2000),
      threat_eviction boolean not null default false,
      threat_utility_cutoff boolean not null default false,
      threat_insurance_termination boolean not null default false,
      term_code text not null check (term_code in ('eerste-gesprek', 'eerste-gesprek-crisis')),
      first_conversation_due date not null check (first_conversation_due >= registered_on),
      first_conversation_on date check (first_conversation_on >= registered_on),
      plan_on date check (plan_on >= first_conversation_on),
      plan_summary text check (length(plan_summary) between 1 and 4000),
      decision text check (decision in ('toegelaten', 'afgewezen')),
      decision_on date check (decision_on >= first_conversation_on),
      decision_reason text check (length(decision_reason) between 1 and 2000),
      registered_by uuid,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, registered_by) references users (tenant_id, id),
      check ((plan_on is null) = (plan_summary is null)),
      check (plan_on is null or first_conversation_on is not null),
      check ((decision is null) = (decision_on is null)),
      check (decision is null or first_conversation_on is not null),
      check (decision is distinct from 'afgewezen' or decision_reason is not null),
      -- A crisis term only with a crisis flag, and a crisis flag always gets the crisis term.
      check ((term_code = 'eerste-gesprek-crisis') = (threat_eviction or threat_utility_cutoff or threat_insurance_termination))
    )
  `.execute(db);
  // One open registration per resident; the signal rule narrows to registrations without a first conversation.
  await sql`create unique index debt_cases_open_resident on debt_cases (tenant_id, resident_id) where decision is null`.execute(db);
  await sql`create index debt_cases_waiting on debt_cases (tenant_id, first_conversation_due) where first_conversation_on is null and decision is null`.execute(db);
  await sql`create index debt_cases_registered on debt_cases (tenant_id, registered_on)`.execute(db);
  await protect(db, 'debt_cases', 'select, insert, update');

  await sql`
    create table debt_arrears_imports (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      file_name text not null check (length(file_name) between 1 and 255),
      imported_by uuid not null,
      imported_at timestamptz not null default now(),
      row_count integer not null check (row_count >= 0),
      matched_rows integer not null check (matched_rows between 0 and row_count),
      outreach_count integer not null check (outreach_count >= 0),
      unmatched jsonb not null default '[]'::jsonb,
      primary key (tenant_id, id),
      foreign key (tenant_id, imported_by) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index debt_arrears_imports_at on debt_arrears_imports (tenant_id, imported_at)`.execute(db);
  await protect(db, 'debt_arrears_imports', 'select, insert');

  await sql`
    create table debt_outreach (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      import_id uuid not null,
      resident_id uuid not null,
      household_id uuid not null,
      area_code text,
      team_id uuid,
      signalled_on date not null,
      contact_due date not null check (contact_due >= signalled_on),
      outcome text check (outcome in ('bereikt', 'hulp-geaccepteerd', 'hulp-geweigerd', 'niet-bereikt')),
      outcome_on date check (outcome_on >= signalled_on),
      outcome_note text check (length(outcome_note) between 1 and 2000),
      outcome_by uuid,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, import_id) references debt_arrears_imports (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, outcome_by) references users (tenant_id, id),
      check ((outcome is null) = (outcome_on is null)),
      check ((outcome is null) = (outcome_by is null))
    )
  `.execute(db);
  // One open outreach per household: a later file adds its arrears to it.
  await sql`create unique index debt_outreach_open_household on debt_outreach (tenant_id, household_id) where outcome is null`.execute(db);
  await sql`create index debt_outreach_team on debt_outreach (tenant_id, team_id, contact_due)`.execute(db);
  await sql`create index debt_outreach_resident on debt_outreach (tenant_id, resident_id)`.execute(db);
  await protect(db, 'debt_outreach', 'select, insert, update');

  await sql`
    create table debt_arrears (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      import_id uuid not null,
      outreach_id uuid not null,
      row_number integer not null check (row_number >= 2),
      source text not null check (length(source) between 1 and 200),
      creditor_kind text not null check (creditor_kind in ('woningcorporatie', 'energie', 'water', 'zorgverzekeraar')),
      amount_cents bigint not null check (amount_cents > 0),
      months_in_arrears integer not null check (months_in_arrears between 1 and 120),
      reference_date date not null,
      primary key (tenant_id, id),
      unique (tenant_id, import_id, row_number),
      foreign key (tenant_id, import_id) references debt_arrears_imports (tenant_id, id),
      foreign key (tenant_id, outreach_id) references debt_outreach (tenant_id, id)
    )
  `.execute(db);
  await sql`create index debt_arrears_outreach on debt_arrears (tenant_id, outreach_id)`.execute(db);
  await protect(db, 'debt_arrears', 'select, insert');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
