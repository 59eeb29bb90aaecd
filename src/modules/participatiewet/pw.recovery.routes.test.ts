import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { addMonths } from '../../platform/calendar.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { withTenant } from '../../db/tenancy.js';
import { NET_WITHOUT_INCOME, NORM_CENTS, seedBenefit } from './pw.recovery.test-support.js';

let t: TestApp;
let consultant: Staff;
let lead: Staff;
let otherLead: Staff;
let stranger: Staff;
let residentId: string;
let benefitId: string;
const thisMonth = `${todayInAmsterdam().slice(0, 8)}01`;
// Months inside the shipped norm table (2025): a month outside it is refused (no norm period).
const start = '2025-03-01';
const earlierPaid = '2025-09-01';
const paidMonth = '2025-10-01';
const openMonth = '2025-11-01';

interface Claim {
  id: string;
  reference: string;
  status: string;
  source: string;
  principalCents: number;
  monthlyInstalmentCents: number;
  balanceCents: number;
  entries: { kind: string; cents: number; note: string | null }[];
}
interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}
const call = (method: 'GET' | 'POST' | 'PUT', url: string, staff: Staff, payload?: object) => t.app.inject({ method, url, headers: { cookie: staff.cookie }, ...(payload ? { payload } : {}) });
const statement = (period: string, items: object[], staff = consultant) => call('POST', `/api/pw/benefits/${benefitId}/income-statements`, staff, { period, items });

beforeAll(async () => {
  t = await createTestApp();
  const area = await anAreaCode(t);
  [consultant, lead, otherLead, stranger] = await Promise.all([
    createStaff(t, { roles: ['consultant'], areaCode: area }),
    createStaff(t, { roles: ['team_lead'], areaCode: area }),
    createStaff(t, { roles: ['team_lead'], areaCode: area }),
    createStaff(t, { roles: ['team_lead'] }),
  ]);
  residentId = (await createResident(t, { areaCode: area, birthDate: '1985-03-01' })).id;
  benefitId = await seedBenefit(t.database, TENANT, { residentId, consultantId: consultant.id, start, paidMonths: [earlierPaid, paidMonth] });
});
afterAll(async () => t.close());

describe('income statement', () => {
  it('refuses a month in the future, before the start, a negative and an absurd amount, each with a Dutch message per field', async () => {
    const future = await statement(addMonths(thisMonth, 1), []);
    expect(future.statusCode).toBe(400);
    expect((future.json() as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'period', message: expect.stringContaining('toekomst') });
    const before = await statement(addMonths(start, -1), []);
    expect(before.statusCode).toBe(400);
    expect((before.json() as ErrorBody).error.fields?.[0]?.message).toContain('begon');
    const amounts = await statement(openMonth, [
      { kind: 'arbeid', person: 'aanvrager', cents: -5 },
      { kind: 'alimentatie', person: 'aanvrager', cents: 900_000_000 },
      { kind: 'loterij', person: 'aanvrager', cents: 100 },
    ]);
    expect(amounts.statusCode).toBe(400);
    const fields = (amounts.json() as ErrorBody).error.fields!.map((f) => f.field);
    expect(fields).toEqual(['items[0].cents', 'items[1].cents', 'items[2].kind']);
    const partner = await statement(openMonth, [{ kind: 'arbeid', person: 'partner', cents: 100 }]);
    expect((partner.json() as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'items[0].person' });
  });

  it('refuses an employee without a relation with the resident (NO_RELATION), and a role without pw:write', async () => {
    const response = await statement(openMonth, [], stranger);
    expect(response.statusCode).toBe(403);
    expect((response.json() as ErrorBody).error.code).toBe('NO_RELATION');
    const policy = await createStaff(t, { roles: ['policy'] });
    expect((await statement(openMonth, [], policy)).statusCode).toBe(403);
  });

  it('stores the offset with the exemptions; an unpaid month makes no claim', async () => {
    const response = await statement(openMonth, [
      { kind: 'arbeid', person: 'aanvrager', cents: 20_000 },
      { kind: 'toeslag', person: 'aanvrager', cents: 15_000 },
    ]);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ incomeCents: 35_000, offsetCents: 20_000, paidCents: null, draftClaim: null });
    const stored = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('pw_income_statements').selectAll().where('benefit_id', '=', benefitId).where('period', '=', openMonth).executeTakeFirstOrThrow());
    expect(stored).toMatchObject({ income_cents: '35000', offset_cents: '20000', source: 'medewerker', entered_by: consultant.id });
    const again = await statement(openMonth, []);
    expect(again.statusCode).toBe(409);
    expect((again.json() as ErrorBody).error.message).toContain('al een inkomstenopgave');
  });

  it('a first late statement for a paid month that lowers what was due becomes a draft claim for the difference; a second is refused as paid', async () => {
    const response = await statement(paidMonth, [{ kind: 'arbeid', person: 'aanvrager', cents: 50_000 }]);
    expect(response.statusCode).toBe(201);
    // Due now: bijstand 136,544 − 50,000 = 86,544; reserve 5 % = 4,327 (4,327.2); net 82,217. Paid 129,717.
    const body = response.json();
    expect(body).toMatchObject({ offsetCents: 50_000, dueNetCents: 82_217, paidCents: NET_WITHOUT_INCOME });
    expect(body.draftClaim).toMatchObject({ cents: NET_WITHOUT_INCOME - 82_217 });
    const claim = (await call('GET', `/api/pw/claims/${body.draftClaim.id}`, consultant)).json() as Claim;
    expect(claim).toMatchObject({ status: 'concept', source: 'inkomstenopgave', principalCents: 47_500, balanceCents: 0, entries: [] });

    const second = await statement(paidMonth, []);
    expect(second.statusCode).toBe(409);
    expect((second.json() as ErrorBody).error.message).toContain('al betaald');
  });

  it('a late statement that does not lower what was paid makes no claim', async () => {
    const response = await statement(earlierPaid, [{ kind: 'kinderbijslag', person: 'aanvrager', cents: 30_000 }]);
    expect(response.json()).toMatchObject({ offsetCents: 0, dueNetCents: NET_WITHOUT_INCOME, draftClaim: null, correctionCents: 0 });
    expect(NORM_CENTS).toBeGreaterThan(NET_WITHOUT_INCOME);
  });
});

