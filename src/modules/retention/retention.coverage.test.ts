import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createResident, createStaff, openCase, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';

// The gaps of issue #13 §5 closed after the first retention module: the retention date set in the
// transaction that closes a case, the Participatiewet records and standalone conversations as items,
// and destruction reaching signals, KCC contacts and access grants.

let t: TestApp;
let consultant: Staff;
let area: string;

beforeAll(async () => {
  t = await createTestApp();
  area = await anAreaCode(t);
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
});
afterAll(async () => t.close());

const post = (url: string, payload: object, cookie: string) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
const itemOf = (objectType: string, objectId: string) =>
  withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('retention_items').selectAll().where('object_type', '=', objectType as 'zaak').where('object_id', '=', objectId).executeTakeFirst());

describe('closing a case', () => {
  it('sets its retention rule and destruction date in the same transaction', async () => {
    const resident = await createResident(t, { areaCode: area });
    const c = await openCase(t, consultant, resident.id, { notifiedOn: '2020-01-06' });
    expect(await itemOf('zaak', c.id)).toBeUndefined();
    const closed = await post(`/api/cases/${c.id}/status`, { to: 'ingetrokken', on: '2020-02-03', reason: 'Aanvraag ingetrokken door inwoner' }, consultant.cookie);
    expect(closed.statusCode).toBe(200);
    const item = await itemOf('zaak', c.id);
    // Withdrawn: afgebroken (8.4.1), procestermijn nihil, 6 weeks after the close.
    expect(item).toMatchObject({ rule_code: 'wmo-afgebroken', clock_start: '2020-02-03', destroy_after: '2020-03-16', resident_id: resident.id, destroyed_at: null });
  });

  it('a refused close leaves no retention item behind', async () => {
    const resident = await createResident(t, { areaCode: area });
    const c = await openCase(t, consultant, resident.id, { notifiedOn: '2020-01-06' });
    // A date before the notification is refused: nothing of the close, also no retention item.
    const refused = await post(`/api/cases/${c.id}/status`, { to: 'afgesloten', on: '2019-12-01' }, consultant.cookie);
    expect(refused.statusCode).toBe(400);
    expect(await itemOf('zaak', c.id)).toBeUndefined();
    const closed = await post(`/api/cases/${c.id}/status`, { to: 'afgesloten', on: '2020-01-20' }, consultant.cookie);
    expect(closed.statusCode).toBe(200);
    expect(await itemOf('zaak', c.id)).toMatchObject({ rule_code: 'wmo-afgebroken', clock_start: '2020-01-20' });
  });
});
