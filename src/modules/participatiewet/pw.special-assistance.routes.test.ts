// Bijzondere bijstand through HTTP: the application at the desk and the automated intake (case PW-BB,
// completeness with the hersteltermijn, draagkracht, proposal), the supplement, the consultant's decision
// (one click or a reasoned change), a form posted twice, bad input, and the aggregate figures.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { demoNormTable } from '../../demo/seed-pw-norms.js';
import { insertVersionRow } from './pw.norms.repository.js';
import { currentNormTable } from './pw.norms.service.js';
import { lettersSettled } from '../letters/document.service.js';
import { pdfText } from '../../../test/support/pdf-text.js';
import { addDays } from '../../platform/calendar.js';
import { todayInAmsterdam } from '../../platform/time.js';

let t: TestApp;
let consultant: Staff;
let other: Staff;
let kcc: Staff;
let admin: { cookie: string };
let area: string;
const today = todayInAmsterdam();

beforeAll(async () => {
  t = await createTestApp();
  area = await anAreaCode(t);
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
  other = await createStaff(t, { roles: ['consultant'] });
  kcc = await createStaff(t, { roles: ['kcc'], areaCode: area });
  admin = await t.login('beheerder');
  // The fixture's norm table ends in 2025; the intake measures draagkracht against today's norm.
  await withTenant(t.database.db, TENANT, async (tx) => {
    const table = demoNormTable(await currentNormTable(tx, TENANT), today);
    if (table) await insertVersionRow(tx, { tenantId: TENANT, version: 2, data: table, importedBy: null, note: 'Test: normen doorgetrokken tot na vandaag' });
  });
});
afterAll(async () => t.close());

const send = (method: 'POST' | 'PUT' | 'GET', url: string, who: { cookie: string } | null, payload?: object) =>
  t.app.inject({ method, url, headers: who ? { cookie: who.cookie } : {}, ...(payload ? { payload } : {}) });
const resident = async () => (await createResident(t, { areaCode: area, birthDate: '1980-05-04' })).id;

const BANK = { code: 'bankafschrift', documentId: null };
/** Eigen risico, at the norm, every document given: a fast-track grant. */
const complete = {
  categoryCode: 'eigen-risico',
  description: 'Eigen risico van dit jaar',
  costsCents: 38_500,
  costDate: addDays(today, -7),
  household: { leefvorm: 'alleenstaande', partnerBirthDate: null, children: 0 },
  monthlyIncomeCents: 100_000,
  assetsCents: 0,
  hasCollectiveInsurance: false,
  iban: 'NL91 ABNA 0417 1643 00',
  accountHolder: 'T. Fabriek',
  documents: [{ code: 'overzicht-zorgverzekeraar', documentId: null }, BANK],
};

async function submit(body: object, who: Staff = consultant, residentId?: string) {
  return send('POST', `/api/residents/${residentId ?? (await resident())}/special-assistance`, who, body);
}

describe('the intake of a complete application', () => {
  it('opens a PW-BB case with the 8-week term, computes the draagkracht and proposes a fast-track grant', async () => {
    const response = await submit(complete);
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json();
    expect(view).toMatchObject({
      caseStatus: 'aanvraag',
      channel: 'balie',
      category: { code: 'eigen-risico' },
      completeOnArrival: true,
      missing: [],
      recoveryTermEndsOn: null,
      iban: 'NL91ABNA0417164300',
      proposal: { outcome: 'toekennen', grantCents: 38_500, fastTrack: true },
      decision: { status: 'open' },
    });
    expect(view.decisionDueOn >= addDays(today, 56)).toBe(true);
    expect(view.calculation.lines.map((l: { code: string }) => l.code)).toContain('draagkracht');
    expect(view.proposal.reasons.join(' ')).toContain('Controleer eerst de voorliggende voorziening');
    // On the consultant's work list, fast track first.
    const list = (await send('GET', '/api/pw/special-assistance', consultant)).json() as { caseId: string; fastTrack: boolean }[];
    expect(list.find((a) => a.caseId === view.caseId)).toMatchObject({ fastTrack: true });
    expect(list[0]!.fastTrack).toBe(true);
  });

  it('proposes a refusal when income above the norm gives enough draagkracht, and when the collective insurance pays', async () => {
    const rich = (await submit({ ...complete, monthlyIncomeCents: 300_000 })).json();
    expect(rich.proposal).toMatchObject({ outcome: 'afwijzen', grantCents: 0, fastTrack: false });
    expect(rich.proposal.reasons.join(' ')).toContain('draagkracht');
    const insured = (await submit({ ...complete, hasCollectiveInsurance: true })).json();
    expect(insured.proposal.outcome).toBe('afwijzen');
    expect(insured.proposal.reasons[0]).toContain('collectief verzekerd');
  });
});

