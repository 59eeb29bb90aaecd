import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Control runs (issue #13 §2): the automated controls run over a
// period, with their results kept as they were.
//
// - control_runs: one run of the automated controls of a scope (one process or all) over a period
//   (month, quarter or year). Never changed, except once for the controller's sign-off: a re-run of
//   the same period and scope is a new row with the next version, so an earlier result is never
//   overwritten. The application role may update only the two sign-off columns.
// - control_run_results: per run and control, the population tested, the exceptions found and the
//   amount in error or uncertain (insert only).
// - control_run_exceptions: the exceptions with their subject, resident (personal data: reading them
//   is logged) and stable facts (insert only).

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
    create table control_runs (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      period_kind text not null check (period_kind in ('maand', 'kwartaal', 'jaar')),
      period_start date not null check (extract(day from period_start) = 1),
      period_end date not null,
      scope text not null check (scope in ('alle', 'wmo', 'jeugd', 'participatiewet')),
      version integer not null check (version >= 1),
      controls_version text not null check (length(controls_version) between 1 and 100),
      run_by uuid not null,
      run_at timestamptz not null default now(),
      signed_off_by uuid,
      signed_off_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, period_kind, period_start, scope, version),
      foreign key (tenant_id, run_by) references users (tenant_id, id),
      foreign key (tenant_id, signed_off_by) references users (tenant_id, id),
      check (period_end > period_start),
      check ((signed_off_by is null) = (signed_off_at is null))
    )
  `.execute(db);
  await sql`create index control_runs_recent on control_runs (tenant_id, run_at desc)`.execute(db);
  await isolateTenant(db, 'control_runs', 'select, insert');
  await sql.raw(`grant update (signed_off_by, signed_off_at) on control_runs to ${APP_ROLE}`).execute(db);

  await sql`
    create table control_run_results (
      tenant_id text not null,
      run_id uuid not null,
      control_id text not null,
      position integer not null check (position >= 0),
      impact text not null check (impact in ('fout', 'onzekerheid')),
      population bigint not null check (population >= 0),
      exceptions integer not null check (exceptions >= 0),
      amount_error_cents bigint not null,
      amount_uncertain_cents bigint not null,
      primary key (tenant_id, run_id, control_id),
      foreign key (tenant_id, run_id) references control_runs (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'control_run_results', 'select, insert');

  await sql`
    create table control_run_exceptions (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      run_id uuid not null,
      control_id text not null,
      subject_type text not null,
      subject_id uuid not null,
      resident_id uuid,
      facts jsonb not null check (jsonb_typeof(facts) = 'object'),
      amount_cents bigint not null,
      primary key (tenant_id, id),
      foreign key (tenant_id, run_id, control_id) references control_run_results (tenant_id, run_id, control_id) deferrable initially deferred
    )
  `.execute(db);
  await sql`create index control_run_exceptions_run on control_run_exceptions (tenant_id, run_id, control_id, subject_type, subject_id)`.execute(db);
  await isolateTenant(db, 'control_run_exceptions', 'select, insert');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
