// Every case mutation refuses a caller without a session (401), without the role (403) and without a
// relation with the resident (403 NO_RELATION), and changes nothing when it refuses. Each request
// below is valid, so a missing guard makes the test fail with a 200/201 instead of the refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { breakGlass, createResident, createStaff, openCase, type Staff } from '../../../test/support/factories.js';

let t: TestApp;
let handler: Staff;
let outsider: Staff;
let policy: Staff;
let residentId: string;
let caseId: string;

beforeAll(async () => {
  t = await createTestApp();
  handler = await createStaff(t, { roles: ['consultant'] });
  outsider = await createStaff(t, { roles: ['consultant'] });
  policy = await createStaff(t, { roles: ['policy'] });
  residentId = (await createResident(t)).id;
  await breakGlass(t, handler, residentId);
  caseId = (await openCase(t, handler, residentId, { notifiedOn: '2026-06-01' })).id;
});
afterAll(async () => t.close());

/** The case mutations, each with a request that succeeds for the handler. */
const mutations = (): { name: string; url: string; payload: object }[] => [
  { name: 'POST /api/residents/:residentId/cases', url: `/api/residents/${residentId}/cases`, payload: { caseTypeCode: 'WMO-MAATWERK', notifiedOn: '2026-06-02' } },
  { name: 'POST /api/cases/:id/status', url: `/api/cases/${caseId}/status`, payload: { to: 'aanvraag', on: '2026-06-15' } },
  { name: 'POST /api/cases/:id/suspensions', url: `/api/cases/${caseId}/suspensions`, payload: { from: '2026-06-10', reason: 'Wacht op medisch advies' } },
  { name: 'POST /api/cases/:id/suspensions/end', url: `/api/cases/${caseId}/suspensions/end`, payload: { on: '2026-06-12', reason: 'Advies ontvangen' } },
  { name: 'POST /api/cases/:id/extensions', url: `/api/cases/${caseId}/extensions`, payload: { term: 'P2W', reason: 'Complexe situatie, meer tijd nodig' } },
];
const names = ['POST /api/residents/:residentId/cases', 'POST /api/cases/:id/status', 'POST /api/cases/:id/suspensions', 'POST /api/cases/:id/suspensions/end', 'POST /api/cases/:id/extensions'];
const mutation = (name: string) => mutations().find((m) => m.name === name)!;
const send = (name: string, cookie?: string) => {
  const m = mutation(name);
  return t.app.inject({ method: 'POST', url: m.url, payload: m.payload, ...(cookie ? { headers: { cookie } } : {}) });
};

/** The case and the resident's case list as the handler sees them: what a refused request must leave alone. */
async function state() {
  const c = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie: handler.cookie } })).json();
  const list = (await t.app.inject({ method: 'GET', url: `/api/residents/${residentId}/cases`, headers: { cookie: handler.cookie } })).json() as unknown[];
  return { status: c.status as string, events: (c.events as unknown[]).length, cases: list.length };
}

describe('case mutations refuse callers who may not make them', () => {
  it.each(names)('%s without a session: 401 UNAUTHENTICATED', async (name) => {
    const before = await state();
    const response = await send(name);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
    expect(await state()).toEqual(before);
  });

  it.each(names)('%s by a role without cases:write (policy): 403 FORBIDDEN', async (name) => {
    const before = await state();
    const response = await send(name, policy.cookie);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
    expect(await state()).toEqual(before);
  });

  it.each(names)('%s by a consultant without a relation with the resident: 403 NO_RELATION', async (name) => {
    const before = await state();
    const response = await send(name, outsider.cookie);
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'NO_RELATION', message: expect.stringContaining('geen relatie met deze inwoner') });
    expect(await state()).toEqual(before);
  });

  it('lets the same consultant through once a relation exists (break-glass): the refusals were about the relation', async () => {
    await breakGlass(t, outsider, residentId);
    const response = await send('POST /api/cases/:id/status', outsider.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('aanvraag');
  });
});
