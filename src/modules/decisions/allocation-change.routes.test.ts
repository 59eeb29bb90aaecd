import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { withTenant } from '../../db/tenancy.js';
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
  const products = (await t.app.inject({ method: 'GET', url: '/api/catalogue/products?q=huishoud&kind=tailored', headers: { cookie: kcc } })).json() as { id: string; code: string; unit: string }[];
  householdHelp = products.find((p) => p.unit === 'hour')!;
});
afterAll(async () => t.close());

const post = (url: string, payload: object, cookie = consulent) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const get = (url: string, cookie = consulent) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const patch = (id: string, payload: object, cookie = consulent) => t.app.inject({ method: 'PATCH', url: `/api/allocations/${id}`, headers: { cookie }, payload });

/** A case of a new resident in the consultant's area, in the application stage. */
async function caseInApplication(): Promise<string> {
  const resident = (await createResident(t, { areaCode: await areaCodeOf(t, 'consulent') })).id;
  const c = (await post(`/api/residents/${resident}/cases`, { caseTypeCode: 'WMO-MAATWERK', notifiedOn: '2026-06-01' })).json();
  await post(`/api/cases/${c.id}/status`, { to: 'aanvraag', on: '2026-07-01' });
  return c.id;
}

/** A consultant's small decision (approved at once, below the threshold) for 1 hour a week, allocated. */
async function smallAllocation(periodEnd = '2027-08-31') {
  const caseId = await caseInApplication();
  const line = { productId: householdHelp.id, outcome: 'granted', periodStart: '2026-09-01', periodEnd, volume: 1, frequency: 'per_week' };
  const decision = (await post(`/api/cases/${caseId}/decisions`, { deliveryForm: 'zin', lines: [line] })).json();
  expect(decision.status).toBe('approved');
  const product = (await get(`/api/catalogue/products/${householdHelp.id}?year=2027`)).json();
  const provider = product.providers[0] as { id: string };
  const tariffs = (await get(`/api/providers/${provider.id}`)).json().tariffs as { productCode: string; year: number; centsPerUnit: number }[];
  const t27 = tariffs.find((x) => x.productCode === householdHelp.code && x.year === 2027)!.centsPerUnit;
  const allocation = await post(`/api/decisions/${decision.id}/allocations`, { lineId: decision.lines[0].id, providerId: provider.id });
  expect(allocation.statusCode).toBe(201);
  return { allocation: allocation.json() as { id: string; caseId: string; budgetLine: string; commitment: { year: number; cents: number }[] }, t27 };
}

async function committed(code: string, year = 2027): Promise<number> {
  const lines = (await get(`/api/budget-lines?year=${year}`, teamleider)).json() as { code: string; committedCents: number }[];
  return lines.find((l) => l.code === code)!.committedCents;
}

// 1 January – 31 August 2027: 243 days.
const weeks2027 = 243 / 7;