describe('income statement after a payment run', () => {
  it('counts what the run paid as bijstand before the offset instalments: a late statement claims only the real overpayment', async () => {
    // A benefit paid by a real run (not migrated) for a month in which an established claim was offset.
    const resident = (await createResident(t, { areaCode: await anAreaCode(t), birthDate: '1982-06-01' })).id;
    const benefit = await seedBenefit(t.database, TENANT, { residentId: resident, consultantId: consultant.id, start, paidMonths: [] });
    await withTenant(t.database.db, TENANT, (tx) => tx.updateTable('pw_benefits').set({ iban: 'NL91ABNA0417164300', account_holder: 'R. Test' }).where('id', '=', benefit).execute());
    expect((await call('POST', `/api/pw/benefits/${benefit}/income-statements`, consultant, { period: '2025-07-01', items: [] })).statusCode).toBe(201);
    const draft = await call('POST', `/api/residents/${resident}/pw-claims`, consultant, { benefitId: benefit, ground: 'te-veel-betaald', principalCents: 30_000, reason: 'Eerder te veel betaald' });
    expect(draft.statusCode, draft.body).toBe(201);
    expect((await call('POST', `/api/pw/claims/${draft.json().id}/establish`, lead, { monthlyInstalmentCents: 10_000 })).statusCode).toBe(200);
    const run = await call('POST', '/api/pw/payment-runs', lead, { period: '2025-08' });
    expect(run.statusCode, run.body).toBe(201);
    const approved = await call('POST', `/api/pw/payment-runs/${run.json().run.id}/approve`, otherLead);
    expect(approved.statusCode, approved.body).toBe(200);
    const paid = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('pw_payments').select(['cents', 'instalments_cents']).where('benefit_id', '=', benefit).executeTakeFirstOrThrow());
    expect({ cents: Number(paid.cents), instalments: Number(paid.instalments_cents) }).toEqual({ cents: NET_WITHOUT_INCOME - 10_000, instalments: 10_000 });

    // The same statement as for a migrated month: the overpayment is net paid (129,717) − net due (82,217).
    const late = await call('POST', `/api/pw/benefits/${benefit}/income-statements`, consultant, { period: '2025-08-01', items: [{ kind: 'arbeid', person: 'aanvrager', cents: 50_000 }] });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json()).toMatchObject({ dueNetCents: 82_217, paidCents: NET_WITHOUT_INCOME, draftClaim: { cents: 47_500 } });
  });
});

