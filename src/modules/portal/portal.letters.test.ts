// Letters as PDF in "Mijn aanvragen" (issue 12 §3): the letter "Verzoek om aanvullende gegevens" for each
// request for documents (staff, and the intake of bijzondere bijstand), and the decision letter on an
// application for levensonderhoud (Pw-LO) once the decision is final (at once, or after four eyes). Each is
// stored with the case, shown to its resident (another resident gets 404), in the staff's documents list,
// and every download is logged. A failed print loses nothing: the request stays and its letter follows.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { anAreaCode, caseInApplication, createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { pdfText } from '../../../test/support/pdf-text.js';
import { withTenant } from '../../db/tenancy.js';
import { demoNormTable } from '../../demo/seed-pw-norms.js';
import { addDays } from '../../platform/calendar.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { lettersSettled } from '../letters/document.service.js';
import { currentNormTable } from '../participatiewet/pw.norms.service.js';
import { RESIDENT_COOKIE, startResidentSession } from './portal.session.js';
import { dateInWords } from './portal.words.js';

let t: TestApp;
let consultant: Staff;
let lead: Staff;
let otherLead: Staff;
let area: string;
const today = todayInAmsterdam();

beforeAll(async () => {
  t = await createTestApp();
  area = await anAreaCode(t);
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
  lead = await createStaff(t, { roles: ['team_lead'], areaCode: area });
  otherLead = await createStaff(t, { roles: ['team_lead'], areaCode: area });
  // The fixture's norm table ends in 2025; the intake of bijzondere bijstand measures against today's norm.
  await withTenant(t.database.db, TENANT, async (tx) => {
    const table = demoNormTable(await currentNormTable(tx, TENANT), today);
    if (table) {
      const latest = await tx.selectFrom('pw_norm_tables').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow();
      await tx.insertInto('pw_norm_tables').values({ tenant_id: TENANT, version: Number(latest.v) + 1, data: JSON.stringify(table), imported_by: null, note: 'Test: normen doorgetrokken tot na vandaag' } as never).execute();
    }
  });
});
afterAll(async () => {
  await lettersSettled();
  await t.close();
});
const chromium = process.env.KOERS_CHROMIUM;
afterEach(() => {
  if (chromium === undefined) delete process.env.KOERS_CHROMIUM;
  else process.env.KOERS_CHROMIUM = chromium;
});

const send = (method: 'POST' | 'PUT' | 'GET', url: string, who: { cookie: string }, payload?: object) => t.app.inject({ method, url, headers: { cookie: who.cookie }, ...(payload ? { payload } : {}) });

async function residentCookie(residentId: string): Promise<{ cookie: string }> {
  const session = await startResidentSession(t.database.db, t.config.sessionSecret, { tenantId: TENANT, residentId });
  return { cookie: `${RESIDENT_COOKIE}=${session.cookieValue}` };
}

interface StaffDocument {
  id: string;
  kind: string;
  title: string;
  documentRequestId: string | null;
}
async function staffDocuments(caseId: string): Promise<StaffDocument[]> {
  const response = await send('GET', `/api/cases/${caseId}/documents`, consultant);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().documents as StaffDocument[];
}

const auditNames = async (traceId: string) =>
  (await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('audit_log').select('name').where('trace_id', '=', traceId).execute())).map((r) => r.name);

