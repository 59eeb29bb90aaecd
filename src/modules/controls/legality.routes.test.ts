import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { seedFinanceLine, uniqueLineCode } from '../../../test/support/finance.js';
import { withTenant } from '../../db/tenancy.js';
import type { LegalityStatement } from './legality.schema.js';
import { projectSample } from './legality.service.js';

// A crafted year (2012: no other data of the test database falls in it) whose totals are known:
// - Participatiewet: 10 payments of € 1.000 (expenditure € 10.000, threshold at 1 % € 100); an error
//   finding of € 6.000 (above the tolerance of € 5.000, with a measure) and a sample of 2 payments
//   (€ 2.000 drawn from a population of € 10.000) with an error of € 100 → projected € 500, of which
//   € 400 counts as uncertainty. Errors € 6.100 + uncertainties € 400: above the threshold.
// - the law of the allocated product: a commitment of € 50.000 (no declarations: the commitments count),
//   an uncertainty finding of € 200 (below the tolerance): below its threshold of € 500.
// - the other care law: approved declarations of € 3.000 + € 2.000 minus an approved credit of € 500
//   (a refused line of € 9.999,99 does not count): € 4.500 from the declarations, no findings: below its grens.
// - a 'geen-bevinding' and a finding of another year do not count.
// - control runs of the year: version 2 of the run replaces version 1; of its two exceptions one is
//   covered by an assessed finding, the other (€ 250) is "nog te beoordelen".
const YEAR = 2012;
let t: TestApp;
let controller: Staff;
let auditor: Staff;
let consultant: Staff;
let careProcess: 'wmo' | 'jeugd';
let declaredProcess: 'wmo' | 'jeugd';

