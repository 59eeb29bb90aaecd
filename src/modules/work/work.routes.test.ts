import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident, createStaff } from '../../../test/support/factories.js';

let t: TestApp;
let kcc: string;
let consulent: string;
let teamleider: string;
let auditor: string;
let householdHelp: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  kcc = (await t.login('kcc')).cookie;
  consulent = (await t.login('consulent')).cookie;
  teamleider = (await t.login('teamleider')).cookie;
  auditor = (await t.login('auditor')).cookie;
  const products = (await get('/api/catalogue/products?q=huishoud&kind=tailored', kcc)).json() as { id: string; unit: string }[];
  householdHelp = products.find((p) => p.unit === 'hour')!;
});
afterAll(async () => t.close());

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, cookie: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const counts = async (cookie: string) => (await get('/api/my-work/counts', cookie)).json() as Record<string, number | null>;
const auditNames = async (residentId: string) =>
  ((await get(`/api/audit?resident=${residentId}&limit=100`, auditor)).json() as { items: { name: string }[] }).items.map((i) => i.name);

/** A resident in the consultant's area whose contact person is the consultant (through a case the consultant opened). */
async function residentWithCase(): Promise<{ residentId: string; caseId: string }> {
  const residentId = (await createResident(t, { areaCode: await areaCodeOf(t, 'consulent') })).id;
  const c = (await post(`/api/residents/${residentId}/cases`, consulent, { caseTypeCode: 'WMO-MAATWERK', notifiedOn: '2026-06-01' })).json();
  expect((await post(`/api/cases/${c.id}/status`, consulent, { to: 'aanvraag', on: '2026-07-01' })).statusCode).toBe(200);
  return { residentId, caseId: c.id };
}

describe('Mijn werk: forwarded contacts', () => {
  it('shows the KCC note, the resident and who took the call; the count goes up and down', async () => {
    const { residentId } = await residentWithCase();
    const before = await counts(consulent);
    const contact = (
      await post(`/api/residents/${residentId}/contacts`, kcc, { channel: 'telefoon', subject: 'Vraag over de traplift', note: 'Mevrouw belt na 14:00 liever niet.', outcome: 'routed', routeTo: 'contact_person' })
    ).json();
    const mine = (await get('/api/callbacks/mine', consulent)).json() as { id: string; note: string; residentName: string; registeredBy: string; residentId: string }[];
    const callback = mine.find((c) => c.id === contact.callback.id);
    expect(callback).toMatchObject({ residentId, note: 'Mevrouw belt na 14:00 liever niet.', registeredBy: 'Karin Coenen (KCC)', subject: 'Vraag over de traplift' });
    expect(callback!.residentName).toMatch(/\S+ \S+/);
    expect(await auditNames(residentId)).toContain('terugbelverzoeken.raadplegen');
    const after = await counts(consulent);
    expect(after.callbacks).toBe(before.callbacks! + 1);
    expect(after.total).toBe(before.total! + 1);
    expect((await post(`/api/callbacks/${contact.callback.id}/done`, consulent, { note: 'Teruggebeld' })).statusCode).toBe(204);
    expect((await counts(consulent)).callbacks).toBe(before.callbacks);
  });

  it('counts only the work a role has: no approvals for a consultant, no cases for the KCC', async () => {
    const consultant = await counts(consulent);
    expect(consultant.approvals).toBeNull();
    expect(consultant.cases).toBeGreaterThan(0);
    expect(typeof consultant.signals).toBe('number');
    const first = await counts(kcc);
    expect(first).toMatchObject({ cases: null, signals: null, approvals: null });
    expect((await counts(teamleider)).approvals).toEqual(expect.any(Number));
  });
});

