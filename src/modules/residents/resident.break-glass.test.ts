import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { withTenant } from '../../db/tenancy.js';
import { requestBreakGlassAccess } from './resident.access.js';

// Renewing break-glass: a second grant for the same employee and resident while one is unexpired
// needs a new, different reason, notifies the team lead and shows as a renewal to the auditor.
let t: TestApp;
let consultant: string;
let teamLead: string;
let auditor: string;
let residents: string[];

interface Grant {
  id: string;
  residentId: string;
  username: string;
  reason: string;
  renewalOf: string | null;
  renewalCount: number;
}
interface Notification {
  kind: string;
  residentId: string | null;
  accessGrantId: string | null;
  message: string;
}

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const grant = (residentId: string, reason: string, cookie: string) =>
  t.app.inject({ method: 'POST', url: `/api/residents/${residentId}/access-grants`, headers: { cookie }, payload: { reason } });
const notificationsOf = async (cookie: string, residentId: string) =>
  ((await get('/api/notifications', cookie)).json().items as Notification[]).filter((n) => n.residentId === residentId);

beforeAll(async () => {
  t = await createTestApp();
  consultant = (await t.login('consulent')).cookie;
  teamLead = (await t.login('teamleider')).cookie;
  auditor = (await t.login('auditor')).cookie;
  // Residents outside the consultant's area team, without cases or contact persons: no relation.
  residents = await withTenant(t.database.db, 'GM0935', async (tx) =>
    (
      await sql<{ id: string }>`
        select r.id from residents r
        where r.area_code <> 'WK093500'
          and not exists (select 1 from cases c where c.resident_id = r.id)
          and not exists (select 1 from contact_person_assignments a where a.resident_id = r.id)
        order by r.bsn limit 4`.execute(tx)
    ).rows.map((r) => r.id),
  );
});
afterAll(async () => t.close());

describe('renewing break-glass access', () => {
  it('needs a new, different reason while a grant is unexpired, notifies the team lead and is listed as a renewal', async () => {
    const resident = residents[0]!;
    const first = await grant(resident, 'Vervanging van de contactpersoon tijdens verlof', consultant);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ renewalOf: null, renewalCount: 0 });
    expect(await notificationsOf(teamLead, resident)).toEqual([]);

    const same = await grant(resident, '  vervanging van de contactpersoon  tijdens verlof ', consultant);
    expect(same.statusCode).toBe(400);
    expect(same.json().error.fields).toEqual([{ field: 'reason', message: expect.stringContaining('nieuwe, andere reden') }]);

    const reason = 'Inwoner belt opnieuw: spoedvraag over vervoer morgen';
    const renewed = await grant(resident, reason, consultant);
    expect(renewed.statusCode).toBe(201);
    expect(renewed.json()).toMatchObject({ renewalOf: first.json().id, renewalCount: 1 });

    const notes = await notificationsOf(teamLead, resident);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'doorbraak.verlengd', accessGrantId: renewed.json().id });
    expect(notes[0]!.message).toContain(reason);
    expect(notes[0]!.message).toContain('verlengd');
    // The notification is the team lead's, not the employee's own.
    expect(await notificationsOf(consultant, resident)).toEqual([]);

    const listed = (await get('/api/access-grants', auditor)).json() as Grant[];
    expect(listed.find((g) => g.id === renewed.json().id)).toMatchObject({ residentId: resident, username: 'consulent', reason, renewalOf: first.json().id, renewalCount: 1 });
    expect(listed.find((g) => g.id === first.json().id)).toMatchObject({ renewalOf: null, renewalCount: 0 });
    const log = (await get(`/api/audit?resident=${resident}`, auditor)).json().items as { name: string; attributes: Record<string, unknown> }[];
    expect(log.some((r) => r.name === 'doorbraak.toegang' && r.attributes.verlengingVan === first.json().id)).toBe(true);

    // The third needs a reason different from both earlier ones.
    expect((await grant(resident, 'Vervanging van de contactpersoon tijdens verlof', consultant)).statusCode).toBe(400);
  });

  it('is no renewal once the earlier grant has expired', async () => {
    const resident = residents[1]!;
    const consultantId = await withTenant(t.database.db, 'GM0935', async (tx) => {
      const id = (await tx.selectFrom('users').select('id').where('username', '=', 'consulent').executeTakeFirstOrThrow()).id;
      await requestBreakGlassAccess(
        tx,
        { traceId: '0af7651916cd43dd8448eb211c80319c', parentSpanId: null, actor: { userId: id, username: 'consulent', roles: ['consultant'] }, tenantId: 'GM0935' },
        { residentId: resident, reason: 'Spoedmelding buiten kantoortijd', now: new Date(Date.now() - 24 * 3600_000) },
      );
      return id;
    });
    expect(consultantId).toBeTruthy();
    const again = await grant(resident, 'Spoedmelding buiten kantoortijd', consultant);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ renewalOf: null, renewalCount: 0 });
    expect(await notificationsOf(teamLead, resident)).toEqual([]);
  });

  it('notifies a team lead also when the employee’s own team has none (the KCC)', async () => {
    const resident = residents[2]!;
    const kcc = (await t.login('kcc')).cookie;
    expect((await grant(resident, 'Spoed: inwoner belt over vervallen zorg', kcc)).statusCode).toBe(201);
    expect((await grant(resident, 'Tweede spoedvraag: de aanbieder komt niet', kcc)).statusCode).toBe(201);
    const notes = await notificationsOf(teamLead, resident);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toContain('Tweede spoedvraag');
  });

  it('lists notifications only for staff with access to resident files', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    expect((await get('/api/notifications', (await t.login('beleid')).cookie)).statusCode).toBe(403);
  });
});
