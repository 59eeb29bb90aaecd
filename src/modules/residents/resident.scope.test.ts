import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { withTenant } from '../../db/tenancy.js';

// The KCC's first-line relation opens the basic file (identity, address, cases with status and
// deadline, contact person, KCC contacts) and nothing health-related: no decisions, letters,
// allocations or conversations. A consultant or team lead with a relation still sees everything.
let t: TestApp;
let kcc: string;
let teamLead: string;
let residentId: string;
let caseId: string;
let decisionId: string;
let allocationId: string;
let conversationId: string;
let emptyResidentId: string;
let otherTenantResidentId: string;

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const auditOf = async (resident: string) =>
  (await get(`/api/audit?resident=${resident}`, (await t.login('auditor')).cookie)).json().items as { name: string; status: string; attributes?: Record<string, unknown> }[];

beforeAll(async () => {
  t = await createTestApp();
  kcc = (await t.login('kcc')).cookie;
  teamLead = (await t.login('teamleider')).cookie;
  const found = await withTenant(t.database.db, 'GM0935', async (tx) => {
    // A resident with an allocation (so a decision and a case) and a conversation.
    const row = (
      await sql<{ resident_id: string; case_id: string; decision_id: string; allocation_id: string; conversation_id: string }>`
        select a.resident_id, a.case_id, dl.decision_id, a.id as allocation_id, c.id as conversation_id
        from allocations a
        join decision_lines dl on dl.id = a.decision_line_id
        join conversations c on c.resident_id = a.resident_id
        order by a.id limit 1`.execute(tx)
    ).rows[0]!;
    const empty = (
      await sql<{ id: string }>`
        select r.id from residents r
        where not exists (select 1 from allocations a where a.resident_id = r.id)
          and not exists (select 1 from cases c where c.resident_id = r.id)
        order by r.bsn limit 1`.execute(tx)
    ).rows[0]!.id;
    return { ...row, empty };
  });
  residentId = found.resident_id;
  caseId = found.case_id;
  decisionId = found.decision_id;
  allocationId = found.allocation_id;
  conversationId = found.conversation_id;
  emptyResidentId = found.empty;
  otherTenantResidentId = await withTenant(t.database.db, 'GM1903', async (tx) => (await tx.selectFrom('residents').select('id').orderBy('bsn').executeTakeFirstOrThrow()).id);
});
afterAll(async () => t.close());

const careUrls = () => [
  `/api/cases/${caseId}/decisions`,
  `/api/decisions/${decisionId}`,
  `/api/decisions/${decisionId}/letter.html`,
  `/api/residents/${residentId}/allocations`,
  `/api/residents/${residentId}/conversations`,
  `/api/conversations/${conversationId}`,
  `/api/conversations/${conversationId}/report.html`,
];
const basicUrls = () => [`/api/residents/${residentId}`, `/api/residents/${residentId}/cases`, `/api/cases/${caseId}`, `/api/residents/${residentId}/contact-person`, `/api/residents/${residentId}/contacts`];

