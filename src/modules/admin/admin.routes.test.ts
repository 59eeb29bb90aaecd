import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaff, type Staff } from '../../../test/support/factories.js';

let t: TestApp;
let admin: Staff;
let consultant: Staff;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createStaff(t, { roles: ['admin'] });
  consultant = await createStaff(t, { roles: ['consultant'] });
});
afterAll(async () => t.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
const call = (method: Method, url: string, payload?: unknown, cookie = admin.cookie) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, tenant: 'GM0935' } });
const changes = async (section: string) => (await call('GET', `/api/admin/changes?section=${section}`)).json() as { subject: string; action: string; before: unknown; after: unknown; changedBy: { id: string } }[];
const unique = () => Math.random().toString(36).slice(2, 8);

describe('beheer: only for the administrator', () => {
  it.each(['/api/admin/users', '/api/admin/teams', '/api/admin/settings', '/api/admin/case-types', '/api/admin/budget-lines?year=2026', '/api/admin/changes'])('GET %s: 403 for a consultant, 401 without a session, 200 for beheer', async (url) => {
    expect((await call('GET', url, undefined, consultant.cookie)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await call('GET', url)).statusCode).toBe(200);
  });

  it('refuses a consultant who tries to change the four-eyes threshold', async () => {
    const response = await call('PUT', '/api/admin/settings', { approvalThresholdCents: 1 }, consultant.cookie);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });
});

