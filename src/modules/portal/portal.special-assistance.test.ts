// The e-service bijzondere bijstand in the portal: the form's start with what Koers knows, the saved form
// (also across an ended session), an upload on the resident's file, sending it into the intake (the case
// goes to the contact person or the area team), a form sent twice, a missing document becoming a request
// in "Mijn aanvragen", and another resident's document refused.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { demoNormTable } from '../../demo/seed-pw-norms.js';
import { addDays } from '../../platform/calendar.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { currentNormTable } from '../participatiewet/pw.norms.service.js';
import { pdfText } from '../../../test/support/pdf-text.js';
import { lettersSettled } from '../letters/document.service.js';
import { RESIDENT_COOKIE, startResidentSession } from './portal.session.js';
import { dateInWords } from './portal.words.js';

let t: TestApp;
let consultant: Staff;
let areaCode: string;
const today = todayInAmsterdam();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp({ config: { documentMaxBytes: 64 * 1024 } });
  areaCode = await areaCodeOf(t, 'consulent');
  consultant = await createStaff(t, { roles: ['consultant'], areaCode });
  // The fixture's norm table ends in 2025; the intake measures draagkracht against today's norm.
  await withTenant(t.database.db, TENANT, async (tx) => {
    const table = demoNormTable(await currentNormTable(tx, TENANT), today);
    if (table) {
      const latest = await tx.selectFrom('pw_norm_tables').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow();
      await tx.insertInto('pw_norm_tables').values({ tenant_id: TENANT, version: Number(latest.v) + 1, data: JSON.stringify(table), imported_by: null, note: 'Test: normen doorgetrokken tot na vandaag' } as never).execute();
    }
  });
});
afterAll(async () => t.close());

async function cookieFor(residentId: string): Promise<string> {
  const session = await startResidentSession(t.database.db, t.config.sessionSecret, { tenantId: TENANT, residentId });
  return `${RESIDENT_COOKIE}=${session.cookieValue}`;
}

