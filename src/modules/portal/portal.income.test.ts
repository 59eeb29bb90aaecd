// "Inkomsten doorgeven" in the portal: only for a resident with a running bijstand benefit (404 for anyone
// else), the months due as the staff side defines them, a payslip upload, the same form posted twice giving
// one submission, a second form for the same month refused in Dutch, bad amounts refused per field, another
// resident's document and rows out of reach, the audit, and the consultant confirming it into a statement.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withResident, withTenant } from '../../db/tenancy.js';
import { demoNormTable } from '../../demo/seed-pw-norms.js';
import { addMonths } from '../../platform/calendar.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { currentNormTable } from '../participatiewet/pw.norms.service.js';
import { seedBenefit } from '../participatiewet/pw.recovery.test-support.js';
import { RESIDENT_COOKIE, startResidentSession } from './portal.session.js';

let t: TestApp;
let consultant: Staff;
let areaCode: string;
const today = todayInAmsterdam();
const lastMonth = addMonths(`${today.slice(0, 8)}01`, -1);
const twoMonthsAgo = addMonths(lastMonth, -1);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}
interface Overview {
  hasPartner: boolean;
  kinds: { kind: string }[];
  months: { period: string; status: string; statusText: string; dueOn: string }[];
}

beforeAll(async () => {
  t = await createTestApp({ config: { documentMaxBytes: 64 * 1024 } });
  areaCode = await areaCodeOf(t, 'consulent');
  consultant = await createStaff(t, { roles: ['consultant'], areaCode });
  // The fixture's norm table ends in 2025; the consultant's confirmation computes against last month's norm.
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

async function residentWithBenefit(): Promise<{ residentId: string; benefitId: string; cookie: string }> {
  const residentId = (await createResident(t, { areaCode, birthDate: '1984-05-01' })).id;
  const benefitId = await seedBenefit(t.database, TENANT, { residentId, consultantId: consultant.id, start: addMonths(lastMonth, -8), paidMonths: [] });
  return { residentId, benefitId, cookie: await cookieFor(residentId) };
}

function multipart(file: { name: string; type: string; bytes: Buffer }) {
  const boundary = `----koers${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nbewijsstuk\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const send = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
async function upload(cookie: string): Promise<{ statusCode: number; id: string }> {
  const body = multipart({ name: 'loonstrook.pdf', type: 'application/pdf', bytes: PDF });
  const res = await t.app.inject({ method: 'POST', url: '/api/mijn/inkomsten/documenten', headers: { cookie, ...body.headers }, payload: body.payload });
  return { statusCode: res.statusCode, id: res.statusCode === 201 ? (res.json() as { id: string }).id : '' };
}
const form = (period: string, items: object[], key = randomBytes(12).toString('hex')) => ({ submissionKey: key, period, hadIncome: items.length > 0, items });

describe('Inkomsten doorgeven in Mijn gemeente', () => {
  it('answers 404 on every route for a resident without a running benefit, and the start says so', async () => {
    const resident = await createResident(t, { areaCode });
    const cookie = await cookieFor(resident.id);
    expect((await send('GET', '/api/mijn/ik', cookie)).json()).toMatchObject({ hasRunningBenefit: false });
    const overview = await send('GET', '/api/mijn/inkomsten', cookie);
    expect(overview.statusCode).toBe(404);
    expect((overview.json() as ErrorBody).error.message).toContain('geen bijstandsuitkering');
    expect((await upload(cookie)).statusCode).toBe(404);
    expect((await send('POST', '/api/mijn/inkomsten', cookie, form(lastMonth, []))).statusCode).toBe(404);
    expect((await send('GET', '/api/mijn/inkomsten', '')).statusCode).toBe(401);
    expect((await send('POST', '/api/mijn/inkomsten', '', form(lastMonth, []))).statusCode).toBe(401);
  });

  it('lists the months due, takes the payslip and the income once, refuses a second form for the month, and audits it', async () => {
    const { residentId, cookie } = await residentWithBenefit();
    expect((await send('GET', '/api/mijn/ik', cookie)).json()).toMatchObject({ hasRunningBenefit: true });
    const before = (await send('GET', '/api/mijn/inkomsten', cookie)).json() as Overview;
    expect(before.hasPartner).toBe(false);
    expect(before.kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['arbeid', 'uitkering', 'alimentatie', 'overig']));
    expect(before.months.map((m) => m.period).slice(0, 2)).toEqual([lastMonth, twoMonthsAgo]);
    expect(before.months[0]!.dueOn).toBe(`${addMonths(lastMonth, 1).slice(0, 8)}10`);
    expect(before.months[1]!.status).toBe('te-laat');

    const doc = await upload(cookie);
    expect(doc.statusCode).toBe(201);
    const body = form(lastMonth, [{ kind: 'arbeid', person: 'aanvrager', grossCents: 60_000, netCents: 48_500, documentId: doc.id }]);
    const first = await send('POST', '/api/mijn/inkomsten', cookie, body);
    expect(first.statusCode, first.body).toBe(201);
    const receipt = first.json() as { receiptNumber: string; items: number; documents: { fileName: string }[] };
    expect(receipt).toMatchObject({ items: 1, documents: [{ fileName: 'loonstrook.pdf' }] });
    // The same form posted again (a double click, a retry): the same receipt, one submission.
    const again = await send('POST', '/api/mijn/inkomsten', cookie, body);
    expect(again.statusCode).toBe(201);
    expect((again.json() as { receiptNumber: string }).receiptNumber).toBe(receipt.receiptNumber);
    const rows = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('pw_income_submissions').select(['status', 'period']).where('resident_id', '=', residentId).execute());
    expect(rows).toEqual([{ status: 'ontvangen', period: lastMonth }]);
    // Nothing reaches the payment yet: no statement until a consultant confirms.
    const statements = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('pw_income_statements as s').innerJoin('pw_benefits as b', 'b.id', 's.benefit_id').select('s.period').where('b.resident_id', '=', residentId).execute());
    expect(statements).toEqual([]);

    const second = await send('POST', '/api/mijn/inkomsten', cookie, form(lastMonth, []));
    expect(second.statusCode).toBe(409);
    expect((second.json() as ErrorBody).error.message).toMatch(/^U heeft uw inkomsten over .+ al doorgegeven op /);

    const after = (await send('GET', '/api/mijn/inkomsten', cookie)).json() as Overview;
    expect(after.months[0]).toMatchObject({ status: 'ontvangen', statusText: expect.stringContaining('Een consulent kijkt ernaar') });

    const auditor = await createStaff(t, { roles: ['auditor'] });
    const log = (await t.app.inject({ method: 'GET', url: `/api/audit?resident=${residentId}&limit=100`, headers: { cookie: auditor.cookie } })).json() as { items: { name: string; actor: { roles: string[] } | null }[] };
    const given = log.items.filter((i) => i.name === 'inkomstenopgave.doorgeven');
    expect(given).toHaveLength(1);
    expect(given[0]!.actor?.roles).toEqual(['resident']);
    expect(log.items.some((i) => i.name === 'inkomsten-doorgeven.raadplegen')).toBe(true);
  });

  it('refuses uploads beyond the day limit of 30, counted over both forms, before reading the file, and nothing is stored', async () => {
    const { residentId, cookie } = await residentWithBenefit();
    expect((await upload(cookie)).statusCode).toBe(201);
    // 29 more of the resident's own uploads today (as the bijzondere bijstand form would have sent them).
    await withTenant(t.database.db, TENANT, async (tx) => {
      for (let i = 0; i < 29; i += 1) {
        await tx.insertInto('documents').values({ tenant_id: TENANT, resident_id: residentId, case_id: null, kind: 'bewijsstuk', retention_class: 'inwoner', file_name: `bon-${i}.pdf`, media_type: 'application/pdf', size: 10, sha256: '0'.repeat(64), storage_key: `${TENANT}/2026/12/limiet-${residentId}-${i}`, uploaded_by: null, uploaded_by_resident: true } as never).execute();
      }
    });
    const refused = await upload(cookie);
    expect(refused.statusCode).toBe(409);
    const body = multipart({ name: 'offerte.pdf', type: 'application/pdf', bytes: PDF });
    const eservice = await t.app.inject({ method: 'POST', url: '/api/mijn/bijzondere-bijstand/documenten', headers: { cookie, ...body.headers }, payload: body.payload });
    expect(eservice.statusCode).toBe(409);
    expect((eservice.json() as ErrorBody).error.message).toContain('U heeft vandaag al 30 documenten gestuurd');
    const count = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('resident_id', '=', residentId).executeTakeFirstOrThrow());
    expect(Number(count.n)).toBe(30);
  });

  it('refuses bad amounts, a partner without one, a month not asked and missing income with Dutch field errors', async () => {
    const { cookie } = await residentWithBenefit();
    const doc = await upload(cookie);
    const item = (patch: object) => ({ kind: 'arbeid', person: 'aanvrager', netCents: 10_000, documentId: doc.id, ...patch });
    const shape = await send('POST', '/api/mijn/inkomsten', cookie, form(lastMonth, [item({ netCents: 'duizend' }), item({ netCents: 12.5 }), item({ netCents: -100 })]));
    expect(shape.statusCode).toBe(400);
    const fields = (shape.json() as ErrorBody).error.fields!;
    expect(fields.map((f) => f.field)).toEqual(['items.0.netCents', 'items.1.netCents', 'items.2.netCents']);
    expect(fields[0]!.message).toBe('Vul een bedrag in, bijvoorbeeld 1.250,00.');
    expect(fields[2]!.message).toContain('negatief');

    const rules = await send('POST', '/api/mijn/inkomsten', cookie, form(addMonths(lastMonth, 1), [item({ person: 'partner' }), item({ netCents: 90_000_000 }), item({ grossCents: 5_000 }), item({ kind: 'loterij' })]));
    expect(rules.statusCode).toBe(400);
    expect((rules.json() as ErrorBody).error.fields!.map((f) => f.field)).toEqual(['period', 'items.0.person', 'items.1.netCents', 'items.2.grossCents', 'items.3.kind']);

    const empty = await send('POST', '/api/mijn/inkomsten', cookie, { ...form(lastMonth, []), hadIncome: true });
    expect((empty.json() as ErrorBody).error.fields).toEqual([{ field: 'items', message: expect.stringContaining('minstens één inkomen') }]);
    const noDocument = await send('POST', '/api/mijn/inkomsten', cookie, form(lastMonth, [item({ documentId: undefined })]));
    expect((noDocument.json() as ErrorBody).error.fields).toEqual([{ field: 'items.0.documentId', message: 'Stuur de loonstrook of het bewijs van dit inkomen mee.' }]);
  });

  it("keeps another resident's document and submissions out of reach", async () => {
    const a = await residentWithBenefit();
    const b = await residentWithBenefit();
    const aDoc = await upload(a.cookie);
    expect((await send('POST', '/api/mijn/inkomsten', a.cookie, form(lastMonth, [{ kind: 'uitkering', person: 'aanvrager', netCents: 20_000, documentId: aDoc.id }]))).statusCode).toBe(201);
    const stolen = await send('POST', '/api/mijn/inkomsten', b.cookie, form(lastMonth, [{ kind: 'uitkering', person: 'aanvrager', netCents: 20_000, documentId: aDoc.id }]));
    expect(stolen.statusCode).toBe(400);
    expect((stolen.json() as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'items.0.documentId', message: expect.stringContaining('niet gevonden') });
    // B's month is still open: A's submission is not B's.
    expect(((await send('GET', '/api/mijn/inkomsten', b.cookie)).json() as Overview).months[0]!.status).not.toBe('ontvangen');
    // The database itself shows B nothing of A (the portal's restriction on the Pw tables).
    const seen = await withResident(t.database.db, TENANT, b.residentId, async (tx) => ({
      benefits: await tx.selectFrom('pw_benefits').select('id').where('id', '=', a.benefitId).execute(),
      submissions: await tx.selectFrom('pw_income_submissions').select('id').where('benefit_id', '=', a.benefitId).execute(),
    }));
    expect(seen).toEqual({ benefits: [], submissions: [] });
    // Staff: A's submission through B's benefit is not found.
    const aSubmission = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('pw_income_submissions').select('id').where('benefit_id', '=', a.benefitId).executeTakeFirstOrThrow());
    const cross = await t.app.inject({ method: 'POST', url: `/api/pw/benefits/${b.benefitId}/income-submissions/${aSubmission.id}/confirm`, headers: { cookie: consultant.cookie }, payload: {} });
    expect(cross.statusCode).toBe(404);
  });

  it('shows the consultant the submission with its document, and only the confirmation makes it the statement (source inwoner)', async () => {
    const { cookie, benefitId } = await residentWithBenefit();
    const doc = await upload(cookie);
    expect((await send('POST', '/api/mijn/inkomsten', cookie, form(twoMonthsAgo, [{ kind: 'arbeid', person: 'aanvrager', grossCents: 40_000, netCents: 31_250, documentId: doc.id }]))).statusCode).toBe(201);
    const view = (await t.app.inject({ method: 'GET', url: `/api/pw/benefits/${benefitId}/income-statements`, headers: { cookie: consultant.cookie } })).json() as {
      statements: { period: string; source: string }[];
      submissions: { id: string; status: string; items: { netCents: number; label: string }[]; documents: { id: string; fileName: string }[] }[];
    };
    expect(view.statements).toEqual([]);
    expect(view.submissions).toHaveLength(1);
    const submission = view.submissions[0]!;
    expect(submission).toMatchObject({ status: 'ontvangen', items: [{ netCents: 31_250, label: 'Inkomsten uit arbeid' }], documents: [{ id: doc.id, fileName: 'loonstrook.pdf' }] });
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${doc.id}`, headers: { cookie: consultant.cookie } })).statusCode).toBe(200);

    const noRights = await createStaff(t, { roles: ['kcc'], areaCode });
    expect((await t.app.inject({ method: 'POST', url: `/api/pw/benefits/${benefitId}/income-submissions/${submission.id}/confirm`, headers: { cookie: noRights.cookie }, payload: {} })).statusCode).toBe(403);
    const confirm = await t.app.inject({ method: 'POST', url: `/api/pw/benefits/${benefitId}/income-submissions/${submission.id}/confirm`, headers: { cookie: consultant.cookie }, payload: {} });
    expect(confirm.statusCode, confirm.body).toBe(201);
    expect(confirm.json()).toMatchObject({ period: twoMonthsAgo, incomeCents: 31_250, offsetCents: 31_250 });
    const twice = await t.app.inject({ method: 'POST', url: `/api/pw/benefits/${benefitId}/income-submissions/${submission.id}/confirm`, headers: { cookie: consultant.cookie }, payload: {} });
    expect(twice.statusCode).toBe(409);

    const after = (await t.app.inject({ method: 'GET', url: `/api/pw/benefits/${benefitId}/income-statements`, headers: { cookie: consultant.cookie } })).json() as { statements: { period: string; source: string }[]; submissions: { status: string; processedBy: string | null }[] };
    expect(after.statements).toEqual([expect.objectContaining({ period: twoMonthsAgo, source: 'inwoner' })]);
    expect(after.submissions[0]).toMatchObject({ status: 'verwerkt', processedBy: expect.any(String) });
    const resident = (await send('GET', '/api/mijn/inkomsten', cookie)).json() as Overview;
    expect(resident.months.find((m) => m.period === twoMonthsAgo)?.status).toBe('verwerkt');
    // And the month is closed for the resident now.
    const late = await send('POST', '/api/mijn/inkomsten', cookie, form(twoMonthsAgo, []));
    expect(late.statusCode).toBe(409);
  });
});