describe('an incomplete application', () => {
  it('asks for what is missing with the hersteltermijn, suspends the term, and proposes once it is supplemented', async () => {
    const body = { ...complete, categoryCode: 'medische-kosten', costsCents: 52_000, documents: [BANK], iban: undefined, accountHolder: undefined };
    const view = (await submit(body)).json();
    expect(view).toMatchObject({ completeOnArrival: false, proposal: { outcome: 'aanvullen' }, recoveryTermEndsOn: addDays(today, 14), decisionDueOn: null });
    expect(view.missing.map((m: { code: string }) => m.code)).toEqual(['factuur', 'afwijzing-verzekeraar', 'iban']);
    // Following a proposal that is not there is refused with the way forward.
    const early = await send('POST', `/api/pw/special-assistance/${view.caseId}/decision`, consultant, { outcome: 'voorstel-volgen' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('nog niet compleet');

    const partly = (await send('POST', `/api/pw/special-assistance/${view.caseId}/supplement`, consultant, { documents: [{ code: 'factuur', documentId: null }] })).json();
    expect(partly.missing.map((m: { code: string }) => m.code)).toEqual(['afwijzing-verzekeraar', 'iban']);
    const badIban = await send('POST', `/api/pw/special-assistance/${view.caseId}/supplement`, consultant, { documents: [{ code: 'afwijzing-verzekeraar', documentId: null }], iban: 'NL91ABNA0417164301', accountHolder: 'T. Fabriek' });
    expect(badIban.statusCode).toBe(400);
    expect(badIban.json().error.fields[0].field).toBe('iban');
    const done = await send('POST', `/api/pw/special-assistance/${view.caseId}/supplement`, consultant, { documents: [{ code: 'afwijzing-verzekeraar', documentId: null }], iban: 'NL91ABNA0417164300', accountHolder: 'T. Fabriek' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ missing: [], completeOnArrival: false, proposal: { outcome: 'toekennen', grantCents: 52_000 }, recoveryTermEndsOn: null });
  });
});

describe('the decision', () => {
  it('follows the proposal in one click; a person decides and it is on the case', async () => {
    const view = (await submit(complete)).json();
    const decided = await send('POST', `/api/pw/special-assistance/${view.caseId}/decision`, consultant, { outcome: 'voorstel-volgen' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ caseStatus: 'besluit', decision: { status: 'toegekend', grantCents: 38_500, followedProposal: true, decidedBy: `Test ${consultant.username}` } });
    const again = await send('POST', `/api/pw/special-assistance/${view.caseId}/decision`, consultant, { outcome: 'afwijzen', reason: 'Toch niet nodig' });
    expect(again.statusCode).toBe(409);
    // The decision letter is printed to PDF after the commit and stored with the case.
    await lettersSettled();
    const { documents } = (await send('GET', `/api/cases/${view.caseId}/documents`, consultant)).json() as { documents: { id: string; title: string }[] };
    const letter = documents.find((d) => d.title.startsWith('Besluit bijzondere bijstand'));
    expect(letter).toBeDefined();
    const pdf = await send('GET', `/api/documents/${letter!.id}`, consultant);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const { text } = await pdfText(pdf.rawPayload);
    expect(text).toContain('Toekenning bijzondere bijstand');
    expect(text).toContain('385,00');
    expect(text).toContain('bezwaar');
  });

  it('a different outcome needs a reason and is marked as not following the proposal; a grant above the costs is refused', async () => {
    const view = (await submit(complete)).json();
    const noReason = await send('POST', `/api/pw/special-assistance/${view.caseId}/decision`, consultant, { outcome: 'afwijzen' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].message).toContain('reden');
    const tooMuch = await send('POST', `/api/pw/special-assistance/${view.caseId}/decision`, consultant, { outcome: 'toekennen', grantCents: 38_501, reason: 'Meer dan gevraagd' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.fields[0]).toMatchObject({ field: 'grantCents' });
    const lower = await send('POST', `/api/pw/special-assistance/${view.caseId}/decision`, consultant, { outcome: 'toekennen', grantCents: 20_000, reason: 'Deel al vergoed door de verzekeraar' });
    expect(lower.json().decision).toMatchObject({ status: 'toegekend', grantCents: 20_000, followedProposal: false, reason: 'Deel al vergoed door de verzekeraar' });
  });
});

describe('the processing log', () => {
  it('logs a read of an application once, and a decision as one decision with one read of the result', async () => {
    const view = (await submit(complete)).json();
    const namesOf = async (traceId: string) =>
      (await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('audit_log').select('name').where('trace_id', '=', traceId).execute())).map((r) => r.name).sort();
    const trace = () => randomBytes(16).toString('hex');
    const readTrace = trace();
    await t.app.inject({ method: 'GET', url: `/api/pw/special-assistance/${view.caseId}`, headers: { cookie: consultant.cookie, traceparent: `00-${readTrace}-${randomBytes(8).toString('hex')}-01` } });
    expect(await namesOf(readTrace)).toEqual(['bijzondere-bijstand.raadplegen']);
    const decideTrace = trace();
    await t.app.inject({ method: 'POST', url: `/api/pw/special-assistance/${view.caseId}/decision`, headers: { cookie: consultant.cookie, traceparent: `00-${decideTrace}-${randomBytes(8).toString('hex')}-01` }, payload: { outcome: 'voorstel-volgen' } });
    const names = await namesOf(decideTrace);
    expect(names.filter((n) => n === 'bijzondere-bijstand.raadplegen')).toHaveLength(1);
    expect(names).toContain('bijzondere-bijstand.besluiten');
    expect(names).not.toContain('zaak.raadplegen');
  });
});

describe('bad input and access', () => {
  it('a form posted twice with the same key is one application', async () => {
    const residentId = await resident();
    const body = { ...complete, submissionKey: randomBytes(12).toString('hex') };
    const first = await submit(body, consultant, residentId);
    const second = await submit(body, consultant, residentId);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().caseId).toBe(first.json().caseId);
  });

  it('refuses a future invoice date, an unknown category, a bad IBAN and a negative amount with Dutch messages', async () => {
    const future = await submit({ ...complete, costDate: addDays(today, 3) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0]).toMatchObject({ field: 'costDate' });
    expect(future.json().error.fields[0].message).toContain('toekomst');
    // Costs applied for beforehand may lie ahead.
    expect((await submit({ ...complete, categoryCode: 'duurzame-gebruiksgoederen', costDate: addDays(today, 3), documents: [{ code: 'offerte', documentId: null }, BANK] })).statusCode).toBe(201);
    const unknown = await submit({ ...complete, categoryCode: 'vakantie' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].message).toContain('uit de lijst');
    const iban = await submit({ ...complete, iban: 'NL00ABNA0417164300' });
    expect(iban.statusCode).toBe(400);
    expect(iban.json().error.fields[0].field).toBe('iban');
    const negative = await submit({ ...complete, costsCents: -5 });
    expect(negative.statusCode).toBe(400);
    const foreignDoc = await submit({ ...complete, documents: [{ code: 'factuur', documentId: '00000000-0000-4000-8000-000000000000' }] });
    expect(foreignDoc.statusCode).toBe(400);
  });

  it('the KCC may not register one; an employee without a relation does not see one', async () => {
    expect((await submit(complete, kcc)).statusCode).toBe(403);
    const view = (await submit(complete)).json();
    for (const [method, url, body] of [
      ['GET', `/api/pw/special-assistance/${view.caseId}`, undefined],
      ['POST', `/api/pw/special-assistance/${view.caseId}/supplement`, { documents: [{ code: 'factuur', documentId: null }] }],
      ['POST', `/api/pw/special-assistance/${view.caseId}/decision`, { outcome: 'voorstel-volgen' }],
    ] as const) {
      const refused = await send(method, url, other, body);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().error.code, url).toBe('NO_RELATION');
    }
    // Nothing was decided by the employee without a relation.
    expect((await send('GET', `/api/pw/special-assistance/${view.caseId}`, consultant)).json().decision.status).toBe('open');
    expect((await send('GET', '/api/pw/special-assistance', other)).json().some((a: { caseId: string }) => a.caseId === view.caseId)).toBe(false);
  });
});

