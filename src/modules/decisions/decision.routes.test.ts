import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident } from '../../../test/support/factories.js';

let t: TestApp;
let consulent: string;
let teamleider: string;
let kcc: string;
let householdHelp: { id: string; code: string };

beforeAll(async () => {
  t = await createTestApp();
  consulent = (await t.login('consulent')).cookie;
  teamleider = (await t.login('teamleider')).cookie;
  kcc = (await t.login('kcc')).cookie;
  const products = (await t.app.inject({ method: 'GET', url: '/api/catalogue/products?q=huishoud&kind=tailored', headers: { cookie: kcc } })).json() as { id: string; code: string; unit: string; frequency: string }[];
  householdHelp = products.find((p) => p.unit === 'hour')!;
});
afterAll(async () => t.close());

const post = (url: string, payload: object, cookie = consulent) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const get = (url: string, cookie = consulent) => t.app.inject({ method: 'GET', url, headers: { cookie } });

/** A case of a new resident in the consultant's area, in the application stage. */
async function caseInApplication(): Promise<string> {
  const resident = (await createResident(t, { areaCode: await areaCodeOf(t, 'consulent') })).id;
  const c = (await post(`/api/residents/${resident}/cases`, { caseTypeCode: 'WMO-MAATWERK', notifiedOn: '2026-06-01' })).json();
  await post(`/api/cases/${c.id}/status`, { to: 'aanvraag', on: '2026-07-01' });
  return c.id;
}

describe('decision → allocation → commitment on the budget line', () => {
  it('needs four eyes above the threshold, books the commitment per year and recomputes it on a change', async () => {
    const caseId = await caseInApplication();
    const line = { productId: householdHelp.id, outcome: 'granted', periodStart: '2026-10-01', periodEnd: '2027-03-31', volume: 10, frequency: 'per_week' };
    const created = await post(`/api/cases/${caseId}/decisions`, { deliveryForm: 'zin', lines: [line] });
    expect(created.statusCode).toBe(201);
    const decision = created.json();
    expect(decision).toMatchObject({ status: 'pending_approval', requiresApproval: true });
    expect(decision.expectedAnnualCents).toBeGreaterThan(500_000);
    // Not yet approved: nothing can be allocated, and the maker cannot approve.
    expect((await post(`/api/decisions/${decision.id}/approve`, {})).statusCode).toBe(403);
    const approved = (await post(`/api/decisions/${decision.id}/approve`, {}, teamleider)).json();
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'Ingrid Smeets (teamleider)' });
    expect((await get(`/api/cases/${caseId}`)).json().status).toBe('besluit');

    const product = (await get(`/api/catalogue/products/${householdHelp.id}?year=2026`)).json();
    const provider = product.providers[0] as { id: string };
    const tariffs = (await get(`/api/providers/${provider.id}`)).json().tariffs as { productCode: string; year: number; centsPerUnit: number }[];
    const t26 = tariffs.find((x) => x.productCode === householdHelp.code && x.year === 2026)!.centsPerUnit;
    const t27 = tariffs.find((x) => x.productCode === householdHelp.code && x.year === 2027)!.centsPerUnit;

    const before = (await get('/api/budget-lines?year=2026', teamleider)).json() as { code: string; committedCents: number; budgetCents: number; remainingCents: number }[];
    const allocation = await post(`/api/decisions/${decision.id}/allocations`, { lineId: decision.lines[0].id, providerId: provider.id });
    expect(allocation.statusCode).toBe(201);
    // 1 Oct–31 Dec 2026 = 92 days, 1 Jan–31 Mar 2027 = 90 days; 10 hours a week.
    const c26 = Math.round((10 * 92 * t26) / 7);
    const c27 = Math.round((10 * 90 * t27) / 7);
    expect(allocation.json().commitment).toEqual([
      { year: 2026, cents: c26 },
      { year: 2027, cents: c27 },
    ]);
    const budgetLine = allocation.json().budgetLine as string;
    const after = (await get('/api/budget-lines?year=2026', teamleider)).json() as typeof before;
    const was = before.find((b) => b.code === budgetLine)!;
    const now = after.find((b) => b.code === budgetLine)!;
    expect(now.committedCents - was.committedCents).toBe(c26);
    expect(now.remainingCents).toBe(now.budgetCents - now.committedCents);

    // From 1 January 2027 5 hours a week: the 2027 commitment halves, history keeps the delta.
    const changed = await t.app.inject({ method: 'PATCH', url: `/api/allocations/${allocation.json().id}`, headers: { cookie: consulent }, payload: { effectiveFrom: '2027-01-01', volume: 5, reason: 'Minder uren nodig' } });
    expect(changed.statusCode).toBe(200);
    const c27new = Math.round((5 * 90 * t27) / 7);
    expect(changed.json().commitment).toEqual([
      { year: 2026, cents: c26 },
      { year: 2027, cents: c27new },
    ]);
    expect(changed.json().commitmentChanges).toEqual(
      expect.arrayContaining([expect.objectContaining({ year: 2027, deltaCents: c27new - c27, reason: 'Minder uren nodig' })]),
    );
    expect(changed.json().segments).toHaveLength(2);

    // Ending on 31 December 2026 removes the 2027 commitment.
    const ended = (await t.app.inject({ method: 'PATCH', url: `/api/allocations/${allocation.json().id}`, headers: { cookie: consulent }, payload: { effectiveFrom: '2027-01-01', end: '2026-12-31', reason: 'Ondersteuning beëindigd' } })).json();
    expect(ended.commitment).toEqual([{ year: 2026, cents: c26 }]);

    const letter = await get(`/api/decisions/${decision.id}/letter.html`);
    expect(letter.body).toContain('Beschikking Wet maatschappelijke ondersteuning 2015');
    expect(letter.body).toContain('binnen zes weken');
    expect(letter.body).toContain('zorg in natura');
  });

  it('decides small grants without a second pair of eyes, and refuses with a reason', async () => {
    const caseId = await caseInApplication();
    const d = (
      await post(`/api/cases/${caseId}/decisions`, {
        deliveryForm: 'pgb',
        lines: [
          { productId: householdHelp.id, outcome: 'granted', periodStart: '2026-09-01', periodEnd: '2026-11-30', volume: 1, frequency: 'per_week' },
          { productId: householdHelp.id, outcome: 'refused', periodStart: '2026-09-01', periodEnd: '2026-11-30', refusalReason: 'Uw netwerk kan hierbij helpen.' },
        ],
      })
    ).json();
    expect(d).toMatchObject({ status: 'approved', requiresApproval: false });
    expect((await get(`/api/cases/${caseId}`)).json().status).toBe('besluit');
  });

  it('validates in Dutch and guards roles', async () => {
    const caseId = await caseInApplication();
    const bad = await post(`/api/cases/${caseId}/decisions`, { deliveryForm: 'contant', lines: [{ productId: householdHelp.id, outcome: 'granted', periodStart: '2026-10-01', periodEnd: '2026-09-01' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual(
      expect.arrayContaining([
        { field: 'deliveryForm', message: 'Kies zorg in natura (zin) of pgb.' },
        { field: 'lines.0.periodEnd', message: 'De einddatum ligt vóór de ingangsdatum.' },
      ]),
    );
    expect((await post(`/api/cases/${caseId}/decisions`, { deliveryForm: 'zin', lines: [] }, kcc)).statusCode).toBe(403);
    expect((await get('/api/budget-lines', kcc)).statusCode).toBe(403);
    const { cookie: beleid } = await t.login('beleid');
    expect((await get('/api/budget-lines', beleid)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/budget-lines' })).statusCode).toBe(401);
  });
});
