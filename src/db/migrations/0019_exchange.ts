import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The exchange with providers (iWmo/iJw 3.2):
// - allocation_segments get their ToewijzingNummer when first sent: every period with one volume is
//   one toewijzing in the standard (a change of volume ends one and starts the next);
// - exchange_counters hand out those numbers and message ids per municipality, gap-free per counter;
// - exchange_messages keep every message sent or received as it was (XML, technical check, problems),
//   and exchange_message_segments which toewijzingen (in which state) a 301 carried;
// - care_deliveries: the start and stop of care a provider reported per toewijzing (305/307).

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
    create table exchange_counters (
      tenant_id text not null,
      name text not null check (name in ('toewijzingnummer', 'berichtidentificatie')),
      value bigint not null check (value >= 0),
      primary key (tenant_id, name)
    )
  `.execute(db);
  await isolateTenant(db, 'exchange_counters', 'select, insert, update');

  // ToewijzingNummer (LDT_Nummer: at most 999,999,999), unique per municipality over both laws.
  await sql`alter table allocation_segments add column allocation_number integer check (allocation_number between 1 and 999999999)`.execute(db);
  await sql`create unique index allocation_segments_number on allocation_segments (tenant_id, allocation_number) where allocation_number is not null`.execute(db);

  await sql`
    create table exchange_messages (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      standard text not null check (standard in ('iwmo', 'ijw')),
      message_number integer not null check (message_number in (301, 302, 305, 306, 307, 308, 315, 316, 317, 318, 319, 320, 323, 325)),
      direction text not null check (direction in ('out', 'in')),
      -- No foreign key: a region-wide provider is a row of the region's lead municipality (as on allocations).
      provider_id uuid not null,
      resident_id uuid,
      -- BerichtIdentificatie/Identificatie: unique per message type and sender.
      identification text not null check (length(identification) between 1 and 12),
      dated_on date not null,
      -- 'valid' against the XSD, 'invalid', or 'not_checked' (no XSD configured, or none for this message).
      xsd_status text not null check (xsd_status in ('valid', 'invalid', 'not_checked')),
      problems jsonb not null default '[]',
      xml text not null,
      status text not null check (status in ('ready', 'downloaded', 'received', 'rejected', 'accepted')),
      in_reply_to uuid,
      created_by uuid,
      created_at timestamptz not null default now(),
      downloaded_at timestamptz,
      primary key (tenant_id, id),
      unique (tenant_id, direction, standard, message_number, provider_id, identification),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, in_reply_to) references exchange_messages (tenant_id, id)
    )
  `.execute(db);
  await sql`create index exchange_messages_recent on exchange_messages (tenant_id, created_at desc)`.execute(db);
  await sql`create index exchange_messages_resident on exchange_messages (tenant_id, resident_id) where resident_id is not null`.execute(db);
  await isolateTenant(db, 'exchange_messages', 'select, insert, update');

  // Which toewijzingen a 301 carried, and in which state: a later change is sent when it differs.
  await sql`
    create table exchange_message_segments (
      tenant_id text not null,
      message_id uuid not null,
      segment_id uuid not null,
      -- 'current', or 'removed' (superseded after it was sent: sent once more with RedenWijziging 13).
      state text not null check (state in ('current', 'removed')),
      primary key (tenant_id, message_id, segment_id),
      foreign key (tenant_id, message_id) references exchange_messages (tenant_id, id),
      foreign key (tenant_id, segment_id) references allocation_segments (tenant_id, id)
    )
  `.execute(db);
  await sql`create index exchange_message_segments_segment on exchange_message_segments (tenant_id, segment_id)`.execute(db);
  await isolateTenant(db, 'exchange_message_segments', 'select, insert');

  // Delivery of care per toewijzing as the provider reports it: key (segment, start date), as in the
  // standard (Bsn, ToewijzingNummer, Begindatum). A start withdrawn by the provider keeps its row.
  await sql`
    create table care_deliveries (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      segment_id uuid not null,
      allocation_id uuid not null,
      started_on date not null,
      stopped_on date,
      stop_reason text,
      start_message_id uuid not null,
      stop_message_id uuid,
      withdrawn_at timestamptz,
      primary key (tenant_id, id),
      foreign key (tenant_id, segment_id) references allocation_segments (tenant_id, id),
      foreign key (tenant_id, allocation_id) references allocations (tenant_id, id),
      foreign key (tenant_id, start_message_id) references exchange_messages (tenant_id, id),
      foreign key (tenant_id, stop_message_id) references exchange_messages (tenant_id, id),
      check (stopped_on is null or stopped_on >= started_on),
      check ((stopped_on is null) = (stop_reason is null))
    )
  `.execute(db);
  await sql`create unique index care_deliveries_key on care_deliveries (tenant_id, segment_id, started_on) where withdrawn_at is null`.execute(db);
  await isolateTenant(db, 'care_deliveries', 'select, insert, update');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table care_deliveries`.execute(db);
  await sql`drop table exchange_message_segments`.execute(db);
  await sql`drop table exchange_messages`.execute(db);
  await sql`alter table allocation_segments drop column allocation_number`.execute(db);
  await sql`drop table exchange_counters`.execute(db);
}
