import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident } from '../../../test/support/factories.js';

let t: TestApp;
let consulent: string;
let teamleider: string;
let kcc: string;
let householdHelp: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  consulent = (await t.login('consulent')).cookie;
  teamleider = (await t.login('teamleider')).cookie;
  kcc = (await t.login('kcc')).cookie;
  const products = (await t.app.inject({ method: 'GET', url: '/api/catalogue/products?q=huishoud&kind=tailored', headers: { cookie: kcc } })).json() as { id: string; unit: string }[];
  householdHelp = products.find((p) => p.unit === 'hour')!;
});
afterAll(async () => t.close());

const post = (url: string, payload: object, cookie = consulent) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });

/** A case of a new resident in the consultant's area, in the application stage. */
async function caseInApplication(): Promise<string> {
  const resident = (await createResident(t, { areaCode: await areaCodeOf(t, 'consulent') })).id;
  const c = (await post(`/api/residents/${resident}/cases`, { caseTypeCode: 'WMO-MAATWERK', notifiedOn: '2026-06-01' })).json();
  await post(`/api/cases/${c.id}/status`, { to: 'aanvraag', on: '2026-07-01' });
  return c.id;
}

/** Ten hours a week for half a year: above the four-eyes threshold. */
async function pendingDecision(caseId: string): Promise<string> {
  const line = { productId: householdHelp.id, outcome: 'granted', periodStart: '2026-10-01', periodEnd: '2027-03-31', volume: 10, frequency: 'per_week' };
  const response = await post(`/api/cases/${caseId}/decisions`, { deliveryForm: 'zin', lines: [line] });
  expect(response.json().status).toBe('pending_approval');
  return response.json().id;
}

describe('several pending decisions in one case', () => {
  it('approves each, in any order', async () => {
    const caseId = await caseInApplication();
    const first = await pendingDecision(caseId);
    const second = await pendingDecision(caseId);
    expect((await post(`/api/decisions/${second}/approve`, {}, teamleider)).statusCode).toBe(200);
    const late = await post(`/api/decisions/${first}/approve`, {}, teamleider);
    expect(late.statusCode).toBe(200);
    expect(late.json().status).toBe('approved');
  });

  it('withdraws a pending decision (author or team lead); a withdrawn one cannot be approved', async () => {
    const caseId = await caseInApplication();
    const mine = await pendingDecision(caseId);
    const other = await pendingDecision(caseId);
    const withdrawn = await post(`/api/decisions/${mine}/withdraw`, {});
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawnBy: 'Bram Hermans (consulent Wmo)' });
    const approve = await post(`/api/decisions/${mine}/approve`, {}, teamleider);
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.message).toBe('Deze beschikking is ingetrokken en kan niet meer worden goedgekeurd.');
    expect((await post(`/api/decisions/${mine}/withdraw`, {})).statusCode).toBe(409);

    expect((await post(`/api/decisions/${other}/withdraw`, {}, teamleider)).json().status).toBe('withdrawn');
    const approved = await pendingDecision(caseId);
    expect((await post(`/api/decisions/${approved}/approve`, {}, teamleider)).statusCode).toBe(200);
    const late = await post(`/api/decisions/${approved}/withdraw`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('Alleen een beschikking die op goedkeuring wacht, kan worden ingetrokken.');

    const residentId = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: consulent } })).json().resident.id as string;
    const audit = (await t.app.inject({ method: 'GET', url: `/api/audit?resident=${residentId}&limit=100`, headers: { cookie: (await t.login('auditor')).cookie } })).json() as { items: { name: string }[] };
    expect(audit.items.filter((i) => i.name === 'beschikking.intrekken')).toHaveLength(2);
  });

  it('guards withdrawal: 401 without a session, 403 without the role', async () => {
    const caseId = await caseInApplication();
    const id = await pendingDecision(caseId);
    expect((await t.app.inject({ method: 'POST', url: `/api/decisions/${id}/withdraw`, payload: {} })).statusCode).toBe(401);
    expect((await post(`/api/decisions/${id}/withdraw`, {}, kcc)).statusCode).toBe(403);
    const { cookie: beleid } = await t.login('beleid');
    expect((await post(`/api/decisions/${id}/withdraw`, {}, beleid)).statusCode).toBe(403);
  });
});
