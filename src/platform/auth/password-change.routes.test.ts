import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaff, type Staff } from '../../../test/support/factories.js';

let t: TestApp;
let admin: Staff;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createStaff(t, { roles: ['admin'] });
});
afterAll(async () => t.close());

const unique = () => Math.random().toString(36).slice(2, 8);
const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, tenant: 'GM0935' } });
const cookieOf = (response: Awaited<ReturnType<typeof login>>) => {
  const c = response.cookies.find((x) => x.name === 'koers_session')!;
  return `${c.name}=${c.value}`;
};
const change = (cookie: string | undefined, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password', payload, ...(cookie ? { headers: { cookie } } : {}) });
const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

/** A new consultant as Beheer creates one: signed in with the one-time password. */
async function newEmployee() {
  const username = `wachtwoord-${unique()}`;
  const created = await t.app.inject({ method: 'POST', url: '/api/admin/users', headers: { cookie: admin.cookie }, payload: { username, displayName: 'Wendy Wachtwoord', roles: ['consultant'] } });
  expect(created.statusCode).toBe(201);
  const { user, oneTimePassword } = created.json() as { user: { id: string }; oneTimePassword: string };
  const session = await login(username, oneTimePassword);
  expect(session.statusCode).toBe(200);
  expect(session.json().mustChangePassword).toBe(true);
  return { id: user.id, username, oneTimePassword, cookie: cookieOf(session) };
}

describe('POST /api/auth/password', () => {
  it('401 without a session', async () => {
    const response = await change(undefined, { currentPassword: 'x', newPassword: 'een-lang-wachtwoord' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('with the one-time password only /api/me, the change and logout are allowed; after the change everything is', async () => {
    const employee = await newEmployee();
    const me = await get('/api/me', employee.cookie);
    expect(me.statusCode).toBe(200);
    expect(me.json().mustChangePassword).toBe(true);
    for (const url of ['/api/cases/mine', '/api/admin/users', '/api/tenants']) {
      const refused = await get(url, employee.cookie);
      expect({ url, status: refused.statusCode }).toEqual({ url, status: 403 });
      expect(refused.json().error).toMatchObject({
        code: 'PASSWORD_CHANGE_REQUIRED',
        message: 'Kies eerst een eigen wachtwoord: het tijdelijke wachtwoord van de beheerder is alleen om in te loggen.',
      });
    }
    const refusedWrite = await t.app.inject({ method: 'POST', url: '/api/residents/search', headers: { cookie: employee.cookie }, payload: {} });
    expect(refusedWrite.statusCode).toBe(403);

    const changed = await change(employee.cookie, { currentPassword: employee.oneTimePassword, newPassword: 'mijn eigen wachtwoord 2026' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ username: employee.username, mustChangePassword: false });
    expect((await get('/api/me', employee.cookie)).json().mustChangePassword).toBe(false);
    expect((await get('/api/cases/mine', employee.cookie)).statusCode).toBe(200);

    expect((await login(employee.username, employee.oneTimePassword)).statusCode).toBe(401);
    const again = await login(employee.username, 'mijn eigen wachtwoord 2026');
    expect(again.statusCode).toBe(200);
    expect(again.json().mustChangePassword).toBe(false);
  });

  it('a new one-time password from Beheer sets the flag again', async () => {
    const employee = await newEmployee();
    await change(employee.cookie, { currentPassword: employee.oneTimePassword, newPassword: 'eerste eigen wachtwoord' });
    const reset = await t.app.inject({ method: 'POST', url: `/api/admin/users/${employee.id}/password`, headers: { cookie: admin.cookie } });
    const session = await login(employee.username, reset.json().oneTimePassword as string);
    expect(session.json().mustChangePassword).toBe(true);
    expect((await get('/api/cases/mine', cookieOf(session))).statusCode).toBe(403);
  });

  it('ends the other sessions of the account and keeps this one', async () => {
    const employee = await newEmployee();
    const other = cookieOf(await login(employee.username, employee.oneTimePassword));
    const colleague = await createStaff(t, { roles: ['consultant'] });
    expect((await change(employee.cookie, { currentPassword: employee.oneTimePassword, newPassword: 'een heel ander wachtwoord' })).statusCode).toBe(200);
    expect((await get('/api/me', other)).statusCode).toBe(401);
    expect((await get('/api/me', employee.cookie)).statusCode).toBe(200);
    expect((await get('/api/me', colleague.cookie)).statusCode).toBe(200);
  });

  it('400 for a wrong current password, with the message next to the field; the password stays', async () => {
    const employee = await newEmployee();
    const response = await change(employee.cookie, { currentPassword: 'niet-het-goede', newPassword: 'een-lang-wachtwoord' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ field: 'currentPassword', message: 'Het huidige wachtwoord is onjuist.' }]);
    expect((await get('/api/me', employee.cookie)).json().mustChangePassword).toBe(true);
    expect((await login(employee.username, employee.oneTimePassword)).statusCode).toBe(200);
  });

  it.each([
    ['too short', 'kort-123', 'Kies een wachtwoord van minstens 12 tekens.'],
    ['all the same character', 'aaaaaaaaaaaaaa', 'Dit wachtwoord is te makkelijk te raden. Gebruik meer verschillende tekens.'],
    ['empty', '', 'Vul een nieuw wachtwoord in.'],
  ])('400 for a new password that is %s', async (_case, newPassword, message) => {
    const employee = await newEmployee();
    const response = await change(employee.cookie, { currentPassword: employee.oneTimePassword, newPassword });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'newPassword', message }] });
    expect((await get('/api/me', employee.cookie)).json().mustChangePassword).toBe(true);
  });

  it('400 for a new password equal to the current one', async () => {
    const employee = await newEmployee();
    const response = await change(employee.cookie, { currentPassword: employee.oneTimePassword, newPassword: employee.oneTimePassword });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ field: 'newPassword', message: 'Het nieuwe wachtwoord is hetzelfde als het huidige. Kies een ander wachtwoord.' }]);
  });

  it('is open to every signed-in employee, also without a one-time password', async () => {
    const staff = await createStaff(t, { roles: ['kcc'] });
    expect((await get('/api/me', staff.cookie)).json().mustChangePassword).toBe(false);
    const response = await change(staff.cookie, { currentPassword: 'test-wachtwoord', newPassword: 'kcc-wachtwoord-nieuw' });
    expect(response.statusCode).toBe(200);
    expect((await login(staff.username, 'kcc-wachtwoord-nieuw')).statusCode).toBe(200);
  });

  it('slows down after repeated wrong current passwords, like the login (429)', async () => {
    const employee = await newEmployee();
    let last = 0;
    for (let i = 0; i < 6; i += 1) last = (await change(employee.cookie, { currentPassword: `fout-${i}`, newPassword: 'een-lang-wachtwoord' })).statusCode;
    expect(last).toBe(429);
  });
});
