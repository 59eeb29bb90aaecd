import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident } from '../../../test/support/factories.js';
import { pdfText } from '../../../test/support/pdf-text.js';
import { lettersSettled } from './document.service.js';

let t: TestApp;
let consulent: string;
let teamleider: string;
let beheerder: string;
let householdHelp: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  consulent = (await t.login('consulent')).cookie;
  teamleider = (await t.login('teamleider')).cookie;
  beheerder = (await t.login('beheerder')).cookie;
  const products = (await t.app.inject({ method: 'GET', url: '/api/catalogue/products?q=huishoud&kind=tailored', headers: { cookie: consulent } })).json() as { id: string; unit: string }[];
  householdHelp = products.find((p) => p.unit === 'hour')!;
});
afterAll(async () => t.close());

const get = (url: string, cookie = consulent) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: object, cookie = consulent) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const put = (url: string, payload: object, cookie = beheerder) => t.app.inject({ method: 'PUT', url, headers: { cookie }, payload });

async function caseInApplication(): Promise<{ caseId: string; residentId: string }> {
  const residentId = (await createResident(t, { areaCode: await areaCodeOf(t, 'consulent') })).id;
  const c = (await post(`/api/residents/${residentId}/cases`, { caseTypeCode: 'WMO-MAATWERK', notifiedOn: '2026-06-01' })).json();
  await post(`/api/cases/${c.id}/status`, { to: 'aanvraag', on: '2026-07-01' });
  return { caseId: c.id, residentId };
}

/** `hours` a week of household help: 1 is approved at once, 10 waits for the team lead. */
async function decide(caseId: string, hours: number): Promise<{ id: string; status: string }> {
  const line = { productId: householdHelp.id, outcome: 'granted', periodStart: '2026-10-01', periodEnd: '2027-03-31', volume: hours, frequency: 'per_week' };
  const response = await post(`/api/cases/${caseId}/decisions`, { deliveryForm: 'zin', lines: [line] });
  expect(response.statusCode).toBe(201);
  return response.json();
}

type Documents = { documents: { id: string; kind: string; decisionId: string; title: string; size: number; sha256: string; createdBy: string }[]; missingLetters: { decisionId: string; lastError: string | null }[] };

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('letterhead (briefpapier)', () => {
  it('is set by the administrator, checked, and kept per version with who set it', async () => {
    const before = await get('/api/letterhead', beheerder);
    expect(before.statusCode).toBe(200);
    const body = { name: 'Gemeente Maastricht', returnAddress: 'Postbus 1992, 6201 BZ Maastricht', phone: '14 043', website: 'www.gemeentemaastricht.nl', logo: `data:image/png;base64,${PNG.toString('base64')}`, cakMonthlyCents: null };
    const saved = await put('/api/letterhead', body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ name: 'Gemeente Maastricht', phone: '14 043', logo: body.logo, cakMonthlyCents: null, version: before.json().version + 1, setBy: 'Ruud Dassen (functioneel beheer)' });
    // Leaving the logo out keeps it.
    const again = await put('/api/letterhead', { ...body, logo: undefined, cakMonthlyCents: 2060 });
    expect(again.json()).toMatchObject({ logo: body.logo, cakMonthlyCents: 2060, version: before.json().version + 2 });
    await put('/api/letterhead', { ...body, logo: undefined, cakMonthlyCents: null });
  });

  it('refuses an SVG logo and a wrong phone number with a Dutch message (400)', async () => {
    const base = { name: 'Gemeente Maastricht', returnAddress: 'Postbus 1992', phone: '14 043', website: 'www.gemeentemaastricht.nl', cakMonthlyCents: null };
    const svg = await put('/api/letterhead', { ...base, logo: `data:image/svg+xml;base64,${Buffer.from('<svg><script>alert(1)</script></svg>').toString('base64')}` });
    expect(svg.statusCode).toBe(400);
    expect(svg.json().error.fields).toEqual([{ field: 'logo', message: 'Een SVG-logo kan niet: kies een PNG- of JPEG-bestand.' }]);
    const phone = await put('/api/letterhead', { ...base, phone: 'bel ons' });
    expect(phone.statusCode).toBe(400);
    expect(JSON.stringify(phone.json())).toContain('Een telefoonnummer bevat alleen cijfers');
  });

  it('is for the administrator only: 401 without a session, 403 for a consultant', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/letterhead' })).statusCode).toBe(401);
    expect((await get('/api/letterhead', consulent)).statusCode).toBe(403);
    expect((await put('/api/letterhead', {}, consulent)).statusCode).toBe(403);
  });
});