function multipart(parts: { name: string; value?: string; file?: { name: string; type: string; bytes: Buffer } }[]) {
  const boundary = `----koers${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.file) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file.name}"\r\nContent-Type: ${p.file.type}\r\n\r\n`), p.file.bytes, Buffer.from('\r\n'));
    else chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const send = (method: 'GET' | 'PUT' | 'POST', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function upload(cookie: string, bytes = PDF) {
  const body = multipart([{ name: 'kind', value: 'bewijsstuk' }, { name: 'file', file: { name: 'factuur.pdf', type: 'application/pdf', bytes } }]);
  return t.app.inject({ method: 'POST', url: '/api/mijn/bijzondere-bijstand/documenten', headers: { cookie, ...body.headers }, payload: body.payload });
}

const form = (documents: { code: string; documentId: string | null }[]) => ({
  categoryCode: 'bewindvoering',
  description: 'Kosten van mijn bewindvoerder',
  costsCents: 72_600,
  costDate: addDays(today, -3),
  household: { leefvorm: 'alleenstaande', partnerBirthDate: null, children: 0 },
  monthlyIncomeCents: 120_000,
  assetsCents: 0,
  hasCollectiveInsurance: false,
  iban: 'NL91ABNA0417164300',
  accountHolder: 'T. Fabriek',
  documents,
  submissionKey: randomBytes(12).toString('hex'),
});

describe('the e-service bijzondere bijstand', () => {
  it('starts with the categories, keeps the form across sessions, and sends it into the intake with the uploads', async () => {
    const resident = await createResident(t, { areaCode });
    const cookie = await cookieFor(resident.id);
    const start = (await send('GET', '/api/mijn/bijzondere-bijstand', cookie)).json();
    expect(start.categories.map((c: { code: string }) => c.code)).toContain('bewindvoering');
    expect(start.draft).toBeNull();
    // Saved, then read back in a new session (the old one ended in the middle of the form).
    expect((await send('PUT', '/api/mijn/bijzondere-bijstand/concept', cookie, { step: 'bedrag', data: { categoryCode: 'bewindvoering', costs: '726,00' } })).statusCode).toBe(200);
    const again = (await send('GET', '/api/mijn/bijzondere-bijstand', await cookieFor(resident.id))).json();
    expect(again.draft).toMatchObject({ step: 'bedrag', data: { categoryCode: 'bewindvoering', costs: '726,00' } });

    const docs = [];
    for (const code of ['beschikking-kantonrechter', 'factuur', 'bankafschrift']) {
      const uploaded = await upload(cookie);
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      docs.push({ code, documentId: uploaded.json().id as string });
    }
    const body = form(docs);
    const sent = await send('POST', '/api/mijn/bijzondere-bijstand', cookie, body);
    expect(sent.statusCode, sent.body).toBe(201);
    const receipt = sent.json();
    expect(receipt).toMatchObject({ complete: true, missing: [], recoveryTermEndsOn: null });
    expect(receipt.reference).toMatch(/^PARTICIPATIEWET-\d{4}-/);
    expect(receipt.decisionDueOn >= addDays(today, 56)).toBe(true);
    // Sent twice (a double click, a reload): the same application.
    const twice = await send('POST', '/api/mijn/bijzondere-bijstand', cookie, body);
    expect(twice.json().caseId).toBe(receipt.caseId);
    // The form is gone; the case is in "Mijn aanvragen"; the consultant of the area team has it with the proposal.
    expect((await send('GET', '/api/mijn/bijzondere-bijstand', cookie)).json().draft).toBeNull();
    const mine = (await send('GET', '/api/mijn/aanvragen', cookie)).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(receipt.caseId);
    const staffView = (await send('GET', `/api/pw/special-assistance/${receipt.caseId}`, consultant.cookie)).json();
    expect(staffView).toMatchObject({ channel: 'e-dienst', completeOnArrival: true, proposal: { outcome: 'toekennen', grantCents: 72_600 } });
    expect(staffView.documents.every((d: { given: boolean; documentId: string | null }) => d.given && d.documentId !== null)).toBe(true);
  });

  it('asks for what is missing as a request in "Mijn aanvragen", with the hersteltermijn', async () => {
    const resident = await createResident(t, { areaCode });
    const cookie = await cookieFor(resident.id);
    const sent = await send('POST', '/api/mijn/bijzondere-bijstand', cookie, form([]));
    expect(sent.statusCode, sent.body).toBe(201);
    const receipt = sent.json();
    expect(receipt.complete).toBe(false);
    expect(receipt.recoveryTermEndsOn).toBe(addDays(today, 14));
    const detail = (await send('GET', `/api/mijn/aanvragen/${receipt.caseId}`, cookie)).json();
    expect(JSON.stringify(detail)).toContain('uitspraak van de kantonrechter');
    // After the commit the letter "Verzoek om aanvullende gegevens" is printed and shown with the case.
    await lettersSettled();
    const letters = (await send('GET', `/api/mijn/aanvragen/${receipt.caseId}`, cookie)).json().letters as { id: string; title: string }[];
    expect(letters.map((l) => l.title)).toEqual([expect.stringMatching(/^Verzoek om aanvullende gegevens /)]);
    const { text } = await pdfText((await send('GET', `/api/mijn/brieven/${letters[0]!.id}`, cookie)).rawPayload);
    expect(text).toContain('uitspraak van de kantonrechter');
    expect(text).toContain(dateInWords(receipt.recoveryTermEndsOn));
  });

  it('refuses a sixth open application of one resident', async () => {
    const resident = await createResident(t, { areaCode });
    const cookie = await cookieFor(resident.id);
    for (let i = 0; i < 5; i++) expect((await send('POST', '/api/mijn/bijzondere-bijstand', cookie, form([]))).statusCode).toBe(201);
    const sixth = await send('POST', '/api/mijn/bijzondere-bijstand', cookie, form([]));
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().error.message).toContain('al 5 aanvragen');
  });

  it('refuses another resident’s document, a broken form and no session, with Dutch messages', async () => {
    const other = await createResident(t, { areaCode });
    const theirs = (await upload(await cookieFor(other.id))).json().id as string;
    const resident = await createResident(t, { areaCode });
    const cookie = await cookieFor(resident.id);
    const foreign = await send('POST', '/api/mijn/bijzondere-bijstand', cookie, form([{ code: 'factuur', documentId: theirs }]));
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].message).toBe('Dit document is niet gevonden.');
    const broken = await send('POST', '/api/mijn/bijzondere-bijstand', cookie, { ...form([]), costsCents: 0, iban: 'NL00' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.fields.map((f: { field: string }) => f.field)).toContain('costsCents');
    // Online a document is named by what was sent: "given" without a file, or one file for two documents, is refused.
    const claimed = await send('POST', '/api/mijn/bijzondere-bijstand', cookie, form([{ code: 'factuur', documentId: null }]));
    expect(claimed.statusCode).toBe(400);
    expect(claimed.json().error.fields[0].field).toBe('documents[0].documentId');
    const mine = (await upload(cookie)).json().id as string;
    const reused = await send('POST', '/api/mijn/bijzondere-bijstand', cookie, form([{ code: 'factuur', documentId: mine }, { code: 'bankafschrift', documentId: mine }]));
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.fields[0].message).toContain('twee verschillende stukken');
    // A form without its key (a replay tool, not the web form) is refused; so is a draft nested too deep to store.
    const keyless: Partial<ReturnType<typeof form>> = form([]);
    delete keyless.submissionKey;
    expect((await send('POST', '/api/mijn/bijzondere-bijstand', cookie, keyless)).statusCode).toBe(400);
    const deep = `${'['.repeat(20_000)}1${']'.repeat(20_000)}`;
    const nested = await t.app.inject({ method: 'PUT', url: '/api/mijn/bijzondere-bijstand/concept', headers: { cookie, 'content-type': 'application/json' }, payload: `{"step":"bedrag","data":{"a":${deep}}}` });
    expect(nested.statusCode, nested.body).toBeLessThan(500);
    const notPdf = await upload(cookie, Buffer.from('dit is geen pdf'));
    expect(notPdf.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/mijn/bijzondere-bijstand', payload: form([]) })).statusCode).toBe(401);
    // A staff session is no resident session.
    expect((await send('GET', '/api/mijn/bijzondere-bijstand', consultant.cookie)).statusCode).toBe(401);
  });
});
