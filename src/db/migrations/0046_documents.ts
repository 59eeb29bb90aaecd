import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The document store (issue #12 §3): uploaded documents (PDF, JPEG, PNG)
// with a resident's file or a case. The bytes live outside the database, in the document store (a folder
// under the data folder; see docs/documents.md); this table holds what is known about them: kind, case,
// resident, retention class, size, SHA-256, content type (found from the bytes), the original file name,
// the key in the store, and who uploaded it when. A row is never changed; the application role may not
// delete one: destruction goes through `retention_destroy_item` (replaced here, see below), and the files
// of destroyed rows are removed from the store after the commit (the sweep in document.service.ts).
//
// Beside it stays `case_documents` (0017): the decision letters Koers prints, kept in the database.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

const DESTROYED = 'Vernietigd volgens de selectielijst';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table documents (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      resident_id uuid not null,
      case_id uuid,
      kind text not null check (kind in ('aanvraag', 'bewijsstuk', 'medisch', 'correspondentie', 'overig')),
      retention_class text not null check (retention_class in ('zaak', 'inwoner')),
      file_name text not null check (length(file_name) between 1 and 255),
      media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
      size bigint not null check (size > 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      storage_key text not null check (storage_key ~ '^[A-Za-z0-9/_-]{1,200}$'),
      uploaded_by uuid not null,
      uploaded_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, storage_key),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, case_id) references cases (tenant_id, id),
      foreign key (tenant_id, uploaded_by) references users (tenant_id, id),
      -- A case's document is destroyed with the case; one on the resident file with the resident.
      check ((case_id is null) = (retention_class = 'inwoner'))
    )
  `.execute(db);
  await sql`create index documents_case on documents (tenant_id, case_id, uploaded_at) where case_id is not null`.execute(db);
  await sql`create index documents_resident on documents (tenant_id, resident_id, uploaded_at)`.execute(db);
  await sql`alter table documents enable row level security`.execute(db);
  await sql`alter table documents force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on documents using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant select, insert on documents to ${APP_ROLE}`).execute(db);
  await destroyFunction(db);
}

/**
 * `retention_destroy_item` as in 0042, plus the documents: a destroyed case (zaak, aanvraag) loses its
 * documents; the last item of a resident takes the documents on the resident file with it (before the
 * resident row, which they reference). Only the rows: the files are removed after the commit.
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
