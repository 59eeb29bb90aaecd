import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { ApprovalCapacity, HoldKind, RetentionObjectType } from './retention.tables.js';

// The retention module's SQL. The assignment and the list are set-based (one statement each); the
// destruction of one item touches the records of that item only, in the caller's transaction.

/**
 * Gives every closed case whose allocations have all ended, and every ended Pw benefit, its rule and
 * destruction date (once: an assigned item keeps its date). The result of a case: 'afgebroken' when
 * withdrawn or closed without a decision, 'verstrekt' when an approved decision granted something,
 * else 'geweigerd'. The clock starts at the close ('nihil') or when the object ended ('bestaansduur':
 * the last end of its allocations, or the benefit's end). Returns how many items were added.
 */
export async function assignRetention(tx: Tx, today: string, only?: { caseId: string }): Promise<number> {
  const oneCase = only ? sql`and c.id = ${only.caseId}::uuid` : sql``;
  const cases = await sql<{ n: number }>`
    with closed as (
      select c.tenant_id, c.id, c.resident_id, c.closed_on, ct.law,
        case
          when c.status = 'ingetrokken' then 'afgebroken'
          -- Bijzondere bijstand (0049) is decided on its application, not through a Wmo decision.
          when exists (select 1 from special_assistance_applications sa where sa.tenant_id = c.tenant_id and sa.case_id = c.id and sa.decision_status = 'toegekend') then 'verstrekt'
          when exists (select 1 from special_assistance_applications sa where sa.tenant_id = c.tenant_id and sa.case_id = c.id and sa.decision_status = 'afgewezen') then 'geweigerd'
          when exists (select 1 from decisions d join decision_lines l on l.tenant_id = d.tenant_id and l.decision_id = d.id
                       where d.tenant_id = c.tenant_id and d.case_id = c.id and d.status = 'approved' and l.outcome = 'granted') then 'verstrekt'
          when exists (select 1 from decisions d where d.tenant_id = c.tenant_id and d.case_id = c.id and d.status = 'approved') then 'geweigerd'
          else 'afgebroken'
        end as result,
        (select max(s.end_date) from allocations a join allocation_segments s on s.tenant_id = a.tenant_id and s.allocation_id = a.id and s.superseded_at is null
          where a.tenant_id = c.tenant_id and a.case_id = c.id) as object_end
      from cases c
      join case_types ct on ct.tenant_id = c.tenant_id and ct.code = c.case_type_code
      where c.status in ('afgesloten', 'ingetrokken') and c.closed_on is not null
        and not exists (select 1 from retention_items i where i.tenant_id = c.tenant_id and i.object_type = 'zaak' and i.object_id = c.id)
        -- A decided Pw application is the item of its case (object type aanvraag), not the case itself.
        and not exists (select 1 from pw_applications pa where pa.tenant_id = c.tenant_id and pa.case_id = c.id and pa.decision_status in ('toegekend', 'afgewezen'))
        ${oneCase}
    ), inserted as (
      insert into retention_items (tenant_id, object_type, object_id, resident_id, rule_code, clock_start, destroy_after)
      select k.tenant_id, 'zaak', k.id, k.resident_id, r.code, start.on_date,
        (start.on_date + make_interval(years => r.term_years, days => 7 * r.term_weeks))::date
      from closed k
      join retention_rules r on r.object_kind = 'zaak' and r.law = k.law and r.result = k.result and r.valuation = 'vernietigen'
      cross join lateral (select case when r.process_term = 'bestaansduur' then greatest(k.closed_on, coalesce(k.object_end, k.closed_on)) else k.closed_on end as on_date) start
      where k.object_end is null or k.object_end < ${today}::date
      on conflict do nothing
      returning 1
    )
    select count(*)::int as n from inserted`.execute(tx);
  if (only) return cases.rows[0]?.n ?? 0;
  const benefits = await sql<{ n: number }>`
    with inserted as (
      insert into retention_items (tenant_id, object_type, object_id, resident_id, rule_code, clock_start, destroy_after)
      select b.tenant_id, 'uitkering', b.id, b.resident_id, r.code, b.end_date, (b.end_date + make_interval(years => r.term_years, days => 7 * r.term_weeks))::date
      from pw_benefits b
      join retention_rules r on r.object_kind = 'uitkering' and r.result = 'beeindigd'
      where b.end_date is not null and b.end_date < ${today}::date
        and not exists (select 1 from retention_items i where i.tenant_id = b.tenant_id and i.object_type = 'uitkering' and i.object_id = b.id)
      on conflict do nothing
      returning 1
    )
    select count(*)::int as n from inserted`.execute(tx);
  // Participatiewet applications (granted: from the end of the benefit they created; refused: from the
  // decision), re-examinations (from the day held), recovery claims (settled: from the last booking that
  // brought the balance to nil; withdrawn: from the later of creation and last booking) and
  // conversations held without a case (from the day held), and debt help (below). Times are taken as Amsterdam dates.
  const others = await sql<{ n: number }>`
    with candidates as (
      select a.tenant_id, 'aanvraag' as object_type, a.case_id as object_id, a.resident_id, 'toegekend' as result, b.end_date as clock_start
      from pw_applications a join pw_benefits b on b.tenant_id = a.tenant_id and b.id = a.benefit_id
      where a.decision_status = 'toegekend' and b.end_date is not null and b.end_date < ${today}::date
      union all
      select a.tenant_id, 'aanvraag', a.case_id, a.resident_id, 'afgewezen', (a.decided_at at time zone 'Europe/Amsterdam')::date
      from pw_applications a
      where a.decision_status = 'afgewezen' and a.decided_at is not null
      union all
      select x.tenant_id, 'heronderzoek', x.id, b.resident_id, 'uitgevoerd', x.held_on
      from pw_reexaminations x join pw_benefits b on b.tenant_id = x.tenant_id and b.id = x.benefit_id
      where x.held_on < ${today}::date
      union all
      select c.tenant_id, 'vordering', c.id, c.resident_id, 'afgehandeld',
        case when c.status = 'ingetrokken' then greatest((c.created_at at time zone 'Europe/Amsterdam')::date, coalesce(e.last_on, '0001-01-01'::date)) else e.last_on end
      from pw_recovery_claims c
      left join lateral (select sum(x.cents) as balance, max(x.booked_on) as last_on from pw_recovery_entries x where x.tenant_id = c.tenant_id and x.claim_id = c.id) e on true
      where c.status = 'ingetrokken' or (c.status = 'vastgesteld' and e.balance = 0 and e.last_on < ${today}::date)
      union all
      select v.tenant_id, 'gesprek', v.id, v.resident_id, 'gevoerd', v.held_on
      from conversations v
      where v.case_id is null and v.held_on < ${today}::date
      union all
      -- Debt help (0051): refused (8.2, from the decision), or admitted and ended: given to its end (8.1.9,
      -- bestaansduur: from the end of the help) or stopped early (8.3.5, from the end).
      select d.tenant_id, 'schuldhulp', d.id, d.resident_id,
        case when d.decision = 'afgewezen' then 'geweigerd' when d.end_result = 'afgerond' then 'verstrekt' else 'beeindigd' end,
        case when d.decision = 'afgewezen' then d.decision_on else d.ended_on end
      from debt_cases d
      where d.decision = 'afgewezen' or d.ended_on is not null
    ), inserted as (
      insert into retention_items (tenant_id, object_type, object_id, resident_id, rule_code, clock_start, destroy_after)
      select k.tenant_id, k.object_type, k.object_id, k.resident_id, r.code, k.clock_start, (k.clock_start + make_interval(years => r.term_years, days => 7 * r.term_weeks))::date
      from candidates k
      join retention_rules r on r.object_kind = k.object_type and r.result = k.result and r.valuation = 'vernietigen'
      where not exists (select 1 from retention_items i where i.tenant_id = k.tenant_id and i.object_type = k.object_type and i.object_id = k.object_id)
      on conflict do nothing
      returning 1
    )
    select count(*)::int as n from inserted`.execute(tx);
  return (cases.rows[0]?.n ?? 0) + (benefits.rows[0]?.n ?? 0) + (others.rows[0]?.n ?? 0);
}

