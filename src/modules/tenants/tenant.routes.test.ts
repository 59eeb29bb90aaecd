// The list of municipalities is public (the login page needs it before anyone is signed in) and
// holds public facts only: code, name and region.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { forgetTenants } from './tenant.service.js';
import { upsertTenant } from './tenant.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const list = async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/tenants' });
  expect(response.statusCode).toBe(200);
  return response.json() as Record<string, unknown>[];
};

describe('GET /api/tenants', () => {
  it('answers without a session, sorted by name, with code, name and region only', async () => {
    const tenants = await list();
    expect(tenants.length).toBeGreaterThan(0);
    for (const tenant of tenants) {
      expect(Object.keys(tenant).sort()).toEqual(['id', 'name', 'region']);
      expect(tenant.id).toMatch(/^GM\d{4}$/);
    }
    const names = tenants.map((m) => m.name as string);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('lists a municipality added to the installation once the cached list is forgotten', async () => {
    await upsertTenant(t.database.db, { id: 'GM0001', name: 'Aaa Testgemeente', region: null });
    expect((await list()).some((m) => m.id === 'GM0001')).toBe(false); // cached: the list changes by deployment only
    forgetTenants(t.database.db);
    expect((await list())[0]).toEqual({ id: 'GM0001', name: 'Aaa Testgemeente', region: null });
  });

  it('names only municipalities a user can sign in to', async () => {
    forgetTenants(t.database.db);
    const ids = (await list()).map((m) => m.id);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'iemand', password: 'x', tenant: 'GM9998' } });
    expect(ids).not.toContain('GM9998');
    expect(unknown.statusCode).not.toBe(200);
  });
});
