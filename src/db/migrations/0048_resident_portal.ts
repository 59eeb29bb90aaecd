import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The resident portal /mijn (issue #12 §1), see docs/resident-portal.md:
//
// - `resident_sessions`: a resident's own sessions, apart from the staff `sessions` (own cookie, shorter
//   lifetime: 15 minutes idle, 2 hours absolute — enforced in portal.session.ts). Only an HMAC of the token.
// - `portal_oidc_settings`: per municipality the OpenID Connect provider (its DigiD broker) the portal
//   signs residents in with: issuer, client id and the *name* of the environment variable that holds the
//   client secret. The secret itself never enters the database (nor a log).
// - `document_requests`: a request to the resident for more documents on a case (Awb 4:5) with the
//   recovery term (hersteltermijn) until `due_on`; the resident answers by uploading to the case.
// - `documents` gets uploads by the resident: `uploaded_by` (an employee) becomes optional and
//   `uploaded_by_resident` says the resident of the row uploaded it; exactly one of the two.
// - The database-level restriction for a resident principal: the portal's unit of work sets
//   `koers.resident_id` (besides `koers.tenant_id`) for its transaction; a RESTRICTIVE policy on every
//   table the portal reads then hides every row of another resident, even from a query that forgets its
//   filter. Without the setting (staff, jobs, CLI) the policies let everything through that the tenant
//   policy allows.
// - `retention_destroy_item` (replaced, see below) destroys the requests for documents with their case
//   and the resident's portal sessions with the resident.

const APP_ROLE = 'koers_app';
const DESTROYED = 'Vernietigd volgens de selectielijst';
const TENANT = `current_setting('koers.tenant_id', true)`;
const RESIDENT = `nullif(current_setting('koers.resident_id', true), '')`;
/** True when no resident is pinned (staff work) or when `column` is the pinned resident. */
const ownRows = (column: string) => `(${RESIDENT} is null or ${column} = ${RESIDENT}::uuid)`;

async function isolate(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql.raw(`alter table ${table} enable row level security`).execute(db);
  await sql.raw(`alter table ${table} force row level security`).execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

async function restrictToResident(db: Kysely<unknown>, table: string, condition: string): Promise<void> {
  await sql.raw(`create policy resident_portal on ${table} as restrictive for all to ${APP_ROLE} using (${condition}) with check (${condition})`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table resident_sessions (
      tenant_id text not null references tenants(id),
      token_hash text not null check (token_hash ~ '^[0-9a-f]{64}$'),
      resident_id uuid not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      primary key (tenant_id, token_hash),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id) on delete cascade
    )
  `.execute(db);
  await sql`create index resident_sessions_expiry on resident_sessions (tenant_id, expires_at)`.execute(db);
  await isolate(db, 'resident_sessions', 'select, insert, update, delete');

  await sql`
    create table portal_oidc_settings (
      tenant_id text not null references tenants(id),
      issuer text not null check (issuer ~ '^https://[^\s]+$'),
      client_id text not null check (length(client_id) between 1 and 200),
      client_secret_env text not null check (client_secret_env ~ '^KOERS_OIDC_[A-Z0-9_]{1,100}$'),
      scope text not null default 'openid' check (scope ~ '(^| )openid( |$)'),
      updated_at timestamptz not null default now(),
      primary key (tenant_id)
    )
  `.execute(db);
  await isolate(db, 'portal_oidc_settings', 'select');

  await sql`
    create table document_requests (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      resident_id uuid not null,
      description text not null check (length(description) between 5 and 1000),
      due_on date not null,
      requested_by uuid not null,
      requested_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, case_id) references cases (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, requested_by) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index document_requests_case on document_requests (tenant_id, case_id, requested_at)`.execute(db);
  await isolate(db, 'document_requests', 'select, insert');

  await sql`alter table documents alter column uploaded_by drop not null`.execute(db);
  await sql`alter table documents add column uploaded_by_resident boolean not null default false`.execute(db);
  await sql`alter table documents add constraint documents_one_uploader check ((uploaded_by is null) = uploaded_by_resident)`.execute(db);

  await restrictToResident(db, 'residents', ownRows('id'));
  for (const table of ['cases', 'case_documents', 'documents', 'document_requests', 'resident_sessions']) {
    await restrictToResident(db, table, ownRows('resident_id'));
  }
  // Events carry no resident: through their case (which the policy on cases already narrows).
  await restrictToResident(
    db,
    'case_events',
    `(${RESIDENT} is null or exists (select 1 from cases c where c.tenant_id = case_events.tenant_id and c.id = case_events.case_id and c.resident_id = ${RESIDENT}::uuid))`,
  );
  await destroyFunction(db);
}

/**
 * `retention_destroy_item` as in 0046, plus the portal: a destroyed case (zaak, aanvraag) loses its
 * requests for documents (their text may describe the resident's situation); the last item of a resident
 * takes the remaining requests and the resident's portal sessions with it (before the resident row).
 */
async function destroyFunction(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  await sql.raw(`
    create or replace function retention_destroy_item(p_list uuid, p_item uuid, p_stand_in uuid) returns boolean language plpgsql security definer
    set search_path = ${schema}, pg_temp as $$
    declare
      v_tenant text := current_setting('koers.tenant_id', true);
      v_item record;
      v_last boolean;
      v_deleted boolean := false;
    begin
      if v_tenant is null or v_tenant = '' then
        raise exception 'Geen gemeente gekozen: vernietigen kan alleen binnen een gemeente.' using errcode = '42501';
      end if;
      if not exists (select 1 from retention_lists l where l.tenant_id = v_tenant and l.id = p_list and l.status in ('goedgekeurd', 'uitgevoerd'))
        or (select count(distinct a.capacity) from retention_approvals a where a.tenant_id = v_tenant and a.list_id = p_list and a.capacity in ('archivaris', 'eigenaar')) <> 2
        or (select count(distinct a.approved_by) from retention_approvals a where a.tenant_id = v_tenant and a.list_id = p_list) <> 2 then
        raise exception 'De vernietigingslijst is niet door twee rollen (archivaris en eigenaar, twee medewerkers) goedgekeurd.' using errcode = '42501';
      end if;
      select i.* into v_item from retention_items i
        join retention_list_items li on li.tenant_id = i.tenant_id and li.item_id = i.id and li.list_id = p_list and li.status = 'open'
        where i.tenant_id = v_tenant and i.id = p_item and i.destroyed_at is null
        for update of i;
      if not found then
        raise exception 'Dit item staat niet open op deze vernietigingslijst of is al vernietigd.' using errcode = '42501';
      end if;
      if v_item.resident_id is not null and not exists (select 1 from residents r where r.tenant_id = v_tenant and r.id = p_stand_in
          and r.id <> v_item.resident_id and r.family_name = 'Geanonimiseerd' and r.search_text = 'geanonimiseerd') then
        raise exception 'De vervanger is geen geanonimiseerde inwoner van deze gemeente.' using errcode = '42501';
      end if;

      if v_item.resident_id is null then
        null;
      elsif v_item.object_type in ('zaak', 'aanvraag') then
        delete from case_notes where tenant_id = v_tenant and case_id = v_item.object_id;
        delete from case_documents where tenant_id = v_tenant and case_id = v_item.object_id;
        delete from documents where tenant_id = v_tenant and case_id = v_item.object_id;
        delete from document_requests where tenant_id = v_tenant and case_id = v_item.object_id;
        update case_events set reason = null where tenant_id = v_tenant and case_id = v_item.object_id and reason is not null;
        update decision_lines l set refusal_reason = '${DESTROYED}' from decisions d
          where l.tenant_id = v_tenant and d.tenant_id = v_tenant and d.id = l.decision_id and d.case_id = v_item.object_id and l.refusal_reason is not null;
        update conversations set resident_id = p_stand_in, ladder_rationale = '${DESTROYED}', agreements = array['${DESTROYED}']
          where tenant_id = v_tenant and case_id = v_item.object_id;
        -- With the notes gone (they reference the case with its resident), the file moves to the stand-in.
        update allocation_changes c set resident_id = p_stand_in, reason = '${DESTROYED}' from allocations a
          where c.tenant_id = v_tenant and a.tenant_id = v_tenant and a.id = c.allocation_id and a.case_id = v_item.object_id;
        update allocations set resident_id = p_stand_in where tenant_id = v_tenant and case_id = v_item.object_id;
        update decisions set resident_id = p_stand_in where tenant_id = v_tenant and case_id = v_item.object_id;
        update cases set resident_id = p_stand_in where tenant_id = v_tenant and id = v_item.object_id;
        update signals s set resident_id = case when s.resident_id is null then null else p_stand_in end, facts = '{}'::jsonb, closed_note = null
          where s.tenant_id = v_tenant and ((s.subject_type = 'case' and s.subject_id = v_item.object_id)
            or (s.subject_type = 'allocation' and s.subject_id in (select a.id from allocations a where a.tenant_id = v_tenant and a.case_id = v_item.object_id)));
      elsif v_item.object_type = 'gesprek' then
        update conversations set resident_id = p_stand_in, ladder_rationale = '${DESTROYED}', agreements = array['${DESTROYED}']
          where tenant_id = v_tenant and id = v_item.object_id and case_id is null;
      elsif v_item.object_type = 'heronderzoek' then
        update pw_reexaminations set checks = '[]'::jsonb, note = null, end_reason = case when end_reason is null then null else '${DESTROYED}' end
          where tenant_id = v_tenant and id = v_item.object_id;
      elsif v_item.object_type = 'vordering' then
        update pw_recovery_entries set note = null where tenant_id = v_tenant and claim_id = v_item.object_id and note is not null;
      end if;
      if v_item.resident_id is not null then
        -- Signals moved to the stand-in (by the service, just before) lose their event notes.
        update signal_events e set note = null from signals s
          where e.tenant_id = v_tenant and s.tenant_id = v_tenant and s.id = e.signal_id and s.resident_id = p_stand_in and e.note is not null;
        v_last := not exists (select 1 from retention_items i where i.tenant_id = v_tenant and i.resident_id = v_item.resident_id and i.destroyed_at is null and i.id <> p_item);
        if v_last then
          update kcc_contacts set resident_id = p_stand_in, subject = 'Geanonimiseerd', note = '' where tenant_id = v_tenant and resident_id = v_item.resident_id;
          delete from access_grants where tenant_id = v_tenant and resident_id = v_item.resident_id;
          -- The resident file's own documents (and any left with another case of theirs) go with the resident.
          delete from documents where tenant_id = v_tenant and resident_id = v_item.resident_id;
          delete from document_requests where tenant_id = v_tenant and resident_id = v_item.resident_id;
          delete from resident_sessions where tenant_id = v_tenant and resident_id = v_item.resident_id;
        end if;
      end if;
      update retention_items set resident_id = null, destroyed_at = now() where tenant_id = v_tenant and id = p_item;
      update retention_list_items set status = 'vernietigd' where tenant_id = v_tenant and list_id = p_list and item_id = p_item;
      if v_item.resident_id is not null and v_last then
        begin
          delete from residents where tenant_id = v_tenant and id = v_item.resident_id;
          v_deleted := true;
        exception when foreign_key_violation then
          v_deleted := false;
        end;
      end if;
      return v_deleted;
    end
    $$
  `).execute(db);
  await sql.raw(`revoke all on function retention_destroy_item(uuid, uuid, uuid) from public`).execute(db);
  await sql.raw(`grant execute on function retention_destroy_item(uuid, uuid, uuid) to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
