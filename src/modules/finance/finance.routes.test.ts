// Budget lines with realisation and forecast, and the drill-down to providers and allocations, on a
// budget line of its own: 23 residents with an allocation each for the whole year at three
// providers (12, 9 and 2 residents).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createProvider, TENANT } from '../../../test/support/factories.js';
import { seedFinanceLine, uniqueLineCode, type FinanceAllocation } from '../../../test/support/finance.js';
import { withTenant } from '../../db/tenancy.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { auditLogregels } from '../../platform/audit/audit.repository.js';

let t: TestApp;
let financien: string;
let teamleider: string;
const code = uniqueLineCode();
const today = todayInAmsterdam();
// A year with at least one month that has passed: this year, or last year in January.
const year = today.slice(5, 7) === '01' ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4));
const yearDays = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
const COMMITMENT = 365_000;
const providers: Record<'big' | 'middle' | 'small', { id: string; name: string }> = {} as never;
const allocations: (FinanceAllocation & { provider: keyof typeof providers; related: boolean })[] = [];

beforeAll(async () => {
  t = await createTestApp();
  financien = (await t.login('financien')).cookie;
  teamleider = (await t.login('teamleider')).cookie;
  providers.big = await createProvider(t, { name: `Aanbieder Groot ${code}` });
  providers.middle = await createProvider(t, { name: `Aanbieder Midden ${code}` });
  providers.small = await createProvider(t, { name: `Aanbieder Klein ${code}` });
  const plan: (keyof typeof providers)[] = [...Array<'big'>(12).fill('big'), ...Array<'middle'>(9).fill('middle'), ...Array<'small'>(2).fill('small')];
  // The first resident lives in the team lead's area (a relation); the others have no area.
  const made = await seedFinanceLine(t.database.db, { code, year, budgetCents: 5_000_000, commitmentCents: COMMITMENT, plan: plan.map((p) => providers[p].id), firstResidentArea: await areaCodeOf(t, 'teamleider') });
  made.forEach((a, i) => allocations.push({ ...a, provider: plan[i]!, related: i === 0 }));
});
afterAll(async () => t.close());

const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const lineOf = async (cookie = financien) => ((await get(`/api/budget-lines?year=${year}`, cookie)).json() as Record<string, number | string>[]).find((l) => l.code === code)!;
const providersUrl = `/api/budget-lines/${code}/providers?year=${year}`;
const allocationsUrl = (providerId: string) => `/api/budget-lines/${code}/providers/${providerId}/allocations?year=${year}`;

describe('GET /api/budget-lines', () => {
  it('gives budget, commitments, realisation, forecast and difference per line', async () => {
    const line = await lineOf();
    // Allocations made now for the whole year: the open days carry the commitment share.
    const openDays = year < Number(today.slice(0, 4)) ? 0 : (Date.UTC(year + 1, 0, 1) - Date.UTC(year, Number(today.slice(5, 7)) - 1, 1)) / 86_400_000;
    const share = Math.round((COMMITMENT * openDays) / yearDays);
    expect(line).toMatchObject({ name: `Testpost ${code}`, year, budgetCents: 5_000_000, committedCents: 23 * COMMITMENT, remainingCents: 5_000_000 - 23 * COMMITMENT, allocations: 23, realisedCents: 0, remainingCommitmentCents: 23 * share });
    expect(line.forecastCents).toBe(23 * share + (line.inflowCents as number));
    expect(line.differenceCents).toBe(5_000_000 - (line.forecastCents as number));
    expect(line.firstOpenMonth).toBe(today.slice(0, 7));
  });

  it('raises realisation and forecast by exactly the declared amount for a month that has passed', async () => {
    const before = await lineOf();
    const big = allocations.filter((a) => a.provider === 'big');
    await withTenant(t.database.db, TENANT, (tx) =>
      tx
        .insertInto('declarations')
        .values([
          { tenant_id: TENANT, allocation_id: big[1]!.id, month: `${year}-01-01`, cents: 12_345 },
          { tenant_id: TENANT, allocation_id: big[2]!.id, month: `${year}-01-01`, cents: 30_000 },
        ])
        .execute(),
    );
    const after = await lineOf();
    expect((after.realisedCents as number) - (before.realisedCents as number)).toBe(42_345);
    expect((after.forecastCents as number) - (before.forecastCents as number)).toBe(42_345);
    expect(after.differenceCents).toBe((before.differenceCents as number) - 42_345);
    expect(after.committedCents).toBe(before.committedCents);
    // The provider's figures and the allocation's follow.
    const row = (await get(providersUrl, financien)).json().providers.find((p: { providerId: string }) => p.providerId === providers.big.id);
    expect(row.realisedCents).toBe(42_345);
    const list = (await get(allocationsUrl(providers.big.id), financien)).json();
    expect(list.allocations.find((a: { id: string }) => a.id === big[1]!.id).realisedCents).toBe(12_345);
  });

  it('answers 401 without a session, 403 without finance:read and 400 for a bad year', async () => {
    expect((await get(`/api/budget-lines?year=${year}`)).statusCode).toBe(401);
    expect((await get(`/api/budget-lines?year=${year}`, (await t.login('consulent')).cookie)).statusCode).toBe(403);
    const bad = await get('/api/budget-lines?year=twintig', financien);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ message: 'Het jaar moet een getal zijn.' })]);
    expect((await get('/api/budget-lines?year=1999', financien)).statusCode).toBe(400);
  });
});

