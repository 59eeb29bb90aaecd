import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { withTenant } from '../../db/tenancy.js';
import { hashPassword } from '../../platform/auth/password.js';
import { insertUser } from '../../platform/auth/user.repository.js';

let t: TestApp;
let kcc: string;
let kccEm: string;
beforeAll(async () => {
  t = await createTestApp();
  kcc = (await t.login('kcc')).cookie;
  kccEm = (await t.login('kcc', 'GM1903')).cookie;
});
afterAll(async () => t.close());

const get = (url: string, cookie = kcc) => t.app.inject({ method: 'GET', url, headers: { cookie } });
type Summary = { id: string; name: string; description: string; kind: string; law: string; directAccess: boolean; directAccessMaxWeeks: number | null };

describe('catalogue (PDC)', () => {
  it('finds products by a word, accent-insensitive, with the voorliggend veld first', async () => {
    const all = (await get('/api/catalogue/products')).json() as Summary[];
    expect(all.length).toBeGreaterThanOrEqual(30);
    const kinds = all.map((p) => p.kind);
    expect(kinds.indexOf('tailored')).toBeGreaterThan(kinds.lastIndexOf('community'));
    const household = (await get('/api/catalogue/products?q=huishoud')).json() as Summary[];
    expect(household.length).toBeGreaterThan(0);
    for (const p of household) expect(`${p.name} ${p.description}`.toLowerCase()).toContain('huishoud');
    expect(household.some((p) => p.name.toLowerCase().includes('huishoud'))).toBe(true);
    const accents = (await get('/api/catalogue/products?q=CLIENTONDERSTEUNING')).json() as Summary[];
    expect(accents.some((p) => p.name.toLowerCase().includes('cliëntondersteuning'))).toBe(true);
  });

  it('filters by law, kind and area', async () => {
    const youth = (await get('/api/catalogue/products?law=jeugdwet')).json() as Summary[];
    expect(youth.length).toBeGreaterThan(0);
    expect(new Set(youth.map((p) => p.law))).toEqual(new Set(['jeugdwet']));
    const communityCentrum = (await get('/api/catalogue/products?kind=community&area=WK093500')).json() as Summary[];
    expect(communityCentrum.length).toBeGreaterThan(0);
    expect(new Set(communityCentrum.map((p) => p.kind))).toEqual(new Set(['community']));
    const bad = await get('/api/catalogue/products?law=aow');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ field: 'law', message: 'Kies wmo, jeugdwet, participatiewet of wgs.' }]);
  });

  it('marks guidance with direct access for at most 13 weeks, and lists contracted providers with tariffs', async () => {
    const direct = ((await get('/api/catalogue/products?law=wmo&kind=tailored')).json() as Summary[]).filter((p) => p.directAccess);
    expect(direct.length).toBeGreaterThanOrEqual(2);
    for (const p of direct) expect(p.directAccessMaxWeeks).toBe(13);
    const product = (await get(`/api/catalogue/products/${direct[0]!.id}?year=2026`)).json();
    expect(product.providers.length).toBeGreaterThanOrEqual(3);
    for (const provider of product.providers) {
      expect(provider.agbCode).toMatch(/^99\d{6}$/);
      expect(provider.centsPerUnit).toBeGreaterThan(0);
    }
    expect((await get('/api/catalogue/products/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('is closed to anyone not logged in, and to a role without access (resident)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/catalogue/products' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/providers' })).statusCode).toBe(401);
    await withTenant(t.database.db, 'GM0935', async (tx) =>
      insertUser(tx, { tenantId: 'GM0935', username: 'inwoner-test', displayName: 'Inwoner', roles: ['resident'], passwordHash: await hashPassword('demo') }),
    );
    const { cookie } = await t.login('inwoner-test');
    expect((await get('/api/catalogue/products', cookie)).statusCode).toBe(403);
    expect((await get('/api/providers', cookie)).statusCode).toBe(403);
  });
});

describe('providers and region-wide contracts', () => {
  it('shows Maastricht its own and the region contracts, with 40 providers', async () => {
    const providers = (await get('/api/providers')).json() as { id: string; contractedBy: string; regionWide: boolean; agbCode: string }[];
    expect(providers).toHaveLength(40);
    expect(new Set(providers.map((p) => p.contractedBy))).toEqual(new Set(['gemeente']));
    const detail = (await get(`/api/providers/${providers[0]!.id}`)).json();
    expect(detail.tariffs.length + detail.subsidies.length).toBeGreaterThan(0);
  });

  it("shows Eijsden-Margraten only the region's contracts, read-only", async () => {
    const mst = (await get('/api/providers')).json() as { id: string; regionWide: boolean }[];
    const em = (await get('/api/providers', kccEm)).json() as { id: string; regionWide: boolean; contractedBy: string }[];
    expect(em.length).toBe(mst.filter((p) => p.regionWide).length);
    expect(em.every((p) => p.regionWide && p.contractedBy === 'regio')).toBe(true);
    const local = mst.find((p) => !p.regionWide)!;
    expect((await get(`/api/providers/${local.id}`, kccEm)).statusCode).toBe(404);
    const changed = await withTenant(t.database.db, 'GM1903', (tx) => sql`update providers set name = 'Overgenomen' returning id`.execute(tx));
    expect(changed.rows).toEqual([]);
  });
});

describe('region sharing cannot be abused', () => {
  it('refuses a region-wide row labelled with another region', async () => {
    await expect(
      withTenant(t.database.db, 'GM1903', (tx) =>
        tx.insertInto('providers').values({ tenant_id: 'GM1903', agb_code: '99999999', name: 'Elders', kind: 'care', region_wide: true, region: 'Noord-Holland Noord' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    await withTenant(t.database.db, 'GM1903', (tx) =>
      tx.insertInto('providers').values({ tenant_id: 'GM1903', agb_code: '99999998', name: 'Eigen regio', kind: 'care', region_wide: true, region: 'Zuid-Limburg' }).execute(),
    );
  });
});
