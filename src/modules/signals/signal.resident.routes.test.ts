// The open signals about one resident, for the summary at the top of the dossier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident, createStaff, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { signalRules } from './rules/index.js';
import { TENANT } from './signal.test-support.js';

let t: TestApp;
let consultant: Staff;
let residentId: string;

const list = (cookie: string, id: string) => t.app.inject({ method: 'GET', url: `/api/residents/${id}/signals`, headers: { cookie } });

beforeAll(async () => {
  t = await createTestApp();
  const area = await areaCodeOf(t, 'consulent');
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
  residentId = (await createResident(t, { areaCode: area, givenName: 'Signe' })).id;
  const rule = signalRules[0]!.id;
  await withTenant(t.database.db, TENANT, async (tx) => {
    const base = { tenant_id: TENANT, rule_id: rule, subject_type: 'resident' as const, subject_id: residentId, resident_id: residentId, area_code: area, facts: '{}', due_on: '2026-01-05' };
    await tx.insertInto('signals').values({ ...base, fingerprint: 'open-1' }).execute();
    await tx.insertInto('signals').values({ ...base, fingerprint: 'closed-1', status: 'afgehandeld', closed_at: new Date(), due_on: '2026-01-01' }).execute();
  });
});
afterAll(async () => t.close());

describe('GET /api/residents/:residentId/signals', () => {
  it('lists only the open signals of the resident, with the rule and whether they are overdue', async () => {
    const response = await list(consultant.cookie, residentId);
    expect(response.statusCode).toBe(200);
    const items = response.json() as { rule: { id: string; title: string }; status: string; overdue: boolean; resident: { name: string } }[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'nieuw', overdue: true, resident: { name: expect.stringContaining('Signe') } });
  });

  it('refuses the KCC first line and roles without the permission (403), 400 for a malformed id, 404 for an unknown resident', async () => {
    for (const username of ['kcc', 'beleid']) expect((await list((await t.login(username)).cookie, residentId)).statusCode, username).toBe(403);
    const bad = await list(consultant.cookie, 'abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ field: 'residentId', message: 'Inwoner is geen geldig id' }]);
    expect((await list(consultant.cookie, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('logs the read for the resident', async () => {
    const rows = await withTenant(t.database.db, TENANT, (tx) =>
      tx.selectFrom('audit_log').select(['processing_activity_id']).where('data_subject_id', '=', residentId).where('name', '=', 'signalen.inwoner.raadplegen').where('status_code', '=', 'OK').execute(),
    );
    expect(rows).toEqual([{ processing_activity_id: 'signalering-sociaal-domein' }]);
  });
});
