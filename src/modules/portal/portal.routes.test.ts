import { createHash, randomBytes, randomInt } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident, createStaff, openCase, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { isValidBsn } from '../../platform/elfproef.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { EXPIRED_MESSAGE, NOT_SIGNED_IN_MESSAGE } from './portal.routes.js';
import { RESIDENT_COOKIE, startResidentSession } from './portal.session.js';

let t: TestApp;
let base: string;
let consultant: Staff;
let areaCode: string;

beforeAll(async () => {
  t = await createTestApp({ config: { documentMaxBytes: 64 * 1024 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
  areaCode = await areaCodeOf(t, 'consulent');
  consultant = await createStaff(t, { roles: ['consultant'], areaCode });
});
afterAll(async () => t.close());

/** A valid BSN from the fictitious 999 range (elfproef), as the demo residents have. */
function demoBsn(): string {
  for (;;) {
    const digits = [9, 9, 9, ...Array.from({ length: 5 }, () => randomInt(0, 10))];
    const last = digits.reduce((s, d, i) => s + d * (9 - i), 0) % 11;
    if (last > 9) continue;
    const bsn = `${digits.join('')}${last}`;
    if (isValidBsn(bsn)) return bsn;
  }
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A resident (999 BSN) with an open case; a decision letter stored with it (as the letters module stores one). */
async function residentWithCase() {
  const bsn = demoBsn();
  const resident = await createResident(t, { areaCode, bsn });
  const c = await openCase(t, consultant, resident.id, { notifiedOn: todayInAmsterdam() });
  const letter = await withTenant(t.database.db, TENANT, (tx) =>
    tx
      .insertInto('case_documents')
      .values({ tenant_id: TENANT, case_id: c.id, resident_id: resident.id, decision_id: null, kind: 'decision_letter', title: 'Besluit Wmo', media_type: 'application/pdf', bytes: PDF, sha256: createHash('sha256').update(PDF).digest('hex'), created_by: consultant.id })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  const request = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/document-requests`, headers: { cookie: consultant.cookie }, payload: { description: 'Een kopie van uw indicatie van de huisarts', dueOn: '2999-01-12' } });
  expect(request.statusCode, request.body).toBe(201);
  return { residentId: resident.id, bsn, caseId: c.id, letterId: letter.id, requestId: request.json().id as string };
}

async function sessionCookie(residentId: string, now?: Date): Promise<string> {
  const session = await startResidentSession(t.database.db, t.config.sessionSecret, { tenantId: TENANT, residentId }, now);
  return `${RESIDENT_COOKIE}=${session.cookieValue}`;
}

function multipart(parts: { name: string; value?: string; file?: { name: string; type: string; bytes: Buffer } }[]) {
  const boundary = `----koers${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.file) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file.name}"\r\nContent-Type: ${p.file.type}\r\n\r\n`), p.file.bytes, Buffer.from('\r\n'));
    else chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const uploadTo = (requestId: string, cookie: string, bytes = PDF) => {
  const body = multipart([{ name: 'kind', value: 'bewijsstuk' }, { name: 'file', file: { name: 'indicatie.pdf', type: 'application/pdf', bytes } }]);
  return t.app.inject({ method: 'POST', url: `/api/mijn/verzoeken/${requestId}/documenten`, headers: { ...body.headers, cookie }, payload: body.payload });
};

/** Every portal API route, for a resident's own ids. */
const portalRoutes = (ids: { caseId: string; letterId: string; requestId: string }) => [
  { method: 'GET' as const, url: '/api/mijn/ik' },
  { method: 'GET' as const, url: '/api/mijn/aanvragen' },
  { method: 'GET' as const, url: `/api/mijn/aanvragen/${ids.caseId}` },
  { method: 'GET' as const, url: `/api/mijn/brieven/${ids.letterId}` },
  { method: 'POST' as const, url: `/api/mijn/verzoeken/${ids.requestId}/documenten` },
];

/** A tiny cookie jar for following the OpenID Connect redirects over real HTTP. */
class Browser {
  cookies = new Map<string, string>();
  async go(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(new URL(url, base), { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    return response;
  }
}

describe('signing in through the DigiD-simulatie (real OpenID Connect over HTTP)', () => {
  it('picks a demo resident, comes back with a resident session and sees their own case with its deadline in words', async () => {
    const own = await residentWithCase();
    const browser = new Browser();
    const start = await browser.go('/mijn/inloggen?gemeente=GM0935&terug=/mijn/aanvragen');
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.pathname).toBe('/digid-simulatie/auth');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('prompt')).toBe('login');

    const toInteraction = await browser.go(authorize.href);
    expect([302, 303]).toContain(toInteraction.status);
    const interaction = toInteraction.headers.get('location')!;
    expect(interaction).toMatch(/^\/digid-simulatie\/inloggen\//);
    const pickPage = await browser.go(interaction);
    expect(pickPage.status).toBe(200);
    const html = await pickPage.text();
    expect(html).toContain('Dit is geen echte DigiD');
    expect(html).toMatch(/BSN 999\d{6}/);

    const picked = await browser.go(interaction, { method: 'POST', body: new URLSearchParams({ bsn: own.bsn }) });
    expect([302, 303]).toContain(picked.status);
    let next = picked.headers.get('location')!;
    let response = await browser.go(next);
    for (let hops = 0; hops < 5 && !new URL(next, base).pathname.startsWith('/mijn/inloggen/terug'); hops++) {
      next = response.headers.get('location')!;
      response = await browser.go(next);
    }
    expect(new URL(next, base).pathname).toBe('/mijn/inloggen/terug');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/mijn/aanvragen');
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${RESIDENT_COOKIE}=`))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);

    const me = await browser.go('/api/mijn/ik');
    expect(me.status).toBe(200);
    const cases = await browser.go('/api/mijn/aanvragen');
    const list = (await cases.json()) as { items: { id: string; deadline: string; openRequests: number }[] };
    expect(list.items.map((c) => c.id)).toEqual([own.caseId]);
    expect(list.items[0]!.deadline).toMatch(/^Wij (zijn klaar met ons onderzoek|beslissen) uiterlijk op \d{1,2} [a-z]+ \d{4}\.$/);
    expect(list.items[0]!.openRequests).toBe(1);

    // The sign-in and the reads are logged with the resident as actor.
    const auditor = await createStaff(t, { roles: ['auditor'] });
    const audit = (await t.app.inject({ method: 'GET', url: `/api/audit?resident=${own.residentId}&limit=100`, headers: { cookie: auditor.cookie } })).json() as { items: { name: string; actor: { id: string | null; roles: string[] } | null }[] };
    const portalRecords = audit.items.filter((i) => i.name === 'mijn.inloggen' || i.name === 'zaken.raadplegen');
    expect(portalRecords.map((i) => i.name).sort()).toEqual(['mijn.inloggen', 'zaken.raadplegen']);

    const logout = await browser.go('/api/mijn/uitloggen', { method: 'POST' });
    expect(logout.status).toBe(204);
    const after = await browser.go('/api/mijn/aanvragen');
    expect(after.status).toBe(401);
  });

  it('refuses a callback without the signed login cookie (no session)', async () => {
    const browser = new Browser();
    const response = await browser.go('/mijn/inloggen/terug?code=abc&state=def');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/mijn?melding=inloggen-verlopen');
    expect(browser.cookies.has(RESIDENT_COOKIE)).toBe(false);
  });

  it('never takes its own address from a forged Host: no provider of the attacker, no secret sent (only this server on loopback without KOERS_PUBLIC_URL)', async () => {
    const port = Number(new URL(base).port);
    const withHost = (host: string) =>
      new Promise<{ status: number; location: string | undefined; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/mijn/inloggen?gemeente=GM0935', headers: { host } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
        });
        req.on('error', reject);
        req.end();
      });
    for (const forged of ['evil.example', `evil.example:${port}`, 'localhost:6379', '10.0.0.8']) {
      const answer = await withHost(forged);
      expect(answer.status, forged).toBe(503);
      expect(answer.location, forged).toBeUndefined();
      expect(JSON.parse(answer.body).error.message).toContain('KOERS_PUBLIC_URL');
    }
    const own = await withHost(`localhost:${port}`);
    expect(own.status).toBe(302);
    expect(own.location).toMatch(new RegExp(`^http://localhost:${port}/digid-simulatie/`));
  });

  it('sends an unknown municipality back to the portal, never to a provider', async () => {
    const response = await new Browser().go('/mijn/inloggen?gemeente=GM9999');
    expect(response.headers.get('location')).toBe('/mijn?melding=kies-gemeente');
  });
});

describe('a resident sees only their own data', () => {
  it('answers 404 with a Dutch message for another resident\'s ids on every portal route', async () => {
    const mine = await residentWithCase();
    const theirs = await residentWithCase();
    const cookie = await sessionCookie(mine.residentId);
    for (const route of portalRoutes(theirs)) {
      if (route.url === '/api/mijn/ik' || route.url === '/api/mijn/aanvragen') continue; // no ids: checked below
      const response = route.method === 'POST' ? await uploadTo(theirs.requestId, cookie) : await t.app.inject({ method: route.method, url: route.url, headers: { cookie } });
      expect(response.statusCode, route.url).toBe(404);
      expect(response.json().error.message, route.url).toMatch(/is niet gevonden\.$/);
    }
    // The routes without ids show the own resident only.
    const list = (await t.app.inject({ method: 'GET', url: '/api/mijn/aanvragen', headers: { cookie } })).json() as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toEqual([mine.caseId]);
    // And the own ids work on the same routes.
    expect((await t.app.inject({ method: 'GET', url: `/api/mijn/aanvragen/${mine.caseId}`, headers: { cookie } })).statusCode).toBe(200);
    const letter = await t.app.inject({ method: 'GET', url: `/api/mijn/brieven/${mine.letterId}`, headers: { cookie } });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.rawPayload.equals(PDF)).toBe(true);
  });

  it('refuses every portal route without a session (401, Dutch), and with a staff session', async () => {
    const ids = await residentWithCase();
    for (const route of portalRoutes(ids)) {
      for (const cookie of [undefined, consultant.cookie]) {
        const response = await t.app.inject({ method: route.method, url: route.url, ...(cookie ? { headers: { cookie } } : {}) });
        expect(response.statusCode, route.url).toBe(401);
        expect(response.json().error.message).toBe(NOT_SIGNED_IN_MESSAGE);
      }
    }
  });

  it('ends a session after 15 minutes without use and after 2 hours in all: 401 with "verlopen"', async () => {
    const { residentId } = await residentWithCase();
    const idle = await sessionCookie(residentId, new Date(Date.now() - 16 * 60_000));
    const old = await sessionCookie(residentId, new Date(Date.now() - (2 * 60 + 1) * 60_000));
    for (const cookie of [idle, old]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/mijn/aanvragen', headers: { cookie } });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.message).toBe(EXPIRED_MESSAGE);
    }
    const fresh = await sessionCookie(residentId, new Date(Date.now() - 14 * 60_000));
    expect((await t.app.inject({ method: 'GET', url: '/api/mijn/aanvragen', headers: { cookie: fresh } })).statusCode).toBe(200);
  });
});

describe('requests for documents with a hersteltermijn', () => {
  it('shows the request with its term, takes the resident\'s PDF on the case, and staff see it as sent by the resident', async () => {
    const own = await residentWithCase();
    const cookie = await sessionCookie(own.residentId);
    const before = (await t.app.inject({ method: 'GET', url: `/api/mijn/aanvragen/${own.caseId}`, headers: { cookie } })).json();
    expect(before.documentRequests).toEqual([
      { id: own.requestId, description: 'Een kopie van uw indicatie van de huisarts', dueOn: '2999-01-12', dueInWords: 'Stuur de documenten uiterlijk op 12 januari 2999.', received: false, open: true },
    ]);
    expect(before.letters.map((l: { id: string }) => l.id)).toEqual([own.letterId]);

    const wrong = await uploadTo(own.requestId, cookie, Buffer.from('MZ not a pdf at all'));
    expect(wrong.statusCode).toBe(400);
    const sent = await uploadTo(own.requestId, cookie);
    expect(sent.statusCode, sent.body).toBe(201);

    const after = (await t.app.inject({ method: 'GET', url: `/api/mijn/aanvragen/${own.caseId}`, headers: { cookie } })).json();
    expect(after.documentRequests[0]).toMatchObject({ received: true, open: false });
    expect(after.sentDocuments.map((d: { fileName: string }) => d.fileName)).toEqual(['indicatie.pdf']);
    const staffView = (await t.app.inject({ method: 'GET', url: `/api/cases/${own.caseId}/uploads`, headers: { cookie: consultant.cookie } })).json() as { items?: unknown[] } | { uploadedBy: string }[];
    const items = Array.isArray(staffView) ? staffView : (staffView.items as { uploadedBy: string }[]);
    expect(items.map((d) => (d as { uploadedBy: string }).uploadedBy)).toEqual(['Inwoner (via Mijn gemeente)']);
  });

  it('refuses a staff request whose hersteltermijn ends in the past (400, Dutch, at the field)', async () => {
    const own = await residentWithCase();
    const past = await t.app.inject({ method: 'POST', url: `/api/cases/${own.caseId}/document-requests`, headers: { cookie: consultant.cookie }, payload: { description: 'Loonstroken', dueOn: '2001-01-01' } });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toEqual([{ field: 'dueOn', message: 'De hersteltermijn moet vandaag of later eindigen.' }]);
  });
});
