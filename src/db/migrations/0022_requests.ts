import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Requests from providers (iWmo/iJw 315 and 317) and their answers:
// - provider_requests: one request per ReferentieAanbieder (a 315 carries one per requested product,
//   a 317 one for the whole change), a task for the resident's area team until it is granted or
//   refused; the answer is a 301 (granted) or a 319 (refused);
// - provider_request_products: what was asked, per product;
// - allocations without a decision: a huisarts, jeugdarts or medisch specialist refers a youth
//   directly (Jeugdwet art. 2.6 lid 1 onder g), so a granted request is allocated without a
//   beschikking: decision line and case are empty and the source says 'verzoek';
// - allocation_segments.provider_reference: the ReferentieAanbieder the 301 carries back once;
// - exchange_retours: a provider's retour (302 on a 301, 320 on a 319) with its retour codes.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table allocations alter column decision_line_id drop not null`.execute(db);
  await sql`alter table allocations alter column case_id drop not null`.execute(db);
  await sql`alter table allocations add column source text not null default 'decision' check (source in ('decision', 'verzoek'))`.execute(db);
  await sql`
    alter table allocations add constraint allocations_source_link
      check ((source = 'decision') = (decision_line_id is not null and case_id is not null))
  `.execute(db);
  // LDT_Referentie: 1–36 characters.
  await sql`alter table allocation_segments add column provider_reference text check (length(provider_reference) between 1 and 36)`.execute(db);

  await sql`
    create table provider_requests (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      -- The 315 or 317 it came in.
      message_id uuid not null,
      standard text not null check (standard in ('iwmo', 'ijw')),
      kind text not null check (kind in ('allocation', 'change')),
      provider_id uuid not null,
      -- Empty when no resident with the BSN lives here: then the request is refused at once (319).
      resident_id uuid,
      -- The area team of the resident's wijk; null when the resident lives in no team's area.
      team_id uuid,
      reference text not null check (length(reference) between 1 and 36),
      -- CDT_Verwijzer of a 315: LDT_TypeVerwijzer, name, AGB/zorgverlenerscode.
      referrer_type text check (referrer_type ~ '^[0-9]{2}$'),
      referrer_name text,
      referrer_code text,
      -- LDT_RedenVerzoek of a 317.
      change_reason text,
      comment text,
      -- What Koers found when it received the request (age, contract, …), for the team.
      findings jsonb not null default '[]',
      status text not null check (status in ('open', 'granted', 'refused')),
      -- LDT_RedenAfwijzingVerzoek (1–9) when refused.
      refusal_reason text check (refusal_reason ~ '^[1-9]$'),
      refusal_note text,
      decided_by uuid,
      decided_at timestamptz,
      -- The 319 (refused) sent as the answer; a grant is answered by the 301 of the allocation.
      answer_message_id uuid,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      -- 9347: ReferentieAanbieder is unique for the provider within the legal domain.
      unique (tenant_id, standard, provider_id, reference),
      foreign key (tenant_id, message_id) references exchange_messages (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, team_id) references teams (tenant_id, id),
      foreign key (tenant_id, decided_by) references users (tenant_id, id),
      foreign key (tenant_id, answer_message_id) references exchange_messages (tenant_id, id),
      check ((status = 'refused') = (refusal_reason is not null)),
      check ((status = 'open') = (decided_at is null))
    )
  `.execute(db);
  await sql`create index provider_requests_open on provider_requests (tenant_id, status, created_at)`.execute(db);
  await sql`create index provider_requests_resident on provider_requests (tenant_id, resident_id)`.execute(db);
  await isolateTenant(db, 'provider_requests', 'select, insert, update');

  await sql`
    create table provider_request_products (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      request_id uuid not null,
      position integer not null check (position >= 0),
      -- new: a product asked for (315, or NieuwProduct of a 317); change: TeWijzigenProduct; unchanged: OngewijzigdProduct.
      kind text not null check (kind in ('new', 'change', 'unchanged')),
      category_code text,
      product_code text,
      -- The catalogue product it maps to (new products), when there is one.
      product_id uuid,
      -- The toewijzing it refers to (change/unchanged).
      allocation_number integer,
      allocation_id uuid,
      start_date date,
      end_date date,
      volume integer,
      unit_code text,
      frequency_code text,
      budget_cents bigint,
      primary key (tenant_id, id),
      unique (tenant_id, request_id, position),
      foreign key (tenant_id, request_id) references provider_requests (tenant_id, id),
      foreign key (tenant_id, product_id) references products (tenant_id, id),
      foreign key (tenant_id, allocation_id) references allocations (tenant_id, id),
      check (end_date is null or start_date is null or end_date >= start_date)
    )
  `.execute(db);
  await isolateTenant(db, 'provider_request_products', 'select, insert, update');

  await sql`
    create table exchange_retours (
      tenant_id text not null,
      -- The retour received (302 or 320).
      message_id uuid not null,
      -- Our message it answers (301 or 319).
      original_id uuid not null,
      -- Every retour code with its level: [{level, index, code}].
      codes jsonb not null,
      -- Whether the provider refused something (any code other than 0200).
      refused boolean not null,
      primary key (tenant_id, message_id),
      foreign key (tenant_id, message_id) references exchange_messages (tenant_id, id),
      foreign key (tenant_id, original_id) references exchange_messages (tenant_id, id)
    )
  `.execute(db);
  await sql`create index exchange_retours_original on exchange_retours (tenant_id, original_id)`.execute(db);
  await isolateTenant(db, 'exchange_retours', 'select, insert');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table exchange_retours`.execute(db);
  await sql`drop table provider_request_products`.execute(db);
  await sql`drop table provider_requests`.execute(db);
  await sql`alter table allocation_segments drop column provider_reference`.execute(db);
  await sql`alter table allocations drop constraint allocations_source_link`.execute(db);
  await sql`alter table allocations drop column source`.execute(db);
  await sql`alter table allocations alter column case_id set not null`.execute(db);
  await sql`alter table allocations alter column decision_line_id set not null`.execute(db);
}