describe('decision letter stored with the case', () => {
  it('stores the signed letter of a decision approved at once, and downloads it as an attachment (audited)', async () => {
    const { caseId, residentId } = await caseInApplication();
    const decision = await decide(caseId, 1);
    expect(decision.status).toBe('approved');
    await lettersSettled();
    const list = await get(`/api/cases/${caseId}/documents`);
    expect(list.statusCode).toBe(200);
    const docs = list.json() as Documents;
    expect(docs.missingLetters).toEqual([]);
    expect(docs.documents).toHaveLength(1);
    expect(docs.documents[0]).toMatchObject({ kind: 'decision_letter', decisionId: decision.id, createdBy: 'Bram Hermans (consulent Wmo)' });

    const download = await get(`/api/documents/${docs.documents[0]!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="Beschikking-.+\.pdf"$/);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdfText(download.rawPayload);
    expect(text).not.toContain('CONCEPT');
    expect(text).toContain('Bram Hermans');
    expect(text).toContain('Consulent');
    expect(text).toContain('Geachte mevrouw');
    expect(text).toContain('Postbus 1992, 6201 BZ Maastricht');

    const audit = (await get(`/api/audit?resident=${residentId}&limit=100`, (await t.login('auditor')).cookie)).json() as { items: { name: string }[] };
    const names = audit.items.map((i) => i.name);
    expect(names).toContain('beschikkingsbrief.opslaan');
    expect(names).toContain('documenten.raadplegen');
    expect(names).toContain('document.downloaden');
  });

  it('shows CONCEPT while the decision waits, and stores the letter signed by the team lead once approved', async () => {
    const { caseId } = await caseInApplication();
    const decision = await decide(caseId, 10);
    expect(decision.status).toBe('pending_approval');
    const concept = await get(`/api/decisions/${decision.id}/letter.html`);
    expect(concept.body).toContain('<h1>CONCEPT – Beschikking');
    expect(concept.headers['content-security-policy']).toContain('img-src data:');
    await lettersSettled();
    expect(((await get(`/api/cases/${caseId}/documents`)).json() as Documents).documents).toEqual([]);
    expect((await post(`/api/decisions/${decision.id}/letter`, {})).statusCode).toBe(409);

    expect((await post(`/api/decisions/${decision.id}/approve`, {}, teamleider)).statusCode).toBe(200);
    await lettersSettled();
    const docs = (await get(`/api/cases/${caseId}/documents`)).json() as Documents;
    expect(docs.documents).toHaveLength(1);
    const { text } = await pdfText((await get(`/api/documents/${docs.documents[0]!.id}`)).rawPayload);
    expect(text).not.toContain('CONCEPT');
    expect(text).toContain('Ingrid Smeets');
    expect(text).toContain('Teamleider');
    expect(text).toContain('namens het college van burgemeester en wethouders');
    expect(text).toContain('2.1.4');
  });

  it('records a failure when Chromium is missing; the letter can be made again', async () => {
    const { caseId } = await caseInApplication();
    process.env.KOERS_CHROMIUM = '/nonexistent/chromium';
    let decision: { id: string };
    try {
      decision = await decide(caseId, 1);
      await lettersSettled();
      const docs = (await get(`/api/cases/${caseId}/documents`)).json() as Documents;
      expect(docs.documents).toEqual([]);
      expect(docs.missingLetters).toEqual([{ decisionId: decision.id, lastError: expect.stringContaining('Chromium ontbreekt') }]);
      expect((await post(`/api/decisions/${decision.id}/letter`, {})).statusCode).toBe(503);
    } finally {
      delete process.env.KOERS_CHROMIUM;
    }
    const again = await post(`/api/decisions/${decision.id}/letter`, {});
    expect(again.statusCode).toBe(201);
    const docs = (await get(`/api/cases/${caseId}/documents`)).json() as Documents;
    expect(docs.missingLetters).toEqual([]);
    expect(docs.documents.map((d) => d.id)).toEqual([again.json().id]);
  });

  it('guards the routes: 400 for a wrong id, 401 without a session, 403 without the role, 404 for an unknown document', async () => {
    const { caseId } = await caseInApplication();
    const bad = await get('/api/documents/geen-id');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/Document/);
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents` })).statusCode).toBe(401);
    const beleid = (await t.login('beleid')).cookie;
    expect((await get(`/api/cases/${caseId}/documents`, beleid)).statusCode).toBe(403);
    expect((await get(`/api/cases/${caseId}/documents`, beheerder)).statusCode).toBe(403);
    expect((await get('/api/documents/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
