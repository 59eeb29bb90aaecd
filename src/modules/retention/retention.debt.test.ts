// Debt help under the retention rules (0051): a refused registration is kept 5 years after the refusal
// (8.2), admitted help 5 years after it ended (8.1.9 given to its end, 8.3.5 stopped early). Destroying
// them deletes the registrations and the arrears rows behind the resident's early signals, keeps the
// outreach (relinked to the stand-in) so the early-signal KPIs of its month stay the same, and deletes
// the resident with their last item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { sql } from 'kysely';
import { assignRetention } from './retention.service.js';

let t: TestApp;
let consultant: Staff;
let teamLead: Staff;
let archivist: { cookie: string };
let area: string;

beforeAll(async () => {
  t = await createTestApp();
  area = await anAreaCode(t);
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
  teamLead = await createStaff(t, { roles: ['team_lead'] });
  archivist = await t.login('archivaris');
});
afterAll(async () => t.close());

const post = (url: string, payload: object, cookie = consultant.cookie) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
async function ok(url: string, payload: object, status = 200) {
  const r = await post(url, payload);
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as { id: string };
}
const itemOf = (objectId: string) => withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('retention_items').selectAll().where('object_type', '=', 'schuldhulp').where('object_id', '=', objectId).executeTakeFirst());

/** A registration taken through its steps by the consultant, with the dates given. */
async function admitted(residentId: string, d: { registered: string; conversation: string; plan: string; decision: string }) {
  const { id } = await ok(`/api/residents/${residentId}/debt-cases`, { registeredOn: d.registered, helpQuestion: 'Huurachterstand en een schuld bij de zorgverzekeraar', threatEviction: true }, 201);
  await ok(`/api/debt/cases/${id}/first-conversation`, { on: d.conversation });
  await ok(`/api/debt/cases/${id}/plan`, { on: d.plan, summary: 'Budgetbeheer en een schuldregeling met vier schuldeisers' });
  await ok(`/api/debt/cases/${id}/decision`, { decision: 'toegelaten', on: d.decision });
  return id;
}

