import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The conversation (gesprek) in the Positieve Gezondheid method:
// the resident's own mark per dimension, the self-reliance ladder and the agreements. These are
// health data (AVG art. 9): the application role may read and add, never change or delete — a
// correction is a new conversation that points to the one it corrects.

const APP_ROLE = 'koers_app';

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on ${sql.table(table)}
      using (tenant_id = current_setting('koers.tenant_id', true))
      with check (tenant_id = current_setting('koers.tenant_id', true))
  `.execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

// One mark 0–10 per dimension (the simple tool, eenvoudige taal 2019) and the "hier wil ik over
// praten" flag of Spinnenweb 2.0.
const DIMENSIONS = ['bodily_functions', 'mental_wellbeing', 'meaningfulness', 'quality_of_life', 'participation', 'daily_functioning'];
const dimensionColumns = DIMENSIONS.map(
  (d) => `${d}_score smallint not null check (${d}_score between 0 and 10),
      ${d}_wants_to_talk boolean not null default false,`,
).join('\n      ');

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    create table conversations (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      resident_id uuid not null,
      -- The case (zaak) the conversation belongs to, if any. The foreign key guarantees it exists in
      -- this municipality; the API does not yet check that it is a case of this same resident.
      case_id uuid,
      corrects_id uuid,
      held_on date not null,
      conducted_by_user_id uuid not null,
      conducted_by_username text not null,
      ${dimensionColumns}
      ladder_step text not null check (ladder_step in ('own_strength', 'network', 'community', 'tailored')),
      ladder_rationale text not null check (length(btrim(ladder_rationale)) > 0),
      agreements text[] not null check (cardinality(agreements) >= 1),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, case_id) references cases (tenant_id, id),
      foreign key (tenant_id, corrects_id) references conversations (tenant_id, id),
      foreign key (tenant_id, conducted_by_user_id) references users (tenant_id, id),
      check (corrects_id is distinct from id)
    )
  `).execute(db);
  await sql`create index conversations_resident on conversations (tenant_id, resident_id, held_on)`.execute(db);
  // At most one correction per conversation, so the line of corrections stays a line.
  await sql`create unique index conversations_corrects on conversations (tenant_id, corrects_id) where corrects_id is not null`.execute(db);
  await isolateTenant(db, 'conversations', 'select, insert');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