/**
 * Fills a new list: items not destroyed whose destruction date passed by `until`, and items of a
 * resident who asked for destruction under a rule that allows it (due three months after the request),
 * minus every resident under an active hold. Returns the number of items.
 */
export async function fillList(tx: Tx, listId: string, until: string): Promise<number> {
  const result = await sql<{ n: number }>`
    with candidates as (
      select i.id, i.destroy_after as due_on, 'termijn' as basis
      from retention_items i
      where i.destroyed_at is null and i.destroy_after <= ${until}::date
      union all
      select i.id, min(q.due_on), 'verzoek'
      from retention_items i
      join retention_rules r on r.code = i.rule_code and r.destroy_on_request
      join retention_requests q on q.tenant_id = i.tenant_id and q.resident_id = i.resident_id
      where i.destroyed_at is null and i.destroy_after > ${until}::date
      group by i.id
    ), inserted as (
      insert into retention_list_items (tenant_id, list_id, item_id, due_on, basis)
      select current_setting('koers.tenant_id'), ${listId}::uuid, c.id, c.due_on, c.basis
      from candidates c
      join retention_items i on i.tenant_id = current_setting('koers.tenant_id') and i.id = c.id
      where not exists (select 1 from retention_holds h where h.tenant_id = i.tenant_id and h.resident_id = i.resident_id and h.lifted_at is null)
      returning 1
    )
    select count(*)::int as n from inserted`.execute(tx);
  return result.rows[0]?.n ?? 0;
}

