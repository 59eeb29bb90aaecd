import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). One table of background jobs for every module (platform/jobs):
// one row per municipality and job with its schedule (daily at an Amsterdam time, or every n
// minutes), when it is next due, the lease of the runner that holds it, and how its last run went.
// It replaces signal_jobs (0008), whose rows are carried over under their new names.

const TENANT = `current_setting('koers.tenant_id', true)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table jobs (
      tenant_id text not null references tenants(id),
      name text not null,
      payload jsonb not null default '{}'::jsonb,
      every_minutes integer check (every_minutes > 0),
      daily_at time,
      run_at timestamptz not null,
      retries integer not null default 0 check (retries >= 0),
      locked_until timestamptz,
      locked_by text,
      last_started_at timestamptz,
      last_finished_at timestamptz,
      last_status text check (last_status in ('geslaagd', 'mislukt', 'afgebroken')),
      last_error text,
      last_result jsonb,
      last_trace_id text,
      primary key (tenant_id, name),
      check ((every_minutes is null) <> (daily_at is null))
    )
  `.execute(db);

  // Row-level security is forced on signal_jobs, also for the owner running this migration: lift it
  // for the copy (the table is dropped right after), before jobs gets its own policy.
  await sql`alter table signal_jobs no force row level security`.execute(db);
  await sql`
    insert into jobs (tenant_id, name, every_minutes, daily_at, run_at, locked_until, locked_by, last_started_at, last_finished_at, last_status, last_error)
    select tenant_id, 'signalen.' || job, interval_minutes, daily_at, next_run_at, locked_until, locked_by, last_started_at, last_finished_at,
      case when last_finished_at is null then null when last_error is null then 'geslaagd' else 'mislukt' end, last_error
    from signal_jobs
  `.execute(db);
  await sql`drop table signal_jobs`.execute(db);

  await sql`alter table jobs enable row level security`.execute(db);
  await sql`alter table jobs force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on jobs using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql`grant select, insert, update on jobs to koers_app`.execute(db);
}
