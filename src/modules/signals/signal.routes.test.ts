import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { withTenant } from '../../db/tenancy.js';
import { TENANT } from './signal.test-support.js';
import { auditLogregels } from '../../platform/audit/audit.repository.js';

let t: TestApp;
let consulent: string;
let teamleider: string;
let beheerder: string;
let consulentId: string;

const call = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

interface Item {
  id: string;
  rule: { id: string; severity: string };
  status: string;
  resident: { id: string; name: string; related: boolean } | null;
  area: { code: string } | null;
  assignee: { team: { id: string } | null; user: { id: string } | null };
  dueOn: string;
}

beforeAll(async () => {
  t = await createTestApp();
  consulent = (await t.login('consulent')).cookie;
  teamleider = (await t.login('teamleider')).cookie;
  beheerder = (await t.login('beheerder')).cookie;
  const ids = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('users').select(['id', 'username']).where('username', '=', 'consulent').execute());
  consulentId = ids.find((u) => u.username === 'consulent')!.id;
});
afterAll(async () => t.close());

describe('on-demand run', () => {
  it('lets the functional administrator evaluate all rules, and refuses unknown rules', async () => {
    const run = await call('POST', '/api/signals/run', beheerder, {});
    expect(run.statusCode).toBe(200);
    const body = run.json() as { rules: { ruleId: string; opened: number }[] };
    expect(body.rules).toHaveLength(14);
    expect(body.rules.reduce((n, r) => n + r.opened, 0)).toBeGreaterThan(5);
    const again = (await call('POST', '/api/signals/run', beheerder, { rules: ['zaak-termijn'] })).json() as { rules: { opened: number }[] };
    expect(again.rules).toEqual([expect.objectContaining({ ruleId: 'zaak-termijn', opened: 0 })]);
    const bad = await call('POST', '/api/signals/run', beheerder, { rules: ['bestaat-niet'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ field: 'rules', message: 'Onbekende regel: bestaat-niet.' }]);
  });
});