describe('four eyes on allocation changes', () => {
  it('keeps a raise above the threshold pending until a team lead (not the author) approves it', async () => {
    const { allocation, t27 } = await smallAllocation();
    const before = await committed(allocation.budgetLine);

    // The attack as reported: a huge volume is refused with the bound, nothing is committed.
    const huge = await patch(allocation.id, { effectiveFrom: '2027-01-01', volume: 1_000_000, reason: 'Meer uren' });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.fields).toEqual([{ field: 'volume', message: 'De omvang is hoogstens 168 uur per week.' }]);

    // Within the bound but far above the threshold: stored as pending, not effective.
    const raised = await patch(allocation.id, { effectiveFrom: '2027-01-01', volume: 40, reason: 'Meer uren nodig' });
    expect(raised.statusCode).toBe(202);
    const pending = raised.json();
    expect(pending.commitment).toEqual(allocation.commitment);
    expect(pending.segments).toHaveLength(1);
    expect(pending.pendingChange).toMatchObject({ effectiveFrom: '2027-01-01', volume: 40, end: null, reason: 'Meer uren nodig', requestedBy: 'Bram Hermans (consulent Wmo)' });
    expect(pending.pendingChange.expectedAnnualCents).toBeGreaterThan(500_000);
    expect(await committed(allocation.budgetLine)).toBe(before);
    expect((await get(`/api/residents/${(await get(`/api/cases/${pending.caseId}`)).json().resident.id}/allocations`)).json()[0].pendingChange.id).toBe(pending.pendingChange.id);

    // A second change while one waits is refused; the author cannot approve their own change.
    expect((await patch(allocation.id, { effectiveFrom: '2027-01-01', volume: 0, reason: 'Toch minder' })).statusCode).toBe(409);
    const own = await post(`/api/allocations/${allocation.id}/changes/${pending.pendingChange.id}/approve`, {}, consulent);
    expect(own.statusCode).toBe(403);
    expect(await committed(allocation.budgetLine)).toBe(before);

    const approved = await post(`/api/allocations/${allocation.id}/changes/${pending.pendingChange.id}/approve`, {}, teamleider);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().pendingChange).toBeNull();
    expect(approved.json().segments.map((s: { volume: number }) => s.volume)).toEqual([1, 40]);
    const increase = Math.round(40 * weeks2027 * t27) - Math.round(1 * weeks2027 * t27);
    expect(approved.json().commitmentChanges).toEqual(expect.arrayContaining([expect.objectContaining({ year: 2027, deltaCents: increase, reason: 'Meer uren nodig' })]));
    expect(await committed(allocation.budgetLine)).toBe(before + increase);
    // Approved once: a second approval finds nothing waiting.
    expect((await post(`/api/allocations/${allocation.id}/changes/${pending.pendingChange.id}/approve`, {}, teamleider)).statusCode).toBe(409);
  });

  it('needs approval for a raise above the step, none for a small raise or a lowering', async () => {
    const { allocation, t27 } = await smallAllocation();
    // The default step is € 1.000 a year; 1 → 2 hours a week stays below the threshold.
    expect(weeks2027 * t27).toBeGreaterThan(100_000);
    expect(2 * weeks2027 * t27).toBeLessThan(500_000);
    expect(0.5 * weeks2027 * t27).toBeLessThan(100_000);
    const before = await committed(allocation.budgetLine);

    const step = await patch(allocation.id, { effectiveFrom: '2027-01-01', volume: 2, reason: 'Een uur meer' });
    expect(step.statusCode).toBe(202);
    expect(await committed(allocation.budgetLine)).toBe(before);
    // The author withdraws it; then it cannot be approved.
    const withdrawn = await post(`/api/allocations/${allocation.id}/changes/${step.json().pendingChange.id}/withdraw`, {});
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().pendingChange).toBeNull();
    const late = await post(`/api/allocations/${allocation.id}/changes/${step.json().pendingChange.id}/approve`, {}, teamleider);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('Deze wijziging wacht niet op goedkeuring.');

    const small = await patch(allocation.id, { effectiveFrom: '2027-01-01', volume: 1.5, reason: 'Half uur meer' });
    expect(small.statusCode).toBe(200);
    expect(small.json().pendingChange).toBeNull();
    expect(await committed(allocation.budgetLine)).toBe(before + Math.round(1.5 * weeks2027 * t27) - Math.round(weeks2027 * t27));

    const lower = await patch(allocation.id, { effectiveFrom: '2027-03-01', volume: 0.5, reason: 'Minder nodig' });
    expect(lower.statusCode).toBe(200);
    expect(lower.json().segments.at(-1)).toMatchObject({ volume: 0.5, start: '2027-03-01' });
  });

  it('counts an extension by its rise in any budget year, not only in the first twelve months', async () => {
    const { allocation, t27 } = await smallAllocation('2026-12-31');
    // 0.7 hours a week through 2027: the twelve months from 1 September 2026 rise by 243 days' worth,
    // below the € 1.000 step; budget year 2027 rises by 365 days' worth, above it.
    expect((0.7 * 243 * t27) / 7).toBeLessThan(100_000);
    expect((0.7 * 365 * t27) / 7).toBeGreaterThan(100_000);
    expect((await patch(allocation.id, { effectiveFrom: '2026-09-01', volume: 0.7, reason: 'Minder uren' })).statusCode).toBe(200);
    const extended = await patch(allocation.id, { effectiveFrom: '2026-09-01', end: '2027-12-31', reason: 'Verlenging' });
    expect(extended.statusCode).toBe(202);
    expect(extended.json().pendingChange).toMatchObject({ end: '2027-12-31', volume: null });
    expect(extended.json().pendingChange.increaseCents).toBe(Math.round((0.7 * 365 * t27) / 7));
  });

  it('answers an overflowing volume with 400 and a Dutch message, never 500', async () => {
    const { allocation } = await smallAllocation();
    const overflow = await patch(allocation.id, { effectiveFrom: '2027-01-01', volume: 1e11, reason: 'Overloop' });
    expect(overflow.statusCode).toBe(400);
    expect(overflow.json().error.fields).toEqual([{ field: 'volume', message: 'De omvang is hoogstens 99.999.999.' }]);

    const caseId = await caseInApplication();
    const lines = (volume: number) => [{ productId: householdHelp.id, outcome: 'granted', periodStart: '2026-09-01', periodEnd: '2026-12-31', volume, frequency: 'per_week' }];
    const tooBig = await post(`/api/cases/${caseId}/decisions`, { deliveryForm: 'zin', lines: lines(1e11) });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.fields).toEqual([{ field: 'lines.0.volume', message: 'De omvang is hoogstens 99.999.999.' }]);
    const aboveBound = await post(`/api/cases/${caseId}/decisions`, { deliveryForm: 'zin', lines: lines(169) });
    expect(aboveBound.statusCode).toBe(400);
    expect(aboveBound.json().error.fields).toEqual([{ field: 'lines.0.volume', message: 'De omvang is hoogstens 168 uur per week.' }]);
    const perDay = await post(`/api/cases/${caseId}/decisions`, { deliveryForm: 'zin', lines: [{ ...lines(25)[0], frequency: 'per_day' }] });
    expect(perDay.json().error.fields).toEqual([{ field: 'lines.0.volume', message: 'De omvang is hoogstens 24 uur per dag.' }]);
  });

  it('guards the approval and withdrawal of a change: 401 without a session, 403 without the role', async () => {
    const { allocation } = await smallAllocation();
    const pending = (await patch(allocation.id, { effectiveFrom: '2027-01-01', volume: 40, reason: 'Meer uren nodig' })).json().pendingChange as { id: string };
    for (const action of ['approve', 'withdraw']) {
      const url = `/api/allocations/${allocation.id}/changes/${pending.id}/${action}`;
      expect((await t.app.inject({ method: 'POST', url, payload: {} })).statusCode).toBe(401);
      expect((await post(url, {}, kcc)).statusCode).toBe(403);
    }
    // A team lead may refuse (withdraw) someone else's change.
    const refused = await post(`/api/allocations/${allocation.id}/changes/${pending.id}/withdraw`, {}, teamleider);
    expect(refused.statusCode).toBe(200);
    // A team lead's own change needs another team lead.
    const own = (await patch(allocation.id, { effectiveFrom: '2027-01-01', volume: 40, reason: 'Meer uren nodig' }, teamleider)).json().pendingChange as { id: string };
    const self = await post(`/api/allocations/${allocation.id}/changes/${own.id}/approve`, {}, teamleider);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toBe('Vier ogen: wie de wijziging aanvroeg, keurt haar niet zelf goed.');
    const residentId = (await get(`/api/cases/${allocation.caseId}`)).json().resident.id as string;
    const audit = (await get(`/api/audit?resident=${residentId}&limit=50`, (await t.login('auditor')).cookie)).json() as { items: { name: string }[] };
    expect(audit.items.map((i) => i.name)).toEqual(expect.arrayContaining(['toewijzing.wijziging-aanvragen', 'toewijzing.wijziging-intrekken']));
  });

  it('takes the step from the settings of the municipality', async () => {
    const { allocation } = await smallAllocation();
    // € 10.000 a year: 1 → 2 hours a week (about € 1.200 more) is now below the step and the threshold.
    await withTenant(t.database.db, 'GM0935', (tx) => tx.insertInto('settings').values({ tenant_id: 'GM0935', key: 'allocation_change_step_cents', value: '1000000' }).execute());
    try {
      const raised = await patch(allocation.id, { effectiveFrom: '2027-01-01', volume: 2, reason: 'Een uur meer' });
      expect(raised.statusCode).toBe(200);
      expect(raised.json().segments.at(-1)).toMatchObject({ volume: 2 });
    } finally {
      // The app may not delete settings; back to the default value.
      await withTenant(t.database.db, 'GM0935', (tx) => tx.updateTable('settings').set({ value: '100000' }).where('key', '=', 'allocation_change_step_cents').execute());
    }
  });
});
