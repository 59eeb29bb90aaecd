import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { allocatedCase, createProvider, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { careMessageSample, hasIstandaarden, ISTANDAARDEN_DIR } from '../../../test/support/istandaarden.js';
import { readMessage } from './exchange.xml.js';

let t: TestApp;
let consultant: Staff;
let admin: Staff;
let auditor: Staff;
let teamLead: string;

beforeAll(async () => {
  t = await createTestApp({ config: { istandaardenDir: hasIstandaarden ? ISTANDAARDEN_DIR : undefined } });
  consultant = await createStaff(t, { roles: ['consultant'] });
  admin = await createStaff(t, { roles: ['admin'] });
  auditor = await createStaff(t, { roles: ['auditor'] });
  teamLead = (await t.login('teamleider')).cookie;
});
afterAll(async () => t.close());

let sequence = 0;
const nextId = () => `A${Date.now() % 100_000}${(sequence += 1)}`;

async function sentAllocation() {
  const { residentId, allocationId } = await allocatedCase(t, consultant);
  expect((await t.app.inject({ method: 'POST', url: '/api/exchange/outbox', headers: { cookie: teamLead } })).statusCode).toBe(200);
  const facts = await asOwnerIn(t.database.db, TENANT, (tx) =>
    tx
      .selectFrom('allocation_segments as s')
      .innerJoin('allocations as a', (j) => j.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.allocation_id'))
      .innerJoin('residents as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.resident_id'))
      .innerJoin('providers as p', (j) => j.onRef('p.id', '=', 'a.provider_id'))
      .select(['s.allocation_number', 'r.bsn', 'p.agb_code', 'p.id as provider_id', 'p.name as provider_name'])
      .where('s.allocation_id', '=', allocationId)
      .executeTakeFirstOrThrow(),
  );
  return { residentId, allocationId, number: facts.allocation_number!, bsn: facts.bsn, agbCode: facts.agb_code, providerId: facts.provider_id, providerName: facts.provider_name };
}

async function createToken(providerId: string, label = 'Koppeling zorgsysteem') {
  const response = await t.app.inject({ method: 'POST', url: '/api/admin/api-tokens', headers: { cookie: admin.cookie }, payload: { providerId, label } });
  expect(response.statusCode).toBe(201);
  return response.json() as { token: string; account: { id: string; label: string; provider: { id: string; name: string } } };
}

const send = (token: string | null, payload: string | Buffer, contentType = 'application/xml') =>
  t.app.inject({ method: 'POST', url: '/api/berichten', headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) }, payload });
const get = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

/**
 * Sends `mb` MiB of XML over a plain socket, as a client that keeps writing until the server answers
 * (curl does the same): a write error after the server closed does not hide the answer, as it may
 * with fetch.
 */
function rawUpload(address: URL, token: string, framing: 'content-length' | 'chunked', mb: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(address.port), address.hostname);
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let received = '';
    let sentMb = 0;
    let answered = false;
    const finish = () => {
      if (answered) return;
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      // The server answered and closed while this client was still writing: TCP may then reset the
      // connection and drop the answer before it is read (seen under load). Status 0 says so.
      if (!match && received === '') {
        answered = true;
        return resolve({ status: 0, body: '' });
      }
      if (!match) return reject(new Error(`no answer: ${received.slice(0, 200)}`));
      answered = true;
      resolve({ status: Number(match[1]), body: received.slice(received.indexOf('\r\n\r\n') + 4) });
    };
    socket.on('data', (data: Buffer) => {
      received += data.toString('utf8');
    });
    socket.on('error', () => undefined); // EPIPE/ECONNRESET once the server closed: the answer is what counts
    socket.on('close', finish);
    const pump = async () => {
      const length = framing === 'content-length' ? `Content-Length: ${mb * 1024 * 1024}` : 'Transfer-Encoding: chunked';
      socket.write(`POST /api/berichten HTTP/1.1\r\nHost: ${address.host}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/xml\r\n${length}\r\n\r\n`);
      while (sentMb < mb && !socket.destroyed && !socket.writableEnded && received === '') {
        const piece = framing === 'chunked' ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
        if (!socket.write(piece)) await new Promise((r) => setTimeout(r, 5));
        sentMb += 1;
      }
      if (!socket.destroyed && received === '') socket.end(framing === 'chunked' ? '0\r\n\r\n' : '');
    };
    socket.on('connect', () => void pump());
  });
}