describe('worklists', () => {
  it('shows a team worklist with counts per rule and filters on rule, severity, area, status and due date', async () => {
    const teams = (await call('GET', '/api/signals/teams', teamleider)).json() as { id: string; name: string; open: number }[];
    const team = teams.find((x) => x.open > 0)!;
    expect(team).toBeDefined();
    const list = await call('GET', `/api/signals?scope=team&teamId=${team.id}&limit=200`, teamleider);
    expect(list.statusCode).toBe(200);
    const body = list.json() as { items: Item[]; total: number; countsPerRule: { rule: { id: string }; count: number }[] };
    expect(body.total).toBe(team.open);
    expect(body.countsPerRule.reduce((n, c) => n + c.count, 0)).toBe(body.total);
    expect(body.items.every((i) => i.assignee.team?.id === team.id)).toBe(true);
    const rule = body.countsPerRule[0]!;
    const byRule = (await call('GET', `/api/signals?scope=team&teamId=${team.id}&rule=${rule.rule.id}`, teamleider)).json() as { items: Item[]; total: number; countsPerRule: unknown[] };
    expect(byRule.total).toBe(rule.count);
    expect(byRule.items.every((i) => i.rule.id === rule.rule.id)).toBe(true);
    // The counts per rule ignore the rule filter, so the list can switch between rules.
    expect(byRule.countsPerRule).toEqual(body.countsPerRule);
    const severity = body.items[0]!.rule.severity;
    const bySeverity = (await call('GET', `/api/signals?scope=team&teamId=${team.id}&severity=${severity}&limit=200`, teamleider)).json() as { items: Item[] };
    expect(bySeverity.items.length).toBe(body.items.filter((i) => i.rule.severity === severity).length);
    const area = body.items.find((i) => i.area)!.area!.code;
    const byArea = (await call('GET', `/api/signals?scope=team&teamId=${team.id}&area=${area}&limit=200`, teamleider)).json() as { items: Item[] };
    expect(byArea.items.length).toBe(body.items.filter((i) => i.area?.code === area).length);
    const week = (await call('GET', `/api/signals?scope=team&teamId=${team.id}&due=week&limit=200`, teamleider)).json() as { items: Item[] };
    expect(week.items.length).toBeGreaterThan(0);
    const closed = (await call('GET', `/api/signals?scope=team&teamId=${team.id}&status=opgelost`, teamleider)).json() as { total: number };
    expect(closed.total).toBe(0);
    const invalid = await call('GET', `/api/signals?scope=team&severity=enorm&due=morgen`, teamleider);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fields).toEqual(
      expect.arrayContaining([
        { field: 'severity', message: 'Kies laag, middel, hoog of kritiek.' },
        { field: 'due', message: 'Kies verlopen, vandaag of week.' },
      ]),
    );
    // A team the employee is not in is not theirs to see.
    const consultantTeams = (await call('GET', '/api/signals/teams', consulent)).json() as { id: string }[];
    const foreign = teams.find((x) => !consultantTeams.some((c) => c.id === x.id))!;
    expect((await call('GET', `/api/signals?scope=team&teamId=${foreign.id}`, consulent)).statusCode).toBe(403);
  });

  it('bulk-assigns to an employee, shows names only with a relation, and audits every view', async () => {
    const teams = (await call('GET', '/api/signals/teams', teamleider)).json() as { id: string; open: number }[];
    const consultantTeams = (await call('GET', '/api/signals/teams', consulent)).json() as { id: string }[];
    // Signals of the teams the consultant is not in, about a resident and not the consultant's already.
    const items: Item[] = [];
    for (const team of teams.filter((x) => x.open > 0 && !consultantTeams.some((c) => c.id === x.id))) {
      const list = ((await call('GET', `/api/signals?scope=team&teamId=${team.id}&limit=200`, teamleider)).json() as { items: Item[] }).items;
      items.push(...list.filter((i) => i.resident && i.rule.id !== 'zaak-termijn' && i.assignee.user?.id !== consulentId));
    }
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((i) => i.resident!.related && i.resident!.name !== 'inwoner (geen relatie)')).toBe(true);
    const picked = items.slice(0, 2);
    const assign = await call('POST', '/api/signals/assign', teamleider, { ids: picked.map((i) => i.id), userId: consulentId });
    expect(assign.statusCode).toBe(200);
    expect(assign.json()).toEqual({ assigned: 2 });
    const mine = (await call('GET', '/api/signals?scope=mine&limit=200', consulent)).json() as { items: Item[] };
    const assigned = mine.items.filter((i) => picked.some((p) => p.id === i.id));
    expect(assigned).toHaveLength(2);
    for (const a of assigned) expect(a.resident).toMatchObject({ name: 'inwoner (geen relatie)', related: false });
    // Assigning a person keeps the signal on its team's list.
    for (const a of assigned) expect(a.assignee.team?.id).toBe(picked.find((p) => p.id === a.id)!.assignee.team?.id);
    const audit = await withTenant(t.database.db, TENANT, (tx) =>
      tx.selectFrom(auditLogregels(tx)).select(['a.data_subject_id', 'a.actor_username']).where('a.name', '=', 'signalen.raadplegen').where('a.actor_username', '=', 'consulent').execute(),
    );
    for (const a of assigned) expect(audit.map((r) => r.data_subject_id)).toContain(a.resident!.id);

    const noTarget = await call('POST', '/api/signals/assign', teamleider, { ids: [picked[0]!.id] });
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().error.fields).toEqual([{ field: 'userId', message: 'Kies een medewerker of een team.' }]);
    const notStaff = await call('POST', '/api/signals/assign', teamleider, { ids: [picked[0]!.id], userId: (await beheerderId()) });
    expect(notStaff.json().error.fields).toEqual([{ field: 'userId', message: 'Alleen een consulent of teamleider kan een signaal oppakken.' }]);
  });

  it('picks up, marks handled with a note and onterecht with a reason, with the history', async () => {
    const mine = (await call('GET', '/api/signals?scope=mine&limit=200', consulent)).json() as { items: Item[] };
    const [first, second] = mine.items;
    const picked = await call('POST', `/api/signals/${first!.id}/pick-up`, consulent);
    expect(picked.statusCode).toBe(200);
    expect(picked.json()).toMatchObject({ status: 'in_behandeling', assignee: { user: { id: consulentId } } });
    const tooShort = await call('POST', `/api/signals/${first!.id}/handle`, consulent, { note: 'x' });
    expect(tooShort.json().error.fields).toEqual([{ field: 'note', message: 'Schrijf kort wat er gedaan is (minstens 3 tekens).' }]);
    const handled = await call('POST', `/api/signals/${first!.id}/handle`, consulent, { note: 'Inwoner gebeld en afspraak gemaakt' });
    expect(handled.statusCode).toBe(200);
    const detail = handled.json() as { status: string; closedNote: string; history: { kind: string; toStatus: string | null; actor: string | null }[]; suggestedAction: string };
    expect(detail).toMatchObject({ status: 'afgehandeld', closedNote: 'Inwoner gebeld en afspraak gemaakt' });
    expect(detail.suggestedAction.length).toBeGreaterThan(10);
    expect(detail.history.map((h) => h.kind)).toEqual(expect.arrayContaining(['geopend', 'status']));
    expect(detail.history.at(-1)).toMatchObject({ kind: 'status', toStatus: 'afgehandeld', actor: 'Bram Hermans (consulent Wmo)' });
    expect((await call('POST', `/api/signals/${first!.id}/handle`, consulent, { note: 'nogmaals' })).statusCode).toBe(409);
    const rejected = await call('POST', `/api/signals/${second!.id}/reject`, consulent, { reason: 'Termijn is al verdaagd per brief' });
    expect(rejected.json()).toMatchObject({ status: 'onterecht', closedNote: 'Termijn is al verdaagd per brief' });
    const handledList = (await call('GET', '/api/signals?scope=mine&status=afgehandeld', consulent)).json() as { items: Item[] };
    expect(handledList.items.map((i) => i.id)).toContain(first!.id);
  });

  it('exports the worklist as CSV with the same filters', async () => {
    const response = await call('GET', '/api/signals/export.csv?scope=mine&status=open', consulent);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('signaal;regel;ernst;status;inwoner;gebied;uiterlijk;geopend;team;medewerker;feiten');
    const open = (await call('GET', '/api/signals?scope=mine&limit=200', consulent)).json() as { total: number };
    expect(lines.length - 1).toBe(open.total);
  });

  it('hides a signal the employee has nothing to do with (404)', async () => {
    const teams = (await call('GET', '/api/signals/teams', teamleider)).json() as { id: string; open: number }[];
    const consultantTeams = (await call('GET', '/api/signals/teams', consulent)).json() as { id: string }[];
    const items: Item[] = [];
    for (const team of teams.filter((x) => x.open > 0 && !consultantTeams.some((c) => c.id === x.id))) {
      items.push(...((await call('GET', `/api/signals?scope=team&teamId=${team.id}&limit=200`, teamleider)).json() as { items: Item[] }).items);
    }
    const other = items.find((i) => i.assignee.user?.id !== consulentId)!;
    expect((await call('GET', `/api/signals/${other.id}`, consulent)).statusCode).toBe(404);
    expect((await call('GET', `/api/signals/${other.id}`, teamleider)).statusCode).toBe(200);
  });
});

