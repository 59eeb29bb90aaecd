import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { withTenant } from '../../db/tenancy.js';
import { requestBreakGlassAccess, residentRelation } from './resident.access.js';

// Demo teams: the consultant works in the social team of Centrum (WK093500) only; the team lead in
// every area team; the KCC employee in the KCC team. Residents elsewhere are outside the
// consultant's relations until a case, a contact-person assignment or a break-glass grant exists.
let t: TestApp;
let consultant: string;
let consultantId: string;
let inOwnArea: string;
let elsewhere: string;
let elsewhereCaseId: string;

const pick = (area: 'own' | 'other') =>
  withTenant(t.database.db, 'GM0935', async (tx) => {
    const rows = await sql<{ id: string }>`
      select r.id from residents r
      where ${area === 'own' ? sql`r.area_code = 'WK093500'` : sql`r.area_code <> 'WK093500'`}
        and not exists (select 1 from cases c where c.resident_id = r.id)
        and not exists (select 1 from contact_person_assignments a where a.resident_id = r.id)
      order by r.bsn limit 2`.execute(tx);
    return rows.rows.map((r) => r.id);
  });

beforeAll(async () => {
  t = await createTestApp();
  consultant = (await t.login('consulent')).cookie;
  consultantId = await withTenant(t.database.db, 'GM0935', async (tx) =>
    (await tx.selectFrom('users').select('id').where('username', '=', 'consulent').executeTakeFirstOrThrow()).id,
  );
  inOwnArea = (await pick('own'))[0]!;
  const [a, b] = await pick('other');
  elsewhere = a!;
  // A case of another resident elsewhere, handled by the team lead: the consultant may not open it.
  const teamLead = (await t.login('teamleider')).cookie;
  const started = await t.app.inject({ method: 'POST', url: `/api/residents/${b}/cases`, headers: { cookie: teamLead }, payload: { caseTypeCode: 'WMO-MAATWERK' } });
  expect(started.statusCode, started.body).toBe(201);
  elsewhereCaseId = started.json().id;
});
afterAll(async () => t.close());

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('access to a resident file needs a relation (DESIGN §5)', () => {
  it('opens a file in the own area team, saying why', async () => {
    const response = await get(`/api/residents/${inOwnArea}`, consultant);
    expect(response.statusCode).toBe(200);
    expect(response.json().access).toEqual({ relation: 'area_team', label: 'lid van het sociaal team van het gebied', care: true });
  });

  it('refuses a file elsewhere with NO_RELATION, in Dutch, and logs the refusal', async () => {
    const response = await get(`/api/residents/${elsewhere}`, consultant);
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({ code: 'NO_RELATION', message: expect.stringContaining('geen relatie met deze inwoner') });
    for (const url of [`/api/residents/${elsewhere}/cases`, `/api/residents/${elsewhere}/conversations`, `/api/residents/${elsewhere}/allocations`, `/api/residents/${elsewhere}/contacts`]) {
      expect((await get(url, consultant)).statusCode, url).toBe(403);
    }
    const auditor = (await t.login('auditor')).cookie;
    const log = (await get(`/api/audit?resident=${elsewhere}`, auditor)).json().items as { name: string; status: string; attributes?: Record<string, unknown> }[];
    expect(log.some((r) => r.name === 'inwoner.raadplegen' && r.status === 'ERROR')).toBe(true);
  });

  it('refuses routes keyed by case id for a case of an unrelated resident', async () => {
    expect((await get(`/api/cases/${elsewhereCaseId}`, consultant)).json().error.code).toBe('NO_RELATION');
    expect((await get(`/api/cases/${elsewhereCaseId}/decisions`, consultant)).statusCode).toBe(403);
    const suspend = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${elsewhereCaseId}/suspensions`,
      headers: { cookie: consultant },
      payload: { from: '2026-01-01', reason: 'x' },
    });
    expect(suspend.statusCode).toBe(403);
    // The team lead handles it, so may.
    expect((await get(`/api/cases/${elsewhereCaseId}`, (await t.login('teamleider')).cookie)).statusCode).toBe(200);
  });

  it('still answers 404 for a resident that does not exist', async () => {
    expect((await get('/api/residents/00000000-0000-4000-8000-000000000000', consultant)).statusCode).toBe(404);
  });

  it('gives the KCC first-line access to every file, but no health data', async () => {
    const kcc = (await t.login('kcc')).cookie;
    const file = await get(`/api/residents/${elsewhere}`, kcc);
    expect(file.json().access.relation).toBe('first_line');
    expect((await get(`/api/residents/${elsewhere}/conversations`, kcc)).json().error.code).toBe('FORBIDDEN');
  });
});

describe('break-glass access (doorbraak)', () => {
  it('refuses a reason that is too short, with a Dutch message at the field', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/api/residents/${elsewhere}/access-grants`, headers: { cookie: consultant }, payload: { reason: 'even' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ field: 'reason', message: 'Geef een reden van minstens 10 tekens: de privacyfunctionaris leest hem terug.' }]);
  });

  it('opens the file for 8 hours after a stated reason, logged with the reason and listed for the auditor', async () => {
    const reason = 'Vervanging van de vaste contactpersoon tijdens verlof';
    const granted = await t.app.inject({ method: 'POST', url: `/api/residents/${elsewhere}/access-grants`, headers: { cookie: consultant }, payload: { reason } });
    expect(granted.statusCode).toBe(201);
    const grant = granted.json();
    expect(new Date(grant.expiresAt).getTime() - new Date(grant.grantedAt).getTime()).toBe(8 * 3600_000);

    const file = await get(`/api/residents/${elsewhere}`, consultant);
    expect(file.statusCode).toBe(200);
    expect(file.json().access.relation).toBe('break_glass');

    const auditor = (await t.login('auditor')).cookie;
    const grants = (await get('/api/access-grants', auditor)).json() as { residentId: string; username: string; reason: string }[];
    expect(grants).toContainEqual(expect.objectContaining({ residentId: elsewhere, username: 'consulent', reason }));
    const log = (await get(`/api/audit?resident=${elsewhere}`, auditor)).json().items as { name: string; attributes: Record<string, unknown> }[];
    expect(log.find((r) => r.name === 'doorbraak.toegang')?.attributes).toMatchObject({ reden: reason });
  });

  it('expires: a grant from yesterday gives no access', async () => {
    const [, other] = await pick('other');
    const yesterday = new Date(Date.now() - 24 * 3600_000);
    const relation = await withTenant(t.database.db, 'GM0935', async (tx) => {
      await requestBreakGlassAccess(
        tx,
        { traceId: '0af7651916cd43dd8448eb211c80319c', parentSpanId: null, actor: { userId: consultantId, username: 'consulent', roles: ['consultant'] }, tenantId: 'GM0935' },
        { residentId: other!, reason: 'Spoedmelding buiten kantoortijd', now: yesterday },
      );
      return residentRelation(tx, consultantId, other!);
    });
    expect(relation).toBeNull();
  });

  it('is for staff with access to resident files only', async () => {
    const policy = (await t.login('beleid')).cookie;
    const response = await t.app.inject({ method: 'POST', url: `/api/residents/${elsewhere}/access-grants`, headers: { cookie: policy }, payload: { reason: 'Ik wil het gewoon weten' } });
    expect(response.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/residents/${elsewhere}/access-grants`, payload: { reason: 'Zonder sessie geprobeerd' } })).statusCode).toBe(401);
    expect((await get('/api/access-grants', consultant)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/access-grants' })).statusCode).toBe(401);
  });
});
