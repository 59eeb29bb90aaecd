import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { demoUsers } from '../../demo/seed.js';
import { buildApp } from '../../app.js';
import { withTenant } from '../../db/tenancy.js';

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

  describe('throttling failed logins', () => {
    const attempt = (app: TestApp['app'], username: string, password: string, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password, tenant: 'GM1903' } });

    it('slows down one address after 5 failures: 429 in Dutch with Retry-After, even with the right password', async () => {
      for (let i = 0; i < 5; i += 1) expect((await attempt(t.app, 'budgethouder', 'geraden', '10.0.0.1')).statusCode).toBe(401);
      const early = await attempt(t.app, 'budgethouder', 'demo', '10.0.0.1');
      expect(early.statusCode).toBe(429);
      expect(early.headers['retry-after']).toBe('1');
      expect(early.json().error).toMatchObject({ code: 'RATE_LIMITED', message: 'Te veel mislukte inlogpogingen. Probeer het over 1 seconde opnieuw.' });
      // After the wait the address may try again; one more failure doubles the wait.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await attempt(t.app, 'budgethouder', 'geraden', '10.0.0.1')).statusCode).toBe(401);
      const later = await attempt(t.app, 'budgethouder', 'demo', '10.0.0.1');
      expect(later.statusCode).toBe(429);
      expect(later.headers['retry-after']).toBe('2');
    });

    it('lets the real user log in from another address after 20 wrong attempts from an attacker at one address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await attempt(t.app, 'controller', 'geraden', '203.0.113.9')).statusCode);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
      expect((await attempt(t.app, 'controller', 'demo', '10.20.30.40')).statusCode).toBe(200);
      // Other accounts from the attacker's address are not affected either.
      expect((await attempt(t.app, 'auditor', 'demo', '203.0.113.9')).statusCode).toBe(200);
    });

    it('resets the count for an account and address after a successful login', async () => {
      for (let i = 0; i < 4; i += 1) expect((await attempt(t.app, 'financien', 'geraden', '10.0.0.7')).statusCode).toBe(401);
      expect((await attempt(t.app, 'financien', 'demo', '10.0.0.7')).statusCode).toBe(200);
      for (let i = 0; i < 4; i += 1) expect((await attempt(t.app, 'financien', 'geraden', '10.0.0.7')).statusCode).toBe(401);
      expect((await attempt(t.app, 'financien', 'demo', '10.0.0.7')).statusCode).toBe(200);
    });

    it('keeps its state in the database: a second server process on the same database sees the failures', async () => {
      const second = await buildApp({ config: t.config, database: t.database, webRoot: null });
      await second.ready();
      try {
        for (let i = 0; i < 5; i += 1) expect((await attempt(t.app, 'kcc', 'geraden', '198.51.100.5')).statusCode).toBe(401);
        const elsewhere = await attempt(second, 'kcc', 'demo', '198.51.100.5');
        expect(elsewhere.statusCode).toBe(429);
        expect(elsewhere.headers['retry-after']).toBe('1');
      } finally {
        await second.close();
      }
    });
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

describe('idle staff sessions', () => {
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  const sessionsOf = (username: string) =>
    withTenant(t.database.db, 'GM1903', (tx) =>
      tx
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.token_hash', 'sessions.last_seen_at'])
        .where('users.username', '=', username)
        .execute(),
    );
  const setLastSeen = (username: string, lastSeen: Date) =>
    withTenant(t.database.db, 'GM1903', async (tx) => {
      for (const s of await tx.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').select('token_hash').where('users.username', '=', username).execute()) {
        await tx.updateTable('sessions').set({ last_seen_at: lastSeen }).where('token_hash', '=', s.token_hash).execute();
      }
    });

  // Earlier tests logged every demo user in: start each test with this user's own session only.
  const clearSessions = async (username: string) => {
    const tokens = (await sessionsOf(username)).map((s) => s.token_hash);
    if (tokens.length > 0) await withTenant(t.database.db, 'GM1903', (tx) => tx.deleteFrom('sessions').where('token_hash', 'in', tokens).execute());
  };

  it('refuses a session unused for longer than the idle time (30 minutes), with a Dutch message', async () => {
    await clearSessions('programmamanager');
    const { cookie } = await t.login('programmamanager', 'GM1903');
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    await setLastSeen('programmamanager', minutesAgo(31));
    const idle = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(idle.statusCode).toBe(401);
    expect(idle.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Uw sessie is verlopen door inactiviteit. Log opnieuw in.' });
    // The session is gone for good, even if it is used again at once.
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect(await sessionsOf('programmamanager')).toEqual([]);
  });

  it('extends a session on use, writing its last use at most once a minute', async () => {
    await clearSessions('wethouder');
    const { cookie } = await t.login('wethouder', 'GM1903');
    await setLastSeen('wethouder', minutesAgo(29));
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    const [touched] = await sessionsOf('wethouder');
    expect(Date.now() - new Date(touched!.last_seen_at).getTime()).toBeLessThan(10_000);
    // Used again within the minute: no write.
    const thirtySecondsAgo = new Date(Date.now() - 30_000);
    await setLastSeen('wethouder', thirtySecondsAgo);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    expect(new Date((await sessionsOf('wethouder'))[0]!.last_seen_at).getTime()).toBe(thirtySecondsAgo.getTime());
    // Two minutes later: written again, so 29 further idle minutes stay allowed.
    await setLastSeen('wethouder', minutesAgo(2));
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    expect(Date.now() - new Date((await sessionsOf('wethouder'))[0]!.last_seen_at).getTime()).toBeLessThan(10_000);
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
