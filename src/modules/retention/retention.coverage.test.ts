import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createResident, createStaff, openCase, TENANT, uniqueBsn, type Staff } from '../../../test/support/factories.js';
import { sql } from 'kysely';
import { withTenant } from '../../db/tenancy.js';
import { assignRetention } from './retention.service.js';

// The gaps of issue #13 §5 closed after the first retention module: the retention date set in the
// transaction that closes a case, the Participatiewet records and standalone conversations as items,
// and destruction reaching signals, KCC contacts and access grants.

let t: TestApp;
let consultant: Staff;
let area: string;
let archivist: { cookie: string };
let teamLead: Staff;

beforeAll(async () => {
  t = await createTestApp();
  area = await anAreaCode(t);
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
  archivist = await t.login('archivaris');
  teamLead = await createStaff(t, { roles: ['team_lead'] });
  await withTenant(t.database.db, TENANT, (tx) =>
    tx.insertInto('case_types').values({ tenant_id: TENANT, code: 'PW-RT', name: 'Pw (test bewaartermijnen)', law: 'participatiewet', research_term: 'P8W', decision_term: 'P8W', legal_basis: 'Participatiewet' }).onConflict((oc) => oc.doNothing()).execute(),
  );
});
afterAll(async () => t.close());

const post = (url: string, payload: object, cookie: string) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
const itemOf = (objectType: string, objectId: string) =>
  withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('retention_items').selectAll().where('object_type', '=', objectType as 'zaak').where('object_id', '=', objectId).executeTakeFirst());

describe('closing a case', () => {
  it('sets its retention rule and destruction date in the same transaction', async () => {
    const resident = await createResident(t, { areaCode: area });
    const c = await openCase(t, consultant, resident.id, { notifiedOn: '2020-01-06' });
    expect(await itemOf('zaak', c.id)).toBeUndefined();
    const closed = await post(`/api/cases/${c.id}/status`, { to: 'ingetrokken', on: '2020-02-03', reason: 'Aanvraag ingetrokken door inwoner' }, consultant.cookie);
    expect(closed.statusCode).toBe(200);
    const item = await itemOf('zaak', c.id);
    // Withdrawn: afgebroken (8.4.1), procestermijn nihil, 6 weeks after the close.
    expect(item).toMatchObject({ rule_code: 'wmo-afgebroken', clock_start: '2020-02-03', destroy_after: '2020-03-16', resident_id: resident.id, destroyed_at: null });
  });

  it('a refused close leaves no retention item behind', async () => {
    const resident = await createResident(t, { areaCode: area });
    const c = await openCase(t, consultant, resident.id, { notifiedOn: '2020-01-06' });
    // A date before the notification is refused: nothing of the close, also no retention item.
    const refused = await post(`/api/cases/${c.id}/status`, { to: 'afgesloten', on: '2019-12-01' }, consultant.cookie);
    expect(refused.statusCode).toBe(400);
    expect(await itemOf('zaak', c.id)).toBeUndefined();
    const closed = await post(`/api/cases/${c.id}/status`, { to: 'afgesloten', on: '2020-01-20' }, consultant.cookie);
    expect(closed.statusCode).toBe(200);
    expect(await itemOf('zaak', c.id)).toMatchObject({ rule_code: 'wmo-afgebroken', clock_start: '2020-01-20' });
  });
});

const DESTROYED = 'Vernietigd volgens de selectielijst';

/**
 * A resident with Participatiewet records from 2001–2003 and a conversation without a case: a benefit
 * ended 2001-06-30 granted on an application, a refused application, a re-examination, a withdrawn
 * recovery claim. All are due between 2008 and 2016 (after the months of the other retention tests).
 */
