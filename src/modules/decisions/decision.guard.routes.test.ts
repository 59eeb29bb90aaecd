// The decision and allocation mutations refuse an employee without a relation with the resident
// (403 NO_RELATION, written to the audit log), whatever their role, and change nothing. 401 and 403
// for every role without the permission: test/mutation-guards.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { allocatedCase, breakGlass, caseInApplication, createStaff, hourlyProduct, smallDecisionBody, type Staff } from '../../../test/support/factories.js';
import { asOwnerIn } from '../../../test/support/database.js';

let t: TestApp;
let handler: Staff;
let outsider: Staff;
let outsiderLead: Staff;
let residentId: string;
let openCaseId: string;
let approvedDecision: { id: string; lineId: string };
let pendingDecisionId: string;
let allocationId: string;
let pendingChangeId: string;
let providerId: string;
let productId: string;

beforeAll(async () => {
  t = await createTestApp();
  handler = await createStaff(t, { roles: ['consultant'] });
  outsider = await createStaff(t, { roles: ['consultant'] });
  outsiderLead = await createStaff(t, { roles: ['team_lead'] });
  const made = await allocatedCase(t, handler);
  residentId = made.residentId;
  allocationId = made.allocationId;
  const decision = (await t.app.inject({ method: 'GET', url: `/api/decisions/${made.decisionId}`, headers: { cookie: handler.cookie } })).json();
  approvedDecision = { id: made.decisionId, lineId: decision.lines[0].id };
  const product = await hourlyProduct(t, handler);
  providerId = product.providerId;
  productId = product.id;
  // A costly decision waits for a team lead's approval.
  const costly = { deliveryForm: 'zin', lines: [{ productId: product.id, outcome: 'granted', periodStart: '2026-09-01', periodEnd: '2027-08-31', volume: 40, frequency: 'per_week' }] };
  const pending = await t.app.inject({ method: 'POST', url: `/api/cases/${(await caseInApplication(t, handler, residentId)).id}/decisions`, headers: { cookie: handler.cookie }, payload: costly });
  expect(pending.json().status).toBe('pending_approval');
  pendingDecisionId = pending.json().id;
  // A raise far above the step waits for approval too.
  const raised = await t.app.inject({ method: 'PATCH', url: `/api/allocations/${allocationId}`, headers: { cookie: handler.cookie }, payload: { effectiveFrom: '2027-01-01', volume: 40, reason: 'Meer uren nodig' } });
  expect(raised.statusCode).toBe(202);
  pendingChangeId = raised.json().pendingChange.id;
  openCaseId = (await caseInApplication(t, handler, residentId)).id;
});
afterAll(async () => t.close());

type Mutation = { name: string; method: 'POST' | 'PATCH'; url: () => string; payload: () => object; as: () => Staff };
const mutations: Mutation[] = [
  { name: 'POST /api/cases/:id/decisions', method: 'POST', url: () => `/api/cases/${openCaseId}/decisions`, payload: () => smallDecisionBody(productId), as: () => outsider },
  { name: 'POST /api/decisions/:id/approve', method: 'POST', url: () => `/api/decisions/${pendingDecisionId}/approve`, payload: () => ({}), as: () => outsiderLead },
  { name: 'POST /api/decisions/:id/withdraw', method: 'POST', url: () => `/api/decisions/${pendingDecisionId}/withdraw`, payload: () => ({}), as: () => outsiderLead },
  { name: 'POST /api/decisions/:id/allocations', method: 'POST', url: () => `/api/decisions/${approvedDecision.id}/allocations`, payload: () => ({ lineId: approvedDecision.lineId, providerId }), as: () => outsider },
  { name: 'PATCH /api/allocations/:id', method: 'PATCH', url: () => `/api/allocations/${allocationId}`, payload: () => ({ effectiveFrom: '2027-02-01', volume: 2, reason: 'Iets meer uren' }), as: () => outsider },
  { name: 'POST /api/allocations/:id/changes/:changeId/approve', method: 'POST', url: () => `/api/allocations/${allocationId}/changes/${pendingChangeId}/approve`, payload: () => ({}), as: () => outsiderLead },
  { name: 'POST /api/allocations/:id/changes/:changeId/withdraw', method: 'POST', url: () => `/api/allocations/${allocationId}/changes/${pendingChangeId}/withdraw`, payload: () => ({}), as: () => outsiderLead },
];

/** What a refused request must leave alone, as the handler sees it. */
async function state() {
  const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: { cookie: handler.cookie } })).json();
  return {
    pendingDecision: (await get(`/api/decisions/${pendingDecisionId}`)).status as string,
    openCaseDecisions: ((await get(`/api/cases/${openCaseId}/decisions`)) as unknown[]).length,
    allocations: ((await get(`/api/residents/${residentId}/allocations`)) as { id: string; segments: unknown[]; pendingChange: { id: string } | null }[]).map((a) => ({ id: a.id, segments: a.segments.length, pendingChange: a.pendingChange?.id ?? null })),
  };
}

async function refusalsLogged(userId: string): Promise<number> {
  return asOwnerIn(t.database.db, 'GM0935', async (tx) => {
    const row = await tx.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('actor_id', '=', userId).where('status_code', '=', 'ERROR').where('data_subject_id', '=', residentId).executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

describe('decision and allocation mutations need a relation with the resident', () => {
  it.each(mutations.map((m) => [m.name, m] as const))('%s by an employee without a relation: 403 NO_RELATION, logged, nothing changed', async (_name, m) => {
    const before = await state();
    const logged = await refusalsLogged(m.as().id);
    const response = await t.app.inject({ method: m.method, url: m.url(), headers: { cookie: m.as().cookie }, payload: m.payload() });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('NO_RELATION');
    expect(await state()).toEqual(before);
    expect(await refusalsLogged(m.as().id)).toBe(logged + 1);
  });

  it('lets the team lead through once a relation exists (break-glass): the refusals were about the relation', async () => {
    await breakGlass(t, outsiderLead, residentId);
    const approved = await t.app.inject({ method: 'POST', url: `/api/allocations/${allocationId}/changes/${pendingChangeId}/approve`, headers: { cookie: outsiderLead.cookie } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().pendingChange).toBeNull();
  });
});