describe('medewerkers', () => {
  it('creates an employee with a one-time password that logs in; deactivating ends the session and the login', async () => {
    const teams = (await call('GET', '/api/admin/teams')).json() as { teams: { id: string; name: string }[] };
    const team = teams.teams[0]!;
    const username = `nieuw-${unique()}`;
    const created = await call('POST', '/api/admin/users', { username: ` ${username.toUpperCase()} `, displayName: 'Nina Nieuw', jobTitle: 'Consulent Wmo', roles: ['consultant'], teamId: team.id });
    expect(created.statusCode).toBe(201);
    const { user, oneTimePassword } = created.json() as { user: { id: string; username: string; jobTitle: string; team: { id: string } | null; active: boolean }; oneTimePassword: string };
    expect(user).toMatchObject({ username, jobTitle: 'Consulent Wmo', team: { id: team.id }, active: true });
    expect(oneTimePassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);

    const session = await login(username, oneTimePassword);
    expect(session.statusCode).toBe(200);
    const cookie = session.cookies.find((c) => c.name === 'koers_session')!;
    const me = () => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `${cookie.name}=${cookie.value}` } });
    expect((await me()).statusCode).toBe(200);
    expect((await me()).json().mustChangePassword).toBe(true);

    const list = (await call('GET', '/api/admin/users')).json() as { id: string }[];
    expect(list.map((u) => u.id)).toContain(user.id);

    const deactivated = await call('POST', `/api/admin/users/${user.id}/deactivate`);
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json().active).toBe(false);
    expect((await me()).statusCode).toBe(401);
    expect((await login(username, oneTimePassword)).statusCode).toBe(401);

    expect((await call('POST', `/api/admin/users/${user.id}/reactivate`)).json().active).toBe(true);
    expect((await login(username, oneTimePassword)).statusCode).toBe(200);

    const reset = await call('POST', `/api/admin/users/${user.id}/password`);
    expect(reset.statusCode).toBe(200);
    const fresh = reset.json().oneTimePassword as string;
    expect(fresh).not.toBe(oneTimePassword);
    expect((await login(username, oneTimePassword)).statusCode).toBe(401);
    expect((await login(username, fresh)).statusCode).toBe(200);

    const log = await changes('users');
    const mine = log.filter((c) => c.subject === `Nina Nieuw (${username})`);
    expect(mine.map((c) => c.action)).toEqual([
      expect.stringMatching(/^Wachtwoord opnieuw ingesteld/),
      'Account weer actief gemaakt.',
      'Account uitgeschakeld; 1 sessie beëindigd.',
      `Medewerker aangemaakt met rollen Consulent in team ${team.name}; eenmalig wachtwoord uitgegeven.`,
    ]);
    expect(mine.every((c) => c.changedBy.id === admin.id)).toBe(true);
    expect(mine[2]).toMatchObject({ before: { active: true }, after: { active: false } });
    expect(JSON.stringify(log)).not.toContain(oneTimePassword);
  });

  it('changes roles, job title and team, and logs the before and after values', async () => {
    const { user } = (await call('POST', '/api/admin/users', { username: `wissel-${unique()}`, displayName: 'Wim Wissel', roles: ['kcc'] })).json() as { user: { id: string } };
    const response = await call('PATCH', `/api/admin/users/${user.id}`, { roles: ['consultant', 'team_lead'], jobTitle: 'Teamleider Noord' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ roles: ['consultant', 'team_lead'], jobTitle: 'Teamleider Noord', team: null });
    const [last] = await changes('users');
    expect(last).toMatchObject({ before: { jobTitle: '', roles: ['kcc'] }, after: { jobTitle: 'Teamleider Noord', roles: ['consultant', 'team_lead'] } });
  });

  it('answers 400 with Dutch messages for a bad username, no roles or an unknown role', async () => {
    const response = await call('POST', '/api/admin/users', { username: 'a b', displayName: 'X', roles: ['superuser'] });
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.fields as { field: string; message: string }[];
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'username', message: expect.stringContaining('Een gebruikersnaam heeft 2 tot 64 tekens') },
        { field: 'displayName', message: 'Vul de naam in (minstens 2 tekens).' },
        { field: 'roles.0', message: 'Kies een bestaande rol.' },
      ]),
    );
    expect((await call('POST', '/api/admin/users', { username: 'geen-rol', displayName: 'Geen Rol', roles: [] })).json().error.fields).toEqual([{ field: 'roles', message: 'Kies minstens één rol.' }]);
    expect((await call('POST', '/api/admin/users', { username: 'onbekend-team', displayName: 'Team Loos', roles: ['kcc'], teamId: '00000000-0000-4000-8000-000000000000' })).json().error.fields).toEqual([{ field: 'teamId', message: 'Kies een bestaand team.' }]);
  });

  it('answers 409 for a username in use and 404 for an unknown employee', async () => {
    const taken = await call('POST', '/api/admin/users', { username: admin.username, displayName: 'Dubbel', roles: ['kcc'] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toContain('is al in gebruik');
    const unknown = await call('POST', '/api/admin/users/00000000-0000-4000-8000-000000000000/deactivate');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('De medewerker is niet gevonden.');
  });

  it('never deactivates the administrator themselves, nor the last active administrator', async () => {
    const self = await call('POST', `/api/admin/users/${admin.id}/deactivate`);
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toBe('U kunt uw eigen account niet uitschakelen.');

    const other = await createStaff(t, { roles: ['admin'] });
    const others = ((await call('GET', '/api/admin/users')).json() as { id: string; roles: string[]; active: boolean }[]).filter((u) => u.active && u.roles.includes('admin') && u.id !== other.id);
    // `other` switches off every other administrator (the demo beheerder and `admin` included) …
    for (const u of others) expect((await call('POST', `/api/admin/users/${u.id}/deactivate`, undefined, other.cookie)).statusCode).toBe(200);
    // … and is then the last one: taking away their own admin role is refused.
    const last = await call('PATCH', `/api/admin/users/${other.id}`, { roles: ['kcc'] }, other.cookie);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.message).toContain('laatste actieve beheerder');
    for (const u of others) expect((await call('POST', `/api/admin/users/${u.id}/reactivate`, undefined, other.cookie)).statusCode).toBe(200);
    admin = { ...admin, cookie: (await relogin(admin)).cookie };
  });
});

