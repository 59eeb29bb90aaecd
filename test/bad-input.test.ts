import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { demoBsn } from '../src/modules/residents/bsn.js';
import { createTestApp, testConfig, type TestApp } from './support/app.js';
import { asOwnerIn } from './support/database.js';

// Malformed input found by the fuzz test (test/fuzz.test.ts) once answered 500; each must be a 4xx in
// the one error shape with a Dutch message per field.

let t: TestApp;
let consulent: string;
let kcc: string;
let residentId: string;

const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, cookie: string | undefined, payload?: object | string) =>
  t.app.inject({
    method,
    url,
    headers: { ...(cookie ? { cookie } : {}), ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}) },
    ...(payload === undefined ? {} : { payload }),
  });

/** Lets the consultant work on the resident of a row (break-glass; a renewal needs a new reason), so the request reaches validation. */
let grants = 0;
async function breakGlass(table: 'cases' | 'allocations'): Promise<string> {
  const row = (
    await asOwnerIn(t.database.db, 'GM0935', (tx) =>
      sql<{ id: string; resident_id: string }>`select id, resident_id from ${sql.table(table)} where tenant_id = 'GM0935' order by id limit 1`.execute(tx),
    )
  ).rows[0]!;
  const grant = await call('POST', `/api/residents/${row.resident_id}/access-grants`, consulent, { reason: `Controle van de invoercontrole in een test (${++grants})` });
  expect(grant.statusCode).toBe(201);
  return row.id;
}

function expectFieldError(response: { statusCode: number; json: () => unknown }, status: number, field: string, message: RegExp) {
  expect(response.statusCode).toBe(status);
  const { error } = response.json() as { error: { code: string; message: string; requestId: string; fields?: { field: string; message: string }[] } };
  expect(error.requestId).toBeTruthy();
  expect(error.fields).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
}

beforeAll(async () => {
  t = await createTestApp();
  consulent = (await t.login('consulent')).cookie;
  kcc = (await t.login('kcc')).cookie;
  const hit = await call('POST', '/api/residents/search', consulent, { q: demoBsn(2) });
  residentId = (hit.json() as { items: { id: string }[] }).items[0]!.id;
});
afterAll(async () => t.close());

describe('dates', () => {
  it('answers 400 (not 500) for a date in the wrong shape or one that does not exist in a decision', async () => {
    const caseId = await breakGlass('cases');
    const line = { productId: '00000000-0000-4000-8000-000000000000', outcome: 'granted', volume: 1, frequency: 'per_week' };
    const wrongShape = await call('POST', `/api/cases/${caseId}/decisions`, consulent, { deliveryForm: 'zin', lines: [{ ...line, periodStart: '2027-1-1', periodEnd: '2027-12-31' }] });
    expectFieldError(wrongShape, 400, 'lines.0.periodStart', /gebruik jjjj-mm-dd/);
    const impossible = await call('POST', `/api/cases/${caseId}/decisions`, consulent, { deliveryForm: 'zin', lines: [{ ...line, periodStart: '2027-01-01', periodEnd: '0000-00-00' }] });
    expectFieldError(impossible, 400, 'lines.0.periodEnd', /bestaat niet/);
  });

  it('answers 400 for a malformed date when an allocation changes', async () => {
    const allocationId = await breakGlass('allocations');
    const response = await call('PATCH', `/api/allocations/${allocationId}`, consulent, { effectiveFrom: '2027-1-1', end: '2027-13-01', reason: 'Een test' });
    expectFieldError(response, 400, 'effectiveFrom', /gebruik jjjj-mm-dd/);
    expectFieldError(response, 400, 'end', /bestaat niet/);
  });

  it('answers 400 for a month or an extension outside the calendar', async () => {
    const beleid = (await t.login('beleid')).cookie;
    expectFieldError(await call('GET', '/api/insights/portfolio?month=0850-12', beleid), 400, 'month', /tussen 1900 en 2999/);
    const caseId = await breakGlass('cases');
    expectFieldError(await call('POST', `/api/cases/${caseId}/extensions`, consulent, { term: 'P99999999W', reason: 'Nog een rapport nodig' }), 400, 'term', /hoogstens een jaar/);
  });
});

describe('control characters', () => {
  it('refuses a NUL byte in any text, also in anonymous login and in query strings, with a Dutch message', async () => {
    const login = await call('POST', '/api/auth/login', undefined, { username: 'kcc\u0000', password: 'demo', tenant: 'GM0935' });
    expectFieldError(login, 400, 'username', /ongeldig teken/);
    expectFieldError(await call('GET', '/api/residents?q=Jan%00sen', kcc), 400, 'q', /ongeldig teken/);
    const contact = await call('POST', `/api/residents/${residentId}/contacts`, kcc, { channel: 'telefoon', subject: 'Vraag\u0007', outcome: 'answered' });
    expectFieldError(contact, 400, 'subject', /ongeldig teken/);
  });

  it('keeps tabs and new lines', async () => {
    const contact = await call('POST', `/api/residents/${residentId}/contacts`, kcc, { channel: 'telefoon', subject: 'Vraag over\tvervoer', note: 'Regel 1\nRegel 2\r\n', outcome: 'answered' });
    expect(contact.statusCode).toBe(201);
  });
});

