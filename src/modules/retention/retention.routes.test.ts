import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createStaff, TENANT, uniqueBsn, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { recomputeKpi } from '../insights/insights.aggregate.js';
import { kpisOfDomain } from '../insights/insights.kpis.js';

// Retention and destruction on the test municipality. Each test works with cases closed long ago
// (1990–1992), so a list for a month in 2005–2007 holds exactly its own items (the demo's cases are
// recent); the KPIs are recomputed for the cases' own month before and after the destruction.

let t: TestApp;
let archivist: { cookie: string };
let teamLead: Staff;
let otherArchivist: Staff;
let consultant: Staff;
let area: string;
let userId: string;

beforeAll(async () => {
  t = await createTestApp();
  archivist = await t.login('archivaris');
  [teamLead, otherArchivist, consultant] = await Promise.all([createStaff(t, { roles: ['team_lead'] }), createStaff(t, { roles: ['archivist'] }), createStaff(t, { roles: ['consultant'] })]);
  area = await anAreaCode(t);
  userId = teamLead.id;
  await withTenant(t.database.db, TENANT, (tx) =>
    tx.insertInto('case_types').values({ tenant_id: TENANT, code: 'WMO-RT', name: 'Wmo (test bewaartermijnen)', law: 'wmo', research_term: 'P6W', decision_term: 'P2W', legal_basis: 'Wmo 2015' }).onConflict((oc) => oc.doNothing()).execute(),
  );
});
afterAll(async () => t.close());

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: object, cookie: string) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });

interface ClosedCase {
  residentId: string;
  bsn: string;
  caseId: string;
  conversationId: string;
}