const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const statementsStored = () => withTenant(t.database.db, TENANT, async (tx) => (await sql<{ n: number }>`select count(*)::int as n from legality_statements`.execute(tx)).rows[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  [controller, auditor, consultant] = await Promise.all([createStaff(t, { roles: ['controller'] }), createStaff(t, { roles: ['auditor'] }), createStaff(t, { roles: ['consultant'] })]);
  const provider = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('providers').select('id').orderBy('id').executeTakeFirstOrThrow());
  const [allocation] = await seedFinanceLine(t.database.db, { code: uniqueLineCode(), year: YEAR, budgetCents: 10_000_000, commitmentCents: 5_000_000, plan: [provider.id] });
  await withTenant(t.database.db, TENANT, async (tx) => {
    const law = (await sql<{ law: string }>`select p.law from allocations a join products p on p.id = a.product_id where a.id = ${allocation!.id}::uuid`.execute(tx)).rows[0]!.law;
    careProcess = law === 'jeugdwet' ? 'jeugd' : 'wmo';
    declaredProcess = careProcess === 'wmo' ? 'jeugd' : 'wmo';
    const standard = declaredProcess === 'wmo' ? ('iwmo' as const) : ('ijw' as const);
    const message = await tx
      .insertInto('exchange_messages')
      .values({ tenant_id: TENANT, standard, message_number: 323, direction: 'in', provider_id: provider.id, identification: `LEG${Date.now() % 1_000_000}`, dated_on: `${YEAR}-06-02`, xsd_status: 'not_checked', problems: '[]', xml: '<Bericht/>', status: 'accepted' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const declaration = await tx
      .insertInto('declaration_messages')
      .values({ tenant_id: TENANT, message_id: message.id, standard, provider_id: provider.id, declaration_number: 'LEG1', period_start: `${YEAR}-05-01`, period_end: `${YEAR}-05-31`, dated_on: `${YEAR}-06-02`, submitted_cents: 0, status: 'accepted' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const line = (position: number, cents: number, status: 'approved' | 'refused', debitCredit: 'D' | 'C', credits: string | null = null) => ({
      tenant_id: TENANT, declaration_id: declaration.id, position, standard, provider_id: provider.id, bsn: '999999990', reference: `LEG1-${position}`, previous_reference: null, allocation_number: position,
      category_code: '01', product_code: '01A01', period_start: `${YEAR}-05-01`, period_end: `${YEAR}-05-31`, volume: 1, unit_code: '83', tariff_cents: null, amount_cents: cents, debit_credit: debitCredit,
      segment_id: null, allocation_id: allocation!.id, resident_id: null, credits_line_id: credits, status, retour_codes: [], approved_cents: status === 'approved' ? cents : null,
    });
    const first = await tx.insertInto('declaration_lines').values(line(1, 300_000, 'approved', 'D')).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('declaration_lines').values([line(2, 200_000, 'approved', 'D'), line(3, 999_999, 'refused', 'D'), line(4, 50_000, 'approved', 'C', first.id)]).execute();
    const resident = await tx.selectFrom('residents').select('id').orderBy('bsn').executeTakeFirstOrThrow();
    const benefit = await tx
      .insertInto('pw_benefits')
      .values({ tenant_id: TENANT, reference: 'PW-LEG-1', resident_id: resident.id, consultant_id: null, norm: 'alleenstaande', monthly_cents: 100_000, start_date: `${YEAR}-01-01`, end_date: `${YEAR}-12-31`, last_reexamination_on: null, next_reexamination_on: `${YEAR}-12-01` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const payments: string[] = [];
    for (let m = 1; m <= 10; m++) {
      const p = await tx.insertInto('pw_payments').values({ tenant_id: TENANT, benefit_id: benefit.id, period: `${YEAR}-${String(m).padStart(2, '0')}-01`, paid_on: `${YEAR}-${String(m).padStart(2, '0')}-05`, cents: 100_000 }).returning('id').executeTakeFirstOrThrow();
      payments.push(p.id);
    }
    const by = controller.id;
    const sample = await tx
      .insertInto('control_samples')
      .values({ tenant_id: TENANT, number: 1, process: 'participatiewet', population_kind: 'pw-betalingen', period_start: `${YEAR}-01-01`, period_end: `${YEAR}-12-31`, population_size: 10, population_amount_cents: 1_000_000, confidence: 0.95, tolerable_error: 0.05, expected_error: 0, sample_size: 2, seed: 'test', method: 'MUS', checklist: JSON.stringify(['Besluit aanwezig?']), title: 'Betalingen bijstand', created_by: by })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('control_sample_items').values([1, 2].map((position) => ({ tenant_id: TENANT, sample_id: sample.id, position, subject_type: 'payment', subject_id: payments[position - 1]!, resident_id: resident.id, amount_cents: 100_000 }))).execute();
    const run1 = await tx.insertInto('control_runs').values({ tenant_id: TENANT, period_kind: 'jaar', period_start: `${YEAR}-01-01`, period_end: `${YEAR}-12-31`, scope: 'participatiewet', version: 1, controls_version: 'test', run_by: by }).returning('id').executeTakeFirstOrThrow();
    const run2 = await tx.insertInto('control_runs').values({ tenant_id: TENANT, period_kind: 'jaar', period_start: `${YEAR}-01-01`, period_end: `${YEAR}-12-31`, scope: 'participatiewet', version: 2, controls_version: 'test', run_by: by }).returning('id').executeTakeFirstOrThrow();
    for (const run of [run1, run2]) {
      await tx.insertInto('control_run_results').values({ tenant_id: TENANT, run_id: run.id, control_id: 'pw-betaald-na-einde', position: 1, impact: 'fout', population: 10, exceptions: run === run1 ? 1 : 2, amount_error_cents: 0, amount_uncertain_cents: 0 }).execute();
    }
    // Version 1 had an exception that version 2 no longer has: it must not count.
    await tx.insertInto('control_run_exceptions').values({ tenant_id: TENANT, run_id: run1.id, control_id: 'pw-betaald-na-einde', subject_type: 'payment', subject_id: payments[9]!, resident_id: resident.id, facts: '{}', amount_cents: 99_999 }).execute();
    const covered = await tx.insertInto('control_run_exceptions').values({ tenant_id: TENANT, run_id: run2.id, control_id: 'pw-betaald-na-einde', subject_type: 'payment', subject_id: payments[7]!, resident_id: resident.id, facts: '{}', amount_cents: 600_000 }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('control_run_exceptions').values({ tenant_id: TENANT, run_id: run2.id, control_id: 'pw-betaald-na-einde', subject_type: 'payment', subject_id: payments[8]!, resident_id: resident.id, facts: '{}', amount_cents: 25_000 }).execute();
    const assessed = { assessed_by: by, assessed_at: new Date(), created_by: by, owner_id: by };
    const error = await tx
      .insertInto('control_findings')
      .values({ tenant_id: TENANT, number: 1, process: 'participatiewet', year: YEAR, source: 'uitzondering', exception_id: covered.id, control_id: 'pw-betaald-na-einde', title: 'Bijstand betaald na einde recht', assessment: 'fout', reason: 'Onverschuldigd betaald; teruggevorderd.', amount_cents: 600_000, ...assessed })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('control_finding_actions').values({ tenant_id: TENANT, finding_id: error.id, description: 'Beëindiging automatisch laten doorwerken in de betaalrun', owner_id: by, due_date: `${YEAR + 1}-03-01`, created_by: by }).execute();
    await tx.insertInto('control_findings').values({ tenant_id: TENANT, number: 2, process: 'participatiewet', year: YEAR, source: 'steekproef', sample_id: sample.id, sample_position: 1, control_id: 'PW-BET-01', title: 'Betaling hoger dan besluit', assessment: 'fout', reason: 'Verschil met het besluit.', amount_cents: 10_000, ...assessed }).execute();
    await tx.insertInto('control_findings').values({ tenant_id: TENANT, number: 3, process: careProcess, year: YEAR, source: 'waarneming', control_id: 'WMO-DOS-01', title: 'Onderzoeksverslag ontbreekt', assessment: 'onzekerheid', reason: 'Verslag niet in het dossier.', amount_cents: 20_000, ...assessed }).execute();
    await tx.insertInto('control_findings').values({ tenant_id: TENANT, number: 4, process: careProcess, year: YEAR, source: 'waarneming', control_id: 'WMO-DOS-02', title: 'Niets aan de hand', assessment: 'geen-bevinding', reason: 'In orde.', amount_cents: 0, ...assessed }).execute();
    await tx.insertInto('control_findings').values({ tenant_id: TENANT, number: 5, process: 'participatiewet', year: YEAR + 1, source: 'waarneming', control_id: 'PW-X', title: 'Ander jaar', assessment: 'fout', reason: 'Telt in een ander jaar.', amount_cents: 5_000_000, ...assessed }).execute();
  });
});
afterAll(async () => t.close());

describe('legality statement', () => {
  it('projects a sample with the ratio estimator', () => {
    expect(projectSample({ populationAmountCents: 1_000_000, sampledCents: 200_000, errorCents: 10_000 })).toEqual({ projectedErrorCents: 50_000, extraUncertaintyCents: 40_000 });
    expect(projectSample({ populationAmountCents: 1_000_000, sampledCents: 0, errorCents: 0 })).toEqual({ projectedErrorCents: 0, extraUncertaintyCents: 0 });
  });

  it('refuses a statement before the year data are set, and bad year data, storing nothing', async () => {
    const missing = await req('GET', `/api/control/legality/${YEAR}`, auditor.cookie);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe(`Stel eerst de verantwoordingsgrens voor ${YEAR} vast.`);
    const store = await req('POST', `/api/control/legality/${YEAR}/statements`, controller.cookie);
    expect(store.statusCode).toBe(404);
    expect(store.json().error.message).toContain('Stel eerst de verantwoordingsgrens');
    expect(await statementsStored()).toBe(0);
    for (const [body, field] of [
      [{ thresholdPct: 0, reportingToleranceCents: 0, source: 'x' }, 'thresholdPct'],
      [{ thresholdPct: 3.5, reportingToleranceCents: 0, source: 'x' }, 'thresholdPct'],
      [{ thresholdPct: 1, reportingToleranceCents: -1, source: 'x' }, 'reportingToleranceCents'],
      [{ thresholdPct: 1, reportingToleranceCents: 0, source: '  ' }, 'source'],
    ] as const) {
      const res = await req('PUT', `/api/control/legality/years/${YEAR}`, controller.cookie, body);
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json())).toContain(field);
    }
    expect((await req('PUT', '/api/control/legality/years/1999', controller.cookie, { thresholdPct: 1, reportingToleranceCents: 0, source: 'x' })).statusCode).toBe(400);
    expect((await req('GET', '/api/control/legality/abc', auditor.cookie)).statusCode).toBe(400);
    expect((await req('GET', `/api/control/legality/years/${YEAR}`, auditor.cookie)).statusCode).toBe(404);
    expect((await req('PUT', `/api/control/legality/years/${YEAR}`, auditor.cookie, { thresholdPct: 1, reportingToleranceCents: 0, source: 'x' })).statusCode).toBe(403);
  });

  it('sets the year data (recorded in the change log) and computes the statement per law', async () => {
    const set = await req('PUT', `/api/control/legality/years/${YEAR}`, controller.cookie, { thresholdPct: 1, reportingToleranceCents: 500_000, source: 'Raadsbesluit 12 december 2011' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ year: YEAR, thresholdPct: 1, reportingToleranceCents: 500_000, source: 'Raadsbesluit 12 december 2011' });
    const change = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('admin_changes').select(['subject', 'after']).where('section', '=', 'legality_years').executeTakeFirstOrThrow());
    expect(change.subject).toBe(`Verantwoordingsgrens ${YEAR}`);

    const res = await req('GET', `/api/control/legality/${YEAR}`, auditor.cookie);
    expect(res.statusCode).toBe(200);
    const s = res.json().statement as LegalityStatement;
    const pw = s.processes.find((p) => p.process === 'participatiewet')!;
    expect(pw).toMatchObject({ expenditureCents: 1_000_000, expenditureSource: 'betalingen', errorsCents: 610_000, uncertaintiesCents: 40_000, projectedUncertaintyCents: 40_000, thresholdCents: 10_000, aboveThreshold: true, toAssess: { exceptions: 1, amountCents: 25_000 } });
    const care = s.processes.find((p) => p.process === careProcess)!;
    expect(care).toMatchObject({ expenditureCents: 5_000_000, expenditureSource: 'verplichtingen', errorsCents: 0, uncertaintiesCents: 20_000, thresholdCents: 50_000, aboveThreshold: false });
    expect(s.processes.find((p) => p.process === declaredProcess)).toMatchObject({ expenditureCents: 450_000, expenditureSource: 'declaraties', errorsCents: 0, uncertaintiesCents: 0, thresholdCents: 4_500, aboveThreshold: false });
    expect(s.processes.find((p) => p.process === 'wsw-mtb')).toMatchObject({ expenditureCents: 0, expenditureSource: 'geen', aboveThreshold: false });
    expect(s.total).toMatchObject({ expenditureCents: 6_450_000, errorsCents: 610_000, uncertaintiesCents: 60_000, totalCents: 670_000, thresholdCents: 64_500, aboveThreshold: true });
    expect(s.samples).toEqual([{ number: 1, title: 'Betalingen bijstand', process: 'participatiewet', populationAmountCents: 1_000_000, sampledAmountCents: 200_000, errorCents: 10_000, projectedErrorCents: 50_000, extraUncertaintyCents: 40_000 }]);
    expect(s.findingsAboveTolerance).toEqual([
      { number: 1, process: 'participatiewet', source: 'uitzondering', controlId: 'pw-betaald-na-einde', title: 'Bijstand betaald na einde recht', assessment: 'fout', reason: 'Onverschuldigd betaald; teruggevorderd.', amountCents: 600_000, actions: [{ description: 'Beëindiging automatisch laten doorwerken in de betaalrun', dueDate: `${YEAR + 1}-03-01`, status: 'open', result: null }] },
    ]);
    expect((await req('GET', `/api/control/legality/${YEAR}`, consultant.cookie)).statusCode).toBe(403);
  });

  it('gives the report as HTML, PDF and an xlsx with the same figures', async () => {
    const html = await req('GET', `/api/control/legality/${YEAR}/report.html`, auditor.cookie);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain(`Rechtmatigheidsverantwoording ${YEAR}`);
    expect(html.body).toContain('Bijstand betaald na einde recht');
    expect(html.body).toContain('Beëindiging automatisch laten doorwerken');
    const xlsx = await req('GET', `/api/control/legality/${YEAR}/report.xlsx`, auditor.cookie);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Per wet')!;
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row) => rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1)));
    expect(rows.get('Participatiewet')!.slice(0, 2)).toEqual(['Participatiewet', 10_000]);
    expect(rows.get('Participatiewet')!.slice(3, 8)).toEqual([6_100, 400, 400, 100, 'ja']);
    expect(rows.get('Totaal')!.slice(1, 2)).toEqual([64_500]);
    expect(rows.get('Totaal')!.slice(3, 5)).toEqual([6_100, 600]);
    const findings = wb.getWorksheet('Bevindingen')!;
    expect(findings.rowCount).toBe(2);
    expect(findings.getRow(2).getCell(4).value).toBe(6_000);
    const pdf = await req('GET', `/api/control/legality/${YEAR}/report.pdf`, auditor.cookie);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  }, 60_000);

  it('stores versions (never overwritten) and lets the controller sign a version off once', async () => {
    expect((await req('POST', `/api/control/legality/${YEAR}/statements`, auditor.cookie)).statusCode).toBe(403);
    const first = await req('POST', `/api/control/legality/${YEAR}/statements`, controller.cookie);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ year: YEAR, version: 1, signedOffAt: null });
    expect(first.json().contentSha256).toMatch(/^[0-9a-f]{64}$/);
    const second = await req('POST', `/api/control/legality/${YEAR}/statements`, controller.cookie);
    expect(second.json()).toMatchObject({ version: 2, contentSha256: first.json().contentSha256 });
    expect((await req('POST', `/api/control/legality/${YEAR}/statements/1/sign-off`, auditor.cookie)).statusCode).toBe(403);
    const signed = await req('POST', `/api/control/legality/${YEAR}/statements/1/sign-off`, controller.cookie);
    expect(signed.statusCode).toBe(200);
    expect(signed.json().signedOffBy).toBeTruthy();
    const again = await req('POST', `/api/control/legality/${YEAR}/statements/1/sign-off`, controller.cookie);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('al afgetekend');
    expect((await req('POST', `/api/control/legality/${YEAR}/statements/9/sign-off`, controller.cookie)).statusCode).toBe(404);
    const stored = await req('GET', `/api/control/legality/${YEAR}/statements/1`, auditor.cookie);
    expect(stored.json().content.total.totalCents).toBe(670_000);
    const overview = (await req('GET', `/api/control/legality/${YEAR}`, auditor.cookie)).json();
    expect(overview.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(await statementsStored()).toBe(2);
  });
});
