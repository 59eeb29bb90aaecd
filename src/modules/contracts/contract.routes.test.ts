// Provider performance on a crafted year (2025, a past year: reference date 31 December) for two new
// providers on the demo municipality. Expected values are worked out by hand below.
//
// Provider X, one product, 12 allocations for 12 residents, commitment 1,000.00 each for 2025:
//   a1–a4   2025-01-01 … 2025-06-30 (ended in the year: 181 days each)
//   a5–a12  2025-03-01 … 2026-12-31
//   care started i days after the ingangsdatum for a1–a10; a11 and a12 never started (all are due:
//   they began more than 28 days before 31 December) → never started 2/12
//   a10's 301 is dated 20 days after its ingangsdatum: its start (day 10) counts from the 301 and is
//   never negative → 0; days to start {1 … 9, 0} → median 4.5
//   declarations in 2025: 500.00 for a1–a6 (3,000.00 in all); also one in Dec 2024 and one in Jan 2026
//   that do not count → utilisation 3,000 / 12,000 = 0.25, cost per client 3,000 / 6 = 500.00
// Provider Y: 3 allocations for 3 residents → suppressed counts and per-client figures, but its money
// (commitment 3 × 200.00, realisation 0) is shown.

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { createProvider, TENANT } from '../../../test/support/factories.js';
import { addDays } from '../../platform/calendar.js';

let t: TestApp;
let contractManager: string;
let providerX: string;
let providerY: string;