describe('Mijn werk: the approval queue', () => {
  it('lists a decision above the threshold with amount and age for the team lead, audited per resident; approving empties it', async () => {
    const { residentId, caseId } = await residentWithCase();
    const line = { productId: householdHelp.id, outcome: 'granted', periodStart: '2026-10-01', periodEnd: '2027-03-31', volume: 10, frequency: 'per_week' };
    const decision = (await post(`/api/cases/${caseId}/decisions`, consulent, { deliveryForm: 'zin', lines: [line] })).json();
    expect(decision.status).toBe('pending_approval');
    const before = (await counts(teamleider)).approvals!;
    expect(before).toBeGreaterThan(0);

    const queue = await get('/api/approvals', teamleider);
    expect(queue.statusCode).toBe(200);
    const item = (queue.json().decisions as { id: string }[]).find((d) => d.id === decision.id);
    expect(item).toMatchObject({ caseId, resident: { id: residentId }, expectedAnnualCents: decision.expectedAnnualCents, createdBy: 'Bram Hermans (consulent Wmo)', ageDays: 0, ownRequest: false });
    expect((item as unknown as { products: string[] }).products.length).toBe(1);
    expect(await auditNames(residentId)).toContain('goedkeuringen.raadplegen');

    expect((await get('/api/approvals', consulent)).statusCode).toBe(403);
    expect((await post(`/api/decisions/${decision.id}/approve`, teamleider)).statusCode).toBe(200);
    expect(((await get('/api/approvals', teamleider)).json().decisions as { id: string }[]).map((d) => d.id)).not.toContain(decision.id);
    expect((await counts(teamleider)).approvals).toBe(before - 1);
  });

  it('lists a raise of an allocation that waits for four eyes, with the increase; approving it from the queue empties it', async () => {
    const { residentId, caseId } = await residentWithCase();
    const line = { productId: householdHelp.id, outcome: 'granted', periodStart: '2026-09-01', periodEnd: '2027-08-31', volume: 1, frequency: 'per_week' };
    const decision = (await post(`/api/cases/${caseId}/decisions`, consulent, { deliveryForm: 'zin', lines: [line] })).json();
    expect(decision.status).toBe('approved');
    const provider = ((await get(`/api/catalogue/products/${householdHelp.id}?year=2027`, consulent)).json() as { providers: { id: string }[] }).providers[0]!;
    const allocation = (await post(`/api/decisions/${decision.id}/allocations`, consulent, { lineId: decision.lines[0].id, providerId: provider.id })).json();
    const raised = await t.app.inject({ method: 'PATCH', url: `/api/allocations/${allocation.id}`, headers: { cookie: consulent }, payload: { effectiveFrom: '2027-01-01', volume: 40, reason: 'Meer uren nodig' } });
    expect(raised.statusCode).toBe(202);
    const change = ((await get('/api/approvals', teamleider)).json().allocationChanges as { id: string; allocationId: string }[]).find((c) => c.allocationId === allocation.id);
    expect(change).toMatchObject({ resident: { id: residentId }, reason: 'Meer uren nodig', effectiveFrom: '2027-01-01', requestedBy: 'Bram Hermans (consulent Wmo)', ownRequest: false });
    expect((change as unknown as { increaseCents: number }).increaseCents).toBeGreaterThan(0);
    expect((await post(`/api/allocations/${allocation.id}/changes/${change!.id}/approve`, teamleider)).statusCode).toBe(200);
    expect(((await get('/api/approvals', teamleider)).json().allocationChanges as { id: string }[]).map((c) => c.id)).not.toContain(change!.id);
  });

  it('is the queue of the own municipality only', async () => {
    const { caseId } = await residentWithCase();
    const line = { productId: householdHelp.id, outcome: 'granted', periodStart: '2026-10-01', periodEnd: '2027-03-31', volume: 10, frequency: 'per_week' };
    const decision = (await post(`/api/cases/${caseId}/decisions`, consulent, { deliveryForm: 'zin', lines: [line] })).json();
    const elsewhere = await createStaff(t, { roles: ['team_lead'], tenant: 'GM1903' });
    const queue = await get('/api/approvals', elsewhere.cookie);
    expect(queue.statusCode).toBe(200);
    expect((queue.json().decisions as { id: string }[]).map((d) => d.id)).not.toContain(decision.id);
  });
});

describe('Mijn werk: the team caseload', () => {
  it('gives the team lead open cases per consultant of the teams, without residents', async () => {
    await residentWithCase();
    const response = await get('/api/my-work/team-caseload', teamleider);
    expect(response.statusCode).toBe(200);
    const teams = response.json() as { team: string; members: { displayName: string; open: number; overdue: number; dueSoon: number }[] }[];
    const bram = teams.flatMap((team) => team.members).find((m) => m.displayName === 'Bram Hermans (consulent Wmo)');
    expect(bram?.open).toBeGreaterThan(0);
    expect(teams.flatMap((team) => team.members).map((m) => m.displayName)).not.toContain('Ingrid Smeets (teamleider)');
    expect(JSON.stringify(teams)).not.toMatch(/resident/i);
    expect((await get('/api/my-work/team-caseload', consulent)).statusCode).toBe(403);
  });

  it('answers 401 without a session and 403 for roles without the work', async () => {
    const { cookie: beleid } = await t.login('beleid');
    for (const url of ['/api/my-work/counts', '/api/my-work/team-caseload', '/api/approvals']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      expect((await get(url, beleid)).statusCode, url).toBe(403);
    }
  });
});