describe('references to rows that do not exist here', () => {
  it('refuses a contact about a product of another municipality or an unknown product', async () => {
    const foreign = (await asOwnerIn(t.database.db, 'GM1903', (tx) => sql<{ id: string }>`select id from products where tenant_id = 'GM1903' limit 1`.execute(tx))).rows[0]!.id;
    for (const productId of [foreign, '00000000-0000-4000-8000-000000000000']) {
      const response = await call('POST', `/api/residents/${residentId}/contacts`, kcc, { channel: 'telefoon', subject: 'Vraag', outcome: 'answered', productId });
      expectFieldError(response, 400, 'productId', /bestaat niet in de catalogus/);
    }
  });

  it('refuses a conversation linked to a case of another resident, municipality, or none', async () => {
    const cases = {
      rows: [
        ...(await asOwnerIn(t.database.db, 'GM0935', (tx) => sql<{ id: string }>`select id from cases where tenant_id = 'GM0935' and resident_id <> ${residentId} limit 1`.execute(tx))).rows,
        ...(await asOwnerIn(t.database.db, 'GM1903', (tx) => sql<{ id: string }>`select id from cases where tenant_id = 'GM1903' limit 1`.execute(tx))).rows,
      ],
    };
    const score = { score: 5, wantsToTalk: false };
    const conversation = {
      heldOn: '2026-03-10',
      scores: { bodilyFunctions: score, mentalWellbeing: score, meaningfulness: score, qualityOfLife: score, participation: score, dailyFunctioning: score },
      ladder: { step: 'network', rationale: 'Dochter helpt twee keer per week met de boodschappen.' },
      agreements: ['Consulent belt over zes weken terug.'],
    };
    for (const caseId of [...cases.rows.map((r) => r.id), '00000000-0000-4000-8000-000000000000']) {
      const response = await call('POST', `/api/residents/${residentId}/conversations`, consulent, { ...conversation, caseId });
      expectFieldError(response, 400, 'caseId', /bestaat niet bij deze inwoner/);
    }
  });
});

describe('limits and messages', () => {
  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await call('POST', '/api/residents/search', kcc, JSON.stringify({ q: 'x'.repeat(1024 * 1024 + 10) }));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/te groot/) } });
  });

  it('gives proper Dutch sentences for zod issues that have no message of their own', async () => {
    expectFieldError(await call('GET', `/api/catalogue/products?area=${'a'.repeat(21)}`, kcc), 400, 'area', /^Mag maximaal 20 tekens zijn$/);
    expectFieldError(await call('POST', '/api/residents/search', kcc, '"tekst"'), 400, '(invoer)', /^Moet een object met velden zijn$/);
    expectFieldError(await call('GET', '/api/access-grants?limit=veel', (await t.login('auditor')).cookie), 400, 'limit', /^Moet een getal zijn$/);
  });
});

describe('database errors as a safety net', () => {
  it('maps invalid input the database refuses to 400/409 without the driver text', async () => {
    const app = await buildApp({ config: testConfig(), database: t.database, webRoot: null });
    app.get('/test/invalid-integer', async () => sql`select 'niet-een-getal'::int`.execute(t.database.db));
    app.get('/test/foreign-key', async () =>
      asOwnerIn(t.database.db, 'GM0935', (tx) => sql`update residents set area_code = 'BESTAAT-NIET' where id = (select id from residents limit 1)`.execute(tx)),
    );
    app.get('/test/missing-table', async () => sql`select * from table_that_does_not_exist`.execute(t.database.db));
    app.get('/test/out-of-range', async () => sql`select 99999999999::int`.execute(t.database.db));
    app.get('/test/bad-date', async () => sql`select '2027-02-30'::date`.execute(t.database.db));
    app.get('/test/nul', async () => sql`select ${'a\u0000b'}::text`.execute(t.database.db));
    await app.ready();
    try {
      for (const [url, status] of [['/test/invalid-integer', 400], ['/test/foreign-key', 409], ['/test/out-of-range', 400], ['/test/bad-date', 400], ['/test/nul', 400]] as const) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(status);
        expect(response.body).not.toMatch(/niet-een-getal|BESTAAT-NIET|invalid input|out of range|syntax|violates/);
        expect((response.json() as { error: { message: string } }).error.message).toMatch(/invoer|bestaat/);
      }
      // Any other database failure stays a 500: it is a bug, not bad input.
      expect((await app.inject({ method: 'GET', url: '/test/missing-table' })).statusCode).toBe(500);
    } finally {
      await app.close();
    }
  });
});

describe('addresses', () => {
  it('answers a path parameter over the length limit in the error shape, without echoing it', async () => {
    const response = await call('GET', `/api/cases/${'9'.repeat(5000)}`, kcc);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'BAD_REQUEST', requestId: expect.any(String) } });
    expect(response.body).not.toContain('99999');
  });
});

describe('numbers', () => {
  it('bounds a KPI target to what its numeric(14,4) column holds and a list offset to int4', async () => {
    const beleid = (await t.login('beleid')).cookie;
    expectFieldError(await call('PUT', '/api/insights/targets/wmo.clients/2026', beleid, { target: 1e11 }), 400, 'target', /te groot/);
    const teamleider = (await t.login('teamleider')).cookie;
    expectFieldError(await call('GET', '/api/signals?offset=99999999999', teamleider), 400, 'offset', /te groot/);
  });
});