async function craft(): Promise<void> {
  providerX = (await createProvider(t, { name: 'Prestatiezorg X' })).id;
  providerY = (await createProvider(t, { name: 'Prestatiezorg Y' })).id;
  const declaredOn: { allocationId: string; segmentId: string }[] = [];
  await asOwnerIn(t.database.db, TENANT, async (tx) => {
    const user = await tx.selectFrom('users').select('id').where('tenant_id', '=', TENANT).orderBy('username').executeTakeFirstOrThrow();
    const product = await tx.selectFrom('products').select(['id', 'budget_line_code']).where('tenant_id', '=', TENANT).where('kind', '=', 'tailored').where('law', '=', 'wmo').orderBy('code').executeTakeFirstOrThrow();
    const cases = await tx.selectFrom('cases').distinctOn('resident_id').select(['id', 'resident_id']).where('tenant_id', '=', TENANT).orderBy('resident_id').orderBy('id').limit(15).execute();
    expect(cases).toHaveLength(15);
    const allocate = async (index: number, provider: string, period: [string, string], commitmentCents: number) => {
      const kase = cases[index]!;
      const decision = await tx
        .insertInto('decisions')
        .values({ tenant_id: TENANT, case_id: kase.id, resident_id: kase.resident_id, delivery_form: 'zin', status: 'approved', expected_annual_cents: 0, requires_approval: false, created_by: user.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const line = await tx
        .insertInto('decision_lines')
        .values({ tenant_id: TENANT, decision_id: decision.id, product_id: product.id, outcome: 'granted', period_start: period[0], period_end: period[1], volume: 1, frequency: 'per_week' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const allocation = await tx
        .insertInto('allocations')
        .values({ tenant_id: TENANT, decision_line_id: line.id, case_id: kase.id, resident_id: kase.resident_id, product_id: product.id, provider_id: provider, unit: 'hour', budget_line_code: product.budget_line_code, created_by: user.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const segment = await tx
        .insertInto('allocation_segments')
        .values({ tenant_id: TENANT, allocation_id: allocation.id, volume: 1, frequency: 'per_week', start_date: period[0], end_date: period[1], reason: 'test', recorded_by: user.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('allocation_commitments').values({ tenant_id: TENANT, allocation_id: allocation.id, year: 2025, cents: commitmentCents }).execute();
      return { allocationId: allocation.id, segmentId: segment.id };
    };
    for (let i = 1; i <= 12; i += 1) {
      const period: [string, string] = i <= 4 ? ['2025-01-01', '2025-06-30'] : ['2025-03-01', '2026-12-31'];
      const { allocationId, segmentId } = await allocate(i - 1, providerX, period, 100_000);
      if (i <= 10) await tx.insertInto('allocation_care_starts').values({ tenant_id: TENANT, allocation_id: allocationId, started_on: addDays(period[0], i), source: 'iwmo-305' }).execute();
      if (i <= 6) await tx.insertInto('declarations').values({ tenant_id: TENANT, allocation_id: allocationId, month: '2025-05-01', cents: 50_000 }).execute();
      if (i === 1) {
        await tx
          .insertInto('declarations')
          .values([
            { tenant_id: TENANT, allocation_id: allocationId, month: '2024-12-01', cents: 99_999 },
            { tenant_id: TENANT, allocation_id: allocationId, month: '2026-01-01', cents: 77_777 },
          ])
          .execute();
      }
      if (i <= 3) declaredOn.push({ allocationId, segmentId });
      if (i === 10) {
        const message = await tx
          .insertInto('exchange_messages')
          .values({ tenant_id: TENANT, standard: 'iwmo', message_number: 301, direction: 'out', provider_id: providerX, identification: `PT${Date.now() % 1_000_000}`, dated_on: addDays(period[0], 20), xsd_status: 'not_checked', problems: '[]', xml: '<Bericht/>', status: 'ready' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx.insertInto('exchange_message_segments').values({ tenant_id: TENANT, message_id: message.id, segment_id: segmentId, state: 'current' }).execute();
      }
    }
    for (let i = 12; i < 15; i += 1) await allocate(i, providerY, ['2025-02-01', '2025-12-31'], 20_000);
    // Declaration lines on a1–a3 for May 2025: two approved, one refused (0611 and 9346); one for
    // December 2024 on a1, refused, does not count.
    const message = await tx
      .insertInto('exchange_messages')
      .values({ tenant_id: TENANT, standard: 'iwmo', message_number: 323, direction: 'in', provider_id: providerX, identification: `PD${Date.now() % 1_000_000}`, dated_on: '2025-06-02', xsd_status: 'not_checked', problems: '[]', xml: '<Bericht/>', status: 'accepted' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const declaration = await tx
      .insertInto('declaration_messages')
      .values({ tenant_id: TENANT, message_id: message.id, standard: 'iwmo', provider_id: providerX, declaration_number: 'PD1', period_start: '2025-05-01', period_end: '2025-05-31', dated_on: '2025-06-02', submitted_cents: 0, status: 'accepted' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const line = (position: number, at: { allocationId: string; segmentId: string }, month: [string, string], status: 'approved' | 'refused', codes: string[]) => ({
      tenant_id: TENANT, declaration_id: declaration.id, position, standard: 'iwmo' as const, provider_id: providerX, bsn: '999999990', reference: `PD1-${position}`, allocation_number: position,
      category_code: '01', product_code: '01A01', period_start: month[0], period_end: month[1], volume: 1, unit_code: '04', tariff_cents: 5_000, amount_cents: 5_000, debit_credit: 'D' as const,
      segment_id: at.segmentId, allocation_id: at.allocationId, status, retour_codes: codes, approved_cents: status === 'approved' ? 5_000 : null,
    });
    const may: [string, string] = ['2025-05-01', '2025-05-31'];
    await tx
      .insertInto('declaration_lines')
      .values([
        line(1, declaredOn[0]!, may, 'approved', ['8001']),
        line(2, declaredOn[1]!, may, 'approved', ['8001']),
        line(3, declaredOn[2]!, may, 'refused', ['0611', '9346']),
        line(4, declaredOn[0]!, ['2024-12-01', '2024-12-31'], 'refused', ['9307']),
      ])
      .execute();
  });
}

beforeAll(async () => {
  t = await createTestApp();
  contractManager = (await t.login('contractmanager')).cookie;
  await craft();
});
afterAll(async () => t.close());

const get = (url: string, cookie: string | null = contractManager) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

describe('provider performance (contract management)', () => {
  it('gives per provider and product the days to start, never started, utilisation, cost per client and duration', async () => {
    const response = await get(`/api/contracts/performance?year=2025&providerId=${providerX}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ year: 2025, referenceDate: '2025-12-31', threshold: 10 });
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({
      providerId: providerX,
      providerName: 'Prestatiezorg X',
      suppressed: false,
      allocations: 12,
      clients: 12,
      medianDaysToStart: 4.5,
      neverStartedShare: 2 / 12,
      commitmentCents: 1_200_000,
      realisationCents: 300_000,
      utilisation: 0.25,
      averageCostPerClientCents: 50_000,
      averageDurationDays: 181,
      declaredLines: 3,
      refusedLines: 1,
      refusalReasons: [
        { code: '0611', text: expect.stringMatching(/tarief/i), lines: 1 },
        { code: '9346', text: expect.any(String), lines: 1 },
      ],
    });
  });

  it('suppresses counts and per-client figures below 10 clients, but shows the money', async () => {
    const body = (await get('/api/contracts/performance?year=2025')).json();
    const y = body.rows.find((r: { providerId: string }) => r.providerId === providerY);
    expect(y).toMatchObject({ suppressed: true, allocations: null, clients: null, medianDaysToStart: null, neverStartedShare: null, averageCostPerClientCents: null, averageDurationDays: null, commitmentCents: 60_000, realisationCents: 0, utilisation: 0 });
    expect(body.rows.some((r: { providerId: string }) => r.providerId === providerX)).toBe(true);
  });

  it('exports the same figures as an Excel workbook, suppressed cells as "<10"', async () => {
    const response = await get('/api/contracts/performance/export.xlsx?year=2025');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    const x = rows.find((r) => r[1] === 'Prestatiezorg X')!;
    expect(x.slice(5, 14)).toEqual([12, 12, 4.5, 2 / 12, 12_000, 3_000, 0.25, 500, 181]);
    const y = rows.find((r) => r[1] === 'Prestatiezorg Y')!;
    expect(y.slice(5, 14)).toEqual(['<10', '<10', '<10', '<10', 600, 0, 0, '<10', '<10']);
  });

  it('is for contract management, policy and control only; refuses bad input in Dutch', async () => {
    expect((await get('/api/contracts/performance', null)).statusCode).toBe(401);
    expect((await get('/api/contracts/performance/export.xlsx', null)).statusCode).toBe(401);
    const consultant = (await t.login('consulent')).cookie;
    expect((await get('/api/contracts/performance', consultant)).statusCode).toBe(403);
    const policy = (await t.login('beleid')).cookie;
    expect((await get('/api/contracts/performance?year=2025', policy)).statusCode).toBe(200);
    const bad = await get('/api/contracts/performance?year=twintig');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.fields)).toMatch(/jaartal/);
    expect((await get('/api/contracts/performance?providerId=abc')).statusCode).toBe(400);
  });
});
