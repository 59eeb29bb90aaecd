import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createResident, createStaff, openCase, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { RESIDENT_COOKIE, startResidentSession } from './portal.session.js';

// What the portal keeps about a resident goes in the destruction of the retention list: the requests
// for documents with their case, the resident's upload with the case, the portal sessions with the resident.

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
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('destroying a case file with a request for documents and a resident upload', () => {
  it('removes the request, the upload and the portal sessions (nothing of the portal keeps the resident row)', async () => {
    const resident = await createResident(t, { areaCode: area });
    const c = await openCase(t, consultant, resident.id, { notifiedOn: '2004-01-05' });
    const request = await post(`/api/cases/${c.id}/document-requests`, { description: 'Uw loonstroken van 2003', dueOn: '2999-01-01' }, consultant.cookie);
    expect(request.statusCode).toBe(201);
    const session = await startResidentSession(t.database.db, t.config.sessionSecret, { tenantId: TENANT, residentId: resident.id });
    const boundary = `----koers${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nbewijsstuk\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="loon.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const sent = await t.app.inject({ method: 'POST', url: `/api/mijn/verzoeken/${request.json().id as string}/documenten`, payload, headers: { cookie: `${RESIDENT_COOKIE}=${session.cookieValue}`, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await post(`/api/cases/${c.id}/status`, { to: 'ingetrokken', on: '2004-02-02', reason: 'Aanvraag ingetrokken door inwoner' }, consultant.cookie)).statusCode).toBe(200);

    const archivist = await t.login('archivaris');
    const teamLead = await createStaff(t, { roles: ['team_lead'] });
    const list = (await post('/api/retention/lists', { month: '2004-03' }, archivist.cookie)).json() as { id: string; items: { objectId: string }[] };
    expect(list.items.map((i) => i.objectId)).toContain(c.id);
    expect((await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'archivaris' }, archivist.cookie)).statusCode).toBe(200);
    expect((await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'eigenaar' }, teamLead.cookie)).statusCode).toBe(200);
    const destroyed = await post(`/api/retention/lists/${list.id}/destroy`, {}, archivist.cookie);
    expect(destroyed.statusCode).toBe(200);
    expect(destroyed.json().failed).toEqual([]);

    const left = await withTenant(t.database.db, TENANT, async (tx) => ({
      requests: (await tx.selectFrom('document_requests').select('id').where('case_id', '=', c.id).execute()).length,
      uploads: (await tx.selectFrom('documents').select('id').where('case_id', '=', c.id).execute()).length,
      sessions: (await tx.selectFrom('resident_sessions').select('token_hash').where('resident_id', '=', resident.id).execute()).length,
    }));
    expect(left).toEqual({ requests: 0, uploads: 0, sessions: 0 });
  });
});