describe('KCC first line: basic file only', () => {
  it('answers 403 with a Dutch message on every care sub-resource, and logs the refusal', async () => {
    for (const url of careUrls()) {
      const response = await get(url, kcc);
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.code, url).toBe('FORBIDDEN');
      expect(response.json().error.message, url).toMatch(/[a-z]/);
    }
    const decisions = await get(`/api/cases/${caseId}/decisions`, kcc);
    expect(decisions.json().error.message).toContain('eerste lijn');
    const log = await auditOf(residentId);
    expect(log.some((r) => r.name === 'beschikkingen.raadplegen' && r.status === 'ERROR' && String(r.attributes?.reden).includes('eerste lijn'))).toBe(true);
    expect(log.some((r) => r.name === 'toewijzingen.raadplegen' && r.status === 'ERROR')).toBe(true);
  });

  it('refuses writes on decisions and allocations too', async () => {
    const change = await t.app.inject({ method: 'PATCH', url: `/api/allocations/${allocationId}`, headers: { cookie: kcc }, payload: { from: '2026-01-01', end: true } });
    expect(change.statusCode).toBe(403);
  });

  it('answers 200 on the file, the cases with status and deadline, the contact person and the contacts', async () => {
    for (const url of basicUrls()) expect((await get(url, kcc)).statusCode, url).toBe(200);
    const kase = (await get(`/api/cases/${caseId}`, kcc)).json();
    expect(kase.status).toBeDefined();
    expect(kase.deadlines).toBeDefined();
    expect(kase.careAccess).toBe(false);
    const file = (await get(`/api/residents/${residentId}`, kcc)).json();
    expect(file.access).toMatchObject({ relation: 'first_line', care: false });
  });

  it('does not see the reasons in a case’s events (casework content)', async () => {
    const started = await t.app.inject({ method: 'POST', url: `/api/residents/${residentId}/cases`, headers: { cookie: teamLead }, payload: { caseTypeCode: 'WMO-MAATWERK' } });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id as string;
    const suspended = await t.app.inject({ method: 'POST', url: `/api/cases/${id}/suspensions`, headers: { cookie: teamLead }, payload: { from: started.json().notifiedOn, reason: 'Wacht op medisch advies van de GGD' } });
    expect(suspended.statusCode, suspended.body).toBe(200);
    const forKcc = (await get(`/api/cases/${id}`, kcc)).json();
    expect(forKcc.events.length).toBeGreaterThan(0);
    expect(JSON.stringify(forKcc)).not.toContain('medisch advies');
    const listed = (await get(`/api/residents/${residentId}/cases`, kcc)).json() as unknown[];
    expect(JSON.stringify(listed)).not.toContain('medisch advies');
    const forLead = (await get(`/api/cases/${id}`, teamLead)).json();
    expect(JSON.stringify(forLead)).toContain('medisch advies');
    expect(forLead.careAccess).toBe(true);
  });

  it('opens the care sub-resources with a break-glass grant (logged with its reason)', async () => {
    const granted = await t.app.inject({ method: 'POST', url: `/api/residents/${residentId}/access-grants`, headers: { cookie: kcc }, payload: { reason: 'Spoed: inwoner belt over acuut vervallen zorg' } });
    expect(granted.statusCode).toBe(201);
    expect((await get(`/api/cases/${caseId}/decisions`, kcc)).statusCode).toBe(200);
    expect((await get(`/api/residents/${residentId}/allocations`, kcc)).statusCode).toBe(200);
    expect((await get(`/api/residents/${residentId}`, kcc)).json().access).toMatchObject({ relation: 'break_glass', care: true });
    // Conversations stay closed: the KCC role holds no permission on them at all.
    expect((await get(`/api/residents/${residentId}/conversations`, kcc)).statusCode).toBe(403);
  });

  it('leaves a consultant or team lead with a relation everything', async () => {
    for (const url of [...careUrls(), ...basicUrls()]) expect((await get(url, teamLead)).statusCode, url).toBe(200);
    expect((await get(`/api/residents/${residentId}`, teamLead)).json().access.care).toBe(true);
  });
});

describe('child lists of a resident', () => {
  it('answer 404 under an unknown parent or one of another municipality', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const url of [
      `/api/cases/${unknown}/decisions`,
      `/api/residents/${unknown}/allocations`,
      `/api/residents/${unknown}/conversations`,
      `/api/residents/${unknown}/contacts`,
      `/api/residents/${unknown}/cases`,
      `/api/residents/${unknown}/contact-person`,
      `/api/residents/${otherTenantResidentId}/allocations`,
      `/api/residents/${otherTenantResidentId}/conversations`,
      `/api/residents/${otherTenantResidentId}/contacts`,
    ]) {
      const response = await get(url, teamLead);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code, url).toBe('NOT_FOUND');
    }
  });

  it('audit reading an empty list of decisions or allocations', async () => {
    const allocations = await get(`/api/residents/${emptyResidentId}/allocations`, teamLead);
    expect(allocations.statusCode).toBe(200);
    expect(allocations.json()).toEqual([]);
    const started = await t.app.inject({ method: 'POST', url: `/api/residents/${emptyResidentId}/cases`, headers: { cookie: teamLead }, payload: { caseTypeCode: 'WMO-MAATWERK' } });
    expect(started.statusCode, started.body).toBe(201);
    const decisions = await get(`/api/cases/${started.json().id}/decisions`, teamLead);
    expect(decisions.statusCode).toBe(200);
    expect(decisions.json()).toEqual([]);
    const log = await auditOf(emptyResidentId);
    expect(log.some((r) => r.name === 'toewijzingen.raadplegen' && r.status === 'OK')).toBe(true);
    expect(log.some((r) => r.name === 'beschikkingen.raadplegen' && r.status === 'OK')).toBe(true);
  });
});
