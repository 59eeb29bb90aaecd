// Assigning a contact person and registering a customer contact need a relation with the resident:
// an employee without one gets 403 NO_RELATION (logged) and nothing changes. 401 and 403 for every
// role without the permission: test/mutation-guards.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { breakGlass, createResident, createStaff, type Staff } from '../../../test/support/factories.js';

let t: TestApp;
let handler: Staff;
let outsider: Staff;
let outsiderKcc: Staff;
let residentId: string;

beforeAll(async () => {
  t = await createTestApp();
  handler = await createStaff(t, { roles: ['consultant'] });
  outsider = await createStaff(t, { roles: ['consultant'] });
  // The KCC role without the KCC team: no first-line relation.
  outsiderKcc = await createStaff(t, { roles: ['kcc'] });
  residentId = (await createResident(t)).id;
  await breakGlass(t, handler, residentId);
});
afterAll(async () => t.close());

const contactPerson = (staff: Staff) => ({ method: 'PUT' as const, url: `/api/residents/${residentId}/contact-person`, payload: { consultantId: staff.id, reason: 'Eerste toewijzing' } });
const contact = () => ({ method: 'POST' as const, url: `/api/residents/${residentId}/contacts`, payload: { channel: 'phone', subject: 'Vraag over huishoudelijke hulp', outcome: 'answered' } });

async function state() {
  const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: { cookie: handler.cookie } })).json();
  const cp = await get(`/api/residents/${residentId}/contact-person`);
  return { contactPerson: cp.current?.consultantId ?? null, history: (cp.history as unknown[]).length, contacts: ((await get(`/api/residents/${residentId}/contacts`)) as unknown[]).length };
}

describe('contact person and customer contacts need a relation with the resident', () => {
  it.each([
    ['PUT /api/residents/:residentId/contact-person by a consultant', () => ({ ...contactPerson(outsider), as: outsider })],
    ['POST /api/residents/:residentId/contacts by a consultant', () => ({ ...contact(), as: outsider })],
    ['POST /api/residents/:residentId/contacts by a KCC employee outside the KCC team', () => ({ ...contact(), as: outsiderKcc })],
  ] as const)('%s without a relation: 403 NO_RELATION, nothing changed', async (_name, make) => {
    const m = make();
    const before = await state();
    const response = await t.app.inject({ method: m.method, url: m.url, headers: { cookie: m.as.cookie }, payload: m.payload });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('NO_RELATION');
    expect(await state()).toEqual(before);
  });

  it('lets the consultant through once a relation exists (break-glass)', async () => {
    await breakGlass(t, outsider, residentId);
    const m = contactPerson(outsider);
    const response = await t.app.inject({ method: m.method, url: m.url, headers: { cookie: outsider.cookie }, payload: m.payload });
    expect(response.statusCode).toBe(200);
    expect(response.json().current.consultantId).toBe(outsider.id);
  });
});
