import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The Participatiewet application (aanvraag levensonderhoud, issue #11 §1):
// one row per application case, beside the case (cases, case_events carry the status and the terms).
//
// - reported_on: the day the resident reported (melding); for an applicant under 27 the search period
//   (zoektermijn, art. 41 lid 4 Pw) of 4 weeks runs from it and the application can only follow it.
// - calculation_input / rekenblad: the household, income and assets as entered and the means test
//   (pw.means-test.ts) computed from them with the municipality's norm table.
// - the advance (voorschot, art. 52 Pw): amount and the day it was paid.
// - the decision: proposed by a consultant, above the four-eyes threshold approved by another team
//   lead; a grant names the benefit (pw_benefits) it created, the advance the claim it became.
// The row changes while the application runs (update), so the grant is narrow: no delete.

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
    create table pw_applications (
      tenant_id text not null,
      case_id uuid not null,
      resident_id uuid not null,
      reported_on date not null,
      search_period_ends_on date,
      calculation_input jsonb check (calculation_input is null or jsonb_typeof(calculation_input) = 'object'),
      rekenblad jsonb check (rekenblad is null or jsonb_typeof(rekenblad) = 'object'),
      calculated_by uuid,
      calculated_at timestamptz,
      advance_cents bigint check (advance_cents between 1 and 1000000),
      advance_paid_on date,
      advance_recorded_by uuid,
      decision_status text not null default 'open' check (decision_status in ('open', 'voorgesteld', 'toegekend', 'afgewezen')),
      outcome text check (outcome in ('toekenning', 'afwijzing')),
      grant_from date,
      refusal_reason text check (length(btrim(refusal_reason)) between 1 and 2000),
      iban text check (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
      account_holder text check (length(btrim(account_holder)) between 1 and 70),
      requires_approval boolean,
      proposed_by uuid,
      proposed_at timestamptz,
      decided_by uuid,
      decided_at timestamptz,
      benefit_id uuid,
      advance_claim_id uuid,
      created_at timestamptz not null default now(),
      primary key (tenant_id, case_id),
      foreign key (tenant_id, case_id) references cases (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, calculated_by) references users (tenant_id, id),
      foreign key (tenant_id, advance_recorded_by) references users (tenant_id, id),
      foreign key (tenant_id, proposed_by) references users (tenant_id, id),
      foreign key (tenant_id, decided_by) references users (tenant_id, id),
      foreign key (tenant_id, benefit_id) references pw_benefits (tenant_id, id),
      foreign key (tenant_id, advance_claim_id) references pw_recovery_claims (tenant_id, id),
      check (search_period_ends_on is null or search_period_ends_on >= reported_on),
      check ((advance_cents is null) = (advance_paid_on is null)),
      check ((rekenblad is null) = (calculation_input is null)),
      check ((decision_status = 'open') = (outcome is null)),
      check (outcome is distinct from 'toekenning' or (grant_from is not null and iban is not null and account_holder is not null)),
      check (outcome is distinct from 'afwijzing' or refusal_reason is not null),
      check ((decision_status = 'toegekend') = (benefit_id is not null)),
      check ((decision_status in ('toegekend', 'afgewezen')) = (decided_at is not null))
    )
  `.execute(db);
  await sql`create index pw_applications_resident on pw_applications (tenant_id, resident_id)`.execute(db);
  await sql`create index pw_applications_open on pw_applications (tenant_id, case_id) where decision_status in ('open', 'voorgesteld')`.execute(db);
  await isolateTenant(db, 'pw_applications', 'select, insert, update');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