describe('the letter "Verzoek om aanvullende gegevens"', () => {
  it('is made for each request by staff, says what is missing, the term in words, Awb 4:15 and 4:5, and only its resident can open it', async () => {
    const resident = await createResident(t, { areaCode: area });
    const c = await caseInApplication(t, consultant, resident.id);
    const due = addDays(today, 14);
    const first = await send('POST', `/api/cases/${c.id}/document-requests`, consultant, { description: 'Loonstroken van de laatste drie maanden', dueOn: due });
    expect(first.statusCode, first.body).toBe(201);
    const second = await send('POST', `/api/cases/${c.id}/document-requests`, consultant, { description: 'Uw huurcontract: de eerste en de laatste bladzijde; het bewijs van huurtoeslag', dueOn: addDays(today, 21) });
    expect(second.statusCode, second.body).toBe(201);
    await lettersSettled();

    // Each request has its own letter, in the staff's documents list.
    const letters = (await staffDocuments(c.id)).filter((d) => d.kind === 'request_letter');
    expect(letters.map((d) => d.documentRequestId).sort()).toEqual([first.json().id, second.json().id].sort());
    expect(letters.every((d) => d.title.startsWith('Verzoek om aanvullende gegevens'))).toBe(true);

    // The resident sees both in "Mijn aanvragen" and opens them as PDF.
    const me = await residentCookie(resident.id);
    const mine = await send('GET', `/api/mijn/aanvragen/${c.id}`, me);
    expect(mine.statusCode, mine.body).toBe(200);
    expect((mine.json().letters as { id: string }[]).map((l) => l.id).sort()).toEqual(letters.map((d) => d.id).sort());
    const letterOf = (requestId: string) => letters.find((d) => d.documentRequestId === requestId)!.id;
    const traceId = randomBytes(16).toString('hex');
    const pdf = await t.app.inject({ method: 'GET', url: `/api/mijn/brieven/${letterOf(first.json().id)}`, headers: { cookie: me.cookie, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const { text } = await pdfText(pdf.rawPayload);
    expect(text).toContain('Verzoek om aanvullende gegevens');
    expect(text).toContain('Loonstroken van de laatste drie maanden');
    expect(text).toContain(dateInWords(due));
    expect(text).toContain('4:15');
    expect(text).toContain('staat de termijn waarin wij moeten beslissen stil');
    expect(text).toContain('4:5');
    expect(text).toContain('buiten behandeling');
    // Opening the letter is logged with the resident as the reader.
    expect(await auditNames(traceId)).toContain('document.downloaden');

    const other = (await pdfText((await send('GET', `/api/mijn/brieven/${letterOf(second.json().id)}`, me)).rawPayload)).text;
    expect(other).toContain('de eerste en de laatste bladzijde');
    expect(other).toContain('het bewijs van huurtoeslag');
    expect(other).toContain(dateInWords(addDays(today, 21)));

    // Another resident: not found, for the letter and the case.
    const stranger = await residentCookie((await createResident(t, { areaCode: area })).id);
    expect((await send('GET', `/api/mijn/brieven/${letterOf(first.json().id)}`, stranger)).statusCode).toBe(404);
    expect((await send('GET', `/api/mijn/aanvragen/${c.id}`, stranger)).statusCode).toBe(404);

    // Staff download is logged too.
    const staffTrace = randomBytes(16).toString('hex');
    const staffPdf = await t.app.inject({ method: 'GET', url: `/api/documents/${letterOf(second.json().id)}`, headers: { cookie: consultant.cookie, traceparent: `00-${staffTrace}-${randomBytes(8).toString('hex')}-01` } });
    expect(staffPdf.statusCode).toBe(200);
    expect(await auditNames(staffTrace)).toContain('document.downloaden');
    // Storing each letter is logged.
    const stored = await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('audit_log').select('name').where('name', '=', 'verzoekbrief.opslaan').execute());
    expect(stored.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the request when printing fails; the next request on the case makes both letters', async () => {
    const resident = await createResident(t, { areaCode: area });
    const c = await caseInApplication(t, consultant, resident.id);
    process.env.KOERS_CHROMIUM = '/nonexistent/chromium';
    const failed = await send('POST', `/api/cases/${c.id}/document-requests`, consultant, { description: 'Bankafschriften van de laatste maand', dueOn: addDays(today, 7) });
    expect(failed.statusCode, failed.body).toBe(201);
    await lettersSettled();
    expect((await staffDocuments(c.id)).filter((d) => d.kind === 'request_letter')).toEqual([]);
    const me = await residentCookie(resident.id);
    expect((await send('GET', `/api/mijn/aanvragen/${c.id}`, me)).json().documentRequests).toMatchObject([{ id: failed.json().id, open: true }]);

    // Made again on request: without Chromium a clear 503, nothing stored.
    const again = await send('POST', `/api/cases/${c.id}/document-requests/letters`, consultant);
    expect(again.statusCode).toBe(503);
    expect(again.json().error.message).toContain('Chromium');

    process.env.KOERS_CHROMIUM = chromium ?? '/usr/bin/chromium';
    const next = await send('POST', `/api/cases/${c.id}/document-requests`, consultant, { description: 'Een kopie van uw identiteitsbewijs', dueOn: addDays(today, 7) });
    expect(next.statusCode).toBe(201);
    await lettersSettled();
    const letters = (await staffDocuments(c.id)).filter((d) => d.kind === 'request_letter');
    expect(letters.map((d) => d.documentRequestId).sort()).toEqual([failed.json().id, next.json().id].sort());
    // Nothing missing any more: nothing is made twice.
    const none = await send('POST', `/api/cases/${c.id}/document-requests/letters`, consultant);
    expect(none.statusCode, none.body).toBe(201);
    expect(none.json()).toEqual({ ids: [] });
  });

  it('makes a missing letter again on request (staff), and refuses staff without the right', async () => {
    const resident = await createResident(t, { areaCode: area });
    const c = await caseInApplication(t, consultant, resident.id);
    process.env.KOERS_CHROMIUM = '/nonexistent/chromium';
    const failed = await send('POST', `/api/cases/${c.id}/document-requests`, consultant, { description: 'Bankafschriften van de laatste maand', dueOn: addDays(today, 7) });
    expect(failed.statusCode).toBe(201);
    await lettersSettled();
    process.env.KOERS_CHROMIUM = chromium ?? '/usr/bin/chromium';
    const kcc = await createStaff(t, { roles: ['kcc'], areaCode: area });
    expect((await send('POST', `/api/cases/${c.id}/document-requests/letters`, kcc)).statusCode).toBe(403);
    const made = await send('POST', `/api/cases/${c.id}/document-requests/letters`, consultant);
    expect(made.statusCode, made.body).toBe(201);
    const letters = (await staffDocuments(c.id)).filter((d) => d.kind === 'request_letter');
    expect(made.json().ids).toEqual(letters.map((d) => d.id));
    expect(letters[0]!.documentRequestId).toBe(failed.json().id);
  });

  it('is made for what the intake of bijzondere bijstand finds missing', async () => {
    const residentId = (await createResident(t, { areaCode: area, birthDate: '1980-05-04' })).id;
    const body = {
      categoryCode: 'medische-kosten',
      description: 'Brillenglazen',
      costsCents: 52_000,
      costDate: addDays(today, -7),
      household: { leefvorm: 'alleenstaande', partnerBirthDate: null, children: 0 },
      monthlyIncomeCents: 100_000,
      assetsCents: 0,
      hasCollectiveInsurance: false,
      documents: [{ code: 'bankafschrift', documentId: null }],
    };
    const response = await send('POST', `/api/residents/${residentId}/special-assistance`, consultant, body);
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json();
    await lettersSettled();
    const letters = (await staffDocuments(view.caseId)).filter((d) => d.kind === 'request_letter');
    expect(letters).toHaveLength(1);
    const me = await residentCookie(residentId);
    const { text } = await pdfText((await send('GET', `/api/mijn/brieven/${letters[0]!.id}`, me)).rawPayload);
    expect(text).toContain('Verzoek om aanvullende gegevens');
    for (const m of view.missing as { label: string }[]) expect(text).toContain(m.label.toLowerCase());
    expect(text).toContain(dateInWords(view.recoveryTermEndsOn));
    expect(text).toContain('buiten behandeling');
  });
});

describe('the decision letter on an application for bijstand (Pw-LO)', () => {
  const single = {
    household: { leefvorm: 'alleenstaande', partnerBirthDate: null, dependentChildren: false, youngestChildAge: null, inInrichting: false, housemates: [] },
    income: [{ kind: 'alimentatie', person: 'aanvrager', cents: 10_000 }],
    workExemptions: { aanvrager: null, partner: null },
    assets: { possessionsCents: 100_000, debtsCents: 0, ownHome: null },
  };
  const grant = { outcome: 'toekenning', grantFrom: '2025-11-03', iban: 'NL91 ABNA 0417 1643 00', accountHolder: 'T. Fabriek' };
  async function application(who: Staff, household: object = single) {
    const residentId = (await createResident(t, { areaCode: area, birthDate: '1980-05-04' })).id;
    const response = await send('POST', `/api/residents/${residentId}/pw/applications`, who, { reportedOn: '2025-10-27', appliedOn: '2025-11-03' });
    expect(response.statusCode, response.body).toBe(201);
    const caseId = response.json().caseId as string;
    expect((await send('PUT', `/api/pw/applications/${caseId}/calculation`, who, household)).statusCode).toBe(200);
    return { residentId, caseId };
  }
  const decisionLetters = async (caseId: string) => (await staffDocuments(caseId)).filter((d) => d.kind === 'decision_letter');

  it('is stored as PDF when a grant below the threshold is decided, and shown to the resident only', async () => {
    const { residentId, caseId } = await application(consultant);
    const decided = await send('POST', `/api/pw/applications/${caseId}/decision`, consultant, grant);
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().decision.status).toBe('toegekend');
    await lettersSettled();
    const [letter, ...more] = await decisionLetters(caseId);
    expect(more).toEqual([]);
    expect(letter!.title).toContain('Besluit bijstand');
    const me = await residentCookie(residentId);
    expect((await send('GET', `/api/mijn/aanvragen/${caseId}`, me)).json().letters).toMatchObject([{ id: letter!.id }]);
    const pdf = await send('GET', `/api/mijn/brieven/${letter!.id}`, me);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const { text } = await pdfText(pdf.rawPayload);
    expect(text).toContain('Toekenning bijstand');
    expect(text).toContain('per maand');
    expect(text).toContain('bezwaar');
    expect(text).toContain('binnen zes weken');
    expect(text).toContain('Gemeente');
    const stranger = await residentCookie((await createResident(t, { areaCode: area })).id);
    expect((await send('GET', `/api/mijn/brieven/${letter!.id}`, stranger)).statusCode).toBe(404);
    // The staff's HTML preview stays.
    expect((await send('GET', `/api/pw/applications/${caseId}/letter.html`, consultant)).body).toContain('Toekenning bijstand');
  });

  it('waits for the four-eyes approval: no letter while proposed, the letter after the approval', async () => {
    const couple = { ...single, household: { ...single.household, leefvorm: 'gehuwden', partnerBirthDate: '1982-02-02' }, income: [] };
    const { residentId, caseId } = await application(lead, couple);
    const proposed = await send('POST', `/api/pw/applications/${caseId}/decision`, lead, grant);
    expect(proposed.json().decision.status).toBe('voorgesteld');
    await lettersSettled();
    expect(await decisionLetters(caseId)).toEqual([]);
    const approved = await send('POST', `/api/pw/applications/${caseId}/approve`, otherLead);
    expect(approved.statusCode, approved.body).toBe(200);
    await lettersSettled();
    const [letter, ...more] = await decisionLetters(caseId);
    expect(more).toEqual([]);
    const { text } = await pdfText((await send('GET', `/api/mijn/brieven/${letter!.id}`, await residentCookie(residentId))).rawPayload);
    expect(text).toContain('Toekenning bijstand');
    expect(text).toContain('binnen zes weken');
  });

  it('is stored for a refusal too, with the reason', async () => {
    const { residentId, caseId } = await application(consultant);
    const refused = await send('POST', `/api/pw/applications/${caseId}/decision`, consultant, { outcome: 'afwijzing', refusalReason: 'De gevraagde bankafschriften zijn niet ingeleverd (art. 4:5 Awb).' });
    expect(refused.statusCode, refused.body).toBe(200);
    await lettersSettled();
    const [letter] = await decisionLetters(caseId);
    const { text } = await pdfText((await send('GET', `/api/mijn/brieven/${letter!.id}`, await residentCookie(residentId))).rawPayload);
    expect(text).toContain('Afwijzing aanvraag bijstand');
    expect(text).toContain('bankafschriften zijn niet ingeleverd');
    expect(text).toContain('binnen zes weken');
  });
});