describe('GET /api/budget-lines/{code}/providers', () => {
  it('shows the providers with 10 or more residents and suppresses the small ones together', async () => {
    const response = await get(providersUrl, financien);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.line).toMatchObject({ code, allocations: 23 });
    const byId = new Map(body.providers.map((p: { providerId: string }) => [p.providerId, p]));
    expect(byId.get(providers.big.id)).toMatchObject({ providerName: providers.big.name, suppressed: false, residents: 12, allocations: 12, committedCents: 12 * COMMITMENT });
    // The small provider (2) is hidden; alone it could be derived from the line total, so the middle one (9) is hidden too.
    expect(byId.get(providers.small.id)).toMatchObject({ suppressed: true, residents: null, allocations: null, forecastCents: null, committedCents: null });
    expect(byId.get(providers.middle.id)).toMatchObject({ suppressed: true, residents: null, forecastCents: null });
    // Shown providers add up to at most the line; the line is the sum of all providers.
    const big = byId.get(providers.big.id) as { forecastCents: number };
    expect(big.forecastCents).toBeLessThan(body.line.forecastCents);
  });

  it('answers 401, 403, 400 for a malformed code and 404 for an unknown one', async () => {
    expect((await get(providersUrl)).statusCode).toBe(401);
    expect((await get(providersUrl, (await t.login('kcc')).cookie)).statusCode).toBe(403);
    const bad = await get(`/api/budget-lines/${encodeURIComponent('6.71; drop')}/providers`, financien);
    expect(bad.statusCode).toBe(400);
    const unknown = await get('/api/budget-lines/0.000/providers', financien);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('De begrotingspost is niet gevonden.');
  });
});

describe('GET /api/budget-lines/{code}/providers/{providerId}/allocations', () => {
  it('lists the allocations anonymously to finance, and logs the residents as processed', async () => {
    const response = await get(allocationsUrl(providers.big.id), financien);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ suppressed: false, provider: { id: providers.big.id, name: providers.big.name } });
    expect(body.allocations).toHaveLength(12);
    for (const a of body.allocations) {
      expect(a.resident).toBeNull();
      expect(a.reference).toBe(`TW-${a.id.slice(0, 8).toUpperCase()}`);
      expect(a.committedCents).toBe(COMMITMENT);
      expect(a.forecastCents).toBe(a.realisedCents + a.remainingCommitmentCents);
    }
    expect(response.body).not.toMatch(/Relatia|Anoniem/);
    const logged = await withTenant(t.database.db, TENANT, (tx) =>
      tx
        .selectFrom(auditLogregels(tx, { type: 'resident', ids: allocations.filter((a) => a.provider === 'big').map((a) => a.residentId) }))
        .select((eb) => eb.fn.count<string>('a.data_subject_id').distinct().as('n'))
        .where('a.name', '=', 'toewijzingen.financieel.raadplegen')
        .where('a.processing_activity_id', '=', 'financiele-sturing-sociaal-domein')
        .executeTakeFirstOrThrow(),
    );
    expect(Number(logged.n)).toBe(12);
  });

  it('names the resident to a reader with a relation (the team lead of their area), and only that one', async () => {
    const body = (await get(allocationsUrl(providers.big.id), teamleider)).json();
    const named = body.allocations.filter((a: { resident: unknown }) => a.resident !== null);
    const related = allocations.find((a) => a.related)!;
    expect(named).toEqual([expect.objectContaining({ id: related.id, resident: { id: related.residentId, name: expect.stringContaining('Relatia') } })]);
  });

  it('lists nothing for a suppressed provider', async () => {
    const body = (await get(allocationsUrl(providers.small.id), financien)).json();
    expect(body).toMatchObject({ suppressed: true, allocations: [] });
  });

  it('answers 401, 403, 400 for a malformed provider id and 404 for an unknown provider', async () => {
    expect((await get(allocationsUrl(providers.big.id))).statusCode).toBe(401);
    expect((await get(allocationsUrl(providers.big.id), (await t.login('consulent')).cookie)).statusCode).toBe(403);
    expect((await get(`/api/budget-lines/${code}/providers/niet-een-id/allocations`, financien)).statusCode).toBe(400);
    const unknown = await get(allocationsUrl(crypto.randomUUID()), financien);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('De aanbieder is niet gevonden.');
  });
});
