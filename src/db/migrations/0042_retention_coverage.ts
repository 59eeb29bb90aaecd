import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Retention for the records 0036 left out (issue #13 part 5,
// docs/retention.md "Retention items"): Participatiewet applications, re-examinations and recovery
// claims, and conversations held without a case, each its own retention item with a rule of the
// Selectielijst 2020 (domain-facts §10, a 2020 draft used as test data: verify before production).
// And the destruction of what the application may otherwise not change moves into one SECURITY DEFINER
// function that checks the list's two approvals; the broad grants 0036 gave for it are revoked.

const APP_ROLE = 'koers_app';

/** [code, object kind, law, result, selectielijst nr, object, procestermijn, years, weeks, destroy on request] */
const RULES: [string, string, string, string, string, string, 'nihil' | 'bestaansduur', number, number, boolean][] = [
  ['pw-aanvraag-toegekend', 'aanvraag', 'participatiewet', 'toegekend', '8.1', 'Aanvraag uitkering levensonderhoud (toegekend), na beëindiging van de uitkering', 'bestaansduur', 10, 0, false],
  ['pw-aanvraag-afgewezen', 'aanvraag', 'participatiewet', 'afgewezen', '8.2', 'Aanvraag uitkering levensonderhoud (afgewezen)', 'nihil', 5, 0, false],
  ['pw-heronderzoek', 'heronderzoek', 'participatiewet', 'uitgevoerd', '12.1.1', 'Hercontrole uitkering sociaal domein (heronderzoek)', 'nihil', 10, 0, false],
  ['pw-vordering', 'vordering', 'participatiewet', 'afgehandeld', '12.1.1', 'Hercontrole uitkering sociaal domein (terugvordering), na afhandeling', 'nihil', 10, 0, false],
  ['gesprek-zonder-zaak', 'gesprek', 'wmo', 'gevoerd', '3.1.5', 'Plan van aanpak Wmo cliënt (gesprek zonder zaak)', 'nihil', 15, 0, true],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const kinds = `('zaak', 'uitkering', 'aanvraag', 'heronderzoek', 'vordering', 'gesprek')`;
  await sql.raw(`alter table retention_rules drop constraint retention_rules_object_kind_check`).execute(db);
  await sql.raw(`alter table retention_rules add constraint retention_rules_object_kind_check check (object_kind in ${kinds})`).execute(db);
  await sql.raw(`alter table retention_rules drop constraint retention_rules_result_check`).execute(db);
  await sql.raw(`alter table retention_rules add constraint retention_rules_result_check check (result in ('verstrekt', 'geweigerd', 'afgebroken', 'beeindigd', 'toegekend', 'afgewezen', 'uitgevoerd', 'afgehandeld', 'gevoerd'))`).execute(db);
  await sql.raw(`alter table retention_items drop constraint retention_items_object_type_check`).execute(db);
  await sql.raw(`alter table retention_items add constraint retention_items_object_type_check check (object_type in ${kinds})`).execute(db);
  const source = 'Selectielijst gemeenten en intergemeentelijke organen 2020 — concept 2020 als testdata (VNG-referentielijsten); verifiëren vóór productie';
  for (const [code, kind, law, result, nr, object, term, years, weeks, onRequest] of RULES) {
    await sql`insert into retention_rules (code, object_kind, law, result, selectielijst_nr, object, process_term, term_years, term_weeks, destroy_on_request, source)
      values (${code}, ${kind}, ${law}, ${result}, ${nr}, ${object}, ${term}, ${years}, ${weeks}, ${onRequest}, ${source})`.execute(db);
  }
  await destroyFunction(db);
}

const DESTROYED = 'Vernietigd volgens de selectielijst';

/**
 * The destruction of the columns and rows the application may otherwise never change or delete
 * (free text, documents, notes, access grants, the resident itself) goes through ONE function,
 * `retention_destroy_item(list, item, stand_in)`, instead of the broad column grants 0036 gave the
 * application role (revoked here). SECURITY DEFINER, owned by the migration owner, `search_path` fixed.
 * It refuses unless: the tenant setting is there; the list is of that municipality and approved in both
 * capacities (archivaris and eigenaar) by two different employees; the item is on that list, open and
 * not destroyed; the stand-in is an anonymous stand-in of that municipality. It reads what to destroy
 * from the item itself (object type and id, resident), filters every statement on the tenant (the owner
 * may bypass row-level security, e.g. on PGlite), and marks the item destroyed. What the application
 * role may change anyway (relinking cases, decisions, allocations, benefits, claims, signals to the
 * stand-in) stays in the service, in the same transaction.
 */
async function destroyFunction(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  await sql.raw(`
    create function retention_destroy_item(p_list uuid, p_item uuid, p_stand_in uuid) returns boolean language plpgsql security definer
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
  // The broad grants of 0036: the function does this now, and only for an approved item.
  await sql.raw(`revoke update (resident_id, ladder_rationale, agreements) on conversations from ${APP_ROLE}`).execute(db);
  await sql.raw(`revoke delete on case_notes from ${APP_ROLE}`).execute(db);
  await sql.raw(`revoke update (reason) on case_events from ${APP_ROLE}`).execute(db);
  await sql.raw(`revoke update (refusal_reason) on decision_lines from ${APP_ROLE}`).execute(db);
  await sql.raw(`revoke delete on case_documents from ${APP_ROLE}`).execute(db);
  await sql.raw(`revoke delete on residents from ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
