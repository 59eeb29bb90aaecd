import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { systemAuditContext } from '../../platform/unit-of-work.js';
import { todayInAmsterdam } from '../../platform/time.js';
import type { ControlRunDetail, ControlRunList } from './control-run.schema.js';
import { runControls } from './control-run.service.js';

let t: TestApp;
let controller: Staff;
let auditor: Staff;
let consultant: Staff;
const year = String(Number(todayInAmsterdam().slice(0, 4)) - 1);

const post = (url: string, cookie: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const count = (table: 'control_runs' | 'control_run_results' | 'control_run_exceptions') =>
  withTenant(t.database.db, TENANT, async (tx) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(tx)).rows[0]!.n);

/** All exceptions of a run (every page), without their ids: what a reproduction must give again. */
async function allExceptions(id: string) {
  const items: unknown[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = (await get(`/api/control/runs/${id}?offset=${offset}&limit=200`, controller.cookie)).json() as ControlRunDetail;
    items.push(...page.exceptions.items.map(({ id: _id, ...rest }) => rest));
    if (offset + 200 >= page.exceptions.total) return items;
  }
}

beforeAll(async () => {
  t = await createTestApp();
  [controller, auditor, consultant] = await Promise.all([createStaff(t, { roles: ['controller'] }), createStaff(t, { roles: ['auditor'] }), createStaff(t, { roles: ['consultant'] })]);
  // A real mistake in the data of the year: a Pw payment for a month after the benefit ended.
  await withTenant(t.database.db, TENANT, async (tx) => {
    const resident = await tx.selectFrom('residents').select('id').orderBy('bsn').executeTakeFirstOrThrow();
    const benefit = await tx
      .insertInto('pw_benefits')
      .values({ tenant_id: TENANT, reference: 'PW-CTRL-1', resident_id: resident.id, consultant_id: null, norm: 'alleenstaande', monthly_cents: 120_000, start_date: `${year}-01-01`, end_date: `${year}-03-31`, last_reexamination_on: null, next_reexamination_on: `${year}-12-01` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('pw_payments').values({ tenant_id: TENANT, benefit_id: benefit.id, period: `${year}-04-01`, paid_on: `${year}-04-05`, cents: 120_000 }).execute();
  });
});
afterAll(async () => t.close());

describe('control runs', () => {
  it('runs the controls of a year, stores population, exceptions and amounts, and logs the residents named when they are read', async () => {
    const created = await post('/api/control/runs', controller.cookie, { periodKind: 'jaar', period: year, scope: 'participatiewet' });
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json() as { id: string; version: number };
    expect(version).toBe(1);
    const detail = (await get(`/api/control/runs/${id}?control=pw-betaald-na-einde`, auditor.cookie)).json() as ControlRunDetail;
    expect(detail.run).toMatchObject({ period: year, periodKind: 'jaar', periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, scope: 'participatiewet', version: 1, signedOffAt: null });
    expect(detail.results.map((r) => r.controlId)).toEqual(['beslistermijn-overschreden', 'pw-betaald-na-einde', 'pw-betaling-zonder-besluit', 'pw-betaalrun-zonder-vier-ogen', 'pw-vordering-zonder-vier-ogen', 'pw-betaling-boven-norm']);
    const paidAfterEnd = detail.results.find((r) => r.controlId === 'pw-betaald-na-einde')!;
    expect(paidAfterEnd.population).toBeGreaterThan(0);
    expect(paidAfterEnd.amountErrorCents).toBeGreaterThanOrEqual(120_000);
    expect(paidAfterEnd.amountUncertainCents).toBe(0);
    const planted = detail.exceptions.items.find((e) => e.facts.uitkering === 'PW-CTRL-1');
    expect(planted).toMatchObject({ subjectType: 'payment', amountCents: 120_000, facts: { maand: `${year}-04`, einddatum: `${year}-03-31` } });
    const logged = await withTenant(t.database.db, TENANT, (tx) =>
      tx.selectFrom('audit_log').select(['data_subject_id', 'actor_id']).where('name', '=', 'controlerun.uitzonderingen.raadplegen').where('data_subject_id', '=', planted!.residentId).execute(),
    );
    expect(logged.map((l) => l.actor_id)).toContain(auditor.id);
    const list = (await get('/api/control/runs', auditor.cookie)).json() as ControlRunList;
    expect(list.items.find((r) => r.id === id)).toMatchObject({ exceptions: detail.results.reduce((s, r) => s + r.exceptions, 0) });
  });

  it('is reproducible: a re-run of the same period is a new version with the same result, and the first version stays', async () => {
    const first = (await post('/api/control/runs', controller.cookie, { periodKind: 'kwartaal', period: `${year}-K2`, scope: 'alle' })).json() as { id: string; version: number };
    const before = await allExceptions(first.id);
    const second = (await post('/api/control/runs', controller.cookie, { periodKind: 'kwartaal', period: `${year}-K2`, scope: 'alle' })).json() as { id: string; version: number };
    expect(second.version).toBe(first.version + 1);
    const [a, b] = await Promise.all([get(`/api/control/runs/${first.id}`, controller.cookie), get(`/api/control/runs/${second.id}`, controller.cookie)]);
    expect((b.json() as ControlRunDetail).results).toEqual((a.json() as ControlRunDetail).results);
    expect(await allExceptions(second.id)).toEqual(before);
    expect(await allExceptions(first.id)).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  });

  it('refuses a period in the future, a malformed period and an unknown process with a Dutch message per field', async () => {
    const next = String(Number(todayInAmsterdam().slice(0, 4)) + 1);
    const future = await post('/api/control/runs', controller.cookie, { periodKind: 'jaar', period: next, scope: 'wmo' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toEqual([{ field: 'period', message: expect.stringContaining('nog niet begonnen') }]);
    const malformed = await post('/api/control/runs', controller.cookie, { periodKind: 'kwartaal', period: `${year}-Q5`, scope: 'wmo' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fields[0]).toMatchObject({ field: 'period', message: 'Geef een kwartaal als jjjj-Kn, bijvoorbeeld 2026-K2.' });
    const scope = await post('/api/control/runs', controller.cookie, { periodKind: 'maand', period: `${year}-05`, scope: 'bijstand' });
    expect(scope.statusCode).toBe(400);
    expect(scope.json().error.fields[0].field).toBe('scope');
    const page = await get(`/api/control/runs/${crypto.randomUUID()}?limit=500`, controller.cookie);
    expect(page.statusCode).toBe(400);
  });

  it('is run and signed off by the controller only, once; others read or get 403', async () => {
    expect((await post('/api/control/runs', auditor.cookie, { periodKind: 'maand', period: `${year}-05`, scope: 'wmo' })).statusCode).toBe(403);
    expect((await get('/api/control/runs', consultant.cookie)).statusCode).toBe(403);
    const { id } = (await post('/api/control/runs', controller.cookie, { periodKind: 'maand', period: `${year}-05`, scope: 'wmo' })).json() as { id: string };
    expect((await post(`/api/control/runs/${id}/sign-off`, auditor.cookie)).statusCode).toBe(403);
    const signed = await post(`/api/control/runs/${id}/sign-off`, controller.cookie);
    expect(signed.statusCode).toBe(200);
    expect((signed.json() as ControlRunDetail).run).toMatchObject({ signedOffBy: `Test ${controller.username}`, signedOffAt: expect.any(String) });
    const again = await post(`/api/control/runs/${id}/sign-off`, controller.cookie);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Deze controlerun is al afgetekend.');
    expect((await post(`/api/control/runs/${crypto.randomUUID()}/sign-off`, controller.cookie)).statusCode).toBe(404);
  });

  it('is one unit of work: a run broken off before it commits leaves no run, result, exception or log record', async () => {
    const before = await Promise.all([count('control_runs'), count('control_run_results'), count('control_run_exceptions')]);
    const audit = systemAuditContext(TENANT);
    await expect(
      withTenant(t.database.db, TENANT, async (tx) => {
        await runControls(tx, { ...audit, actorId: controller.id }, { periodKind: 'jaar', period: year, scope: 'alle', today: todayInAmsterdam() });
        throw new Error('afgebroken');
      }),
    ).rejects.toThrow('afgebroken');
    expect(await Promise.all([count('control_runs'), count('control_run_results'), count('control_run_exceptions')])).toEqual(before);
    const logged = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('audit_log').select('id').where('trace_id', '=', audit.traceId).execute());
    expect(logged).toEqual([]);
  });
});
