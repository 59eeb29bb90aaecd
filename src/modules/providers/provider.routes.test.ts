// Providers and their contracts: what a municipality contracted itself, what the region contracted
// on its behalf, and nothing of another municipality's own contracts. Each test makes its providers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createProvider, createStaff, hourlyProduct, type Staff } from '../../../test/support/factories.js';

let t: TestApp;
let consultant: Staff;
let region: string;
let neighbour: string;
let product: { code: string };

beforeAll(async () => {
  t = await createTestApp();
  consultant = await createStaff(t, { roles: ['consultant'] });
  const tenants = (await t.app.inject({ method: 'GET', url: '/api/tenants' })).json() as { id: string; region: string | null }[];
  region = tenants.find((m) => m.id === 'GM0935')!.region!;
  // Another municipality of the same region.
  neighbour = tenants.find((m) => m.id !== 'GM0935' && m.region === region)!.id;
  product = await hourlyProduct(t, consultant);
});
afterAll(async () => t.close());

const get = (url: string, cookie: string | null = consultant.cookie) => t.app.inject({ method: 'GET', url, ...(cookie ? { headers: { cookie } } : {}) });

describe('GET /api/providers', () => {
  it('lists own contracts as "gemeente" and the region\'s as "regio", never another municipality\'s own', async () => {
    const own = await createProvider(t, { name: 'Testzorg Eigen Maastricht', tariffs: [{ productCode: product.code, year: 2026, unit: 'hour', centsPerUnit: 3_512 }, { productCode: product.code, year: 2027, unit: 'hour', centsPerUnit: 3_600 }, { productCode: 'TEST-ONBEKEND', year: 2026, unit: 'piece', centsPerUnit: 100 }] });
    const regional = await createProvider(t, { tenant: neighbour, name: 'Testzorg Regio Zuid', regionWide: true, region });
    const theirs = await createProvider(t, { tenant: neighbour, name: 'Testzorg Alleen Buurgemeente' });

    const response = await get('/api/providers?q=testzorg');
    expect(response.statusCode).toBe(200);
    const list = response.json() as { id: string; name: string; agbCode: string; contractedBy: string; products: number; regionWide: boolean }[];
    expect(list.map((p) => p.name)).toEqual(['Testzorg Eigen Maastricht', 'Testzorg Regio Zuid']);
    expect(list.find((p) => p.id === own.id)).toMatchObject({ agbCode: own.agbCode, contractedBy: 'gemeente', regionWide: false, products: 2, kind: 'care', strategicPartner: false });
    expect(list.find((p) => p.id === regional.id)).toMatchObject({ contractedBy: 'regio', regionWide: true, products: 0 });
    expect(list.some((p) => p.id === theirs.id)).toBe(false);
  });

  it('finds a provider by AGB code and treats % and _ in the query as text', async () => {
    const provider = await createProvider(t, { name: 'Testzorg AGB' });
    expect((await get(`/api/providers?q=${provider.agbCode}`)).json().map((p: { id: string }) => p.id)).toEqual([provider.id]);
    expect((await get('/api/providers?q=%25')).json()).toEqual([]);
    expect((await get('/api/providers?q=_')).json()).toEqual([]);
  });

  it('refuses a query that is too long, in Dutch', async () => {
    const response = await get(`/api/providers?q=${'a'.repeat(101)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ field: 'q', message: 'De zoekterm is te lang.' }]);
  });
});

describe('GET /api/providers/:id', () => {
  it('returns the tariffs per product per year (with the catalogue name where the product is known) and the subsidies', async () => {
    const provider = await createProvider(t, {
      name: 'Testzorg Details',
      strategicPartner: true,
      tariffs: [{ productCode: product.code, year: 2027, unit: 'hour', centsPerUnit: 3_600 }, { productCode: product.code, year: 2026, unit: 'hour', centsPerUnit: 3_512 }, { productCode: 'TEST-ONBEKEND', year: 2026, unit: 'piece', centsPerUnit: 100 }],
      subsidies: [{ year: 2027, amountCents: 2_000_000, purpose: 'Buurtcoaches' }, { year: 2026, amountCents: 1_500_000, purpose: 'Mantelzorgondersteuning' }],
    });
    const response = await get(`/api/providers/${provider.id}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({ id: provider.id, agbCode: provider.agbCode, name: 'Testzorg Details', contractedBy: 'gemeente', strategicPartner: true });
    expect(detail.tariffs).toEqual([
      { productCode: 'TEST-ONBEKEND', productName: null, year: 2026, unit: 'piece', centsPerUnit: 100 },
      { productCode: product.code, productName: expect.any(String), year: 2026, unit: 'hour', centsPerUnit: 3_512 },
      { productCode: product.code, productName: expect.any(String), year: 2027, unit: 'hour', centsPerUnit: 3_600 },
    ].sort((a, b) => (a.productCode < b.productCode ? -1 : a.productCode > b.productCode ? 1 : a.year - b.year)));
    expect(detail.subsidies).toEqual([
      { year: 2026, amountCents: 1_500_000, purpose: 'Mantelzorgondersteuning' },
      { year: 2027, amountCents: 2_000_000, purpose: 'Buurtcoaches' },
    ]);
  });

  it('shows a region-wide provider of another municipality as "regio", and answers 404 for one that is not shared', async () => {
    const regional = await createProvider(t, { tenant: neighbour, regionWide: true, region });
    const theirs = await createProvider(t, { tenant: neighbour });
    expect((await get(`/api/providers/${regional.id}`)).json()).toMatchObject({ id: regional.id, contractedBy: 'regio', regionWide: true });
    const hidden = await get(`/api/providers/${theirs.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('NOT_FOUND');
  });

  it('answers 400 for an id that is not a UUID and 404 for one that does not exist', async () => {
    expect((await get('/api/providers/abc')).statusCode).toBe(400);
    expect((await get('/api/providers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('provider routes need a session and providers:read', () => {
  it.each(['/api/providers', '/api/providers/00000000-0000-4000-8000-000000000000'])('GET %s: 401 without a session, 403 for the portfolio holder', async (url) => {
    const anonymous = await get(url, null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
    const wethouder = await createStaff(t, { roles: ['portfolio_holder'] });
    const refused = await get(url, wethouder.cookie);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('FORBIDDEN');
  });
});
