// A conversation (onderzoeksverslag) belongs to a case of the same resident: the link is checked
// on the way in and the case lists its conversations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident, createStaff, openCase, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';

let t: TestApp;
let consultant: Staff;
let residentId: string;
let caseId: string;
let otherCaseId: string;

const score = (value: number) => ({ score: value, wantsToTalk: false });
const conversation = (caseId: string | null) => ({
  heldOn: '2026-03-10',
  ...(caseId ? { caseId } : {}),
  scores: { bodilyFunctions: score(6), mentalWellbeing: score(4), meaningfulness: score(7), qualityOfLife: score(5), participation: score(3), dailyFunctioning: score(6) },
  ladder: { step: 'network', rationale: 'Dochter kan twee keer per week boodschappen doen.' },
  agreements: ['Consulent belt over zes weken terug.'],
});
const post = (cookie: string, resident: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/residents/${resident}/conversations`, headers: { cookie }, payload });
const ofCase = (cookie: string, id: string) => t.app.inject({ method: 'GET', url: `/api/cases/${id}/conversations`, headers: { cookie } });

beforeAll(async () => {
  t = await createTestApp();
  const area = await areaCodeOf(t, 'consulent');
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
  residentId = (await createResident(t, { areaCode: area })).id;
  caseId = (await openCase(t, consultant, residentId)).id;
  otherCaseId = (await openCase(t, consultant, (await createResident(t, { areaCode: area })).id)).id;
});
afterAll(async () => t.close());

describe('conversation linked to its case', () => {
  it('stores the case of a conversation and lists the conversations of a case', async () => {
    const linked = await post(consultant.cookie, residentId, conversation(caseId));
    expect(linked.statusCode).toBe(201);
    expect(linked.json().caseId).toBe(caseId);
    const loose = await post(consultant.cookie, residentId, conversation(null));
    expect(loose.json().caseId).toBeNull();
    const list = await ofCase(consultant.cookie, caseId);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([linked.json().id]);
    expect((await ofCase(consultant.cookie, otherCaseId)).json().items).toEqual([]);
  });

  it("answers 400 in Dutch for a case of another resident or another municipality", async () => {
    const wrong = await post(consultant.cookie, residentId, conversation(otherCaseId));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual([{ field: 'caseId', message: 'Deze zaak bestaat niet bij deze inwoner.' }]);
    const em = await createStaff(t, { roles: ['consultant'], tenant: 'GM1903', areaCode: await areaCodeOf(t, 'consulent', 'GM1903') });
    const foreignResident = (await createResident(t, { tenant: 'GM1903', areaCode: await areaCodeOf(t, 'consulent', 'GM1903') })).id;
    const foreignCase = (await openCase(t, em, foreignResident)).id;
    const foreign = await post(consultant.cookie, residentId, conversation(foreignCase));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toEqual([{ field: 'caseId', message: 'Deze zaak bestaat niet bij deze inwoner.' }]);
    expect((await ofCase(consultant.cookie, foreignCase)).statusCode).toBe(404);
    const malformed = await post(consultant.cookie, residentId, { ...conversation(null), caseId: 'zaak-1' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fields).toEqual([{ field: 'caseId', message: 'Het zaak-id is ongeldig.' }]);
  });

  it("refuses the case's conversations to the KCC first line and to roles without the permission (403)", async () => {
    for (const username of ['kcc', 'beleid']) {
      const response = await ofCase((await t.login(username)).cookie, caseId);
      expect(response.statusCode, username).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/conversations` })).statusCode).toBe(401);
  });

  it("logs the read of a case's conversations for the resident", async () => {
    const rows = await withTenant(t.database.db, 'GM0935', (tx) =>
      tx.selectFrom('audit_log').select(['name', 'attributes']).where('data_subject_id', '=', residentId).where('name', '=', 'gesprekken.raadplegen').where('status_code', '=', 'OK').execute(),
    );
    expect(rows.map((r) => r.attributes)).toContainEqual(expect.objectContaining({ zaakId: caseId, gesprekken: 1 }));
  });
});
