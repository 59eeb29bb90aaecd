import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { demoUsers } from '../../demo/seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('POST /api/auth/login', () => {
  it.each(['GM0935', 'GM1903'])('logs in every demo user of %s with the roles of their function', async (tenant) => {
    for (const user of demoUsers) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'demo', tenant } });
      expect(response.statusCode, user.username).toBe(200);
      expect(response.json()).toMatchObject({ username: user.username, roles: [...user.roles], tenant });
    }
  });

  it('defaults to Maastricht (GM0935) when no tenant is given', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'beleid', password: 'demo' } });
    expect(response.json()).toMatchObject({ tenant: 'GM0935', tenantName: 'Maastricht' });
  });

  it('sets an httpOnly, SameSite=Strict session cookie', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kcc', password: 'demo' } });
    const cookie = response.cookies.find((c) => c.name === 'koers_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.value).toMatch(/^GM0935\.[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['wrong password', { username: 'kcc', password: 'fout' }],
    ['unknown user', { username: 'niemand', password: 'demo' }],
    ['unknown municipality', { username: 'kcc', password: 'demo', tenant: 'GM9999' }],
  ])('answers 401 for a %s, with the same message', async (_case, payload) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Gebruikersnaam of wachtwoord is onjuist.' });
  });

  it('answers 400 with Dutch messages per field for empty input', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '', tenant: 'Maastricht' } });
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.fields as { field: string; message: string }[];
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'username', message: 'Vul uw gebruikersnaam in.' },
        { field: 'password', message: 'Vul uw wachtwoord in.' },
        { field: 'tenant', message: 'Gemeentecode moet de vorm GM0000 hebben.' },
      ]),
    );
  });

  it('blocks an account after 10 failed attempts, from any address, even with the right password', async () => {
    const attempt = (password: string, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username: 'budgethouder', password, tenant: 'GM1903' } });
    for (let i = 0; i < 10; i += 1) expect((await attempt('geraden', `10.0.0.${i + 1}`)).statusCode).toBe(401);
    const blocked = await attempt('demo', '10.0.1.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toMatchObject({ code: 'RATE_LIMITED', message: 'Te veel mislukte pogingen voor dit account. Probeer het over 15 minuten opnieuw.' });
    // Other accounts are unaffected.
    const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'controller', password: 'demo', tenant: 'GM1903' } });
    expect(other.statusCode).toBe(200);
  });

  it('limits one address to 120 attempts a minute, counted before any password is checked', async () => {
    const statuses: number[] = [];
    // Empty attempts are refused (400) before hashing, which keeps this test fast; they count all the same.
    for (let i = 0; i < 121; i += 1) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.7', payload: {} })).statusCode);
    }
    expect(statuses.slice(0, 120).every((s) => s === 400)).toBe(true);
    expect(statuses[120]).toBe(429);
  });
});

describe('GET /api/me and POST /api/auth/logout', () => {
  it('answers 401 without a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 for a forged or malformed cookie', async () => {
    for (const value of ['GM0935.' + 'A'.repeat(43), 'garbage', 'GM1903.x.y']) {
      const response = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `koers_session=${value}` } });
      expect(response.statusCode).toBe(401);
    }
  });

  it('returns the user with roles and tenant, and forgets the session after logout', async () => {
    const { cookie } = await t.login('teamleider', 'GM1903');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ username: 'teamleider', roles: ['team_lead'], tenant: 'GM1903', tenantName: 'Eijsden-Margraten' });
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('does not let a session of one municipality act in another by editing the cookie', async () => {
    const { cookie } = await t.login('kcc', 'GM0935');
    const swapped = cookie.replace('GM0935.', 'GM1903.');
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: swapped } })).statusCode).toBe(401);
  });
});

describe('authentication comes before validation', () => {
  it('answers 401, not 400, to invalid input without a session (no elfproef oracle for strangers)', async () => {
    const cases = [
      { method: 'GET' as const, url: '/api/residents/abc' },
      { method: 'GET' as const, url: '/api/audit?resident=abc' },
      { method: 'POST' as const, url: '/api/residents', payload: { bsn: '123456789' } },
      { method: 'PATCH' as const, url: '/api/programme/activities/abc', payload: { plannedQuarter: 'x' } },
    ];
    for (const c of cases) expect((await t.app.inject(c)).statusCode, c.url).toBe(401);
  });
});
