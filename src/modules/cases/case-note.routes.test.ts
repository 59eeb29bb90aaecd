import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident, createStaff, openCase, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';

let t: TestApp;
let consultant: Staff;
let residentId: string;
let caseId: string;

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const notes = (id: string, cookie: string) => t.app.inject({ method: 'GET', url: `/api/cases/${id}/notes`, headers: { cookie } });
const addNote = (id: string, cookie: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/cases/${id}/notes`, headers: { cookie }, payload });

beforeAll(async () => {
  t = await createTestApp();
  const area = await areaCodeOf(t, 'consulent');
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
  residentId = (await createResident(t, { areaCode: area })).id;
  caseId = (await openCase(t, consultant, residentId)).id;
});
afterAll(async () => t.close());

describe('notes per case (zaaknotities)', () => {
  it('adds notes with the author and lists them newest first', async () => {
    const first = await addNote(caseId, consultant.cookie, { body: '  Huisbezoek gepland op dinsdag.  ' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ caseId, body: 'Huisbezoek gepland op dinsdag.', author: { id: consultant.id, name: `Test ${consultant.username}` } });
    expect(new Date(first.json().createdAt).getTime()).not.toBeNaN();
    expect((await addNote(caseId, consultant.cookie, { body: 'Dochter belt terug over de mantelzorg.' })).statusCode).toBe(201);
    const list = await notes(caseId, consultant.cookie);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((n: { body: string }) => n.body)).toEqual(['Dochter belt terug over de mantelzorg.', 'Huisbezoek gepland op dinsdag.']);
  });

  it('answers 400 in Dutch for an empty or too long note', async () => {
    const empty = await addNote(caseId, consultant.cookie, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toEqual([{ field: 'body', message: 'Schrijf een notitie.' }]);
    const long = await addNote(caseId, consultant.cookie, { body: 'x'.repeat(4001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields).toEqual([{ field: 'body', message: 'De notitie is te lang: hoogstens 4000 tekens.' }]);
    expect((await addNote(caseId, consultant.cookie, { body: 'y'.repeat(4000) })).statusCode).toBe(201);
  });

  it('refuses the KCC first line (care scope) and roles without the permission with 403', async () => {
    const kcc = (await t.login('kcc')).cookie;
    for (const response of [await notes(caseId, kcc), await addNote(caseId, kcc, { body: 'Mag niet.' })]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    const policy = (await t.login('beleid')).cookie;
    expect((await notes(caseId, policy)).statusCode).toBe(403);
    expect((await addNote(caseId, policy, { body: 'Mag niet.' })).statusCode).toBe(403);
  });

  it('answers 401 without a session, 404 for an unknown case and for a case of another municipality', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/notes` })).statusCode).toBe(401);
    expect((await notes(UNKNOWN, consultant.cookie)).statusCode).toBe(404);
    const other = (await t.login('consulent', 'GM1903')).cookie;
    expect((await notes(caseId, other)).statusCode).toBe(404);
    expect((await addNote(caseId, other, { body: 'Andere gemeente.' })).statusCode).toBe(404);
  });

  it('logs every read and write of the notes in the processing log, without the text', async () => {
    const rows = await withTenant(t.database.db, 'GM0935', (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['name', 'processing_activity_id', 'actor_username', 'attributes'])
        .where('data_subject_id', '=', residentId)
        .where('name', 'in', ['zaaknotitie.vastleggen', 'zaaknotities.raadplegen'])
        .where('status_code', '=', 'OK')
        .execute(),
    );
    const names = rows.map((r) => r.name);
    expect(names.filter((n) => n === 'zaaknotitie.vastleggen').length).toBeGreaterThanOrEqual(3);
    expect(names).toContain('zaaknotities.raadplegen');
    expect(rows.every((r) => r.processing_activity_id === 'zaakbehandeling-sociaal-domein')).toBe(true);
    expect(JSON.stringify(rows.map((r) => r.attributes))).not.toMatch(/Huisbezoek|mantelzorg/);
  });
});
