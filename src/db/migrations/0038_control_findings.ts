import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Manual controls, findings and the legality statement (issue #13 §2–§4).
//
// - control_samples: a sample (steekproef) drawn from a population for a process and period, with the
//   parameters of its size (population, confidence, tolerable error, expected error), the seed that makes
//   the draw reproducible, the method's name, the checklist asked per item and the review. Population and
//   items are frozen when the sample is drawn; only the status and the review columns change.
// - control_sample_items: the sampled subjects (position in draw order), their amount, and the checklist
//   answers of whoever checked them. A resident's data (resident_id) is personal: reading it is logged.
// - control_findings: a finding from an automated exception (exception_id), a sampled item (sample_id,
//   sample_position) or a manual observation, with its assessment (fout / onzekerheid / geen bevinding),
//   reason, amount and owner. The book year and the process decide where it counts in the legality
//   statement. Assessment columns may change (each change is in the processing log); the source never.
// - control_finding_actions: the follow-up of a finding: an action, its owner and due date, done or not.
// - legality_years: per book year the council's verantwoordingsgrens (a percentage of total expenditure)
//   and the reporting tolerance for individual findings, both data.
// - legality_statements: a generated statement per year, kept as it was (snapshot), in versions, with
//   the controller's sign-off.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

const PROCESS = `process text not null check (process in ('wmo', 'jeugd', 'participatiewet', 'beschermd-wonen', 'wsw-mtb'))`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table control_samples (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      number integer not null check (number >= 1),
      ${sql.raw(PROCESS)},
      control_code text check (control_code ~ '^[A-Za-z0-9._-]{1,40}$'),
      population_kind text not null check (population_kind ~ '^[a-z0-9-]{1,60}$'),
      period_start date not null,
      period_end date not null,
      population_size integer not null check (population_size >= 0),
      population_amount_cents bigint not null check (population_amount_cents >= 0),
      confidence numeric(4, 3) not null check (confidence > 0 and confidence < 1),
      tolerable_error numeric(5, 4) not null check (tolerable_error > 0 and tolerable_error < 1),
      expected_error numeric(5, 4) not null default 0 check (expected_error >= 0 and expected_error < tolerable_error),
      sample_size integer not null check (sample_size >= 0 and sample_size <= population_size),
      seed text not null check (length(seed) between 1 and 100),
      method text not null check (length(method) between 1 and 100),
      checklist jsonb not null check (jsonb_typeof(checklist) = 'array' and jsonb_array_length(checklist) between 1 and 30),
      title text not null check (length(btrim(title)) between 1 and 200),
      status text not null default 'open' check (status in ('open', 'ter-review', 'afgerond')),
      created_by uuid not null,
      created_at timestamptz not null default now(),
      reviewer_id uuid,
      reviewed_at timestamptz,
      review_note text check (review_note is null or length(review_note) <= 2000),
      primary key (tenant_id, id),
      unique (tenant_id, number),
      foreign key (tenant_id, created_by) references users (tenant_id, id),
      foreign key (tenant_id, reviewer_id) references users (tenant_id, id),
      check (period_end > period_start),
      check ((reviewed_at is null) or (reviewer_id is not null)),
      check (reviewer_id is null or reviewer_id <> created_by)
    )
  `.execute(db);
  await sql`create index control_samples_recent on control_samples (tenant_id, created_at desc)`.execute(db);
  await isolateTenant(db, 'control_samples', 'select, insert');
  await sql.raw(`grant update (status, reviewer_id, reviewed_at, review_note) on control_samples to ${APP_ROLE}`).execute(db);

  await sql`
    create table control_sample_items (
      tenant_id text not null,
      sample_id uuid not null,
      position integer not null check (position >= 1),
      subject_type text not null check (subject_type ~ '^[a-z0-9_-]{1,60}$'),
      subject_id uuid not null,
      resident_id uuid,
      amount_cents bigint not null,
      facts jsonb not null default '{}' check (jsonb_typeof(facts) = 'object'),
      answers jsonb check (answers is null or jsonb_typeof(answers) = 'array'),
      checked_by uuid,
      checked_at timestamptz,
      primary key (tenant_id, sample_id, position),
      unique (tenant_id, sample_id, subject_type, subject_id),
      foreign key (tenant_id, sample_id) references control_samples (tenant_id, id),
      foreign key (tenant_id, checked_by) references users (tenant_id, id),
      check ((answers is null) = (checked_at is null) and (checked_at is null) = (checked_by is null))
    )
  `.execute(db);
  await isolateTenant(db, 'control_sample_items', 'select, insert');
  await sql.raw(`grant update (answers, checked_by, checked_at) on control_sample_items to ${APP_ROLE}`).execute(db);

  await sql`
    create table control_findings (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      number integer not null check (number >= 1),
      ${sql.raw(PROCESS)},
      year integer not null check (year between 2000 and 2100),
      source text not null check (source in ('uitzondering', 'steekproef', 'waarneming')),
      exception_id uuid,
      sample_id uuid,
      sample_position integer,
      control_id text not null check (length(control_id) between 1 and 60),
      subject_type text,
      subject_id uuid,
      resident_id uuid,
      title text not null check (length(btrim(title)) between 1 and 200),
      assessment text check (assessment in ('fout', 'onzekerheid', 'geen-bevinding')),
      reason text check (reason is null or length(btrim(reason)) between 1 and 4000),
      amount_cents bigint not null default 0 check (amount_cents >= 0),
      owner_id uuid,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      assessed_by uuid,
      assessed_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, number),
      foreign key (tenant_id, exception_id) references control_run_exceptions (tenant_id, id),
      foreign key (tenant_id, sample_id, sample_position) references control_sample_items (tenant_id, sample_id, position),
      foreign key (tenant_id, owner_id) references users (tenant_id, id),
      foreign key (tenant_id, created_by) references users (tenant_id, id),
      foreign key (tenant_id, assessed_by) references users (tenant_id, id),
      check ((source = 'uitzondering') = (exception_id is not null)),
      check ((source = 'steekproef') = (sample_id is not null and sample_position is not null)),
      check ((assessment is null) = (assessed_at is null) and (assessed_at is null) = (assessed_by is null)),
      check (assessment is null or reason is not null),
      check (assessment is distinct from 'geen-bevinding' or amount_cents = 0)
    )
  `.execute(db);
  await sql`create unique index control_findings_exception on control_findings (tenant_id, exception_id) where exception_id is not null`.execute(db);
  await sql`create unique index control_findings_sample_item on control_findings (tenant_id, sample_id, sample_position) where sample_id is not null`.execute(db);
  await sql`create index control_findings_year on control_findings (tenant_id, year, process)`.execute(db);
  await sql`create index control_findings_owner on control_findings (tenant_id, owner_id) where owner_id is not null`.execute(db);
  await isolateTenant(db, 'control_findings', 'select, insert');
  await sql.raw(`grant update (assessment, reason, amount_cents, owner_id, assessed_by, assessed_at) on control_findings to ${APP_ROLE}`).execute(db);

  await sql`
    create table control_finding_actions (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      finding_id uuid not null,
      description text not null check (length(btrim(description)) between 1 and 2000),
      owner_id uuid not null,
      due_date date not null,
      status text not null default 'open' check (status in ('open', 'afgerond')),
      result text check (result is null or length(btrim(result)) between 1 and 2000),
      done_by uuid,
      done_at timestamptz,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, finding_id) references control_findings (tenant_id, id),
      foreign key (tenant_id, owner_id) references users (tenant_id, id),
      foreign key (tenant_id, done_by) references users (tenant_id, id),
      foreign key (tenant_id, created_by) references users (tenant_id, id),
      check ((status = 'afgerond') = (done_at is not null) and (done_at is null) = (done_by is null)),
      check (status = 'open' or result is not null)
    )
  `.execute(db);
  await sql`create index control_finding_actions_finding on control_finding_actions (tenant_id, finding_id)`.execute(db);
  await sql`create index control_finding_actions_open on control_finding_actions (tenant_id, owner_id, due_date) where status = 'open'`.execute(db);
  await isolateTenant(db, 'control_finding_actions', 'select, insert');
  await sql.raw(`grant update (status, result, done_by, done_at, owner_id, due_date) on control_finding_actions to ${APP_ROLE}`).execute(db);

  await sql`
    create table legality_years (
      tenant_id text not null references tenants(id),
      year integer not null check (year between 2000 and 2100),
      threshold_pct numeric(5, 3) not null check (threshold_pct > 0 and threshold_pct <= 3),
      reporting_tolerance_cents bigint not null check (reporting_tolerance_cents >= 0),
      source text not null check (length(btrim(source)) between 1 and 500),
      set_by uuid,
      set_at timestamptz not null default now(),
      primary key (tenant_id, year),
      foreign key (tenant_id, set_by) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'legality_years', 'select, insert, update');

  await sql`
    create table legality_statements (
      tenant_id text not null references tenants(id),
      year integer not null check (year between 2000 and 2100),
      version integer not null check (version >= 1),
      content jsonb not null check (jsonb_typeof(content) = 'object'),
      content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
      created_by uuid not null,
      created_at timestamptz not null default now(),
      signed_off_by uuid,
      signed_off_at timestamptz,
      primary key (tenant_id, year, version),
      foreign key (tenant_id, created_by) references users (tenant_id, id),
      foreign key (tenant_id, signed_off_by) references users (tenant_id, id),
      check ((signed_off_by is null) = (signed_off_at is null))
    )
  `.execute(db);
  await isolateTenant(db, 'legality_statements', 'select, insert');
  await sql.raw(`grant update (signed_off_by, signed_off_at) on legality_statements to ${APP_ROLE}`).execute(db);

  await sql`alter table admin_changes drop constraint admin_changes_section_check`.execute(db);
  await sql`
    alter table admin_changes add constraint admin_changes_section_check
      check (section in ('users', 'teams', 'settings', 'case_types', 'budget_lines', 'kpi_targets', 'api_tokens', 'pw_norms', 'control_frameworks', 'legality_years'))
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
