import { ParseOption, XmlDocument } from 'libxml2-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwnerIn } from '../../../test/support/database.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { addMonthsToPeriod } from './pw.payment-run.model.js';
import { PAIN_NAMESPACE } from './pw.sepa.js';
import { withCheckDigits } from './pw.iban.test-support.js';

let t: TestApp;
let lead: Staff;
let otherLead: Staff;
let admin: Staff;
let consultant: Staff;
const BENEFIT = '7e57ab1e-0000-4000-8000-0000000000b1';
const DEBTOR_IBAN = withCheckDigits('NL', 'BNGH0285099999');
const period = addMonthsToPeriod(`${todayInAmsterdam().slice(0, 7)}-01`, -1);
beforeAll(async () => {
  t = await createTestApp();
  [lead, otherLead, admin, consultant] = await Promise.all([
    createStaff(t, { roles: ['team_lead'] }),
    createStaff(t, { roles: ['team_lead'] }),
    createStaff(t, { roles: ['admin'] }),
    createStaff(t, { roles: ['consultant'] }),
  ]);
  await asOwnerIn(t.database.db, TENANT, async (tx) => {
    const resident = await tx.selectFrom('residents').select('id').where('tenant_id', '=', TENANT).orderBy('bsn', 'desc').executeTakeFirstOrThrow();
    await tx
      .insertInto('pw_benefits')
      .values({ tenant_id: TENANT, id: BENEFIT, reference: 'PW-TEST-1', resident_id: resident.id, consultant_id: null, norm: 'alleenstaande', monthly_cents: 136_906, start_date: addMonthsToPeriod(period, -6), end_date: null, next_reexamination_on: '2030-01-01', iban: withCheckDigits('NL', 'INGB0001234567'), account_holder: 'J. de Test' })
      .execute();
    await tx.insertInto('pw_benefit_bases').values({ tenant_id: TENANT, benefit_id: BENEFIT, valid_from: addMonthsToPeriod(period, -6), norm_incl_vt_cents: 136_906, fixed_offset_cents: 0, vt_basis_points: 500, reason: 'migratie' }).execute();
    await tx.insertInto('pw_income_statements').values({ tenant_id: TENANT, benefit_id: BENEFIT, period, received_on: period, income_cents: 20_000, offset_cents: 20_000 }).execute();
  });
});
afterAll(async () => t.close());

const inject = (method: 'GET' | 'POST' | 'PUT', url: string, staff: Staff, payload?: object) => t.app.inject({ method, url, headers: { cookie: staff.cookie }, ...(payload ? { payload } : {}) });

