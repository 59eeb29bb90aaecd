import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident } from '../../../test/support/factories.js';

let t: TestApp;
let consulent: string;
let householdHelp: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  consulent = (await t.login('consulent')).cookie;
  const products = (await t.app.inject({ method: 'GET', url: '/api/catalogue/products?q=huishoud&kind=tailored', headers: { cookie: consulent } })).json() as { id: string; unit: string }[];
  householdHelp = products.find((p) => p.unit === 'hour')!;
});
afterAll(async () => t.close());

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: { cookie: consulent }, payload });

async function caseInApplication(caseTypeCode = 'WMO-MAATWERK'): Promise<string> {
  const resident = (await createResident(t, { areaCode: await areaCodeOf(t, 'consulent') })).id;
  const c = (await post(`/api/residents/${resident}/cases`, { caseTypeCode, notifiedOn: '2026-06-01' })).json();
  await post(`/api/cases/${c.id}/status`, { to: 'aanvraag', on: '2026-07-01' });
  return c.id;
}

describe('decision input', () => {
  it('answers 400 with a Dutch message per date field when the dates are empty', async () => {
    const caseId = await caseInApplication();
    const res = await post(`/api/cases/${caseId}/decisions`, { deliveryForm: 'zin', lines: [{ productId: householdHelp.id, outcome: 'granted', periodStart: '', periodEnd: '', volume: 4, frequency: 'per_week' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { field: 'lines.0.periodStart', message: 'Ongeldige ingangsdatum: gebruik jjjj-mm-dd.' },
      { field: 'lines.0.periodEnd', message: 'Ongeldige einddatum: gebruik jjjj-mm-dd.' },
    ]);
  });

  it('answers 400 per field for an empty or missing date in the other forms with a date', async () => {
    const caseId = await caseInApplication();
    const residentId = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: consulent } })).json().resident.id as string;
    const cases: [string, object, string][] = [
      [`/api/cases/${caseId}/decisions`, { deliveryForm: 'zin', lines: [{ productId: householdHelp.id, outcome: 'refused', periodStart: '2026-10-01', periodEnd: '', refusalReason: 'Voorliggende oplossing: de buurthulp.' }] }, 'lines.0.periodEnd'],
      [`/api/cases/${caseId}/decisions`, { deliveryForm: 'zin', lines: [{ productId: householdHelp.id, outcome: 'granted', periodEnd: '2026-10-01', volume: 2, frequency: 'per_week' }] }, 'lines.0.periodStart'],
      [`/api/cases/${caseId}/status`, { to: 'besluit', on: '' }, 'on'],
      [`/api/residents/${residentId}/conversations`, { heldOn: '', scores: {} }, 'heldOn'],
    ];
    for (const [url, payload, field] of cases) {
      const res = await post(url, payload);
      expect(res.statusCode, url).toBe(400);
      const fields = res.json().error.fields as { field: string; message: string }[];
      expect(fields.find((f) => f.field === field)?.message, `${url} ${field}`).toMatch(/^(Ongeldige|Vul de) /);
    }
  });

  it('refuses a product of another law than the case type (a Jeugdwet product in a Wmo case)', async () => {
    const youthProducts = (await t.app.inject({ method: 'GET', url: '/api/catalogue/products?law=jeugdwet&kind=tailored', headers: { cookie: consulent } })).json() as { id: string; name: string; requiresDecision: boolean }[];
    const youth = youthProducts.find((p) => p.requiresDecision)!;
    const caseId = await caseInApplication('WMO-MAATWERK');
    const line = { productId: youth.id, outcome: 'granted', periodStart: '2026-10-01', periodEnd: '2026-12-31', volume: 1, frequency: 'per_week' };
    const res = await post(`/api/cases/${caseId}/decisions`, { deliveryForm: 'zin', lines: [{ ...line, productId: householdHelp.id }, line] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { field: 'lines.1.productId', message: `${youth.name} valt onder de Jeugdwet, deze zaak onder de Wmo 2015: kies een product van de Wmo 2015.` },
    ]);
    // Nothing was written: the case has no decision and is still in the application stage.
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/decisions`, headers: { cookie: consulent } })).json()).toEqual([]);
  });
});