describe('categories and figures', () => {
  it('the administrator changes a category (data, not code); the intake uses it at once', async () => {
    const categories = (await send('GET', '/api/pw/special-assistance/categories', consultant)).json() as { code: string; fastTrack: boolean }[];
    expect(categories.map((c) => c.code)).toContain('eigen-risico');
    const changed = await send('PUT', '/api/pw/special-assistance/categories/studiekosten', admin, {
      name: 'Studiekosten',
      description: 'Boeken en lesgeld',
      voorliggend: 'Studiefinanciering (DUO)',
      collectiveInsurance: false,
      fastTrack: true,
      applyBeforeCosts: false,
      requiredDocuments: [{ code: 'factuur', label: 'Factuur' }],
      active: true,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const view = (await submit({ ...complete, categoryCode: 'studiekosten', documents: [{ code: 'factuur', documentId: null }] })).json();
    expect(view).toMatchObject({ completeOnArrival: true, proposal: { fastTrack: true } });
    expect((await send('PUT', '/api/pw/special-assistance/categories/studiekosten', consultant, {})).statusCode).toBe(403);
  });

  it('the figures per month are aggregates with small counts suppressed', async () => {
    const figures = (await send('GET', '/api/pw/special-assistance/figures', admin)).json();
    expect(figures.suppressedBelow).toBe(10);
    const month = figures.months.find((m: { month: string }) => m.month === today.slice(0, 7));
    expect(month).toBeDefined();
    // More than 10 applications this month in this file: shown, with the complete share between 0 and 1.
    expect(month.submitted).toBeGreaterThanOrEqual(10);
    expect(month.completeShare).toBeGreaterThan(0);
    expect(month.completeShare).toBeLessThan(1);
  });
});

