import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Declarations from providers (iWmo/iJw 323) as they came in, and
// what was approved:
// - declaration_messages: one per received 323 (DeclaratieNummer, DeclaratiePeriode, totals, the
//   header's retour codes);
// - declaration_lines: one per Prestatie, as declared, with the toewijzing it was matched to, its
//   retour codes and the approved amount (signed: a credit line is negative);
// - declarations (0009), the realisation ledger, gets the line an approved row came from: every
//   approved line adds its rows there (one per calendar month of its ProductPeriode).

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
    create table declaration_messages (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      message_id uuid not null,
      standard text not null check (standard in ('iwmo', 'ijw')),
      -- No foreign key: a region-wide provider is a row of the region's lead municipality (as on allocations).
      provider_id uuid not null,
      -- DeclaratieNummer (LDT_IdentificatieDeclaratie, at most 12 characters).
      declaration_number text not null check (length(declaration_number) between 1 and 12),
      period_start date not null,
      period_end date not null,
      dated_on date not null,
      -- TotaalIngediendBedrag, signed (credit negative), and the total approved, signed.
      submitted_cents bigint not null,
      approved_cents bigint not null default 0,
      lines integer not null default 0 check (lines >= 0),
      approved_lines integer not null default 0 check (approved_lines >= 0),
      status text not null check (status in ('received', 'accepted', 'rejected')),
      header_codes text[] not null default '{}',
      received_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, message_id),
      foreign key (tenant_id, message_id) references exchange_messages (tenant_id, id),
      check (period_end >= period_start)
    )
  `.execute(db);
  await sql`create index declaration_messages_number on declaration_messages (tenant_id, provider_id, standard, declaration_number)`.execute(db);
  await isolateTenant(db, 'declaration_messages', 'select, insert, update');

  await sql`
    create table declaration_lines (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      declaration_id uuid not null,
      -- Order in the message (0 = first Prestatie): the 325 answers in the same order.
      position integer not null check (position >= 0),
      standard text not null check (standard in ('iwmo', 'ijw')),
      provider_id uuid not null,
      bsn char(9) not null,
      -- ProductReferentie: ReferentieNummer and, for a replacing line, VorigReferentieNummer.
      reference text not null check (length(reference) between 1 and 20),
      previous_reference text,
      allocation_number bigint not null,
      category_code text not null,
      product_code text not null,
      period_start date not null,
      period_end date not null,
      -- GeleverdVolume in Eenheid (LDT_Eenheid code), ProductTarief and IngediendBedrag in cents as declared.
      volume bigint not null check (volume >= 0),
      unit_code text not null,
      tariff_cents bigint,
      amount_cents bigint not null check (amount_cents >= 0),
      debit_credit char(1) not null check (debit_credit in ('D', 'C')),
      -- The toewijzing the line was matched to (ToewijzingNummer + provider; the client may still differ: 8187).
      segment_id uuid,
      allocation_id uuid,
      resident_id uuid,
      -- For an approved credit line: the approved debit line it reverses.
      credits_line_id uuid,
      status text not null default 'received' check (status in ('received', 'approved', 'refused')),
      retour_codes text[] not null default '{}',
      -- Signed (credit negative); set when approved.
      approved_cents bigint,
      primary key (tenant_id, id),
      unique (tenant_id, declaration_id, position),
      foreign key (tenant_id, declaration_id) references declaration_messages (tenant_id, id),
      foreign key (tenant_id, segment_id) references allocation_segments (tenant_id, id),
      foreign key (tenant_id, allocation_id) references allocations (tenant_id, id),
      foreign key (tenant_id, credits_line_id) references declaration_lines (tenant_id, id),
      check (status <> 'approved' or approved_cents is not null),
      check (period_end >= period_start)
    )
  `.execute(db);
  // ProductReferentie is unique per provider: one approved debit and at most one approved credit (8021, 9390).
  // These two indexes lead with the looked-up key, not tenant_id: a lookup by tenant alone can then
  // never prefer them, so the per-line probes use them even when the planner's statistics of this
  // fast-growing table are stale (uuids are unique across tenants; tenant_id completes the key).
  await sql`create unique index declaration_lines_reference on declaration_lines (provider_id, standard, reference, debit_credit, tenant_id) where status = 'approved'`.execute(db);
  // Volume already approved per toewijzing (9322).
  await sql`create index declaration_lines_segment on declaration_lines (segment_id, tenant_id) where status = 'approved'`.execute(db);
  await isolateTenant(db, 'declaration_lines', 'select, insert, update');

  // The contract tariff of a declared line: provider, product code and year. The unique key of 0003
  // leads with tenant_id, which this lookup cannot give (a region-wide provider's tariffs are rows of
  // the lead municipality): without this index every line scanned all tariffs the tenant can see.
  await sql`create index provider_tariffs_lookup on provider_tariffs (provider_id, product_code, year)`.execute(db);

  // No foreign key: ledger rows are written only by the statement that books approved lines, from
  // those lines. A per-row check made booking quadratic while the line table was young (the check's
  // plan, cached per connection, was made when the table was nearly empty: a scan of all lines).
  await sql`alter table declarations add column declaration_line_id uuid`.execute(db);
  await sql`create index declarations_line on declarations (tenant_id, declaration_line_id) where declaration_line_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index provider_tariffs_lookup`.execute(db);
  await sql`alter table declarations drop column declaration_line_id`.execute(db);
  await sql`drop table declaration_lines`.execute(db);
  await sql`drop table declaration_messages`.execute(db);
}
