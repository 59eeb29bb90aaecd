import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { withTenant } from '../../db/tenancy.js';
import { areaCodeOf, createResident } from '../../../test/support/factories.js';
import { defaultCallbackDue } from './access.service.js';

let t: TestApp;
let kcc: string;
let consulent: string;
let teamleider: string;
let residentId: string;

beforeAll(async () => {
  t = await createTestApp();
  kcc = (await t.login('kcc')).cookie;
  consulent = (await t.login('consulent')).cookie;
  teamleider = (await t.login('teamleider')).cookie;
  residentId = (await createResident(t, { areaCode: await areaCodeOf(t, 'consulent') })).id;
});
afterAll(async () => t.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

describe('KCC contacts', () => {
  it('records a question answered at the first line, with no callback', async () => {
    const response = await call('POST', `/api/residents/${residentId}/contacts`, kcc, { channel: 'telefoon', subject: 'Vraag over mantelzorgondersteuning', outcome: 'answered' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ channel: 'telefoon', outcome: 'answered', registeredBy: 'Karin Coenen (KCC)', callback: null, routedTo: null });
  });

  it('routes to the area team of the resident with a callback task the team sees', async () => {
    const response = await call('POST', `/api/residents/${residentId}/contacts`, kcc, { channel: 'balie', subject: 'Hulp bij het huishouden aanvragen', outcome: 'routed', routeTo: 'area_team' });
    expect(response.statusCode).toBe(201);
    const contact = response.json();
    expect(contact.routedTo).toMatch(/^Sociaal team /);
    expect(new Date(contact.callback.dueAt).getTime()).toBeGreaterThan(Date.now());
    // The team lead leads every area team, so the callback is on their list.
    const mine = (await call('GET', '/api/callbacks/mine', teamleider)).json() as { id: string; residentId: string }[];
    expect(mine.map((c) => c.id)).toContain(contact.callback.id);
    const done = await call('POST', `/api/callbacks/${contact.callback.id}/done`, teamleider, { note: 'Teruggebeld, afspraak gemaakt' });
    expect(done.statusCode).toBe(204);
    expect(((await call('GET', '/api/callbacks/mine', teamleider)).json() as { id: string }[]).map((c) => c.id)).not.toContain(contact.callback.id);
    expect((await call('POST', `/api/callbacks/${contact.callback.id}/done`, teamleider, {})).statusCode).toBe(409);
  });

  it('asks where to route, and refuses routing to a contact person that does not exist yet', async () => {
    const noTarget = await call('POST', `/api/residents/${residentId}/contacts`, kcc, { channel: 'web', subject: 'Vraag', outcome: 'routed' });
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().error.fields).toEqual([{ field: 'routeTo', message: 'Kies waarheen het contact wordt doorgezet.' }]);
    const other = (await createResident(t, { areaCode: await areaCodeOf(t, 'consulent') })).id;
    const none = await call('POST', `/api/residents/${other}/contacts`, kcc, { channel: 'web', subject: 'Vraag over vervoer', outcome: 'routed', routeTo: 'contact_person' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields[0].message).toBe('Deze inwoner heeft nog geen contactpersoon; zet door naar het gebiedsteam.');
    const bad = await call('POST', `/api/residents/${residentId}/contacts`, kcc, { channel: 'fax', subject: 'x', outcome: 'answered' });
    expect(bad.json().error.fields).toEqual(
      expect.arrayContaining([
        { field: 'channel', message: 'Kies telefoon, balie, e-mail of web.' },
        { field: 'subject', message: 'Vul het onderwerp in (minstens 3 tekens).' },
      ]),
    );
  });

  it('defaults the callback to the next working day at 17:00 Amsterdam time', () => {
    // Friday 3 April 2026 is Goede Vrijdag and Monday 6 April Tweede Paasdag.
    expect(defaultCallbackDue(new Date('2026-04-02T10:00:00Z')).toISOString()).toBe('2026-04-07T15:00:00.000Z');
    expect(defaultCallbackDue(new Date('2026-01-15T10:00:00Z')).toISOString()).toBe('2026-01-16T16:00:00.000Z');
  });
});

describe('contact person', () => {
  it('assigns and changes the one contact person with who, when and why', async () => {
    const consultants = (await call('GET', '/api/consultants', kcc)).json() as { id: string; username: string }[];
    const bram = consultants.find((c) => c.username === 'consulent')!;
    const ingrid = consultants.find((c) => c.username === 'teamleider')!;
    const first = await call('PUT', `/api/residents/${residentId}/contact-person`, consulent, { consultantId: bram.id, reason: 'Eerste melding Wmo' });
    expect(first.statusCode).toBe(200);
    expect(first.json().current).toMatchObject({ username: 'consulent', reason: 'Eerste melding Wmo' });
    const same = await call('PUT', `/api/residents/${residentId}/contact-person`, consulent, { consultantId: bram.id, reason: 'nogmaals' });
    expect(same.statusCode).toBe(409);
    const changed = (await call('PUT', `/api/residents/${residentId}/contact-person`, teamleider, { consultantId: ingrid.id, reason: 'Verhuisd naar ander gebied' })).json();
    expect(changed.current).toMatchObject({ username: 'teamleider' });
    expect(changed.history).toHaveLength(2);
    expect(changed.history[0]).toMatchObject({ consultant: 'Ingrid Smeets (teamleider)', assignedBy: 'Ingrid Smeets (teamleider)', endedAt: null, reason: 'Verhuisd naar ander gebied' });
    expect(changed.history[1].endedAt).not.toBeNull();
    // Now routing to the contact person works and lands on the new one.
    const routed = (await call('POST', `/api/residents/${residentId}/contacts`, kcc, { channel: 'telefoon', subject: 'Vraag over de aanvraag', outcome: 'routed', routeTo: 'contact_person' })).json();
    expect(routed.routedTo).toBe('Ingrid Smeets (teamleider)');
  });

  it('only lets consultants and team leads assign, and only to a consultant or team lead', async () => {
    const consultants = (await call('GET', '/api/consultants', kcc)).json() as { id: string }[];
    expect((await call('PUT', `/api/residents/${residentId}/contact-person`, kcc, { consultantId: consultants[0]!.id, reason: 'test' })).statusCode).toBe(403);
    // Within the tenant: a non-superuser owner sees no rows outside it (row-level security is forced).
    const users = await withTenant(t.database.db, 'GM0935', (tx) => tx.selectFrom('users').select(['id', 'username', 'tenant_id']).where('username', '=', 'kcc').execute());
    const notConsultant = await call('PUT', `/api/residents/${residentId}/contact-person`, teamleider, { consultantId: users[0]!.id, reason: 'test' });
    expect(notConsultant.statusCode).toBe(400);
    expect(notConsultant.json().error.fields).toEqual([{ field: 'consultantId', message: 'Alleen een consulent of teamleider kan contactpersoon zijn.' }]);
  });

  it('answers 401 without a session and 403 for roles without access on every endpoint', async () => {
    const { cookie: beleid } = await t.login('beleid');
    const urls: ['GET' | 'POST' | 'PUT', string, object?][] = [
      ['GET', '/api/teams'],
      ['GET', '/api/consultants'],
      ['GET', `/api/residents/${residentId}/contact-person`],
      ['PUT', `/api/residents/${residentId}/contact-person`, { consultantId: residentId, reason: 'x' }],
      ['GET', `/api/residents/${residentId}/contacts`],
      ['POST', `/api/residents/${residentId}/contacts`, { channel: 'web', subject: 'abc', outcome: 'answered' }],
      ['GET', '/api/callbacks/mine'],
      ['POST', `/api/callbacks/${residentId}/done`, {}],
    ];
    for (const [method, url, payload] of urls) {
      expect((await t.app.inject({ method, url, ...(payload ? { payload } : {}) })).statusCode, url).toBe(401);
      expect((await call(method, url, beleid, payload)).statusCode, url).toBe(403);
    }
  });
});