async function pwResident() {
  const bsn = uniqueBsn();
  const userId = teamLead.id;
  return withTenant(t.database.db, TENANT, async (tx) => {
    const resident = await tx
      .insertInto('residents')
      .values({
        tenant_id: TENANT, bsn, given_name: 'Pw', surname_prefix: null, family_name: `Bewaar${bsn}`, birth_date: '1960-02-02', gender: 'M', street: 'Teststraat', house_number: 5, house_letter: null,
        house_number_addition: null, postcode: '6211 AB', city: 'Maastricht', area_code: area, household_id: crypto.randomUUID(), search_text: `pw bewaar${bsn}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const newCase = async (n: string) =>
      tx.insertInto('cases').values({ tenant_id: TENANT, reference: `PWRT-${n}-${bsn}`, resident_id: resident.id, case_type_code: 'PW-RT', status: 'besluit', notified_on: '2001-01-02', applied_on: '2001-01-03', decided_on: '2001-01-20', closed_on: null, consultant_id: null, direct_access_product_id: null, direct_access_provider_id: null, direct_access_start: null }).returning('id').executeTakeFirstOrThrow();
    const granted = await newCase('1');
    const refused = await newCase('2');
    const benefit = await tx
      .insertInto('pw_benefits')
      .values({ tenant_id: TENANT, reference: `PWB-${bsn}`, resident_id: resident.id, norm: 'alleenstaande', monthly_cents: 100_000, start_date: '2001-02-01', end_date: '2001-06-30', next_reexamination_on: '2002-02-01', case_id: granted.id, iban: 'NL91ABNA0417164300', account_holder: 'P. Bewaar', end_reason: 'Werk gevonden' } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('pw_applications').values({ tenant_id: TENANT, case_id: granted.id, resident_id: resident.id, reported_on: '2001-01-02', decision_status: 'toegekend', outcome: 'toekenning', grant_from: '2001-02-01', iban: 'NL91ABNA0417164300', account_holder: 'P. Bewaar', decided_by: userId, decided_at: new Date('2001-01-20T10:00:00Z'), benefit_id: benefit.id } as never).execute();
    await tx.insertInto('pw_applications').values({ tenant_id: TENANT, case_id: refused.id, resident_id: resident.id, reported_on: '2003-01-02', decision_status: 'afgewezen', outcome: 'afwijzing', refusal_reason: 'Meneer heeft een eigen vermogen boven de grens', decided_by: userId, decided_at: new Date('2003-05-05T10:00:00Z') } as never).execute();
    const reexam = await tx
      .insertInto('pw_reexaminations')
      .values({ tenant_id: TENANT, benefit_id: benefit.id, held_on: '2001-05-04', risk_profile: 'laag', checks: JSON.stringify([{ check: 'woonsituatie', note: 'Woont samen met zijn broer' }]), outcome: 'ongewijzigd', next_on: '2002-05-04', note: 'Meneer zoekt actief werk', recorded_by: userId } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const claim = await tx
      .insertInto('pw_recovery_claims')
      .values({ tenant_id: TENANT, reference: `VRD-${bsn}`, resident_id: resident.id, benefit_id: benefit.id, ground: 'inkomsten-niet-gemeld', article: 'art. 58 Pw', source: 'handmatig', status: 'ingetrokken', principal_cents: 5000, reason: 'Inkomsten uit bijbaan bij de buurman niet gemeld', created_by: userId, created_at: new Date('2001-05-03T10:00:00Z') } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const conversation = await tx
      .insertInto('conversations')
      .values({
        tenant_id: TENANT, resident_id: resident.id, case_id: null, corrects_id: null, held_on: '2001-05-02', conducted_by_user_id: userId, conducted_by_username: 'test',
        bodily_functions_score: 4, mental_wellbeing_score: 6, meaningfulness_score: 7, quality_of_life_score: 5, participation_score: 5, daily_functioning_score: 3,
        ladder_step: 'own_strength', ladder_rationale: 'Meneer redt zich met hulp van zijn broer', agreements: ['Broer helpt met de boodschappen'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // What else names the resident: a signal about them and one about the benefit, a KCC contact with a callback, a break-glass grant.
    // A month's income the resident gave in Mijn gemeente (0052), with what it was and the payslip.
    await tx.insertInto('pw_income_submissions').values({ tenant_id: TENANT, benefit_id: benefit.id, resident_id: resident.id, period: '2001-05-01', submission_key: `bewaar-${bsn}`, had_income: true, items: JSON.stringify([{ kind: 'loon', netCents: 40_000, employer: 'Bakkerij' }]), documents: JSON.stringify([{ id: '00000000-0000-4000-8000-000000000001' }]) } as never).execute();
    await tx.insertInto('signals').values({ tenant_id: TENANT, rule_id: 'test.inwoner', subject_type: 'resident', subject_id: resident.id, resident_id: resident.id, area_code: area, facts: JSON.stringify({ naam: 'Pw Bewaar' }), fingerprint: 'a', due_on: '2001-06-01', status: 'afgehandeld', closed_at: new Date('2001-06-02T10:00:00Z'), closed_note: 'Meneer gebeld, alles goed' } as never).execute();
    await tx.insertInto('signals').values({ tenant_id: TENANT, rule_id: 'test.uitkering', subject_type: 'benefit', subject_id: benefit.id, resident_id: resident.id, area_code: area, facts: JSON.stringify({ inkomsten: 'bijbaan' }), fingerprint: 'b', due_on: '2001-06-01' } as never).execute();
    const contact = await tx.insertInto('kcc_contacts').values({ tenant_id: TENANT, resident_id: resident.id, channel: 'telefoon', subject: 'Vraag over bijstand', note: 'Meneer belt over zijn schulden', outcome: 'answered', registered_by: userId, registered_at: new Date('2001-01-02T09:00:00Z') } as never).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('callback_tasks').values({ tenant_id: TENANT, contact_id: contact.id, resident_id: resident.id, user_id: userId, due_at: new Date('2001-01-03T09:00:00Z'), done_at: new Date('2001-01-03T10:00:00Z'), done_by: userId, done_note: 'Teruggebeld over schulden' } as never).execute();
    await tx.insertInto('access_grants').values({ tenant_id: TENANT, resident_id: resident.id, user_id: userId, reason: 'Spoed: meneer staat voor de deur', granted_at: new Date('2001-01-02T09:00:00Z'), expires_at: new Date('2001-01-03T09:00:00Z') } as never).execute();
    return { residentId: resident.id, contactId: contact.id, granted: granted.id, refused: refused.id, benefitId: benefit.id, reexamId: reexam.id, claimId: claim.id, conversationId: conversation.id };
  });
}

describe('Participatiewet records and conversations without a case', () => {
  it('get their own rule and destruction date, and an approved list destroys their personal data', async () => {
    const r = await pwResident();
    await withTenant(t.database.db, TENANT, (tx) => assignRetention(tx, '2026-12-01'));
    expect(await itemOf('aanvraag', r.granted)).toMatchObject({ rule_code: 'pw-aanvraag-toegekend', clock_start: '2001-06-30', destroy_after: '2011-06-30' });
    expect(await itemOf('aanvraag', r.refused)).toMatchObject({ rule_code: 'pw-aanvraag-afgewezen', clock_start: '2003-05-05', destroy_after: '2008-05-05' });
    expect(await itemOf('heronderzoek', r.reexamId)).toMatchObject({ rule_code: 'pw-heronderzoek', clock_start: '2001-05-04', destroy_after: '2011-05-04', resident_id: r.residentId });
    expect(await itemOf('vordering', r.claimId)).toMatchObject({ rule_code: 'pw-vordering', clock_start: '2001-05-03', destroy_after: '2011-05-03' });
    expect(await itemOf('gesprek', r.conversationId)).toMatchObject({ rule_code: 'gesprek-zonder-zaak', clock_start: '2001-05-02', destroy_after: '2016-05-02' });
    expect(await itemOf('uitkering', r.benefitId)).toMatchObject({ rule_code: 'pw-lo-beeindigd', destroy_after: '2011-06-30' });

    const created = await post('/api/retention/lists', { month: '2016-05' }, archivist.cookie);
    expect(created.statusCode).toBe(201);
    const list = created.json() as { id: string; items: { objectId: string; objectType: string }[] };
    const mine = [r.granted, r.refused, r.reexamId, r.claimId, r.conversationId, r.benefitId];
    expect(list.items.filter((i) => mine.includes(i.objectId)).map((i) => i.objectType).sort()).toEqual(['aanvraag', 'aanvraag', 'gesprek', 'heronderzoek', 'uitkering', 'vordering']);
    expect((await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'archivaris' }, archivist.cookie)).statusCode).toBe(200);
    expect((await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'eigenaar' }, teamLead.cookie)).statusCode).toBe(200);
    const destroyed = await post(`/api/retention/lists/${list.id}/destroy`, {}, archivist.cookie);
    expect(destroyed.statusCode).toBe(200);
    expect(destroyed.json().failed).toEqual([]);

    await withTenant(t.database.db, TENANT, async (tx) => {
      const apps = await tx.selectFrom('pw_applications').selectAll().where('case_id', 'in', [r.granted, r.refused]).execute();
      for (const a of apps) {
        expect(a.resident_id).not.toBe(r.residentId);
        expect(a.calculation_input).toBeNull();
        if (a.iban !== null) expect(a.iban).toBe('XX00GEANONIMISEERD');
        if (a.refusal_reason !== null) expect(a.refusal_reason).toBe(DESTROYED);
      }
      const reexam = await tx.selectFrom('pw_reexaminations').selectAll().where('id', '=', r.reexamId).executeTakeFirstOrThrow();
      expect(reexam).toMatchObject({ checks: [], note: null, outcome: 'ongewijzigd' });
      const claim = await tx.selectFrom('pw_recovery_claims').selectAll().where('id', '=', r.claimId).executeTakeFirstOrThrow();
      expect(claim.reason).toBe(DESTROYED);
      expect(claim.resident_id).not.toBe(r.residentId);
      expect(claim.principal_cents).toBe('5000');
      const conversation = await tx.selectFrom('conversations').selectAll().where('id', '=', r.conversationId).executeTakeFirstOrThrow();
      expect(conversation).toMatchObject({ ladder_rationale: DESTROYED, agreements: [DESTROYED], ladder_step: 'own_strength' });
      expect(conversation.resident_id).not.toBe(r.residentId);
      const records = await tx.selectFrom('retention_destructions').select(['object_type', 'rule_code']).where('list_id', '=', list.id).where('object_id', 'in', mine).execute();
      expect(records).toHaveLength(6);

      // The cases of the applications moved to the stand-in, with the rest of what named the resident;
      // nothing refers to the resident any more, so they are gone.
      const standIn = conversation.resident_id;
      expect(await tx.selectFrom('cases').select('resident_id').where('id', 'in', [r.granted, r.refused]).execute()).toEqual([{ resident_id: standIn }, { resident_id: standIn }]);
      const signals = await tx.selectFrom('signals').selectAll().where('rule_id', 'in', ['test.inwoner', 'test.uitkering']).where('resident_id', '=', standIn).execute();
      expect(signals).toHaveLength(2);
      for (const signal of signals) expect(signal).toMatchObject({ facts: {}, closed_note: null });
      expect(signals.find((x) => x.rule_id === 'test.inwoner')?.subject_id).toBe(standIn);
      expect(await tx.selectFrom('kcc_contacts').select(['resident_id', 'subject', 'note', 'channel']).where('id', '=', r.contactId).executeTakeFirst()).toEqual({ resident_id: standIn, subject: 'Geanonimiseerd', note: '', channel: 'telefoon' });
      expect(await tx.selectFrom('callback_tasks').select(['resident_id', 'done_note']).where('contact_id', '=', r.contactId).executeTakeFirst()).toEqual({ resident_id: standIn, done_note: DESTROYED });
      const submissions = await tx.selectFrom('pw_income_submissions').selectAll().where('benefit_id', '=', r.benefitId).execute();
      expect(submissions).toHaveLength(1);
      expect(submissions[0]).toMatchObject({ resident_id: standIn, items: [], documents: [], period: expect.anything() });
      expect(submissions[0]!.submission_key).not.toContain('bewaar');
      expect(await tx.selectFrom('access_grants').select('id').where('resident_id', '=', r.residentId).execute()).toEqual([]);
      expect(await tx.selectFrom('residents').select('id').where('id', '=', r.residentId).executeTakeFirst()).toBeUndefined();
    });
  });
});

/** Runs one statement as the application role in the test municipality; returns the error code, or 'ok'. */
async function asApp(statement: ReturnType<typeof sql>): Promise<string> {
  try {
    await withTenant(t.database.db, TENANT, (tx) => statement.execute(tx));
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('destruction goes through retention_destroy_item only', () => {
  it('the application role can no longer change or delete the destroyed columns and rows directly', async () => {
    const denied = '42501';
    expect(await asApp(sql`update case_events set reason = null where false`)).toBe(denied);
    expect(await asApp(sql`update decision_lines set refusal_reason = 'x' where false`)).toBe(denied);
    expect(await asApp(sql`update conversations set ladder_rationale = 'x' where false`)).toBe(denied);
    expect(await asApp(sql`update conversations set agreements = array['x'] where false`)).toBe(denied);
    expect(await asApp(sql`update conversations set resident_id = null where false`)).toBe(denied);
    expect(await asApp(sql`delete from case_notes where false`)).toBe(denied);
    expect(await asApp(sql`delete from case_documents where false`)).toBe(denied);
    expect(await asApp(sql`delete from residents where false`)).toBe(denied);
    expect(await asApp(sql`delete from access_grants where false`)).toBe(denied);
    expect(await asApp(sql`update kcc_contacts set note = '' where false`)).toBe(denied);
    expect(await asApp(sql`update signal_events set note = null where false`)).toBe(denied);
    expect(await asApp(sql`update pw_reexaminations set note = null where false`)).toBe(denied);
    expect(await asApp(sql`update pw_recovery_entries set note = null where false`)).toBe(denied);
    // What it needs for its own work still works.
    expect(await asApp(sql`update residents set street = street where false`)).toBe('ok');
  });

  it('refuses an item of a list not approved by two roles, an item not on the list, and outside a municipality', async () => {
    const r = await pwResident();
    const created = await post('/api/retention/lists', { month: '2017-01' }, archivist.cookie);
    expect(created.statusCode).toBe(201);
    const list = created.json() as { id: string; items: { itemId: string; objectId: string }[] };
    const item = list.items.find((i) => i.objectId === r.conversationId)!;
    expect(item).toBeDefined();
    const standIn = await withTenant(t.database.db, TENANT, async (tx) => {
      const row = await tx.insertInto('residents').values({ tenant_id: TENANT, bsn: '000000000', given_name: '-', surname_prefix: null, family_name: 'Geanonimiseerd', birth_date: '1900-01-01', gender: 'X', street: 'Geanonimiseerd', house_number: 1, house_letter: null, house_number_addition: null, postcode: '9999 ZZ', city: 'Geanonimiseerd', area_code: area, household_id: crypto.randomUUID(), search_text: 'geanonimiseerd' }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    });
    const destroy = (listId: string, itemId: string) => asApp(sql`select retention_destroy_item(${listId}::uuid, ${itemId}::uuid, ${standIn}::uuid)`);

    expect(await destroy(list.id, item.itemId)).toBe('42501'); // concept: no approval
    expect((await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'archivaris' }, archivist.cookie)).statusCode).toBe(200);
    expect(await destroy(list.id, item.itemId)).toBe('42501'); // one role only
    expect((await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'eigenaar' }, teamLead.cookie)).statusCode).toBe(200);
    // Approved, but an item that is not on this list (a random id), or no municipality set: refused.
    expect(await destroy(list.id, crypto.randomUUID())).toBe('42501');
    const noTenant = await t.database.db.transaction().execute(async (tx) => {
      try {
        await sql`select set_config('role', 'koers_app', true)`.execute(tx);
        await sql`select retention_destroy_item(${list.id}::uuid, ${item.itemId}::uuid, ${standIn}::uuid)`.execute(tx);
        return 'ok';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    });
    expect(noTenant).toBe('42501');
    // Nothing was destroyed by the refusals; with both approvals the function does it.
    expect(await itemOf('gesprek', r.conversationId)).toMatchObject({ destroyed_at: null });
    expect(await destroy(list.id, item.itemId)).toBe('ok');
    expect(await itemOf('gesprek', r.conversationId)).toMatchObject({ resident_id: null });
    expect(await destroy(list.id, item.itemId)).toBe('42501'); // not twice

    // Forged: the application role sets another list to approved with a second approval row by the
    // same employee: still one person, refused.
    const other = (await post('/api/retention/lists', { month: '2017-02' }, archivist.cookie)).json() as { id: string; items: { itemId: string; objectId: string }[] };
    const otherItem = other.items.find((i) => i.objectId === r.reexamId)!;
    expect((await post(`/api/retention/lists/${other.id}/approve`, { capacity: 'archivaris' }, archivist.cookie)).statusCode).toBe(200);
    const archivistId = await withTenant(t.database.db, TENANT, async (tx) => (await tx.selectFrom('retention_approvals').select('approved_by').where('list_id', '=', other.id).executeTakeFirstOrThrow()).approved_by);
    expect(await asApp(sql`update retention_lists set status = 'goedgekeurd' where id = ${other.id}::uuid`)).toBe('ok');
    expect(await asApp(sql`insert into retention_approvals (tenant_id, list_id, capacity, approved_by) values (${TENANT}, ${other.id}::uuid, 'eigenaar', ${archivistId}::uuid)`)).toBe('ok');
    expect(await destroy(other.id, otherItem.itemId)).toBe('42501');
    expect(await itemOf('heronderzoek', r.reexamId)).toMatchObject({ destroyed_at: null });
  });
});
