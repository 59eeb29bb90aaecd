import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident } from '../../../test/support/factories.js';
import { addDays } from '../../platform/calendar.js';
import { todayInAmsterdam } from '../../platform/time.js';

let t: TestApp;
let consulent: string;
let kcc: string;
let consultantArea: string;
/** A new resident in the consultant's area (a relation through the area team), made for one test. */
const resident = async () => (await createResident(t, { areaCode: consultantArea })).id;

beforeAll(async () => {
  t = await createTestApp();
  consulent = (await t.login('consulent')).cookie;
  kcc = (await t.login('kcc')).cookie;
  consultantArea = await areaCodeOf(t, 'consulent');
});
afterAll(async () => t.close());

const post = (url: string, payload: object, cookie = consulent) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const get = (url: string, cookie = consulent) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('cases with legal deadlines', () => {
  it('starts a Wmo case from a melding, computes the 6-week research term, and makes the consultant contact person', async () => {
    const id = await resident();
    const response = await post(`/api/residents/${id}/cases`, { caseTypeCode: 'WMO-MAATWERK', notifiedOn: '2026-03-02' });
    expect(response.statusCode).toBe(201);
    const c = response.json();
    expect(c.reference).toMatch(/^WMO-2026-\d{5}$/);
    expect(c.status).toBe('melding');
    // Monday 2 March 2026 + 6 weeks = Monday 13 April 2026 (a working day).
    expect(c.deadlines.research).toMatchObject({ baseDueDate: '2026-04-13', dueDate: '2026-04-13' });
    expect(c.deadlines.current.kind).toBe('research');
    const contactPerson = (await get(`/api/residents/${id}/contact-person`)).json();
    expect(contactPerson.current).toMatchObject({ username: 'consulent' });
  });

  it('moves to the 2-week decision term on the application; a due date on a holiday moves to the next working day', async () => {
    const id = await resident();
    const c = (await post(`/api/residents/${id}/cases`, { caseTypeCode: 'WMO-MAATWERK', notifiedOn: '2026-03-20' })).json();
    const applied = await post(`/api/cases/${c.id}/status`, { to: 'aanvraag', on: '2026-04-21' });
    expect(applied.statusCode).toBe(200);
    // 21 April + 2 weeks = Tuesday 5 May 2026 (Bevrijdingsdag) → Wednesday 6 May.
    expect(applied.json().deadlines.current).toMatchObject({ kind: 'decision', result: { baseDueDate: '2026-05-05', dueDate: '2026-05-06', atwShiftedFrom: '2026-05-05' } });
    const wrong = await post(`/api/cases/${c.id}/status`, { to: 'onderzoek' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.message).toBe('Van Aanvraag kan een zaak niet naar Onderzoek.');
  });

  it('suspends with a reason (clock paused), resumes (due date moves) and extends (verdagen)', async () => {
    const id = await resident();
    const today = todayInAmsterdam();
    const notified = addDays(today, -20);
    const c = (await post(`/api/residents/${id}/cases`, { caseTypeCode: 'WMO-MAATWERK', notifiedOn: notified })).json();
    const base = c.deadlines.research.dueDate as string;
    const suspended = (await post(`/api/cases/${c.id}/suspensions`, { from: addDays(today, -10), reason: 'Wacht op medisch advies' })).json();
    expect(suspended.deadlines.current.result).toMatchObject({ status: 'suspended', dueDate: null });
    expect((await post(`/api/cases/${c.id}/suspensions`, { from: today, reason: 'nogmaals' })).statusCode).toBe(409);
    const resumed = (await post(`/api/cases/${c.id}/suspensions/end`, { on: addDays(today, -3), reason: 'Advies ontvangen' })).json();
    expect(resumed.deadlines.research.suspendedDays).toBe(7);
    expect(resumed.deadlines.research.dueDate >= addDays(base, 7)).toBe(true);
    const extended = (await post(`/api/cases/${c.id}/extensions`, { term: 'P2W', reason: 'Complexe situatie, meer tijd nodig' })).json();
    expect(extended.deadlines.research.extendedTo).not.toBeNull();
    expect(extended.events.map((e: { kind: string }) => e.kind)).toEqual(['status', 'suspension_start', 'suspension_end', 'extension']);
    const badTerm = await post(`/api/cases/${c.id}/extensions`, { term: 'twee weken', reason: 'x y z' });
    expect(badTerm.json().error.fields).toEqual([{ field: 'term', message: 'Geef de verdaging als duur in weken of dagen, bijvoorbeeld P2W of P10D.' }]);
  });

  it('lists my open cases with the nearest deadline first', async () => {
    for (const notifiedOn of ['2026-03-16', '2026-02-02', '2026-03-02']) await post(`/api/residents/${await resident()}/cases`, { caseTypeCode: 'WMO-MAATWERK', notifiedOn });
    const mine = (await get('/api/cases/mine')).json() as { deadlines: { current: { result: { dueDate: string | null } } | null } }[];
    expect(mine.length).toBeGreaterThanOrEqual(3);
    const dues = mine.map((c) => c.deadlines.current?.result.dueDate ?? '9999-12-31');
    expect(dues).toEqual([...dues].sort());
  });

  it('lists my cases with the terms their suspensions and extensions moved, without their events or reasons', async () => {
    const today = todayInAmsterdam();
    const c = (await post(`/api/residents/${await resident()}/cases`, { caseTypeCode: 'WMO-MAATWERK', notifiedOn: addDays(today, -20) })).json();
    await post(`/api/cases/${c.id}/suspensions`, { from: addDays(today, -10), reason: 'Wacht op medisch advies' });
    await post(`/api/cases/${c.id}/suspensions/end`, { on: addDays(today, -3), reason: 'Advies ontvangen' });
    const extended = (await post(`/api/cases/${c.id}/extensions`, { term: 'P2W', reason: 'Complexe situatie, meer tijd nodig' })).json();
    const paused = (await post(`/api/residents/${await resident()}/cases`, { caseTypeCode: 'WMO-MAATWERK', notifiedOn: addDays(today, -5) })).json();
    await post(`/api/cases/${paused.id}/suspensions`, { from: addDays(today, -2), reason: 'Wacht op huisbezoek' });

    const mine = (await get('/api/cases/mine')).json() as Record<string, unknown>[];
    const listed = mine.find((x) => x.id === c.id)!;
    expect(listed.deadlines).toEqual(extended.deadlines);
    expect(extended.deadlines.research).toMatchObject({ suspendedDays: 7, extendedTo: expect.any(String) });
    expect(mine.find((x) => x.id === paused.id)!.deadlines).toMatchObject({ current: { kind: 'research', result: { status: 'suspended', dueDate: null } } });
    expect(Object.keys(listed).sort()).toEqual(['appliedOn', 'caseType', 'consultant', 'deadlines', 'id', 'notifiedOn', 'reference', 'resident', 'status']);
    expect(listed.caseType).toEqual({ code: 'WMO-MAATWERK', name: c.caseType.name, law: 'wmo' });
    expect(JSON.stringify(mine)).not.toMatch(/medisch advies|huisbezoek|Complexe situatie/);
  });

  it('starts direct access for guidance without a decision, for at most 13 weeks', async () => {
    const id = await resident();
    const products = (await get('/api/catalogue/products?law=wmo&kind=tailored')).json() as { id: string; directAccess: boolean }[];
    const guidance = products.find((p) => p.directAccess)!;
    const providers = (await get(`/api/catalogue/products/${guidance.id}?year=2026`)).json().providers as { id: string }[];
    const start = todayInAmsterdam();
    const c = (await post(`/api/residents/${id}/cases`, { caseTypeCode: 'WMO-MAATWERK', directAccess: { productId: guidance.id, providerId: providers[0]!.id, start } })).json();
    expect(c.deadlines.directAccess).toMatchObject({ start, end: addDays(start, 13 * 7 - 1), daysLeft: 90, endsWithinTwoWeeks: false });
    const notDirect = products.find((p) => !p.directAccess)!;
    const refused = await post(`/api/residents/${id}/cases`, { caseTypeCode: 'WMO-MAATWERK', directAccess: { productId: notDirect.id, providerId: providers[0]!.id, start } });
    expect(refused.json().error.fields).toEqual([{ field: 'directAccess.productId', message: 'Dit product kent geen directe toegang.' }]);
  });

  it('validates in Dutch, and guards every endpoint (401 / 403)', async () => {
    const id = await resident();
    const bad = await post(`/api/residents/${id}/cases`, { caseTypeCode: 'ONBEKEND', notifiedOn: '2026-02-30' });
    expect(bad.json().error.fields).toEqual([{ field: 'notifiedOn', message: 'Deze meldingsdatum bestaat niet.' }]);
    const unknownType = await post(`/api/residents/${id}/cases`, { caseTypeCode: 'ONBEKEND' });
    expect(unknownType.json().error.fields).toEqual([{ field: 'caseTypeCode', message: 'Dit zaaktype bestaat niet.' }]);
    expect((await post(`/api/residents/${id}/cases`, { caseTypeCode: 'WMO-MAATWERK' }, kcc)).statusCode).toBe(403);
    expect((await get(`/api/residents/${id}/cases`, kcc)).statusCode).toBe(200);
    const { cookie: beleid } = await t.login('beleid');
    for (const url of ['/api/case-types', '/api/cases/mine', `/api/residents/${id}/cases`]) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      expect((await get(url, beleid)).statusCode, url).toBe(403);
    }
  });
});