describe('the payment run over HTTP', () => {
  let runId = '';
  it('refuses a municipality account with a wrong IBAN, per field in Dutch', async () => {
    const response = await inject('PUT', '/api/pw/payment-settings', admin, { debtorIban: 'NL00BNGH0285063718' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields[0].field).toBe('debtorIban');
    const spaced = DEBTOR_IBAN.replace(/(.{4})/g, '$1 ').trim();
    const ok = await inject('PUT', '/api/pw/payment-settings', admin, { debtorIban: spaced, debtorName: 'Gemeente Maastricht', vtMonth: 6 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ debtorIban: DEBTOR_IBAN, vtMonth: 6, blockMonths: 2 });
    expect((await inject('PUT', '/api/pw/payment-settings', consultant, { vtMonth: 5 })).statusCode).toBe(403);
    const bad = await inject('PUT', '/api/pw/payment-settings', admin, { vtMonth: 13, blockMonths: 0 });
    expect(bad.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['blockMonths', 'vtMonth']);
  });

  it('computes last month: totals, the components per benefit, blocked benefits with their reason', async () => {
    expect((await inject('POST', '/api/pw/payment-runs', consultant, { period: period.slice(0, 7) })).statusCode).toBe(403);
    expect((await inject('POST', '/api/pw/payment-runs', lead, { period: 'november' })).json().error.fields[0].message).toMatch(/jjjj-mm/);
    const response = await inject('POST', '/api/pw/payment-runs', lead, { period: period.slice(0, 7) });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    runId = body.run.id;
    expect(body.run).toMatchObject({ status: 'berekend', period: period.slice(0, 7) });
    expect(body.run.paymentsCount).toBeGreaterThan(0);
    const detail = (await inject('GET', `/api/pw/payment-runs/${runId}?limit=500`, otherLead)).json();
    const mine = detail.lines.find((l: { benefitReference: string }) => l.benefitReference === 'PW-TEST-1');
    // 136,906 − 20,000 = 116,906; 5 % reserved: 5,845.30 → 5,845; paid 111,061.
    expect(mine).toMatchObject({ kind: 'regulier', status: 'betalen', bijstandCents: 116_906, offsetCents: 20_000, vtReserveCents: 5_845, instalmentsCents: 0, cents: 111_061 });
    for (const line of detail.lines.filter((l: { status: string }) => l.status === 'geblokkeerd')) expect(line.blockReason).toMatch(/^Geen /);
    expect((await inject('POST', '/api/pw/payment-runs', otherLead, { period: period.slice(0, 7) })).statusCode).toBe(409);
  });

  it('is approved by a second team lead only, and then gives a pain.001 whose count and control sum are the run\'s totals', async () => {
    const own = await inject('POST', `/api/pw/payment-runs/${runId}/approve`, lead);
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toMatch(/vier ogen/);
    expect((await inject('GET', `/api/pw/payment-runs/${runId}/pain.001.xml`, otherLead)).statusCode).toBe(409);
    const approved = await inject('POST', `/api/pw/payment-runs/${runId}/approve`, otherLead);
    expect(approved.statusCode).toBe(200);
    const run = approved.json().run;
    expect(run).toMatchObject({ status: 'goedgekeurd', hasFile: true });
    expect((await inject('POST', `/api/pw/payment-runs/${runId}/approve`, otherLead)).statusCode).toBe(409);

    expect((await inject('GET', `/api/pw/payment-runs/${runId}/pain.001.xml`, consultant)).statusCode).toBe(403);
    const file = await inject('GET', `/api/pw/payment-runs/${runId}/pain.001.xml`, lead);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('.xml');
    const doc = XmlDocument.fromString(file.body, { option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE });
    try {
      const ns = { p: PAIN_NAMESPACE };
      const text = (path: string) => doc.get(`/p:Document/p:CstmrCdtTrfInitn/${path}`, ns)?.content;
      expect(text('p:GrpHdr/p:NbOfTxs')).toBe(String(run.paymentsCount));
      expect(text('p:GrpHdr/p:CtrlSum')).toBe((run.totalCents / 100).toFixed(2));
      expect(text('p:PmtInf/p:CtrlSum')).toBe((run.totalCents / 100).toFixed(2));
      expect(text('p:PmtInf/p:DbtrAcct/p:Id/p:IBAN')).toBe(DEBTOR_IBAN);
      const amounts = doc.find('/p:Document/p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf/p:Amt/p:InstdAmt', ns).map((n) => Math.round(Number(n.content) * 100));
      expect(amounts.reduce((s, a) => s + a, 0)).toBe(run.totalCents);
      expect(amounts).toContain(111_061);
    } finally {
      doc.dispose();
    }
    // The payments are booked: one regular payment for the month, with its components.
    const paid = await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('pw_payments').selectAll().where('benefit_id', '=', BENEFIT).execute());
    expect(paid.map((p) => [p.kind, p.period, Number(p.cents), p.run_id])).toEqual([['regulier', period, 111_061, runId]]);
    // A second run for the month pays nothing more for it.
    const again = (await inject('POST', '/api/pw/payment-runs', lead, { period: period.slice(0, 7) })).json();
    const lines = (await inject('GET', `/api/pw/payment-runs/${again.run.id}?limit=500`, otherLead)).json().lines;
    expect(lines.filter((l: { benefitReference: string }) => l.benefitReference === 'PW-TEST-1')).toEqual([]);
    expect((await inject('POST', `/api/pw/payment-runs/${again.run.id}/withdraw`, lead)).json().run.status).toBe('ingetrokken');
  });
});
