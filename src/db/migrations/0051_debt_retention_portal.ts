import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Debt help under the retention rules, and debt help registered by the
// resident in the portal (issue #12 §4; docs/debt-help.md "Retention" and "Online registration").
//
// - retention_rules: law `wgs` and object kind `schuldhulp`, with three rules of the Selectielijst 2020
//   (domain-facts §10, a 2020 draft used as test data: verify before production): 8.1.9 Verstrekt –
//   Schuldhulpverlening (5 years after the help ended: procestermijn bestaans-/geldigheidsduur),
//   8.3.5 Beëindigd – Schuldhulpverlening (5 years after the early end), 8.2 Geweigerd (5 years after the
//   refusal). retention_items may hold object type `schuldhulp` (one registration in debt_cases).
// - debt_cases: the end of the help after admission (`ended_on`, `end_result`: afgerond = the help was
//   given to its end, voortijdig-beeindigd = it stopped early), the start of the retention clock of an
//   admitted registration; and for an online registration the resident's submission key (posted twice =
//   one registration) and how to reach them (phone or e-mail, best time of day).
// - The resident portal's restrictive policy (see 0048) on debt_cases: a resident sees only their own.
// - `retention_destroy_item` (replaced, see below) removes a destroyed debt registration and the
//   arrears rows behind the resident's early signals; the outreach stays, relinked to the stand-in.

const APP_ROLE = 'koers_app';
const DESTROYED = 'Vernietigd volgens de selectielijst';
const RESIDENT = `nullif(current_setting('koers.resident_id', true), '')`;

/** [code, law, result, selectielijst nr, object, procestermijn, years] */
const RULES: [string, string, string, string, string, 'nihil' | 'bestaansduur', number][] = [
  ['wgs-verstrekt', 'wgs', 'verstrekt', '8.1.9', 'Schuldhulpverlening (verstrekt), na afloop van de hulp', 'bestaansduur', 5],
  ['wgs-beeindigd', 'wgs', 'beeindigd', '8.3.5', 'Schuldhulpverlening (beëindigd)', 'nihil', 5],
  ['wgs-geweigerd', 'wgs', 'geweigerd', '8.2', 'Voorziening (geweigerd): aanmelding schuldhulp afgewezen', 'nihil', 5],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const kinds = `('zaak', 'uitkering', 'aanvraag', 'heronderzoek', 'vordering', 'gesprek', 'schuldhulp')`;
  await sql.raw(`alter table retention_rules drop constraint retention_rules_law_check`).execute(db);
  await sql.raw(`alter table retention_rules add constraint retention_rules_law_check check (law in ('wmo', 'jeugdwet', 'participatiewet', 'wgs'))`).execute(db);
  await sql.raw(`alter table retention_rules drop constraint retention_rules_object_kind_check`).execute(db);
  await sql.raw(`alter table retention_rules add constraint retention_rules_object_kind_check check (object_kind in ${kinds})`).execute(db);
  await sql.raw(`alter table retention_items drop constraint retention_items_object_type_check`).execute(db);
  await sql.raw(`alter table retention_items add constraint retention_items_object_type_check check (object_type in ${kinds})`).execute(db);
  const source = 'Selectielijst gemeenten en intergemeentelijke organen 2020 — concept 2020 als testdata (VNG-referentielijsten); verifiëren vóór productie';
  for (const [code, law, result, nr, object, term, years] of RULES) {
    await sql`insert into retention_rules (code, object_kind, law, result, selectielijst_nr, object, process_term, term_years, term_weeks, destroy_on_request, source)
      values (${code}, 'schuldhulp', ${law}, ${result}, ${nr}, ${object}, ${term}, ${years}, 0, false, ${source})`.execute(db);
  }

  await sql`alter table debt_cases add column ended_on date, add column end_result text check (end_result in ('afgerond', 'voortijdig-beeindigd')),
    add column submission_key text check (submission_key ~ '^[A-Za-z0-9_-]{8,64}$'),
    add column contact_by text check (contact_by in ('telefoon', 'e-mail')),
    add column contact_phone text check (length(contact_phone) between 6 and 20),
    add column contact_email text check (length(contact_email) between 3 and 254),
    add column contact_time text check (contact_time in ('ochtend', 'middag', 'maakt-niet-uit'))`.execute(db);
  await sql`alter table debt_cases add constraint debt_cases_end check ((ended_on is null) = (end_result is null) and (ended_on is null or (decision = 'toegelaten' and ended_on >= decision_on)))`.execute(db);
  await sql`alter table debt_cases add constraint debt_cases_contact check (contact_by is null or (contact_by = 'telefoon' and contact_phone is not null) or (contact_by = 'e-mail' and contact_email is not null))`.execute(db);
  await sql`create unique index debt_cases_submission on debt_cases (tenant_id, resident_id, submission_key) where submission_key is not null`.execute(db);
  await sql.raw(`create policy resident_portal on debt_cases as restrictive for all to ${APP_ROLE} using (${RESIDENT} is null or resident_id = ${RESIDENT}::uuid) with check (${RESIDENT} is null or resident_id = ${RESIDENT}::uuid)`).execute(db);

  await destroyFunction(db);
}

/**
 * `retention_destroy_item` as in 0048, plus debt help: a destroyed `schuldhulp` item deletes its
 * registration (help question, crisis flags, first conversation, plan, decision, contact details: one
 * row) and, of the resident's settled early signals from before the help ended, the arrears rows
 * (creditor, amount); the outreach itself stays for the KPIs, relinked to the stand-in (and its
 * household) without its note. The last item of a resident does the same for all their settled
 * outreach; an outreach still open keeps the resident (it is being worked on).
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
      v_stand_in_household uuid;
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

      select r.household_id into v_stand_in_household from residents r where r.tenant_id = v_tenant and r.id = p_stand_in;
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
      elsif v_item.object_type = 'schuldhulp' then
        -- The registration with its first conversation, plan and decision (one row), and the early signals
        -- that came before the help ended: their arrears rows go, the outreach stays with the stand-in for the KPIs.
        delete from debt_cases where tenant_id = v_tenant and id = v_item.object_id;
        delete from debt_arrears a using debt_outreach o
          where a.tenant_id = v_tenant and o.tenant_id = v_tenant and o.id = a.outreach_id and o.resident_id = v_item.resident_id
            and o.outcome is not null and o.signalled_on <= v_item.clock_start;
        update debt_outreach set resident_id = p_stand_in, household_id = v_stand_in_household, outcome_note = null
          where tenant_id = v_tenant and resident_id = v_item.resident_id and outcome is not null and signalled_on <= v_item.clock_start;
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
          -- Early signals settled after the help ended (or without any help): as above. An open outreach keeps the resident.
          delete from debt_arrears a using debt_outreach o
            where a.tenant_id = v_tenant and o.tenant_id = v_tenant and o.id = a.outreach_id and o.resident_id = v_item.resident_id and o.outcome is not null;
          update debt_outreach set resident_id = p_stand_in, household_id = v_stand_in_household, outcome_note = null
            where tenant_id = v_tenant and resident_id = v_item.resident_id and outcome is not null;
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