/** A settled outreach of the resident's household from an arrears file (signalled on `on`), with its arrears row. */
async function settledOutreach(residentId: string, on: string) {
  return withTenant(t.database.db, TENANT, async (tx) => {
    const household = (await tx.selectFrom('residents').select('household_id').where('id', '=', residentId).executeTakeFirstOrThrow()).household_id;
    const file = await tx.insertInto('debt_arrears_imports').values({ tenant_id: TENANT, file_name: `achterstanden-${on}.csv`, imported_by: consultant.id, row_count: 1, matched_rows: 1, outreach_count: 1, unmatched: '[]' }).returning('id').executeTakeFirstOrThrow();
    const outreach = await tx
      .insertInto('debt_outreach')
      .values({ tenant_id: TENANT, import_id: file.id, resident_id: residentId, household_id: household, area_code: area, team_id: null, signalled_on: on, contact_due: on, outcome: 'hulp-geaccepteerd', outcome_on: on, outcome_note: 'Mevrouw was blij met het bezoek', outcome_by: consultant.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('debt_arrears').values({ tenant_id: TENANT, import_id: file.id, outreach_id: outreach.id, row_number: 2, source: 'Maasvallei Wonen', creditor_kind: 'woningcorporatie', amount_cents: '145000' as never, months_in_arrears: 3, reference_date: on }).execute();
    return outreach.id;
  });
}

describe('debt help under the retention rules', () => {
  it('an ended or refused registration gets its Selectielijst rule; a running one gets none', async () => {
    const resident = await createResident(t, { areaCode: area });
    const early = await admitted(resident.id, { registered: '2014-01-06', conversation: '2014-01-08', plan: '2014-01-20', decision: '2014-02-03' });
    await withTenant(t.database.db, TENANT, (tx) => assignRetention(tx, '2026-12-01'));
    expect(await itemOf(early)).toBeUndefined(); // admitted, help still running: no clock yet

    // The end: only after admission, once, not before the decision.
    expect((await post(`/api/debt/cases/${early}/end`, { result: 'voortijdig-beeindigd', on: '2014-01-01' })).statusCode).toBe(400);
    await ok(`/api/debt/cases/${early}/end`, { result: 'voortijdig-beeindigd', on: '2014-09-30' });
    expect((await post(`/api/debt/cases/${early}/end`, { result: 'afgerond', on: '2014-10-30' })).statusCode).toBe(409);
    expect((await post(`/api/debt/cases/${early}/end`, { result: 'klaar', on: '2014-10-30' })).json().error.fields[0]).toMatchObject({ field: 'result', message: 'Kies afgerond of voortijdig beëindigd.' });

    const open = (await ok(`/api/residents/${resident.id}/debt-cases`, { registeredOn: '2015-01-05', helpQuestion: 'Opnieuw schulden' }, 201)).id;
    const notAdmitted = await post(`/api/debt/cases/${open}/end`, { result: 'afgerond', on: '2015-02-01' });
    expect(notAdmitted.statusCode, notAdmitted.body).toBe(409);
    await withTenant(t.database.db, TENANT, (tx) => assignRetention(tx, '2026-12-01'));
    expect(await itemOf(early)).toMatchObject({ rule_code: 'wgs-beeindigd', clock_start: '2014-09-30', destroy_after: '2019-09-30', resident_id: resident.id });
    expect(await itemOf(open)).toBeUndefined();
    const rules = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('retention_rules').select(['code', 'law', 'selectielijst_nr', 'process_term', 'term_years']).where('law', '=', 'wgs').orderBy('code').execute());
    expect(rules).toEqual([
      { code: 'wgs-beeindigd', law: 'wgs', selectielijst_nr: '8.3.5', process_term: 'nihil', term_years: 5 },
      { code: 'wgs-geweigerd', law: 'wgs', selectielijst_nr: '8.2', process_term: 'nihil', term_years: 5 },
      { code: 'wgs-verstrekt', law: 'wgs', selectielijst_nr: '8.1.9', process_term: 'bestaansduur', term_years: 5 },
    ]);
  });

  it('destruction removes the registrations and arrears rows, keeps the early-signal KPI counts, and deletes a resident whose only items were debt help', async () => {
    const resident = await createResident(t, { areaCode: area });
    const outreach = await settledOutreach(resident.id, '2015-01-02');
    const first = await admitted(resident.id, { registered: '2015-01-05', conversation: '2015-01-07', plan: '2015-01-20', decision: '2015-02-02' });
    await ok(`/api/debt/cases/${first}/end`, { result: 'afgerond', on: '2016-03-01' });
    const second = (await ok(`/api/residents/${resident.id}/debt-cases`, { registeredOn: '2016-04-01', helpQuestion: 'Nieuwe schulden na de regeling' }, 201)).id;
    await ok(`/api/debt/cases/${second}/first-conversation`, { on: '2016-04-11' });
    await ok(`/api/debt/cases/${second}/decision`, { decision: 'afgewezen', on: '2016-06-01', reason: 'Meneer wil geen budgetbeheer' });

    // The counts behind the early-signal KPIs (debt.repository outreachCounts) for outreach signalled in January 2015.
    const kpisOfJanuary = () =>
      withTenant(t.database.db, TENANT, async (tx) =>
        (await sql<{ total: number; reached: number; accepted: number; in_term: number }>`
          select count(*)::int as total, count(*) filter (where outcome in ('bereikt', 'hulp-geaccepteerd', 'hulp-geweigerd'))::int as reached,
                 count(*) filter (where outcome = 'hulp-geaccepteerd')::int as accepted, count(*) filter (where outcome_on <= contact_due)::int as in_term
          from debt_outreach where signalled_on between '2015-01-01' and '2015-01-31'`.execute(tx)).rows[0]!,
      );
    const kpisBefore = await kpisOfJanuary();
    expect(kpisBefore).toMatchObject({ total: 1, reached: 1, accepted: 1 });

    const created = await post('/api/retention/lists', { month: '2021-06' }, archivist.cookie);
    expect(created.statusCode, created.body).toBe(201);
    const list = created.json() as { id: string; items: { objectId: string; objectType: string; rule: { code: string; selectielijstNr: string } }[] };
    const mine = list.items.filter((i) => [first, second].includes(i.objectId));
    expect(mine.map((i) => [i.objectType, i.rule.code, i.rule.selectielijstNr]).sort()).toEqual([
      ['schuldhulp', 'wgs-geweigerd', '8.2'],
      ['schuldhulp', 'wgs-verstrekt', '8.1.9'],
    ]);
    expect(await itemOf(first)).toMatchObject({ clock_start: '2016-03-01', destroy_after: '2021-03-01' });
    expect(await itemOf(second)).toMatchObject({ clock_start: '2016-06-01', destroy_after: '2021-06-01' });
    expect((await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'archivaris' }, archivist.cookie)).statusCode).toBe(200);
    expect((await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'eigenaar' }, teamLead.cookie)).statusCode).toBe(200);
    const destroyed = await post(`/api/retention/lists/${list.id}/destroy`, {}, archivist.cookie);
    expect(destroyed.statusCode, destroyed.body).toBe(200);
    expect(destroyed.json().failed).toEqual([]);

    await withTenant(t.database.db, TENANT, async (tx) => {
      expect(await tx.selectFrom('debt_cases').select('id').where('id', 'in', [first, second]).execute()).toEqual([]);
      expect(await tx.selectFrom('debt_arrears').select('id').where('outreach_id', '=', outreach).execute()).toEqual([]);
      const kept = await tx.selectFrom('debt_outreach').selectAll().where('id', '=', outreach).executeTakeFirstOrThrow();
      expect(kept).toMatchObject({ outcome: 'hulp-geaccepteerd', outcome_on: '2015-01-02', signalled_on: '2015-01-02', outcome_note: null });
      expect(kept.resident_id).not.toBe(resident.id);
      const standIn = await tx.selectFrom('residents').select(['family_name', 'household_id']).where('id', '=', kept.resident_id).executeTakeFirstOrThrow();
      expect(standIn.family_name).toBe('Geanonimiseerd');
      expect(kept.household_id).toBe(standIn.household_id);
      const records = await tx.selectFrom('retention_destructions').select(['object_type', 'rule_code']).where('list_id', '=', list.id).where('object_id', 'in', [first, second]).orderBy('rule_code').execute();
      expect(records).toEqual([
        { object_type: 'schuldhulp', rule_code: 'wgs-geweigerd' },
        { object_type: 'schuldhulp', rule_code: 'wgs-verstrekt' },
      ]);
      // Nothing refers to the resident any more: gone with their last item.
      expect(await tx.selectFrom('residents').select('id').where('id', '=', resident.id).executeTakeFirst()).toBeUndefined();
    });
    expect(await kpisOfJanuary()).toEqual(kpisBefore);
  });
});