export async function insertList(tx: Tx, tenantId: string, month: string, createdBy: string): Promise<string | null> {
  const row = await tx
    .insertInto('retention_lists')
    .values({ tenant_id: tenantId, month, created_by: createdBy })
    .onConflict((oc) => oc.columns(['tenant_id', 'month']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export function loadLists(tx: Tx) {
  return tx
    .selectFrom('retention_lists as l')
    .select(['l.id', 'l.month', 'l.status', 'l.created_at'])
    .select((eb) => [
      eb.selectFrom('retention_list_items as li').whereRef('li.list_id', '=', 'l.id').select((e) => e.fn.countAll<string>().as('n')).as('items'),
      eb.selectFrom('retention_list_items as li').whereRef('li.list_id', '=', 'l.id').where('li.status', '=', 'vernietigd').select((e) => e.fn.countAll<string>().as('n')).as('destroyed'),
    ])
    .orderBy('l.month', 'desc')
    .execute();
}

export function loadList(tx: Tx, id: string, forUpdate = false) {
  const query = tx.selectFrom('retention_lists').select(['id', 'month', 'status', 'created_at', 'created_by']).where('id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export function loadApprovals(tx: Tx, listId: string) {
  return tx
    .selectFrom('retention_approvals as a')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.approved_by'))
    .select(['a.capacity', 'a.approved_by', 'a.approved_at', 'u.display_name'])
    .where('a.list_id', '=', listId)
    .execute();
}

export function loadListItems(tx: Tx, listId: string) {
  return tx
    .selectFrom('retention_list_items as li')
    .innerJoin('retention_items as i', (j) => j.onRef('i.tenant_id', '=', 'li.tenant_id').onRef('i.id', '=', 'li.item_id'))
    .innerJoin('retention_rules as r', 'r.code', 'i.rule_code')
    .select(['li.item_id', 'li.due_on', 'li.basis', 'li.status', 'i.object_type', 'i.object_id', 'i.resident_id', 'i.clock_start', 'i.destroy_after', 'r.code as rule_code', 'r.selectielijst_nr', 'r.object', 'r.result', 'r.law', 'r.term_years', 'r.term_weeks', 'r.process_term', 'r.owner_role'])
    .where('li.list_id', '=', listId)
    .orderBy('li.due_on')
    .orderBy('li.item_id')
    .execute();
}

export async function insertApproval(tx: Tx, tenantId: string, listId: string, capacity: ApprovalCapacity, userId: string): Promise<boolean> {
  const row = await tx
    .insertInto('retention_approvals')
    .values({ tenant_id: tenantId, list_id: listId, capacity, approved_by: userId })
    .onConflict((oc) => oc.columns(['tenant_id', 'list_id', 'capacity']).doNothing())
    .returning('capacity')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setListStatus(tx: Tx, listId: string, status: 'goedgekeurd' | 'uitgevoerd'): Promise<void> {
  await tx.updateTable('retention_lists').set({ status }).where('id', '=', listId).execute();
}

export function activeHoldOf(tx: Tx, residentId: string) {
  return tx.selectFrom('retention_holds').select('id').where('resident_id', '=', residentId).where('lifted_at', 'is', null).executeTakeFirst();
}

export function insertHold(tx: Tx, values: { tenant_id: string; resident_id: string; kind: HoldKind; reason: string; placed_by: string }) {
  return tx.insertInto('retention_holds').values(values).returning('id').executeTakeFirstOrThrow();
}

export function liftHold(tx: Tx, id: string, userId: string) {
  return tx.updateTable('retention_holds').set({ lifted_by: userId, lifted_at: new Date() }).where('id', '=', id).where('lifted_at', 'is', null).returning(['id', 'resident_id']).executeTakeFirst();
}

export function loadHolds(tx: Tx) {
  return tx
    .selectFrom('retention_holds as h')
    .innerJoin('residents as r', (j) => j.onRef('r.tenant_id', '=', 'h.tenant_id').onRef('r.id', '=', 'h.resident_id'))
    .select(['h.id', 'h.resident_id', 'h.kind', 'h.reason', 'h.placed_at', 'h.lifted_at', 'r.bsn', 'r.given_name', 'r.surname_prefix', 'r.family_name'])
    .orderBy('h.placed_at', 'desc')
    .execute();
}

export function insertRequest(tx: Tx, values: { tenant_id: string; resident_id: string; received_on: string; due_on: string; note: string; registered_by: string }) {
  return tx.insertInto('retention_requests').values(values).returning('id').executeTakeFirstOrThrow();
}

export function loadRequests(tx: Tx) {
  return tx
    .selectFrom('retention_requests as q')
    .innerJoin('residents as r', (j) => j.onRef('r.tenant_id', '=', 'q.tenant_id').onRef('r.id', '=', 'q.resident_id'))
    .select(['q.id', 'q.resident_id', 'q.received_on', 'q.due_on', 'q.note', 'r.bsn', 'r.given_name', 'r.surname_prefix', 'r.family_name'])
    .orderBy('q.registered_at', 'desc')
    .execute();
}

export function residentExists(tx: Tx, id: string) {
  return tx.selectFrom('residents').select('id').where('id', '=', id).executeTakeFirst();
}

/** The item, locked for its destruction. */
export function lockItem(tx: Tx, itemId: string) {
  return tx.selectFrom('retention_items').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirst();
}

/**
 * An anonymous stand-in for a resident: the area (KPIs count per area) and nothing else that is
 * personal. Its BSN fails the 11-test, so it can never be a real person's number.
 */
export async function insertStandIn(tx: Tx, tenantId: string, areaCode: string | null, bsn: string): Promise<string> {
  const row = await tx
    .insertInto('residents')
    .values({
      tenant_id: tenantId, bsn, given_name: '-', surname_prefix: null, family_name: 'Geanonimiseerd', birth_date: '1900-01-01', gender: 'X',
      street: 'Geanonimiseerd', house_number: 1, house_letter: null, house_number_addition: null, postcode: '9999 ZZ', city: 'Geanonimiseerd',
      area_code: areaCode, household_id: sql<string>`gen_random_uuid()`, search_text: 'geanonimiseerd',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function areaOf(tx: Tx, residentId: string) {
  return tx.selectFrom('residents').select('area_code').where('id', '=', residentId).executeTakeFirst();
}

const DESTROYED = 'Vernietigd volgens de selectielijst';

/**
 * Signals about a destroyed record: relinked to the stand-in (a signal about the resident also as its
 * subject), their facts emptied and closing note removed; rule, status and dates stay.
 */
async function destroySignals(tx: Tx, which: RawBuilder<unknown>, standIn: string): Promise<void> {
  await sql`update signals s set resident_id = case when s.resident_id is null then null else ${standIn}::uuid end,
      subject_id = case when s.subject_type = 'resident' then ${standIn}::uuid else s.subject_id end, facts = '{}'::jsonb, closed_note = null
    where ${which}`.execute(tx);
  // Their event notes are removed by `retention_destroy_item` (every signal of the stand-in).
}

/**
 * With a resident's last item destroyed, what else names them: their signals and callback tasks move to
 * the stand-in with their free text removed. Their KCC contacts (relinked, subject and note replaced)
 * and access grants (deleted) are done by `retention_destroy_item`.
 */
export async function destroyResidentTraces(tx: Tx, residentId: string, standIn: string): Promise<void> {
  await destroySignals(tx, sql`s.resident_id = ${residentId}::uuid or (s.subject_type = 'resident' and s.subject_id = ${residentId}::uuid)`, standIn);
  await sql`update callback_tasks set resident_id = ${standIn}::uuid, done_note = case when done_note is null then null else ${DESTROYED} end where resident_id = ${residentId}::uuid`.execute(tx);
}

/** Relinks an ended benefit (its payments and income statements stay, for the KPIs) to the stand-in. */
export async function destroyBenefit(tx: Tx, benefitId: string, standIn: string): Promise<void> {
  await tx.updateTable('pw_benefits').set({ resident_id: standIn, end_reason: null }).where('id', '=', benefitId).execute();
  // What the resident gave in Mijn gemeente (0052): relinked without the incomes and the payslips; the month and whether there was income stay.
  await sql`update pw_income_submissions set resident_id = ${standIn}::uuid, items = '[]'::jsonb, documents = '[]'::jsonb, submission_key = replace(id::text, '-', '')
    where benefit_id = ${benefitId}::uuid`.execute(tx);
  await destroySignals(tx, sql`s.subject_type = 'benefit' and s.subject_id = ${benefitId}::uuid`, standIn);
}

/**
 * A decided Pw application is the zaakdossier of its case (which stays at 'besluit'): the application is
 * relinked with its calculation, bank account and free text removed here; the case file, like any
 * case's, by `retention_destroy_item`.
 */
export async function destroyApplication(tx: Tx, caseId: string, standIn: string): Promise<void> {
  await sql`update pw_applications set resident_id = ${standIn}::uuid, calculation_input = null, rekenblad = null,
      iban = case when iban is null then null else 'XX00GEANONIMISEERD' end, account_holder = case when account_holder is null then null else 'Geanonimiseerd' end,
      refusal_reason = case when refusal_reason is null then null else ${DESTROYED} end
    where case_id = ${caseId}::uuid`.execute(tx);
}

/**
 * The application for bijzondere bijstand beside a destroyed case (0049): relinked to the stand-in with
 * what the resident told and gave removed; what the dashboard counts (channel, dates, complete on arrival,
 * category, costs, proposal and outcome with the amount) stays.
 */
export async function destroySpecialAssistance(tx: Tx, caseId: string, standIn: string): Promise<void> {
  await sql`update special_assistance_applications set resident_id = ${standIn}::uuid, submission_key = null, description = ${DESTROYED},
      household = jsonb_build_object('leefvorm', household->>'leefvorm', 'partnerBirthDate', null, 'children', 0),
      monthly_income_cents = 0, assets_cents = 0, iban = null, account_holder = null, documents = '[]'::jsonb, missing = '[]'::jsonb,
      calculation = '{}'::jsonb, proposal_reasons = '[]'::jsonb,
      decision_reason = case when decision_reason is null then null else ${DESTROYED} end
    where case_id = ${caseId}::uuid`.execute(tx);
}

/** Relinks a recovery claim to the stand-in and replaces its reason (its ledger notes: `retention_destroy_item`; amounts stay). */
export async function destroyRecoveryClaim(tx: Tx, id: string, standIn: string): Promise<void> {
  await sql`update pw_recovery_claims set resident_id = ${standIn}::uuid, reason = ${DESTROYED} where id = ${id}::uuid`.execute(tx);
}

/**
 * Before the item's last step: when no OTHER item of the resident is left, what names them goes — their
 * fulfilled requests and lifted holds, and (destroyResidentTraces) their signals and callback tasks.
 * `retention_destroy_item` then does their KCC contacts and access grants and deletes the resident when
 * nothing refers to them any more.
 */
export async function prepareLastItem(tx: Tx, residentId: string, itemId: string, standIn: string): Promise<void> {
  const live = await tx.selectFrom('retention_items').select('id').where('resident_id', '=', residentId).where('destroyed_at', 'is', null).where('id', '<>', itemId).executeTakeFirst();
  if (live) return;
  await destroyResidentTraces(tx, residentId, standIn);
  await tx.deleteFrom('retention_requests').where('resident_id', '=', residentId).execute();
  // A bijzondere bijstand form the resident saved but never sent.
  await tx.deleteFrom('special_assistance_drafts').where('resident_id', '=', residentId).execute();
  await tx.deleteFrom('retention_holds').where('resident_id', '=', residentId).where('lifted_at', 'is not', null).execute();
}

/**
 * The database's part (migration 0042): removes the free text, notes and documents the application role
 * may not touch itself, marks the item destroyed and deletes the resident when it was their last item
 * and nothing refers to them. Refuses an item not open on a list approved by two roles. Returns whether
 * the resident was deleted.
 */
export async function destroyInDatabase(tx: Tx, listId: string, itemId: string, standIn: string | null): Promise<boolean> {
  const { rows } = await sql<{ deleted: boolean }>`select retention_destroy_item(${listId}::uuid, ${itemId}::uuid, ${standIn}::uuid) as deleted`.execute(tx);
  return rows[0]?.deleted === true;
}

export function insertDestruction(tx: Tx, values: { tenant_id: string; list_id: string; item_id: string; object_type: RetentionObjectType; object_id: string; rule_code: string; selectielijst_nr: string; clock_start: string; destroy_after: string; basis: 'termijn' | 'verzoek'; archivist_id: string; owner_id: string; destroyed_by: string }) {
  return tx.insertInto('retention_destructions').values(values).execute();
}

export function loadDestructions(tx: Tx, listId: string) {
  return tx.selectFrom('retention_destructions').selectAll().where('list_id', '=', listId).orderBy('destroyed_at').execute();
}

export function ruleOf(tx: Tx, code: string) {
  return tx.selectFrom('retention_rules').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
}

export function loadRules(tx: Tx) {
  return tx.selectFrom('retention_rules').selectAll().orderBy('law').orderBy('selectielijst_nr').execute();
}
