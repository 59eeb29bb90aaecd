import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). "Inkomsten doorgeven" in Mijn gemeente (issue #12 §1): a resident with
// a running bijstand benefit gives the monthly income statement (inkomstenopgave) online.
//
// - pw_income_submissions: what the resident sent for one month: whether they (or their partner) had
//   income, each income (kind, person, gross and net in cents, the payslip document) and when. A statement
//   in pw_income_statements feeds the payment run at once, so the resident's answers are NOT one yet: a
//   consultant checks them and confirms (status 'ontvangen' → 'verwerkt'), and only then does the
//   income-statement service enter the statement (source 'inwoner'). No change to a payment without a
//   person (AVG art. 22). One per benefit and month; `submission_key` makes a form posted twice one.
// - The portal's restriction (as 0048) on the new table and on pw_benefits and pw_income_statements, which
//   the portal now reads: in the portal's unit of work only the pinned resident's rows.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;
const RESIDENT = `nullif(current_setting('koers.resident_id', true), '')`;
const OWN_ROWS = `(${RESIDENT} is null or resident_id = ${RESIDENT}::uuid)`;
const OWN_BENEFIT = `(${RESIDENT} is null or exists (select 1 from pw_benefits b where b.tenant_id = pw_income_statements.tenant_id and b.id = pw_income_statements.benefit_id and b.resident_id = ${RESIDENT}::uuid))`;

async function restrictToResident(db: Kysely<unknown>, table: string, condition: string): Promise<void> {
  await sql.raw(`create policy resident_portal on ${table} as restrictive for all to ${APP_ROLE} using (${condition}) with check (${condition})`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pw_income_submissions (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      benefit_id uuid not null,
      resident_id uuid not null,
      period date not null check (extract(day from period) = 1),
      submission_key text not null check (submission_key ~ '^[A-Za-z0-9_-]{8,64}$'),
      had_income boolean not null,
      items jsonb not null default '[]'::jsonb check (jsonb_typeof(items) = 'array' and jsonb_array_length(items) <= 30),
      documents jsonb not null default '[]'::jsonb check (jsonb_typeof(documents) = 'array'),
      submitted_at timestamptz not null default now(),
      status text not null default 'ontvangen' check (status in ('ontvangen', 'verwerkt')),
      processed_by uuid,
      processed_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, benefit_id, period),
      unique (tenant_id, resident_id, submission_key),
      foreign key (tenant_id, benefit_id) references pw_benefits (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, processed_by) references users (tenant_id, id),
      -- Processed names who confirmed it and when; a received one has neither.
      check ((status = 'verwerkt') = (processed_by is not null and processed_at is not null)),
      check (had_income or jsonb_array_length(items) = 0)
    )
  `.execute(db);
  await sql`create index pw_income_submissions_open on pw_income_submissions (tenant_id, submitted_at) where status = 'ontvangen'`.execute(db);
  await sql`alter table pw_income_submissions enable row level security`.execute(db);
  await sql`alter table pw_income_submissions force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on pw_income_submissions using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant select, insert, update on pw_income_submissions to ${APP_ROLE}`).execute(db);
  await restrictToResident(db, 'pw_income_submissions', OWN_ROWS);
  await restrictToResident(db, 'pw_benefits', OWN_ROWS);
  await restrictToResident(db, 'pw_income_statements', OWN_BENEFIT);
}