describe('recovery claim', () => {
  let claimId: string;
  beforeAll(async () => {
    const list = (await call('GET', `/api/residents/${residentId}/pw-claims`, consultant)).json() as { claims: Claim[] };
    claimId = list.claims.find((c) => c.source === 'inkomstenopgave')!.id;
  });

  it('is established only by a team lead, four eyes, with an instalment not above the balance; the ledger gets the claim', async () => {
    expect((await call('POST', `/api/pw/claims/${claimId}/establish`, consultant, { monthlyInstalmentCents: 5_000 })).statusCode).toBe(403);
    const tooHigh = await call('POST', `/api/pw/claims/${claimId}/establish`, lead, { monthlyInstalmentCents: 47_501 });
    expect(tooHigh.statusCode).toBe(400);
    expect((tooHigh.json() as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'monthlyInstalmentCents', message: expect.stringContaining('saldo') });
    const ok = await call('POST', `/api/pw/claims/${claimId}/establish`, lead, { monthlyInstalmentCents: 10_000, ground: 'inkomsten-niet-gemeld', article: 'art. 58 lid 1 Pw' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'vastgesteld', monthlyInstalmentCents: 10_000, balanceCents: 47_500, ground: 'inkomsten-niet-gemeld', entries: [{ kind: 'vordering', cents: 47_500 }] });
    expect((await call('POST', `/api/pw/claims/${claimId}/establish`, otherLead, { monthlyInstalmentCents: 1 })).statusCode).toBe(409);
  });

  it('refuses the drafter establishing their own claim', async () => {
    const draft = await call('POST', `/api/residents/${residentId}/pw-claims`, lead, { benefitId, ground: 'vermogen', principalCents: 12_345, reason: 'Spaarrekening niet gemeld', periodFrom: start, periodTo: paidMonth });
    expect(draft.statusCode).toBe(201);
    const own = await call('POST', `/api/pw/claims/${draft.json().id}/establish`, lead, { monthlyInstalmentCents: 0 });
    expect(own.statusCode).toBe(403);
    expect((own.json() as ErrorBody).error.message).toContain('Vier ogen');
    const withdrawn = await call('POST', `/api/pw/claims/${draft.json().id}/withdraw`, lead, { reason: 'Vermogen bleek onder de grens' });
    expect(withdrawn.json()).toMatchObject({ status: 'ingetrokken', entries: [] });
  });

  it('books repayments, a write-off with its reason and corrections; never below nil', async () => {
    const repay = await call('POST', `/api/pw/claims/${claimId}/entries`, consultant, { kind: 'aflossing', cents: 7_500, note: 'Overboeking' });
    expect(repay.statusCode).toBe(201);
    expect(repay.json()).toMatchObject({ balanceCents: 40_000 });
    const noReason = await call('POST', `/api/pw/claims/${claimId}/entries`, consultant, { kind: 'kwijtschelding', cents: 1_000 });
    expect((noReason.json() as ErrorBody).error.fields?.[0]).toMatchObject({ field: 'note' });
    const tooMuch = await call('POST', `/api/pw/claims/${claimId}/entries`, consultant, { kind: 'aflossing', cents: 40_001 });
    expect(tooMuch.statusCode).toBe(400);
    const correction = await call('POST', `/api/pw/claims/${claimId}/entries`, consultant, { kind: 'correctie', cents: -5_000, note: 'Verrekend met nabetaling' });
    expect(correction.json()).toMatchObject({ balanceCents: 35_000 });
    const writeOff = await call('POST', `/api/pw/claims/${claimId}/entries`, consultant, { kind: 'kwijtschelding', cents: 30_000, note: 'Schuldhulpverlening: minnelijk traject' });
    // The instalment (10,000) is lowered to the balance left (5,000).
    expect(writeOff.json()).toMatchObject({ balanceCents: 5_000, monthlyInstalmentCents: 5_000 });
    expect((writeOff.json() as Claim).entries.map((e) => [e.kind, e.cents])).toEqual([
      ['vordering', 47_500],
      ['aflossing', -7_500],
      ['correctie', -5_000],
      ['kwijtschelding', -30_000],
    ]);
    expect((await call('PUT', `/api/pw/claims/${claimId}/instalment`, consultant, { monthlyInstalmentCents: 5_001 })).statusCode).toBe(400);
    expect((await call('PUT', `/api/pw/claims/${claimId}/instalment`, consultant, { monthlyInstalmentCents: 2_500 })).json()).toMatchObject({ monthlyInstalmentCents: 2_500 });
  });

  it('shows the balance per resident, lists claims only to those with a relation, and prints the letter with the objection clause', async () => {
    const mine = (await call('GET', `/api/residents/${residentId}/pw-claims`, consultant)).json() as { balanceCents: number; claims: Claim[] };
    expect(mine.balanceCents).toBe(5_000);
    expect(mine.claims).toHaveLength(2);
    const list = (await call('GET', '/api/pw/claims?status=vastgesteld', lead)).json() as Claim[];
    expect(list.map((c) => c.id)).toContain(claimId);
    expect((await call('GET', '/api/pw/claims?status=vastgesteld', stranger)).json()).toEqual([]);
    expect((await call('GET', `/api/pw/claims/${claimId}`, stranger)).statusCode).toBe(403);
    const letter = await call('GET', `/api/pw/claims/${claimId}/letter.html`, consultant);
    expect(letter.statusCode).toBe(200);
    expect(letter.body).toContain('bezwaar maken');
    expect(letter.body).toContain('art. 58 lid 1 Pw');
    expect(letter.body).toMatch(/475,00/);
    const audit = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('audit_log').select('name').where('name', 'like', 'terugvordering.%').execute());
    expect(audit.map((a) => a.name)).toEqual(expect.arrayContaining(['terugvordering.opstellen', 'terugvordering.vaststellen', 'terugvordering.aflossing', 'terugvordering.kwijtschelding', 'terugvordering.brief']));
  });
});