/** A resident with a Wmo case granted and closed on `closedOn` (decision, allocation, conversation, note, event). */
async function closedWmoCase(closedOn: string, allocationEnd?: string): Promise<ClosedCase> {
  const bsn = uniqueBsn();
  const month = closedOn.slice(0, 8);
  return withTenant(t.database.db, TENANT, async (tx) => {
    const resident = await tx
      .insertInto('residents')
      .values({
        tenant_id: TENANT, bsn, given_name: 'Bewaar', surname_prefix: null, family_name: `Termijn${bsn}`, birth_date: '1940-02-02', gender: 'V', street: 'Teststraat', house_number: 3, house_letter: null,
        house_number_addition: null, postcode: '6211 AB', city: 'Maastricht', area_code: area, household_id: crypto.randomUUID(), search_text: `bewaar termijn${bsn}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const kase = await tx
      .insertInto('cases')
      .values({ tenant_id: TENANT, reference: `RT-${bsn}`, resident_id: resident.id, case_type_code: 'WMO-RT', status: 'afgesloten', notified_on: `${month}01`, applied_on: `${month}03`, decided_on: `${month}08`, closed_on: closedOn, consultant_id: null, direct_access_product_id: null, direct_access_provider_id: null, direct_access_start: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('case_events').values({ tenant_id: TENANT, case_id: kase.id, kind: 'status', on_date: closedOn, term: null, from_status: 'besluit', to_status: 'afgesloten', reason: 'Mevrouw is verhuisd naar haar dochter', recorded_by: userId, recorded_at: new Date(`${closedOn}T10:00:00Z`) }).execute();
    await tx.insertInto('case_notes').values({ tenant_id: TENANT, case_id: kase.id, resident_id: resident.id, body: 'Mevrouw heeft last van haar knie', author_user_id: userId, author_name: 'Test' }).execute();
    const product = await tx.selectFrom('products').select(['id', 'budget_line_code']).where('law', '=', 'wmo').where('kind', '=', 'tailored').orderBy('code').executeTakeFirstOrThrow();
    const provider = await tx.selectFrom('providers').select('id').orderBy('name').executeTakeFirstOrThrow();
    const decision = await tx.insertInto('decisions').values({ tenant_id: TENANT, case_id: kase.id, resident_id: resident.id, delivery_form: 'zin', status: 'approved', expected_annual_cents: 0, requires_approval: false, created_by: userId }).returning('id').executeTakeFirstOrThrow();
    const line = await tx.insertInto('decision_lines').values({ tenant_id: TENANT, decision_id: decision.id, product_id: product.id, outcome: 'granted', period_start: `${month}08`, period_end: `${month}28`, volume: 2, frequency: 'per_week' }).returning('id').executeTakeFirstOrThrow();
    const allocation = await tx
      .insertInto('allocations')
      .values({ tenant_id: TENANT, decision_line_id: line.id, case_id: kase.id, resident_id: resident.id, product_id: product.id, provider_id: provider.id, unit: 'hour', budget_line_code: product.budget_line_code ?? '', created_by: userId, created_at: new Date(`${month}08T10:00:00Z`) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('allocation_segments').values({ tenant_id: TENANT, allocation_id: allocation.id, volume: 2, frequency: 'per_week', start_date: `${month}08`, end_date: allocationEnd ?? `${month}28`, reason: 'Besluit', recorded_by: userId }).execute();
    const conversation = await tx
      .insertInto('conversations')
      .values({
        tenant_id: TENANT, resident_id: resident.id, case_id: kase.id, corrects_id: null, held_on: `${month}02`, conducted_by_user_id: userId, conducted_by_username: 'test',
        bodily_functions_score: 4, mental_wellbeing_score: 6, meaningfulness_score: 7, quality_of_life_score: 5, participation_score: 5, daily_functioning_score: 3,
        ladder_step: 'tailored', ladder_rationale: 'Mevrouw kan niet meer zelf koken', agreements: ['Huishoudelijke hulp aanvragen'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { residentId: resident.id, bsn, caseId: kase.id, conversationId: conversation.id };
  });
}

interface ListBody {
  id: string;
  status: string;
  approvals: { archivaris: unknown; eigenaar: unknown };
  items: { itemId: string; objectId: string; objectType: string; basis: string; dueOn: string; status: string; rule: { code: string; selectielijstNr: string } }[];
}

async function kpiRows(month: string) {
  return withTenant(t.database.db, TENANT, async (tx) => {
    for (const kpi of kpisOfDomain('wmo')) await recomputeKpi(tx, kpi, month, month);
    return tx.selectFrom('kpi_values').select(['kpi_id', 'breakdown', 'scope', 'numerator', 'denominator', 'subjects']).where('month', '=', month).orderBy('kpi_id').orderBy('breakdown').orderBy('scope').execute();
  });
}

const caseRow = (id: string) => withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
const residentRow = (id: string) => withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('residents').select(['id', 'bsn', 'family_name', 'area_code']).where('id', '=', id).executeTakeFirst());
const notesOf = (caseId: string) => withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('case_notes').select('body').where('case_id', '=', caseId).execute());

describe('the destruction list', () => {
  it('approved by the archivist and the case type owner removes the personal data of a closed, expired Wmo case; the KPI counts of its month stay the same', async () => {
    const c = await closedWmoCase('1990-03-20');
    const other = await closedWmoCase('1990-03-22');
    const before = await kpiRows('1990-03-01');
    expect(before.find((r) => r.kpi_id === 'wmo.clients' && r.scope === 'total')?.numerator).toBeDefined();

    const created = await post('/api/retention/lists', { month: '2005-03' }, archivist.cookie);
    expect(created.statusCode).toBe(201);
    const list = created.json() as ListBody;
    expect(list.status).toBe('concept');
    const item = list.items.find((i) => i.objectId === c.caseId)!;
    expect(item).toMatchObject({ objectType: 'zaak', basis: 'termijn', dueOn: '2005-03-20', rule: { code: 'wmo-verstrekt', selectielijstNr: '8.1.1' } });
    expect(list.items.map((i) => i.objectId).sort()).toEqual([c.caseId, other.caseId].sort());

    // Approval by one role only: destruction is refused with a clear Dutch message.
    expect((await post(`/api/retention/lists/${list.id}/destroy`, {}, archivist.cookie)).statusCode).toBe(409);
    expect((await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'archivaris' }, archivist.cookie)).statusCode).toBe(200);
    const oneRole = await post(`/api/retention/lists/${list.id}/destroy`, {}, archivist.cookie);
    expect(oneRole.statusCode).toBe(409);
    expect(oneRole.json().error.message).toContain('eigenaar zaaktype');
    expect(await caseRow(c.caseId)).toMatchObject({ resident_id: c.residentId });

    const approved = await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'eigenaar' }, teamLead.cookie);
    expect(approved.statusCode).toBe(200);
    expect((approved.json() as ListBody).status).toBe('goedgekeurd');

    const destroyed = await post(`/api/retention/lists/${list.id}/destroy`, {}, archivist.cookie);
    expect(destroyed.statusCode).toBe(200);
    expect(destroyed.json()).toEqual({ destroyed: 2, skipped: [], failed: [] });

    // The case stays for the KPIs (dates, type, area through an anonymous stand-in); the resident and the free text are gone.
    const after = await caseRow(c.caseId);
    expect(after).toMatchObject({ notified_on: '1990-03-01', decided_on: '1990-03-08', closed_on: '1990-03-20', case_type_code: 'WMO-RT', status: 'afgesloten' });
    expect(after.resident_id).not.toBe(c.residentId);
    expect(await residentRow(c.residentId)).toBeUndefined();
    const standIn = await residentRow(after.resident_id);
    expect(standIn).toMatchObject({ family_name: 'Geanonimiseerd', area_code: area });
    expect(standIn?.bsn).not.toBe(c.bsn);
    expect(await notesOf(c.caseId)).toEqual([]);
    const conversation = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('conversations').selectAll().where('id', '=', c.conversationId).executeTakeFirstOrThrow());
    expect(conversation.ladder_rationale).not.toContain('koken');
    expect(conversation.resident_id).toBe(after.resident_id);
    const events = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('case_events').select('reason').where('case_id', '=', c.caseId).execute());
    expect(events.every((e) => e.reason === null)).toBe(true);

    expect(await kpiRows('1990-03-01')).toEqual(before);

    // The destruction record: what, which rule, who approved, when — never the personal data.
    const records = await get(`/api/retention/lists/${list.id}/destructions`, archivist.cookie);
    expect(records.statusCode).toBe(200);
    const record = (records.json() as { objectId: string; selectielijstNr: string; ownerId: string }[]).find((r) => r.objectId === c.caseId)!;
    expect(record).toMatchObject({ selectielijstNr: '8.1.1', ownerId: teamLead.id });
    expect(records.body).not.toContain(c.bsn);
    expect(records.body).not.toContain(c.residentId);
    expect(records.body).not.toContain('Termijn');
    expect(((await get(`/api/retention/lists/${list.id}`, archivist.cookie)).json() as ListBody).status).toBe('uitgevoerd');
  });

  it('refuses approval in a role one does not hold, and both approvals by one person', async () => {
    await closedWmoCase('1993-03-10');
    const list = (await post('/api/retention/lists', { month: '2008-03' }, otherArchivist.cookie)).json() as ListBody;
    const asOwner = await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'eigenaar' }, otherArchivist.cookie);
    expect(asOwner.statusCode).toBe(403);
    expect(asOwner.json().error.message).toContain('teamleider');
    const leadAsArchivist = await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'archivaris' }, teamLead.cookie);
    expect(leadAsArchivist.statusCode).toBe(403);
    const bad = await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'iedereen' }, teamLead.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('capacity');
    const both = await createStaff(t, { roles: ['archivist', 'team_lead'] });
    expect((await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'archivaris' }, both.cookie)).statusCode).toBe(200);
    const second = await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'eigenaar' }, both.cookie);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('andere medewerker');
    expect((await post('/api/retention/lists', { month: '2008-03' }, otherArchivist.cookie)).statusCode).toBe(409);
    expect((await post('/api/retention/lists', {}, consultant.cookie)).statusCode).toBe(403);
    expect((await get(`/api/retention/lists/${crypto.randomUUID()}`, archivist.cookie)).statusCode).toBe(404);
    expect((await get(`/api/retention/lists/${crypto.randomUUID()}/destructions`, archivist.cookie)).statusCode).toBe(404);
    expect((await post(`/api/retention/lists/${crypto.randomUUID()}/destroy`, {}, archivist.cookie)).statusCode).toBe(404);
    expect((await get('/api/retention/lists', consultant.cookie)).statusCode).toBe(403);
  });

  it('keeps an item of a resident under a legal hold off the list', async () => {
    const held = await closedWmoCase('1991-03-05');
    const free = await closedWmoCase('1991-03-06');
    const bad = await post('/api/retention/holds', { bsn: '123', kind: 'bezwaar', reason: 'kort' }, archivist.cookie);
    expect(bad.statusCode).toBe(400);
    expect((bad.json().error.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['bsn', 'reason']);
    const hold = await post('/api/retention/holds', { bsn: held.bsn, kind: 'bezwaar', reason: 'Bezwaar tegen de beëindiging loopt nog' }, teamLead.cookie);
    expect(hold.statusCode).toBe(201);
    const list = (await post('/api/retention/lists', { month: '2006-03' }, archivist.cookie)).json() as ListBody;
    const ids = list.items.map((i) => i.objectId);
    expect(ids).toContain(free.caseId);
    expect(ids).not.toContain(held.caseId);
    const holds = (await get('/api/retention/holds', archivist.cookie)).json() as { id: string; bsn: string; kind: string }[];
    expect(holds.find((h) => h.bsn === held.bsn)).toMatchObject({ kind: 'bezwaar' });
  });

  it('a destroy run that fails in the middle leaves every item fully destroyed or untouched', async () => {
    const cases = [await closedWmoCase('1992-03-10'), await closedWmoCase('1992-03-11'), await closedWmoCase('1992-03-12')];
    const list = (await post('/api/retention/lists', { month: '2007-03' }, archivist.cookie)).json() as ListBody;
    // The list also holds the earlier test's item without a hold (due 2006); ours come after it, by due date.
    const ours = () => list.items.filter((i) => cases.some((c) => c.caseId === i.objectId));
    expect(ours().map((i) => i.objectId)).toEqual(cases.map((c) => c.caseId));
    await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'archivaris' }, archivist.cookie);
    await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'eigenaar' }, teamLead.cookie);
    // The middle item fails on its last step (relinking the case), after its notes and conversation were changed.
    const middle = cases[1]!.caseId;
    await sql.raw(`create function retention_test_fail() returns trigger language plpgsql as $$ begin raise exception 'afgebroken in het midden'; end $$`).execute(t.database.db);
    await sql.raw(`create trigger retention_test_fail before update on cases for each row when (old.id = '${middle}') execute function retention_test_fail()`).execute(t.database.db);
    try {
      const run = await post(`/api/retention/lists/${list.id}/destroy`, {}, archivist.cookie);
      expect(run.statusCode).toBe(200);
      expect(run.json()).toMatchObject({ destroyed: list.items.length - 1, failed: [{ itemId: ours()[1]!.itemId, message: 'Vernietigen mislukt; het item is ongewijzigd gebleven.' }] });
    } finally {
      await sql.raw('drop trigger retention_test_fail on cases').execute(t.database.db);
      await sql.raw('drop function retention_test_fail()').execute(t.database.db);
    }
    // Untouched: the resident, the notes, the conversation and the item itself.
    expect(await caseRow(middle)).toMatchObject({ resident_id: cases[1]!.residentId });
    expect(await residentRow(cases[1]!.residentId)).toBeDefined();
    expect(await notesOf(middle)).toHaveLength(1);
    const conversation = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('conversations').select(['resident_id', 'ladder_rationale']).where('id', '=', cases[1]!.conversationId).executeTakeFirstOrThrow());
    expect(conversation).toEqual({ resident_id: cases[1]!.residentId, ladder_rationale: 'Mevrouw kan niet meer zelf koken' });
    // Fully destroyed: the first and the last.
    for (const c of [cases[0]!, cases[2]!]) {
      expect((await caseRow(c.caseId)).resident_id).not.toBe(c.residentId);
      expect(await residentRow(c.residentId)).toBeUndefined();
      expect(await notesOf(c.caseId)).toEqual([]);
    }
    const after = (await get(`/api/retention/lists/${list.id}`, archivist.cookie)).json() as ListBody;
    expect(after.status).toBe('goedgekeurd');
    expect(after.items.filter((i) => cases.some((c) => c.caseId === i.objectId)).map((i) => i.status)).toEqual(['vernietigd', 'open', 'vernietigd']);
    // A second run takes the rest.
    expect((await post(`/api/retention/lists/${list.id}/destroy`, {}, archivist.cookie)).json()).toMatchObject({ destroyed: 1, failed: [] });
    expect(await residentRow(cases[1]!.residentId)).toBeUndefined();
  });

  it('a request for destruction puts the resident’s Wmo items on the list, due three months after the request', async () => {
    const c = await closedWmoCase('2020-06-15');
    const request = await post('/api/retention/requests', { bsn: c.bsn, receivedOn: '2026-01-10', note: 'Brief van mevrouw ontvangen' }, archivist.cookie);
    expect(request.statusCode).toBe(201);
    const future = await post('/api/retention/requests', { bsn: c.bsn, receivedOn: '2999-01-10', note: 'x' }, archivist.cookie);
    expect(future.statusCode).toBe(400);
    const list = (await post('/api/retention/lists', { month: '2009-03' }, archivist.cookie)).json() as ListBody;
    expect(list.items.find((i) => i.objectId === c.caseId)).toMatchObject({ basis: 'verzoek', dueOn: '2026-04-10', rule: { code: 'wmo-verstrekt' } });
    const requests = (await get('/api/retention/requests', archivist.cookie)).json() as { bsn: string; dueOn: string }[];
    expect(requests.find((r) => r.bsn === c.bsn)).toMatchObject({ dueOn: '2026-04-10' });
    // Carried out: the resident and their request are gone; the record says it was done on request.
    await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'archivaris' }, archivist.cookie);
    await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'eigenaar' }, teamLead.cookie);
    expect((await post(`/api/retention/lists/${list.id}/destroy`, {}, archivist.cookie)).json()).toMatchObject({ failed: [] });
    expect(await residentRow(c.residentId)).toBeUndefined();
    const left = (await get('/api/retention/requests', archivist.cookie)).json() as { bsn: string }[];
    expect(left.find((r) => r.bsn === c.bsn)).toBeUndefined();
    const records = (await get(`/api/retention/lists/${list.id}/destructions`, archivist.cookie)).json() as { objectId: string; basis: string }[];
    expect(records.find((r) => r.objectId === c.caseId)).toMatchObject({ basis: 'verzoek' });
  });

  it('an ended Pw benefit is destroyed by rule 8.1 ten years after its end, its payments kept for the KPIs; a case whose allocation still runs gets no date yet', async () => {
    const running = await closedWmoCase('1994-04-01', '2999-12-31');
    const c = await closedWmoCase('1994-04-05');
    const benefitId = await withTenant(t.database.db, TENANT, async (tx) => {
      const benefit = await tx
        .insertInto('pw_benefits')
        .values({ tenant_id: TENANT, reference: `PW-RT-${c.bsn}`, resident_id: c.residentId, consultant_id: null, norm: 'alleenstaande', monthly_cents: 100_000, start_date: '1993-01-01', end_date: '1994-04-30', last_reexamination_on: null, next_reexamination_on: '1994-06-01' })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const period of ['1994-02-01', '1994-03-01', '1994-04-01']) await tx.insertInto('pw_payments').values({ tenant_id: TENANT, benefit_id: benefit.id, period, paid_on: period, cents: 100_000 }).execute();
      return benefit.id;
    });
    const pwKpis = () =>
      withTenant(t.database.db, TENANT, async (tx) => {
        for (const kpi of kpisOfDomain('pw')) await recomputeKpi(tx, kpi, '1994-04-01', '1994-04-01');
        return tx.selectFrom('kpi_values').select(['kpi_id', 'breakdown', 'scope', 'numerator', 'denominator', 'subjects']).where('month', '=', '1994-04-01').where('kpi_id', 'like', 'pw.%').orderBy('kpi_id').orderBy('breakdown').orderBy('scope').execute();
      });
    const before = await pwKpis();
    expect(before.length).toBeGreaterThan(0);
    const list = (await post('/api/retention/lists', { month: '2010-03' }, archivist.cookie)).json() as ListBody;
    const ids = list.items.map((i) => i.objectId);
    expect(ids).not.toContain(running.caseId);
    expect(list.items.find((i) => i.objectId === benefitId)).toMatchObject({ objectType: 'uitkering', dueOn: '2004-04-30', rule: { code: 'pw-lo-beeindigd', selectielijstNr: '8.1' } });
    expect(list.items.find((i) => i.objectId === c.caseId)).toMatchObject({ rule: { code: 'wmo-verstrekt' } });
    await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'archivaris' }, archivist.cookie);
    await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'eigenaar' }, teamLead.cookie);
    expect((await post(`/api/retention/lists/${list.id}/destroy`, {}, archivist.cookie)).json()).toMatchObject({ failed: [] });
    const benefit = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('pw_benefits').select(['resident_id', 'start_date', 'end_date']).where('id', '=', benefitId).executeTakeFirstOrThrow());
    expect(benefit).toMatchObject({ start_date: '1993-01-01', end_date: '1994-04-30' });
    // The case and the benefit of one resident go to one stand-in; the resident is gone.
    expect(benefit.resident_id).toBe((await caseRow(c.caseId)).resident_id);
    expect(await residentRow(c.residentId)).toBeUndefined();
    expect(await pwKpis()).toEqual(before);
  });
});
