import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { demoBsn } from '../../modules/residents/bsn.js';

let t: TestApp;
let residentId: string;
let kcc: string;
beforeAll(async () => {
  t = await createTestApp();
  kcc = (await t.login('kcc')).cookie;
  const hit = await t.app.inject({ method: 'POST', url: '/api/residents/search', headers: { cookie: kcc }, payload: { q: demoBsn(5) } });
  residentId = hit.json().items[0].id;
});
afterAll(async () => t.close());

const auditOf = (cookie: string | undefined, id = residentId) =>
  t.app.inject({ method: 'GET', url: `/api/audit?resident=${id}`, headers: cookie ? { cookie } : {} });

describe('GET /api/audit (Logboek Dataverwerkingen)', () => {
  it("shows a read of a resident's file to the auditor, with trace, actor, activity and legal basis", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/residents/${residentId}`,
      headers: { cookie: kcc, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(read.statusCode).toBe(200);
    expect(read.headers['x-request-id']).toBe(traceId);

    const { cookie } = await t.login('auditor');
    const response = await auditOf(cookie);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Record<string, unknown>[];
    const record = items.find((r) => r.traceId === traceId);
    expect(record).toMatchObject({
      name: 'inwoner.raadplegen',
      status: 'OK',
      parentSpanId: '00f067aa0ba902b7',
      processingActivity: { id: 'inwonerregistratie', legalBasis: expect.stringContaining('AVG art. 6') },
      dataSubject: { type: 'resident', id: residentId },
      actor: { username: 'kcc', roles: ['kcc'] },
      resource: { name: 'koers' },
    });
    expect(record?.spanId).toMatch(/^[0-9a-f]{16}$/);
    // The search that found the resident (by BSN) was logged as well, without the BSN itself.
    expect(items.some((r) => r.name === 'inwoner.zoeken')).toBe(true);
    expect(response.body).not.toContain(demoBsn(5));
  });

  it('logs the registration of a resident as a write', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: { cookie: kcc },
      payload: { bsn: '000000036', givenName: 'Nieuw', familyName: 'Ingeschreven', birthDate: '1990-01-01', gender: 'X', street: 'Markt', houseNumber: 1, postcode: '6211CK', city: 'Maastricht' },
    });
    expect(created.statusCode).toBe(201);
    const { cookie } = await t.login('auditor');
    const items = (await auditOf(cookie, created.json().id)).json().items as { name: string; actor: { username: string; displayName: string | null } }[];
    expect(items.map((r) => r.name)).toEqual(expect.arrayContaining(['inwoner.registreren', 'inwoner.raadplegen']));
    expect(items.find((r) => r.name === 'inwoner.registreren')?.actor).toEqual(expect.objectContaining({ username: 'kcc', displayName: 'Karin Coenen (KCC)' }));
  });

  it('logs a refused attempt to open a resident file, with status ERROR and the reason', async () => {
    const { cookie: beleid } = await t.login('beleid');
    const refused = await t.app.inject({ method: 'GET', url: `/api/residents/${residentId}`, headers: { cookie: beleid } });
    expect(refused.statusCode).toBe(403);
    const { cookie } = await t.login('auditor');
    const items = (await auditOf(cookie)).json().items as { status: string; actor: { username: string }; attributes: Record<string, string> }[];
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: 'ERROR', actor: expect.objectContaining({ username: 'beleid' }), attributes: { reden: 'geen bevoegdheid (residents:read)' } }),
      ]),
    );
  });

  it("logs the auditor's own inspection", async () => {
    const { cookie } = await t.login('auditor');
    await auditOf(cookie);
    const items = (await auditOf(cookie)).json().items as { name: string; actor: { username: string } }[];
    expect(items.some((r) => r.name === 'logboek.inzien' && r.actor.username === 'auditor')).toBe(true);
  });

  it('answers 403 to every other role and 401 without a session', async () => {
    for (const username of ['kcc', 'consulent', 'teamleider', 'beleid', 'financien', 'budgethouder', 'beheerder', 'controller', 'programmamanager']) {
      const { cookie } = await t.login(username);
      const response = await auditOf(cookie);
      expect(response.statusCode, username).toBe(403);
    }
    expect((await auditOf(undefined)).statusCode).toBe(401);
  });

  it('keeps municipalities apart: the auditor of Eijsden-Margraten sees nothing of Maastricht', async () => {
    const { cookie } = await t.login('auditor', 'GM1903');
    const items = (await auditOf(cookie)).json().items as { actor: { username: string } }[];
    expect(items.filter((r) => r.actor.username !== 'auditor')).toEqual([]);
  });

  it('asks for a valid resident id in Dutch', async () => {
    const { cookie } = await t.login('auditor');
    const response = await auditOf(cookie, 'abc');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ field: 'resident', message: 'Geef een geldig inwoner-id op.' }]);
  });
});