async function relogin(staff: Staff): Promise<Staff> {
  const response = await login(staff.username, 'test-wachtwoord');
  const cookie = response.cookies.find((c) => c.name === 'koers_session')!;
  return { ...staff, cookie: `${cookie.name}=${cookie.value}` };
}

describe('sociale teams en wijken', () => {
  it('creates and renames a team and moves an area to it, with the change log', async () => {
    const name = `Wijkteam Test ${unique()}`;
    const created = await call('POST', '/api/admin/teams', { name, kind: 'area_team' });
    expect(created.statusCode).toBe(201);
    const team = created.json() as { id: string };
    expect((await call('POST', '/api/admin/teams', { name: name.toLowerCase() })).statusCode).toBe(409);

    const renamed = await call('PATCH', `/api/admin/teams/${team.id}`, { name: `${name} Oost` });
    expect(renamed.json().name).toBe(`${name} Oost`);

    const overview = (await call('GET', '/api/admin/teams')).json() as { teams: { id: string; name: string; areas: string[] }[]; areas: { code: string }[] };
    const donor = overview.teams.find((x) => x.areas.length > 0)!;
    const area = donor.areas[0]!;
    const moved = await call('PUT', `/api/admin/teams/${team.id}/areas`, { areaCodes: [area] });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().areas).toEqual([area]);
    const after = (await call('GET', '/api/admin/teams')).json() as { teams: { id: string; areas: string[] }[] };
    expect(after.teams.find((x) => x.id === donor.id)!.areas).not.toContain(area);

    const log = await changes('teams');
    expect(log[0]).toMatchObject({ subject: `${name} Oost`, before: { areas: [] }, after: { areas: [area] } });
    expect(log[0]!.action).toContain(`overgenomen van ${donor.name}`);
    expect(log[1]!.action).toBe(`Team hernoemd van ‘${name}’ naar ‘${name} Oost’.`);

    const bad = await call('PUT', `/api/admin/teams/${team.id}/areas`, { areaCodes: ['XX9999'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ field: 'areaCodes', message: 'Deze wijk bestaat niet: XX9999.' }]);
    expect((await call('PATCH', '/api/admin/teams/00000000-0000-4000-8000-000000000000', { name: 'Niemand' })).statusCode).toBe(404);
  });
});

describe('instellingen', () => {
  it('changes the four-eyes threshold in cents and logs it in euros', async () => {
    const before = (await call('GET', '/api/admin/settings')).json() as { approvalThresholdCents: number; allocationChangeStepCents: number };
    const response = await call('PUT', '/api/admin/settings', { approvalThresholdCents: 750_000 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ approvalThresholdCents: 750_000, allocationChangeStepCents: before.allocationChangeStepCents });
    const [last] = await changes('settings');
    expect(last).toMatchObject({ subject: 'Vierogengrens voor beschikkingen', before: { approvalThresholdCents: before.approvalThresholdCents }, after: { approvalThresholdCents: 750_000 } });
    expect(last!.action).toMatch(/naar €\u00a07\.500,00\.$/);
  });

  it('answers 400 in Dutch for a negative or fractional amount', async () => {
    const response = await call('PUT', '/api/admin/settings', { approvalThresholdCents: -1, allocationChangeStepCents: 1.5 });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      { field: 'approvalThresholdCents', message: 'De vierogengrens kan niet negatief zijn.' },
      { field: 'allocationChangeStepCents', message: 'Vul de wijzigingsstap in hele centen in.' },
    ]);
  });
});

