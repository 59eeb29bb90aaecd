import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The Participatiewet's re-examination (heronderzoek, art. 53a lid 6 Pw,
// issue #11): one row per re-examination held, with the risk profile it was planned on, the checks done,
// the outcome and what it led to (a new rekenbasis, the end of the benefit, a draft recovery claim).
// A record of what was examined and decided: rows are only added (select, insert), never changed.

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
    create table pw_reexaminations (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      benefit_id uuid not null,
      held_on date not null,
      risk_profile text not null check (risk_profile in ('laag', 'midden', 'hoog')),
      checks jsonb not null check (jsonb_typeof(checks) = 'array'),
      outcome text not null check (outcome in ('ongewijzigd', 'wijziging', 'beeindiging')),
      basis_id uuid,
      end_date date,
      end_reason text check (length(btrim(end_reason)) between 1 and 500),
      claim_id uuid,
      next_on date,
      note text check (length(note) <= 2000),
      recorded_by uuid,
      recorded_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, benefit_id) references pw_benefits (tenant_id, id),
      foreign key (tenant_id, basis_id) references pw_benefit_bases (tenant_id, id),
      foreign key (tenant_id, claim_id) references pw_recovery_claims (tenant_id, id),
      foreign key (tenant_id, recorded_by) references users (tenant_id, id),
      check ((outcome = 'wijziging') = (basis_id is not null)),
      check ((outcome = 'beeindiging') = (end_date is not null and end_reason is not null)),
      check ((outcome = 'beeindiging') = (next_on is null))
    )
  `.execute(db);
  await sql`create index pw_reexaminations_benefit on pw_reexaminations (tenant_id, benefit_id, held_on desc)`.execute(db);
  await isolateTenant(db, 'pw_reexaminations', 'select, insert');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
