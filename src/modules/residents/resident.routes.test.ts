import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { withTenant } from '../../db/tenancy.js';
import { areaCodeOf, createResident, uniqueBsn } from '../../../test/support/factories.js';

let t: TestApp;
let kcc: string;
let kccEm: string;
beforeAll(async () => {
  t = await createTestApp();
  kcc = (await t.login('kcc')).cookie;
  kccEm = (await t.login('kcc', 'GM1903')).cookie;
});
afterAll(async () => t.close());

const search = (cookie: string, q: string, limit = 50) =>
  t.app.inject({ method: 'POST', url: '/api/residents/search', headers: { cookie }, payload: { q, limit } });

const validResident = {
  bsn: '999995844',
  givenName: 'Maria',
  surnamePrefix: 'van der',
  familyName: 'Testpersoon',
  birthDate: '1948-05-17',
  gender: 'V',
  street: 'Grote Staat',
  houseNumber: 12,
  houseLetter: 'a',
  postcode: '6211cv',
  city: 'Maastricht',
  areaCode: 'WK093500',
};

describe('resident search', () => {
  it('finds residents by a part of their name, case- and accent-insensitive', async () => {
    await createResident(t, { familyName: 'Jansen' });
    const first = await search(kcc, 'a');
    expect(first.statusCode).toBe(400);
    const byName = await search(kcc, 'jans');
    expect(byName.statusCode).toBe(200);
    const body = byName.json();
    expect(body.kind).toBe('name');
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) expect(item.fullName.toLowerCase()).toContain('jans');
  });

  it('finds a resident by exact BSN in the body, and shows only the last 4 digits in lists', async () => {
    const { bsn } = await createResident(t);
    const response = await search(kcc, bsn);
    expect(response.json().kind).toBe('bsn');
    expect(response.json().items).toHaveLength(1);
    expect(response.json().items[0].bsnMasked).toBe(`*****${bsn.slice(5)}`);
    expect(response.body).not.toContain(bsn);
  });

  it('rejects a BSN that fails the elfproef with a Dutch message', async () => {
    const response = await search(kcc, '999995845');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ field: 'q', message: 'Dit BSN is ongeldig: het voldoet niet aan de elfproef.' }]);
  });

  it('finds residents by postcode, with or without house number', async () => {
    const someone = (await search(kcc, (await createResident(t, { familyName: 'Jansen', postcode: '6221 KL' })).bsn)).json().items[0];
    const [, postcode] = /, (\d{4} [A-Z]{2}) /.exec(someone.address)!;
    const byPostcode = await search(kcc, postcode!.replace(' ', '').toLowerCase());
    expect(byPostcode.json().kind).toBe('postcode');
    expect(byPostcode.json().items.map((i: { id: string }) => i.id)).toContain(someone.id);
    const houseNumber = /(\d+)[A-Z]?, /.exec(someone.address)![1];
    const exact = await search(kcc, `${postcode} ${houseNumber}`);
    for (const item of exact.json().items) expect(item.address).toContain(`${houseNumber}`);
  });

  it('finds residents by a postcode without letters, a street name (with or without house number) and a date of birth, and logs each search', async () => {
    const suffix = uniqueBsn().slice(0, 6).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);
    const street = `Zoekproefstraat${suffix}`;
    const register = (payload: object) => t.app.inject({ method: 'POST', url: '/api/residents', headers: { cookie: kcc }, payload: { ...validResident, bsn: uniqueBsn(), familyName: `Straatzoeker${suffix}`, street, ...payload } });
    const a = (await register({ houseNumber: 7, houseLetter: null, postcode: '6219 XY', birthDate: '1931-03-09' })).json();
    const b = (await register({ houseNumber: 9, houseLetter: null, postcode: '6219 ZA', birthDate: '1931-03-10' })).json();
    const other = (await register({ houseNumber: 7, houseLetter: null, postcode: '6218 AA', birthDate: '1931-03-10', street: 'Andere Weg' })).json();
    const ids = (r: { json: () => { items: { id: string }[] } }) => r.json().items.map((i) => i.id);

    const digits = await search(kcc, '6219');
    expect(digits.statusCode).toBe(200);
    expect(digits.json().kind).toBe('postcode');
    expect(ids(digits)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids(digits)).not.toContain(other.id);
    for (const item of digits.json().items) expect(item.address).toMatch(/, 6219 [A-Z]{2} /);

    // No name matches, so the term is read as the beginning of a street name.
    const byStreet = await search(kcc, `zoekproefstraat${suffix}`);
    expect(byStreet.json().kind).toBe('address');
    expect(ids(byStreet).sort()).toEqual([a.id, b.id].sort());
    const byStreetPrefix = await search(kcc, street.slice(0, 12));
    expect(ids(byStreetPrefix)).toEqual(expect.arrayContaining([a.id, b.id]));
    const withNumber = await search(kcc, `${street} 9`);
    expect(withNumber.json().kind).toBe('address');
    expect(ids(withNumber)).toEqual([b.id]);

    for (const q of ['09-03-1931', '9-3-1931', '1931-03-09']) {
      const byBirth = await search(kcc, q);
      expect(byBirth.json().kind, q).toBe('birthDate');
      expect(ids(byBirth), q).toContain(a.id);
      for (const item of byBirth.json().items) expect(item.birthDate).toBe('1931-03-09');
    }
    const getByBirth = await t.app.inject({ method: 'GET', url: '/api/residents?q=10-03-1931', headers: { cookie: kcc } });
    expect(getByBirth.json().items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([b.id, other.id]));
    const impossible = await search(kcc, '31-02-1931');
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().error.fields).toEqual([{ field: 'q', message: 'Deze geboortedatum bestaat niet.' }]);

    // Each search is logged for every resident it found, with how the term was read.
    const auditor = (await t.login('auditor')).cookie;
    const log = (await t.app.inject({ method: 'GET', url: `/api/audit?resident=${b.id}`, headers: { cookie: auditor } })).json().items as { name: string; attributes: { zoekwijze?: string } }[];
    const ways = log.filter((r) => r.name === 'inwoner.zoeken').map((r) => r.attributes.zoekwijze);
    expect(ways).toEqual(expect.arrayContaining(['postcode', 'address', 'birthDate']));
    // Searching needs the permission: without a session nothing is found.
    expect((await t.app.inject({ method: 'POST', url: '/api/residents/search', payload: { q: '6219' } })).statusCode).toBe(401);
  });

  it('keeps a BSN out of URLs: GET with a BSN is refused', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/residents?q=${uniqueBsn()}`, headers: { cookie: kcc } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/POST \/api\/residents\/search/);
  });

  it('GET /api/residents searches by name and honours limit', async () => {
    for (let i = 0; i < 3; i += 1) await createResident(t, { familyName: 'Hanssen' });
    const response = await t.app.inject({ method: 'GET', url: '/api/residents?q=an&limit=3', headers: { cookie: kcc } });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toHaveLength(3);
    const tooMany = await t.app.inject({ method: 'GET', url: '/api/residents?q=an&limit=500', headers: { cookie: kcc } });
    expect(tooMany.json().error.fields).toEqual([{ field: 'limit', message: 'Het maximum is 50.' }]);
  });

  it('never mixes the two municipalities', async () => {
    // The same BSN in both registers (each municipality keeps its own), and more than 20 matches in each.
    const shared = uniqueBsn();
    for (const tenant of ['GM0935', 'GM1903']) {
      await createResident(t, { tenant, bsn: shared, familyName: 'Dubbelman' });
      for (let i = 0; i < 21; i += 1) await createResident(t, { tenant, familyName: 'Vanderstraeten' });
    }
    const idsIn = async (cookie: string) => {
      const ids = new Set<string>();
      for (const q of ['vanderstr', 'an', 'en', 'er', 'ie']) for (const item of (await search(cookie, q)).json().items) ids.add(item.id);
      return ids;
    };
    const [a, b] = [await idsIn(kcc), await idsIn(kccEm)];
    expect(a.size).toBeGreaterThan(20);
    expect(b.size).toBeGreaterThan(20);
    expect([...a].filter((id) => b.has(id))).toEqual([]);
    // The same BSN exists in both (each municipality has its own register), each sees its own.
    const own = (await search(kccEm, shared)).json().items[0].id;
    expect(a.has(own)).toBe(false);
    const foreign = await t.app.inject({ method: 'GET', url: `/api/residents/${own}`, headers: { cookie: kcc } });
    expect(foreign.statusCode).toBe(404);
  });
});

describe('GET /api/residents/:id', () => {
  it('returns address, area and the other members of the household', async () => {
    const member = await createResident(t, { areaCode: await areaCodeOf(t, 'consulent') });
    const household = (await t.app.inject({ method: 'GET', url: `/api/residents/${member.id}`, headers: { cookie: kcc } })).json().household.id as string;
    const made = await createResident(t, { areaCode: await areaCodeOf(t, 'consulent'), householdId: household });
    const hit = (await search(kcc, made.bsn)).json().items[0];
    const response = await t.app.inject({ method: 'GET', url: `/api/residents/${hit.id}`, headers: { cookie: kcc } });
    expect(response.statusCode).toBe(200);
    const resident = response.json();
    expect(resident).toMatchObject({ id: hit.id, bsn: made.bsn, fullName: hit.fullName, birthDate: hit.birthDate });
    expect(resident.area.code).toMatch(/^WK0935/);
    for (const member of resident.household.members) expect(member.id).not.toBe(hit.id);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/api/residents/00000000-0000-4000-8000-000000000000', headers: { cookie: kcc } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Inwoner is niet gevonden.' });
    const malformed = await t.app.inject({ method: 'GET', url: '/api/residents/abc', headers: { cookie: kcc } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fields).toEqual([{ field: 'id', message: 'Inwoner is geen geldig id' }]);
  });
});

describe('POST /api/residents', () => {
  it('registers a resident, normalising postcode and house letter', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/residents', headers: { cookie: kcc }, payload: validResident });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      bsn: '999995844',
      fullName: 'Maria van der Testpersoon',
      address: { postcode: '6211 CV', houseLetter: 'A', houseNumber: 12 },
      area: { code: 'WK093500', name: 'Centrum' },
      household: { members: [] },
    });
    const again = await t.app.inject({ method: 'POST', url: '/api/residents', headers: { cookie: kcc }, payload: validResident });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual([{ field: 'bsn', message: 'Dit BSN is al geregistreerd.' }]);
  });

  it('adds a resident to an existing household', async () => {
    const first = (await search(kcc, 'Testpersoon')).json().items[0];
    const detail = (await t.app.inject({ method: 'GET', url: `/api/residents/${first.id}`, headers: { cookie: kcc } })).json();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: { cookie: kcc },
      payload: { ...validResident, bsn: '000000012', givenName: 'Jan', gender: 'M', householdId: detail.household.id },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().household.members).toEqual([{ id: first.id, fullName: 'Maria van der Testpersoon', birthDate: '1948-05-17' }]);
  });

  it('answers 400 with a clear Dutch message per field and stores nothing', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: { cookie: kcc },
      payload: { ...validResident, bsn: '123456789', birthDate: '2023-02-30', postcode: '0123 AB', houseNumber: 0, gender: 'Q' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual(
      expect.arrayContaining([
        { field: 'bsn', message: 'Dit BSN is ongeldig: het voldoet niet aan de elfproef.' },
        { field: 'birthDate', message: 'Deze geboortedatum bestaat niet.' },
        { field: 'postcode', message: 'De postcode heeft de vorm 1234 AB.' },
        { field: 'houseNumber', message: 'Het huisnummer is minimaal 1.' },
        { field: 'gender', message: 'Kies een geslacht: M, V of X.' },
      ]),
    );
    const stored = await withTenant(t.database.db, 'GM0935', (tx) => tx.selectFrom('residents').select('id').where('family_name', '=', 'Testpersoon').execute());
    expect(stored).toHaveLength(2);
  });

  it('rejects an area of another municipality', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: { cookie: kcc },
      payload: { ...validResident, bsn: '000000024', areaCode: 'WK190300' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ field: 'areaCode', message: 'Dit gebied bestaat niet in deze gemeente.' }]);
  });
});

describe('access control on every resident endpoint', () => {
  const endpoints = [
    { method: 'GET', url: '/api/residents?q=jansen' },
    { method: 'POST', url: '/api/residents/search', payload: { q: 'jansen' } },
    { method: 'GET', url: '/api/residents/00000000-0000-4000-8000-000000000000' },
    { method: 'POST', url: '/api/residents', payload: validResident },
  ] as const;

  it.each(endpoints)('$method $url: 401 without a session', async (endpoint) => {
    const response = await t.app.inject({ ...endpoint });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it.each(endpoints)('$method $url: 403 for roles without access to personal data', async (endpoint) => {
    for (const username of ['beleid', 'financien', 'budgethouder', 'controller', 'beheerder', 'auditor']) {
      const { cookie } = await t.login(username);
      const response = await t.app.inject({ ...endpoint, headers: { cookie } });
      expect(response.statusCode, username).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
  });
});