async function beheerderId(): Promise<string> {
  return withTenant(t.database.db, TENANT, async (tx) => (await tx.selectFrom('users').select('id').where('username', '=', 'beheerder').executeTakeFirstOrThrow()).id);
}

describe('access', () => {
  it('answers 401 without a session and 403 for roles without the permission on every endpoint', async () => {
    const { cookie: beleid } = await t.login('beleid');
    const id = '00000000-0000-4000-8000-000000000000';
    const endpoints: ['GET' | 'POST', string, object | undefined, string][] = [
      ['GET', '/api/signals', undefined, beleid],
      ['GET', '/api/signals/export.csv', undefined, beleid],
      ['GET', '/api/signals/rules', undefined, beleid],
      ['GET', '/api/signals/teams', undefined, beleid],
      ['GET', `/api/signals/${id}`, undefined, beleid],
      ['POST', '/api/signals/assign', { ids: [id], userId: id }, beheerder],
      ['POST', `/api/signals/${id}/pick-up`, undefined, beheerder],
      ['POST', `/api/signals/${id}/handle`, { note: 'klaar' }, beheerder],
      ['POST', `/api/signals/${id}/reject`, { reason: 'onterecht want' }, beheerder],
      ['POST', '/api/signals/run', {}, consulent],
    ];
    for (const [method, url, payload, wrongRole] of endpoints) {
      expect((await t.app.inject({ method, url, ...(payload ? { payload } : {}) })).statusCode, url).toBe(401);
      expect((await call(method, url, wrongRole, payload)).statusCode, url).toBe(403);
    }
    // The worklists are casework: the administrator runs the rules but does not see the lists.
    expect((await call('GET', '/api/signals', beheerder)).statusCode).toBe(403);
    expect((await call('GET', '/api/signals/rules', consulent)).statusCode).toBe(200);
  });
});
