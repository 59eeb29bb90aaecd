import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Signal lists (signaallijsten): signals found by rules, their
// history, the persisted schedule of the evaluation jobs and the runs; plus two minimal records the
// rules need before their domains exist: the start of care of an allocation (iWmo 305 later) and a
// Participatiewet benefit with its income statements and payments.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per episode of a situation: the open one (nieuw, in_behandeling) is unique per rule and
  // subject; closed ones stay as the evidence. `fingerprint` is md5 of the facts, so a subject marked
  // onterecht or afgehandeld is only signalled again when its facts change.
  await sql`
    create table signals (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      rule_id text not null,
      subject_type text not null check (subject_type in ('resident', 'case', 'allocation', 'callback', 'benefit')),
      subject_id uuid not null,
      resident_id uuid,
      area_code text,
      facts jsonb not null,
      fingerprint text not null,
      status text not null default 'nieuw' check (status in ('nieuw', 'in_behandeling', 'afgehandeld', 'onterecht', 'opgelost')),
      assignee_team_id uuid,
      assignee_user_id uuid,
      due_on date not null,
      opened_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      closed_at timestamptz,
      closed_note text,
      primary key (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, assignee_team_id) references teams (tenant_id, id),
      foreign key (tenant_id, assignee_user_id) references users (tenant_id, id),
      check ((status in ('nieuw', 'in_behandeling')) = (closed_at is null))
    )
  `.execute(db);
  await sql`
    create unique index signals_open_subject on signals (tenant_id, rule_id, subject_type, subject_id)
      where status in ('nieuw', 'in_behandeling')
  `.execute(db);
  // Suppression lookup (closed as onterecht/afgehandeld with the same facts) and the worklists.
  await sql`create index signals_rule_subject on signals (tenant_id, rule_id, subject_id, fingerprint)`.execute(db);
  await sql`create index signals_open_user on signals (tenant_id, assignee_user_id) where closed_at is null`.execute(db);
  await sql`create index signals_open_team on signals (tenant_id, assignee_team_id) where closed_at is null`.execute(db);
  await isolateTenant(db, 'signals', 'select, insert, update');

  // Every change of a signal: opened, facts changed, assigned, status, solved by the engine.
  await sql`
    create table signal_events (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      signal_id uuid not null,
      kind text not null check (kind in ('geopend', 'feiten_gewijzigd', 'toegewezen', 'status', 'opgelost')),
      at timestamptz not null default now(),
      actor_id uuid,
      from_status text,
      to_status text,
      assignee_team_id uuid,
      assignee_user_id uuid,
      note text,
      primary key (tenant_id, id),
      foreign key (tenant_id, signal_id) references signals (tenant_id, id),
      foreign key (tenant_id, actor_id) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index signal_events_signal on signal_events (tenant_id, signal_id, at)`.execute(db);
  await isolateTenant(db, 'signal_events', 'select, insert');

  // The persisted schedule: a job is due at next_run_at; a runner claims it with
  // SELECT … FOR UPDATE SKIP LOCKED and a lease (locked_until), so a crashed run is retried and a
  // restart picks up where the schedule stands.
  await sql`
    create table signal_jobs (
      tenant_id text not null references tenants(id),
      job text not null check (job in ('alle-regels', 'termijnregels')),
      interval_minutes integer check (interval_minutes > 0),
      daily_at time,
      next_run_at timestamptz not null,
      locked_until timestamptz,
      locked_by text,
      last_started_at timestamptz,
      last_finished_at timestamptz,
      last_error text,
      primary key (tenant_id, job),
      check ((interval_minutes is null) <> (daily_at is null))
    )
  `.execute(db);
  await isolateTenant(db, 'signal_jobs', 'select, insert, update');

  await sql`
    create table signal_runs (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      trigger text not null check (trigger in ('schema', 'op-verzoek', 'cli')),
      job text,
      actor_id uuid,
      rules text[] not null,
      started_at timestamptz not null,
      finished_at timestamptz not null,
      found integer not null,
      opened integer not null,
      changed integer not null,
      solved integer not null,
      primary key (tenant_id, id),
      foreign key (tenant_id, actor_id) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'signal_runs', 'select, insert');

  // Start of care reported by the provider (iWmo/iJw 305, or recorded by hand until messaging exists).
  await sql`
    create table allocation_care_starts (
      tenant_id text not null,
      allocation_id uuid not null,
      started_on date not null,
      source text not null check (source in ('iwmo-305', 'ijw-305', 'handmatig')),
      recorded_at timestamptz not null default now(),
      primary key (tenant_id, allocation_id),
      foreign key (tenant_id, allocation_id) references allocations (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'allocation_care_starts', 'select, insert');

  // Minimal Participatiewet benefit (bijstandsuitkering) until the Pw domain lands.
  await sql`
    create table pw_benefits (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      reference text not null,
      resident_id uuid not null,
      consultant_id uuid,
      norm text not null check (norm in ('alleenstaande', 'alleenstaande-ouder', 'gehuwden')),
      monthly_cents bigint not null check (monthly_cents >= 0),
      start_date date not null,
      end_date date,
      last_reexamination_on date,
      next_reexamination_on date not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, reference),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, consultant_id) references users (tenant_id, id),
      check (end_date is null or end_date >= start_date)
    )
  `.execute(db);
  await sql`create index pw_benefits_resident on pw_benefits (tenant_id, resident_id)`.execute(db);
  await isolateTenant(db, 'pw_benefits', 'select, insert, update');

  // The monthly income statement (inkomstenopgave / rechtmatigheidsformulier), one per month.
  await sql`
    create table pw_income_statements (
      tenant_id text not null,
      benefit_id uuid not null,
      period date not null check (extract(day from period) = 1),
      received_on date not null,
      income_cents bigint not null default 0 check (income_cents >= 0),
      primary key (tenant_id, benefit_id, period),
      foreign key (tenant_id, benefit_id) references pw_benefits (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'pw_income_statements', 'select, insert');

  await sql`
    create table pw_payments (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      benefit_id uuid not null,
      period date not null check (extract(day from period) = 1),
      paid_on date not null,
      cents bigint not null,
      primary key (tenant_id, id),
      foreign key (tenant_id, benefit_id) references pw_benefits (tenant_id, id)
    )
  `.execute(db);
  await sql`create index pw_payments_benefit on pw_payments (tenant_id, benefit_id, period)`.execute(db);
  await isolateTenant(db, 'pw_payments', 'select, insert');

  // The signal "allocation ends within 8 weeks" starts from the current segments ending soon.
  await sql`create index allocation_segments_current_end on allocation_segments (tenant_id, end_date) where superseded_at is null`.execute(db);
  // The deadline rule reads only the events that move a term (a few per hundred case events).
  await sql`
    create index case_events_term on case_events (tenant_id, case_id, on_date)
    where kind in ('suspension_start', 'suspension_end', 'extension')
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