describe('zaaktypen', () => {
  it('changes the decision term in weeks and logs it in words', async () => {
    const types = (await call('GET', '/api/admin/case-types')).json() as { code: string; decisionTerm: string; researchTerm: string | null }[];
    const jeugd = types.find((x) => x.code === 'JW-JEUGDHULP')!;
    const response = await call('PUT', '/api/admin/case-types/JW-JEUGDHULP/terms', { decisionTerm: { amount: 6, unit: 'weeks' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().decisionTerm).toBe('P6W');
    const [last] = await changes('case_types');
    expect(last).toMatchObject({ before: { decisionTerm: jeugd.decisionTerm }, after: { decisionTerm: 'P6W' } });
    expect(last!.action).toBe('Gewijzigd: beslistermijn van 8 weken naar 6 weken.');
  });

  it('refuses a term of zero, a research term where the law has none, and an unknown case type', async () => {
    const zero = await call('PUT', '/api/admin/case-types/WMO-MAATWERK/terms', { decisionTerm: { amount: 0, unit: 'days' } });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields).toEqual([{ field: 'decisionTerm.amount', message: 'Een termijn is minstens 1 dag of week.' }]);
    const none = await call('PUT', '/api/admin/case-types/PW-BIJZONDERE-BIJSTAND/terms', { researchTerm: { amount: 2, unit: 'weeks' } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields).toEqual([{ field: 'researchTerm', message: 'Dit zaaktype heeft geen onderzoekstermijn.' }]);
    expect((await call('PUT', '/api/admin/case-types/BESTAAT-NIET/terms', { decisionTerm: { amount: 2, unit: 'weeks' } })).statusCode).toBe(404);
  });
});

describe('kpi-streefwaarden', () => {
  it('lets the administrator set a KPI target on the existing targets page, and logs the change', async () => {
    const targets = (await call('GET', '/api/insights/targets?year=2027')).json() as { kpiId: string; name: string; unit: string; target: number | null }[];
    const kpi = targets.find((x) => x.unit === 'procent')!;
    const response = await call('PUT', `/api/insights/targets/${kpi.kpiId}/2027`, { target: 42.5 });
    expect(response.statusCode).toBe(200);
    const [last] = await changes('kpi_targets');
    expect(last).toMatchObject({ subject: `${kpi.name} (2027)`, before: { target: kpi.target }, after: { target: 42.5 }, changedBy: { id: admin.id } });
    expect(last!.action).toMatch(/naar 42,5 %\.$/);
  });
});

describe('begrotingsposten', () => {
  it('creates a budget line and sets its budget for a year', async () => {
    const code = `9.${Math.floor(Math.random() * 90 + 10)}`;
    const created = await call('POST', '/api/admin/budget-lines', { code, name: 'Proef taakveld', law: 'wmo' });
    expect(created.statusCode).toBe(201);
    expect((await call('POST', '/api/admin/budget-lines', { code, name: 'Nog eens' })).statusCode).toBe(409);
    const set = await call('PUT', `/api/admin/budget-lines/${code}/years/2027`, { budgetCents: 12_345_600 });
    expect(set.statusCode).toBe(200);
    const lines = (await call('GET', '/api/admin/budget-lines?year=2027')).json() as { code: string; budgetCents: number }[];
    expect(lines.find((l) => l.code === code)!.budgetCents).toBe(12_345_600);
    const [last] = await changes('budget_lines');
    expect(last).toMatchObject({ subject: `${code} Proef taakveld`, action: 'Budget 2027 gewijzigd van geen naar €\u00a0123.456,00.', before: { year: 2027, budgetCents: null }, after: { year: 2027, budgetCents: 12_345_600 } });
  });

  it('answers 400 for a negative budget or a year out of range, 404 for an unknown line', async () => {
    const negative = await call('PUT', '/api/admin/budget-lines/6.71/years/2027', { budgetCents: -5 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.fields).toEqual([{ field: 'budgetCents', message: 'Het budget kan niet negatief zijn.' }]);
    expect((await call('PUT', '/api/admin/budget-lines/6.71/years/1999', { budgetCents: 5 })).statusCode).toBe(400);
    expect((await call('PUT', '/api/admin/budget-lines/0.00/years/2027', { budgetCents: 5 })).statusCode).toBe(404);
  });
});
