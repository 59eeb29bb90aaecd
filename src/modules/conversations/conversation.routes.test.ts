import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { withTenant } from '../../db/tenancy.js';
import { areaCodeOf, createResident } from '../../../test/support/factories.js';

let t: TestApp;
let consulent: string;
let consulentEm: string;
let residentId: string;
let otherResidentId: string;
let foreignResidentId: string;

/** A new resident in the area of the consultant's team in `tenant`, made for this file. */
const residentInConsultantArea = async (tenant = 'GM0935'): Promise<string> => (await createResident(t, { tenant, areaCode: await areaCodeOf(t, 'consulent', tenant) })).id;

beforeAll(async () => {
  t = await createTestApp();
  consulent = (await t.login('consulent')).cookie;
  consulentEm = (await t.login('consulent', 'GM1903')).cookie;
  residentId = await residentInConsultantArea();
  otherResidentId = await residentInConsultantArea();
  foreignResidentId = await residentInConsultantArea('GM1903');
});
afterAll(async () => t.close());

const score = (value: number, wantsToTalk = false) => ({ score: value, wantsToTalk });
const validConversation = {
  heldOn: '2026-03-10',
  scores: {
    bodilyFunctions: score(6),
    mentalWellbeing: score(4, true),
    meaningfulness: score(7),
    qualityOfLife: score(5),
    participation: score(3, true),
    dailyFunctioning: score(6),
  },
  ladder: { step: 'network', rationale: 'Dochter kan twee keer per week boodschappen doen; de buurtvereniging heeft een koffieochtend.' },
  agreements: ['Dochter doet dinsdag en vrijdag de boodschappen.', 'Consulent belt over zes weken terug.'],
};