const counts = () =>
  asOwnerIn(t.database.db, TENANT, async (tx) => ({
    messages: Number((await tx.selectFrom('exchange_messages').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
    refusals: Number((await tx.selectFrom('exchange_refusals').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
  }));
const lastRefusal = () =>
  asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('exchange_refusals').selectAll().orderBy('received_at', 'desc').orderBy('id').limit(1).executeTakeFirstOrThrow());

describe('machine accounts (Beheer)', () => {
  it('creates one (token shown once, only its hash kept), lists and revokes it, each in the change log; only Beheer may', async () => {
    const provider = await createProvider(t);
    const created = await createToken(provider.id, 'Testkoppeling');
    expect(created.token).toMatch(/^GM0935\.[A-Za-z0-9_-]{43}$/);
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/api-tokens', headers: { cookie: admin.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.token.split('.')[1]);
    expect(list.json()).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.account.id, label: 'Testkoppeling', revokedAt: null, provider: expect.objectContaining({ agbCode: provider.agbCode }) })]));
    const stored = await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('provider_api_tokens').selectAll().where('id', '=', created.account.id).executeTakeFirstOrThrow());
    expect(Buffer.from(stored.token_sha256).toString('hex')).not.toContain(Buffer.from(created.token).toString('hex'));
    expect(stored.token_sha256).toHaveLength(32);

    expect((await get(created.token, '/api/berichten')).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'POST', url: `/api/admin/api-tokens/${created.account.id}/revoke`, headers: { cookie: admin.cookie } });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const after = await get(created.token, '/api/berichten');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toContain('Geen geldig token');
    expect((await t.app.inject({ method: 'POST', url: `/api/admin/api-tokens/${created.account.id}/revoke`, headers: { cookie: admin.cookie } })).statusCode).toBe(409);

    const changes = (await t.app.inject({ method: 'GET', url: '/api/admin/changes?section=api_tokens', headers: { cookie: admin.cookie } })).json() as { subject: string; action: string }[];
    expect(changes.slice(0, 2).map((c) => c.action)).toEqual(['Machineaccount ‘Testkoppeling’ ingetrokken.', 'Machineaccount ‘Testkoppeling’ aangemaakt.']);
    expect(changes[0]!.subject).toBe(`${provider.name} (AGB ${provider.agbCode})`);

    expect((await t.app.inject({ method: 'POST', url: '/api/admin/api-tokens', headers: { cookie: teamLead }, payload: { providerId: provider.id, label: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/api-tokens' })).statusCode).toBe(401);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/admin/api-tokens', headers: { cookie: admin.cookie }, payload: { providerId: '00000000-0000-4000-8000-000000000000', label: 'Koppeling' } });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('provider API (/api/berichten)', () => {
  it('refuses a request without a valid bearer token (401), and a staff session is no token', async () => {
    for (const authorization of [undefined, 'Bearer nonsense', 'Bearer GM0935.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'Basic dXNlcjpwYXNz']) {
      const response = await t.app.inject({ method: 'GET', url: '/api/berichten', headers: authorization ? { authorization } : {} });
      expect(response.statusCode).toBe(401);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/berichten', headers: { cookie: teamLead } })).statusCode).toBe(401);
    expect((await send(null, '<Bericht/>')).statusCode).toBe(401);
  });

  it('takes a start of care as the provider, answers the retour’s id, serves only this provider’s pending messages, and logs the machine account', async () => {
    const a = await sentAllocation();
    const { token } = await createToken(a.providerId);
    const other = await createToken((await createProvider(t)).id);

    const pending = (await get(token, '/api/berichten')).json() as { items: { id: string; label: string; fileName: string }[] };
    const allocation = pending.items.find((m) => m.label === 'iWmo 301 Toewijzing');
    expect(allocation?.fileName).toMatch(/^WMO301_K\d+\.xml$/);
    expect((await get(other.token, '/api/berichten')).json().items.map((m: { id: string }) => m.id)).not.toContain(allocation!.id);
    expect((await get(other.token, `/api/berichten/${allocation!.id}`)).statusCode).toBe(404);

    const fetched = await get(token, `/api/berichten/${allocation!.id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.headers['content-type']).toContain('application/xml');
    expect(readMessage(fetched.body)).toMatchObject({ Bericht: { Header: { Ontvanger: a.agbCode } } });
    expect((await get(token, '/api/berichten')).json().items.map((m: { id: string }) => m.id)).not.toContain(allocation!.id);

    const xml = careMessageSample({ kind: 'start', agbCode: a.agbCode, bsn: a.bsn, identification: nextId(), products: [{ number: a.number, begin: '2026-09-07' }] });
    const response = await send(token, xml);
    expect(response.statusCode).toBe(200);
    const outcome = response.json() as { status: string; retourId: string; retourCodes: { code: string }[] };
    expect(outcome).toMatchObject({ status: 'accepted', retourCodes: [{ code: '0200' }] });
    expect((await get(token, '/api/berichten')).json().items).toEqual(expect.arrayContaining([expect.objectContaining({ id: outcome.retourId, label: 'iWmo 306 Retourbericht start zorg' })]));
    expect((await get(token, `/api/berichten/${outcome.retourId}`)).statusCode).toBe(200);
    // The token names its municipality: under another municipality's code it is no token at all.
    expect((await get(token.replace(/^GM0935/, 'GM1903'), '/api/berichten')).statusCode).toBe(401);

    // Staff can narrow the list to one provider.
    const staffList = (await t.app.inject({ method: 'GET', url: `/api/exchange/messages?providerId=${a.providerId}`, headers: { cookie: teamLead } })).json() as { items: { id: string; provider: { id: string } }[] };
    expect(staffList.items.map((m) => m.id)).toEqual(expect.arrayContaining([allocation!.id, outcome.retourId]));
    expect(new Set(staffList.items.map((m) => m.provider.id))).toEqual(new Set([a.providerId]));

    const log = (await t.app.inject({ method: 'GET', url: `/api/audit?resident=${a.residentId}`, headers: { cookie: auditor.cookie } })).json() as { items: { name: string; actor: { displayName: string | null } }[] };
    const byMachine = log.items.filter((r) => r.actor.displayName === `aanbieder ${a.providerName} (machineaccount)`).map((r) => r.name);
    expect(byMachine).toEqual(expect.arrayContaining(['startbericht.ontvangen', 'bericht.downloaden']));
  });

  it('refuses bad input with a Dutch message, keeps nothing of it, and records every refusal', async () => {
    const a = await sentAllocation();
    const { token } = await createToken(a.providerId);
    const base = { kind: 'start' as const, agbCode: a.agbCode, bsn: a.bsn, products: [{ number: a.number, begin: '2026-09-07' }] };
    const refused = async (payload: string | Buffer, status: number, text: RegExp, contentType?: string) => {
      const before = await counts();
      const r = await send(token, payload, contentType);
      expect(r.statusCode).toBe(status);
      expect(r.json().error.message + JSON.stringify(r.json().error.fields ?? [])).toMatch(text);
      const after = await counts();
      expect(after).toEqual({ messages: before.messages, refusals: before.refusals + 1 });
      return lastRefusal();
    };
    const otherProvider = await createProvider(t);
    const wrongSender = await refused(careMessageSample({ ...base, agbCode: otherProvider.agbCode, identification: nextId() }), 403, /niet .* met dit token levert u alleen berichten van/);
    expect(wrongSender).toMatchObject({ channel: 'api', sender: otherProvider.agbCode, provider_id: a.providerId, excerpt_complete: true });
    await refused(careMessageSample({ ...base, agbCode: '12345678', identification: nextId() }), 403, /AGB-code 12345678/);
    const municipality = await refused(careMessageSample({ ...base, municipality: '1903', identification: nextId() }), 400, /gericht aan gemeentecode 1903/);
    expect(municipality.reason).toContain('gericht aan gemeentecode 1903');
    const malformed = `<Bericht><Header><Afzender>${a.agbCode}</Afzender></Bericht>`;
    const broken = await refused(malformed, 400, /Geen geldige XML/);
    expect(broken).toMatchObject({ size_bytes: String(Buffer.byteLength(malformed)), excerpt: malformed, sender: a.agbCode });
    expect(Buffer.from(broken.body_sha256!).toString('hex')).toMatch(/^[0-9a-f]{64}$/);
    await refused('<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_1/wmo305/schema"/>', 400, /Onbekend bericht|geen bericht/i);
    await refused(careMessageSample({ ...base, identification: nextId() }).replace('iwmo/3_2/wmo305', 'iwmo/3_2/wmo301'), 400, /bericht van de gemeente, niet van een aanbieder/);
    await refused(' ', 400, /leeg/);
    // What the database cannot store (an identification longer than 12 characters is kept even when the
    // XSD rejects it; a NUL character) is refused and recorded too.
    await refused(careMessageSample({ ...base, identification: 'VEEL-TE-LANGE-IDENTIFICATIE' }), 400, /niet kan opslaan/);
    const withNul = await refused(careMessageSample({ ...base, identification: nextId() }).replace('<BerichtVersie>3', '<BerichtVersie>\u00003'), 400, /niet kan opslaan|Geen geldige XML|niet toegestaan/);
    expect(withNul.excerpt).not.toContain('\u0000');

    // 50 MB: refused before it is read (413, in words), recorded with its declared size and no hash.
    const big = Buffer.alloc(50 * 1024 * 1024, 'a');
    const tooLarge = await refused(big, 413, /te groot .*20 MB/);
    expect(tooLarge).toMatchObject({ size_bytes: String(big.length), body_sha256: null, excerpt: null });
    expect((await send(token, '{"a":1}', 'application/json')).statusCode).toBe(400);
  });

  it('answers a 50 MB upload over a real connection with 413 without reading it: the answer comes, the connection does not hang', async () => {
    const a = await sentAllocation();
    const { token } = await createToken(a.providerId);
    const address = new URL(await t.app.listen({ port: 0, host: '127.0.0.1' }));
    for (const framing of ['content-length', 'chunked'] as const) {
      const before = await counts();
      const answer = await rawUpload(address, token, framing, 50);
      // 413 in words; or, when TCP reset the connection before the answer was read, at least closed
      // at once (no hang) — the refusal is recorded either way.
      expect({ framing, status: answer.status === 0 ? 413 : answer.status }).toEqual({ framing, status: 413 });
      if (answer.status === 413) expect(answer.body).toMatch(/te groot.*Koers neemt berichten tot 20 MB aan/);
      expect(await counts()).toEqual({ messages: before.messages, refusals: before.refusals + 1 });
    }
  });

  it('refuses the same bad input on the staff upload, and shows every refusal under Geweigerde berichten', async () => {
    const a = await sentAllocation();
    const upload = (payload: string | Buffer) => t.app.inject({ method: 'POST', url: '/api/exchange/inbox', headers: { cookie: teamLead, 'content-type': 'application/xml' }, payload });
    const before = await counts();
    const big = await upload(Buffer.alloc(50 * 1024 * 1024, 'a'));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toMatch(/te groot .*20 MB/);
    expect((await upload('<Bericht><Header></Bericht>')).statusCode).toBe(400);
    expect((await upload(careMessageSample({ kind: 'start', agbCode: '12345678', bsn: a.bsn, identification: nextId(), products: [{ number: a.number, begin: '2026-09-07' }] }))).statusCode).toBe(400);
    expect((await upload(careMessageSample({ kind: 'start', agbCode: a.agbCode, municipality: '1903', bsn: a.bsn, identification: nextId(), products: [{ number: a.number, begin: '2026-09-07' }] }))).statusCode).toBe(400);
    expect(await counts()).toEqual({ messages: before.messages, refusals: before.refusals + 4 });

    const list = await t.app.inject({ method: 'GET', url: '/api/exchange/refusals?limit=4', headers: { cookie: teamLead } });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { channel: string; reason: string; sender: string | null; sizeBytes: number }[];
    expect(items.map((i) => i.channel)).toEqual(['upload', 'upload', 'upload', 'upload']);
    expect(items.map((i) => i.reason)).toEqual([
      expect.stringContaining('gericht aan gemeentecode 1903'),
      expect.stringContaining('AGB-code 12345678'),
      expect.stringContaining('Geen geldige XML'),
      expect.stringContaining('te groot'),
    ]);
    expect(items[1]!.sender).toBe('12345678');
    expect((await t.app.inject({ method: 'GET', url: '/api/exchange/refusals' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/exchange/refusals', headers: { cookie: consultant.cookie } })).statusCode).toBe(403);
  });
});
