// Recording a conversation (health data) needs a relation with the resident: an employee without
// one gets 403 NO_RELATION and nothing is stored. 401 and 403 for every role without the
// permission: test/mutation-guards.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { breakGlass, createResident, createStaff, type Staff } from '../../../test/support/factories.js';

let t: TestApp;
let handler: Staff;
let outsider: Staff;
let residentId: string;

const score = (value: number) => ({ score: value, wantsToTalk: false });
const conversation = {
  heldOn: '2026-03-10',
  scores: { bodilyFunctions: score(6), mentalWellbeing: score(4), meaningfulness: score(7), qualityOfLife: score(5), participation: score(3), dailyFunctioning: score(6) },
  ladder: { step: 'network', rationale: 'Dochter kan twee keer per week boodschappen doen.' },
  agreements: ['Consulent belt over zes weken terug.'],
};

beforeAll(async () => {
  t = await createTestApp();
  handler = await createStaff(t, { roles: ['consultant'] });
  outsider = await createStaff(t, { roles: ['team_lead'] });
  residentId = (await createResident(t)).id;
  await breakGlass(t, handler, residentId);
});
afterAll(async () => t.close());

const record = (staff: Staff) => t.app.inject({ method: 'POST', url: `/api/residents/${residentId}/conversations`, headers: { cookie: staff.cookie }, payload: conversation });
const stored = async () => (await t.app.inject({ method: 'GET', url: `/api/residents/${residentId}/conversations`, headers: { cookie: handler.cookie } })).json().items.length as number;

describe('POST /api/residents/:residentId/conversations', () => {
  it('refuses a team lead without a relation with the resident: 403 NO_RELATION, nothing stored', async () => {
    const response = await record(outsider);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('NO_RELATION');
    expect(await stored()).toBe(0);
  });

  it('stores it once the team lead has a relation (break-glass)', async () => {
    await breakGlass(t, outsider, residentId);
    expect((await record(outsider)).statusCode).toBe(201);
    expect(await stored()).toBe(1);
  });
});