const post = (cookie: string | undefined, id: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/residents/${id}/conversations`, headers: cookie ? { cookie } : {}, payload });
const list = (cookie: string, id: string) => t.app.inject({ method: 'GET', url: `/api/residents/${id}/conversations`, headers: { cookie } });
const getOne = (cookie: string, id: string) => t.app.inject({ method: 'GET', url: `/api/conversations/${id}`, headers: { cookie } });
const report = (cookie: string, id: string) => t.app.inject({ method: 'GET', url: `/api/conversations/${id}/report.html`, headers: { cookie } });

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('POST /api/residents/:residentId/conversations', () => {
  it('records a conversation by the logged-in consultant and answers 201', async () => {
    const response = await post(consulent, residentId, validConversation);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      residentId,
      caseId: null,
      correctsId: null,
      correctedById: null,
      heldOn: '2026-03-10',
      conductedBy: { username: 'consulent', displayName: 'Bram Hermans (consulent Wmo)' },
      scores: validConversation.scores,
      ladder: { step: 'network', stepLabel: 'Netwerk', rationale: validConversation.ladder.rationale },
      agreements: validConversation.agreements,
    });
  });

  it('defaults "wil hierover praten" to no and trims the texts', async () => {
    const scores = Object.fromEntries(Object.keys(validConversation.scores).map((d) => [d, { score: 5 }]));
    const response = await post(consulent, otherResidentId, {
      ...validConversation,
      scores,
      ladder: { step: 'own_strength', rationale: '  Redt het zelf.  ' },
      agreements: [' Evaluatie over drie maanden. '],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().scores.participation).toEqual({ score: 5, wantsToTalk: false });
    expect(response.json().ladder).toEqual({ step: 'own_strength', stepLabel: 'Eigen kracht', rationale: 'Redt het zelf.' });
    expect(response.json().agreements).toEqual(['Evaluatie over drie maanden.']);
  });

  it('answers 400 with a Dutch message per field and stores nothing', async () => {
    const before = (await list(consulent, residentId)).json().items.length;
    const response = await post(consulent, residentId, {
      ...validConversation,
      heldOn: '2099-01-01',
      scores: { ...validConversation.scores, mentalWellbeing: score(11), meaningfulness: score(6.5), qualityOfLife: score(-1) },
      ladder: { step: 'network' },
      agreements: [],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.fields).toEqual(
      expect.arrayContaining([
        { field: 'heldOn', message: 'De gespreksdatum ligt in de toekomst.' },
        { field: 'scores.mentalWellbeing.score', message: 'Het cijfer voor mentaal welbevinden is maximaal 10.' },
        { field: 'scores.meaningfulness.score', message: 'Het cijfer voor zingeving is een heel getal.' },
        { field: 'scores.qualityOfLife.score', message: 'Het cijfer voor kwaliteit van leven is minimaal 0.' },
        { field: 'ladder.rationale', message: 'Vul de onderbouwing van de gekozen trede in.' },
        { field: 'agreements', message: 'Vul minstens één afspraak in.' },
      ]),
    );
    expect((await list(consulent, residentId)).json().items).toHaveLength(before);
  });

  it('rejects an unknown ladder step, a blank rationale, a blank agreement and a missing dimension', async () => {
    const fiveScores = Object.fromEntries(Object.entries(validConversation.scores).filter(([d]) => d !== 'dailyFunctioning'));
    const response = await post(consulent, residentId, {
      ...validConversation,
      scores: fiveScores,
      ladder: { step: 'wmo', rationale: '   ' },
      agreements: ['Boodschappen', '  '],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual(
      expect.arrayContaining([
        { field: 'scores.dailyFunctioning', message: 'Vul het cijfer voor dagelijks functioneren in.' },
        { field: 'ladder.step', message: 'Kies een trede: eigen kracht, netwerk, voorliggend veld of maatwerk.' },
        { field: 'ladder.rationale', message: 'Vul de onderbouwing van de gekozen trede in.' },
        { field: 'agreements.1', message: 'Een afspraak mag niet leeg zijn.' },
      ]),
    );
  });

  it('answers 404 for an unknown resident and for a resident of another municipality', async () => {
    for (const id of [UNKNOWN, foreignResidentId]) {
      const created = await post(consulent, id, validConversation);
      expect(created.statusCode, id).toBe(404);
      expect(created.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Inwoner is niet gevonden.' });
      expect((await list(consulent, id)).statusCode, id).toBe(404);
    }
  });
});

describe('comparison with the previous conversation', () => {
  let january: string;
  let march: string;
  let november: string;
  let resident: string;

  beforeAll(async () => {
    resident = await residentInConsultantArea();
    march = (await post(consulent, resident, { ...validConversation, heldOn: '2026-03-02' })).json().id;
    november = (await post(consulent, resident, { ...validConversation, heldOn: '2026-11-02', scores: { ...validConversation.scores, participation: score(6) } })).json().id;
    // Recorded last, held first: the order is by the date the conversation was held.
    january = (await post(consulent, resident, { ...validConversation, heldOn: '2026-01-12', scores: { ...validConversation.scores, participation: score(2) } })).json().id;
  });

  it('lists the conversations of one resident newest first', async () => {
    const response = await list(consulent, resident);
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((c: { id: string }) => c.id)).toEqual([november, march, january]);
  });

  it('returns a conversation with the previous one held before it', async () => {
    const latest = (await getOne(consulent, november)).json();
    expect(latest.id).toBe(november);
    expect(latest.previous).toMatchObject({ id: march, heldOn: '2026-03-02' });
    expect(latest.scores.participation.score - latest.previous.scores.participation.score).toBe(3);
    expect((await getOne(consulent, march)).json().previous.id).toBe(january);
    expect((await getOne(consulent, january)).json().previous).toBeNull();
  });

  it('corrects by adding a conversation: the correction takes the place of the corrected one', async () => {
    // The date was wrong: the correction holds the right one, and the corrected record drops out of the line.
    const correction = await post(consulent, resident, { ...validConversation, heldOn: '2026-02-20', correctsId: march, agreements: ['Gecorrigeerd: zoon doet de boodschappen.'] });
    expect(correction.statusCode).toBe(201);
    expect(correction.json().correctsId).toBe(march);
    const items = (await list(consulent, resident)).json().items as { id: string; correctedById: string | null }[];
    expect(items).toHaveLength(4);
    expect(items.find((c) => c.id === march)!.correctedById).toBe(correction.json().id);
    expect((await getOne(consulent, november)).json().previous.id).toBe(correction.json().id);

    const again = await post(consulent, resident, { ...validConversation, correctsId: march });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields).toEqual([{ field: 'correctsId', message: 'Dit gesprek is al gecorrigeerd: corrigeer de laatste versie.' }]);
    const otherResident = await post(consulent, residentId, { ...validConversation, correctsId: january });
    expect(otherResident.json().error.fields).toEqual([{ field: 'correctsId', message: 'Dit gesprek bestaat niet bij deze inwoner.' }]);
  });

  it('compares two conversations held on the same day in the order they were recorded', async () => {
    const sameDay = (await post(consulent, resident, { ...validConversation, heldOn: '2026-11-02' })).json().id;
    expect((await getOne(consulent, sameDay)).json().previous.id).toBe(november);
    expect((await getOne(consulent, november)).json().previous.id).not.toBe(sameDay);
  });

  it('never lets the application change or delete a conversation', async () => {
    for (const statement of [sql`update conversations set held_on = '2026-01-01'`, sql`delete from conversations`]) {
      await expect(withTenant(t.database.db, 'GM0935', (tx) => statement.execute(tx))).rejects.toThrow(/permission denied/);
    }
  });

  it('shows a conversation only in its own municipality', async () => {
    const foreign = await getOne(consulentEm, november);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toBe('Gesprek is niet gevonden.');
    expect((await report(consulentEm, november)).statusCode).toBe(404);
    expect((await getOne(consulent, UNKNOWN)).statusCode).toBe(404);
  });

  it('prints a report with the spinnenweb against the previous conversation, the ladder and the agreements', async () => {
    const response = await report(consulent, november);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['cache-control']).toBe('no-store');
    const html = response.body;
    for (const name of ['Lichaamsfuncties', 'Mentaal welbevinden', 'Zingeving', 'Kwaliteit van leven', 'Meedoen', 'Dagelijks functioneren']) {
      expect(html).toContain(name);
    }
    expect(html).toMatch(/<svg[^>]+role="img"/);
    expect(html.match(/<polygon /g)!.length).toBe(5 + 2);
    expect(html).toContain('Vorig gesprek (20-02-2026)');
    expect(html).toContain('Netwerk — gekozen trede');
    expect(html).toContain('Dochter doet dinsdag en vrijdag de boodschappen.');
    expect(html).not.toContain('<script');
  });

  it('escapes every text in the report', async () => {
    const created = await post(consulent, resident, {
      ...validConversation,
      heldOn: '2026-11-03',
      ladder: { step: 'tailored', rationale: '<img src=x onerror=alert(1)>' },
      agreements: ['<script>alert("afspraak")</script>'],
    });
    const html = (await report(consulent, created.json().id)).body;
    expect(html).toContain('&lt;script&gt;alert(&quot;afspraak&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
  });

  it("writes an audit record for every read and write of the resident's conversations", async () => {
    const records = await withTenant(t.database.db, 'GM0935', (tx) =>
      tx
        .selectFrom('audit_log')
        .select(['name', 'processing_activity_id', 'actor_username', 'attributes'])
        .where('data_subject_id', '=', resident)
        .where('processing_activity_id', '=', 'gesprek-ondersteuningsbehoefte')
        .execute(),
    );
    const names = records.map((r) => r.name);
    expect(names.filter((n) => n === 'gesprek.registreren')).toHaveLength(6);
    expect(names).toEqual(expect.arrayContaining(['gesprekken.raadplegen', 'gesprek.raadplegen', 'gespreksverslag.opvragen']));
    for (const r of records) expect(r.actor_username).toBe('consulent');
    // No health data in the log: only ids and counts.
    expect(JSON.stringify(records.map((r) => r.attributes))).not.toMatch(/score|boodschappen/i);

    const { cookie } = await t.login('auditor');
    const audit = await t.app.inject({ method: 'GET', url: `/api/audit?resident=${resident}`, headers: { cookie } });
    const items = audit.json().items as { name: string; processingActivity: { id: string; legalBasis: string } }[];
    const read = items.find((i) => i.name === 'gesprek.raadplegen')!;
    expect(read.processingActivity.id).toBe('gesprek-ondersteuningsbehoefte');
    expect(read.processingActivity.legalBasis).toContain('AVG art. 9 lid 2 sub h');
  });

  it('lets a team lead read the conversations', async () => {
    const { cookie } = await t.login('teamleider');
    expect((await getOne(cookie, november)).statusCode).toBe(200);
    expect((await list(cookie, resident)).statusCode).toBe(200);
  });
});

describe('access control on every conversation endpoint', () => {
  const endpoints = () =>
    [
      { method: 'POST', url: `/api/residents/${residentId}/conversations`, payload: validConversation },
      { method: 'GET', url: `/api/residents/${residentId}/conversations` },
      { method: 'GET', url: `/api/conversations/${UNKNOWN}` },
      { method: 'GET', url: `/api/conversations/${UNKNOWN}/report.html` },
    ] as const;

  it('answers 401 without a session', async () => {
    for (const endpoint of endpoints()) {
      const response = await t.app.inject({ ...endpoint });
      expect(response.statusCode, `${endpoint.method} ${endpoint.url}`).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 to roles without access to health data, the KCC included', async () => {
    for (const username of ['kcc', 'beleid', 'auditor']) {
      const { cookie } = await t.login(username);
      for (const endpoint of endpoints()) {
        const response = await t.app.inject({ ...endpoint, headers: { cookie } });
        expect(response.statusCode, `${username} ${endpoint.method} ${endpoint.url}`).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    }
  });

  it('checks the role before the input, so a refused caller learns nothing from validation', async () => {
    const { cookie } = await t.login('kcc');
    const response = await t.app.inject({ method: 'POST', url: `/api/residents/${residentId}/conversations`, headers: { cookie }, payload: {} });
    expect(response.statusCode).toBe(403);
  });

  it('answers 400 for a malformed id', async () => {
    const response = await getOne(consulent, 'abc');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ field: 'id', message: 'Gesprek is geen geldig id' }]);
  });
});
