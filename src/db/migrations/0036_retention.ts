import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Retention and destruction (issue #13 part 5, docs/retention.md).
//
// - retention_rules: the Selectielijst gemeenten en intergemeentelijke organen 2020 as data, for the
//   case types Koers has (by law and result) and the Participatiewet benefit (PW-LO). National, the same
//   for every municipality, so without tenant_id (like volume_bounds). The terms are transcribed from a
//   2020 DRAFT used as test data (VNG-referentielijsten testdata_2020.xls): verify them against the
//   vastgestelde lijst (Stcrt. 2020, 11143) before production.
// - retention_items: every closed case (with its decisions, allocations, conversations and notes: the
//   zaakdossier is the unit) and every ended Pw benefit, with its rule, the date its clock started and
//   its destruction date. Computed set-based by `retention.toekennen` (a job) and backfilled here.
// - retention_holds: a legal hold on a resident (bezwaar, beroep, verzoek van betrokkene, other), set
//   and lifted by staff; a held resident's items stay off the destruction list. Lifted holds are deleted
//   with the resident's last item (they name the resident).
// - retention_requests: a resident's request for destruction (Wmo/Jeugd: within three months); deleted
//   with the resident's last item (the destruction record keeps that it was done on request).
// - retention_lists, retention_list_items, retention_approvals: the monthly destruction list, its items
//   and its two approvals (archivist and the case type's owner, two different people).
// - retention_destructions: what was destroyed, by which rule, who approved and when; kept permanently,
//   never changed, and never holding the personal data itself.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

/** [code, object kind, law, result, selectielijst nr, object, procestermijn, years, weeks, destroy on request] */
const RULES: [string, 'zaak' | 'uitkering', string, string, string, string, 'nihil' | 'bestaansduur', number, number, boolean][] = [
  ['wmo-verstrekt', 'zaak', 'wmo', 'verstrekt', '8.1.1', 'Wmo-voorziening', 'nihil', 15, 0, true],
  ['wmo-geweigerd', 'zaak', 'wmo', 'geweigerd', '8.2', 'Voorziening (geweigerd)', 'nihil', 5, 0, true],
  ['wmo-afgebroken', 'zaak', 'wmo', 'afgebroken', '8.4.1', 'Voorziening in sociaal domein (afgebroken)', 'nihil', 0, 6, true],
  ['jeugd-verstrekt', 'zaak', 'jeugdwet', 'verstrekt', '8.1.2', 'Individuele jeugdhulpvoorziening', 'nihil', 20, 0, true],
  ['jeugd-geweigerd', 'zaak', 'jeugdwet', 'geweigerd', '8.2', 'Voorziening (geweigerd)', 'nihil', 5, 0, true],
  ['jeugd-afgebroken', 'zaak', 'jeugdwet', 'afgebroken', '8.4.1', 'Voorziening in sociaal domein (afgebroken)', 'nihil', 0, 6, true],
  ['pw-verstrekt', 'zaak', 'participatiewet', 'verstrekt', '8.1', 'Uitkering of inkomensvoorziening (bijzondere bijstand)', 'bestaansduur', 10, 0, false],
  ['pw-geweigerd', 'zaak', 'participatiewet', 'geweigerd', '8.2', 'Voorziening (geweigerd)', 'nihil', 5, 0, false],
  ['pw-afgebroken', 'zaak', 'participatiewet', 'afgebroken', '8.4.1', 'Voorziening in sociaal domein (afgebroken)', 'nihil', 0, 6, false],
  ['pw-lo-beeindigd', 'uitkering', 'participatiewet', 'beeindigd', '8.1', 'Uitkering levensonderhoud (PW-LO), na beëindiging', 'bestaansduur', 10, 0, false],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table retention_rules (
      code text primary key,
      object_kind text not null check (object_kind in ('zaak', 'uitkering')),
      law text not null check (law in ('wmo', 'jeugdwet', 'participatiewet')),
      result text not null check (result in ('verstrekt', 'geweigerd', 'afgebroken', 'beeindigd')),
      selectielijst_nr text not null,
      object text not null,
      valuation text not null default 'vernietigen' check (valuation in ('vernietigen', 'bewaren')),
      process_term text not null check (process_term in ('nihil', 'bestaansduur')),
      term_years integer not null check (term_years between 0 and 200),
      term_weeks integer not null check (term_weeks between 0 and 520),
      destroy_on_request boolean not null,
      owner_role text not null default 'team_lead',
      source text not null,
      unique (object_kind, law, result)
    )
  `.execute(db);
  const source = 'Selectielijst gemeenten en intergemeentelijke organen 2020 — concept 2020 als testdata (VNG-referentielijsten); verifiëren vóór productie';
  for (const [code, kind, law, result, nr, object, term, years, weeks, onRequest] of RULES) {
    await sql`insert into retention_rules (code, object_kind, law, result, selectielijst_nr, object, process_term, term_years, term_weeks, destroy_on_request, source)
      values (${code}, ${kind}, ${law}, ${result}, ${nr}, ${object}, ${term}, ${years}, ${weeks}, ${onRequest}, ${source})`.execute(db);
  }
  await sql.raw(`grant select on retention_rules to ${APP_ROLE}`).execute(db);

  await sql`
    create table retention_items (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      object_type text not null check (object_type in ('zaak', 'uitkering')),
      object_id uuid not null,
      resident_id uuid,
      rule_code text not null references retention_rules (code),
      clock_start date not null,
      destroy_after date not null,
      destroyed_at timestamptz,
      assigned_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, object_type, object_id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id)
    )
  `.execute(db);
  await sql`create index retention_items_due on retention_items (tenant_id, destroy_after) where destroyed_at is null`.execute(db);
  await sql`create index retention_items_resident on retention_items (tenant_id, resident_id) where destroyed_at is null`.execute(db);
  await isolateTenant(db, 'retention_items', 'select, insert, update');

  await sql`
    create table retention_holds (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      resident_id uuid not null,
      kind text not null check (kind in ('bezwaar', 'beroep', 'verzoek-betrokkene', 'overig')),
      reason text not null check (length(btrim(reason)) between 10 and 1000),
      placed_by uuid not null,
      placed_at timestamptz not null default now(),
      lifted_by uuid,
      lifted_at timestamptz,
      primary key (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, placed_by) references users (tenant_id, id),
      foreign key (tenant_id, lifted_by) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index retention_holds_active on retention_holds (tenant_id, resident_id) where lifted_at is null`.execute(db);
  await isolateTenant(db, 'retention_holds', 'select, insert, update, delete');

  await sql`
    create table retention_requests (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      resident_id uuid not null,
      received_on date not null,
      due_on date not null,
      note text not null check (length(btrim(note)) between 1 and 1000),
      registered_by uuid not null,
      registered_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, registered_by) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index retention_requests_resident on retention_requests (tenant_id, resident_id)`.execute(db);
  await isolateTenant(db, 'retention_requests', 'select, insert, delete');

  await sql`
    create table retention_lists (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      month date not null check (extract(day from month) = 1),
      status text not null default 'concept' check (status in ('concept', 'goedgekeurd', 'uitgevoerd')),
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, month),
      foreign key (tenant_id, created_by) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'retention_lists', 'select, insert, update');

  await sql`
    create table retention_list_items (
      tenant_id text not null,
      list_id uuid not null,
      item_id uuid not null,
      due_on date not null,
      basis text not null check (basis in ('termijn', 'verzoek')),
      status text not null default 'open' check (status in ('open', 'vernietigd')),
      primary key (tenant_id, list_id, item_id),
      foreign key (tenant_id, list_id) references retention_lists (tenant_id, id),
      foreign key (tenant_id, item_id) references retention_items (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'retention_list_items', 'select, insert, update');

  await sql`
    create table retention_approvals (
      tenant_id text not null,
      list_id uuid not null,
      capacity text not null check (capacity in ('archivaris', 'eigenaar')),
      approved_by uuid not null,
      approved_at timestamptz not null default now(),
      primary key (tenant_id, list_id, capacity),
      foreign key (tenant_id, list_id) references retention_lists (tenant_id, id),
      foreign key (tenant_id, approved_by) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'retention_approvals', 'select, insert');

  await sql`
    create table retention_destructions (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      list_id uuid not null,
      item_id uuid not null,
      object_type text not null,
      object_id uuid not null,
      rule_code text not null references retention_rules (code),
      selectielijst_nr text not null,
      clock_start date not null,
      destroy_after date not null,
      basis text not null check (basis in ('termijn', 'verzoek')),
      archivist_id uuid not null,
      owner_id uuid not null,
      destroyed_by uuid not null,
      destroyed_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, item_id),
      foreign key (tenant_id, list_id) references retention_lists (tenant_id, id),
      foreign key (tenant_id, item_id) references retention_items (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'retention_destructions', 'select, insert');

  // Destruction removes free text and relinks to an anonymous stand-in: these columns become writable.
  await sql.raw(`grant update (resident_id, ladder_rationale, agreements) on conversations to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant delete on case_notes to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant update (reason) on case_events to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant update (refusal_reason) on decision_lines to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant delete on case_documents to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant delete on residents to ${APP_ROLE}`).execute(db);
  // Records that closed before this migration get their rule and destruction date from the job
  // `archief.termijnen-toekennen` (due at once when first scheduled, then nightly): the assignment runs per
  // municipality in its tenant transaction (row-level security), which a migration does not have.
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
