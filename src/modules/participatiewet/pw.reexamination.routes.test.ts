import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { addDays, addMonths } from '../../platform/calendar.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { pwReexaminationDueRule } from '../signals/rules/pw-reexamination-due.rule.js';
import { REEXAMINATION_CHECKS } from './pw.reexamination.js';
import { seedBenefit } from './pw.recovery.test-support.js';

let t: TestApp;
let consultant: Staff;
let residentId: string;
const today = todayInAmsterdam();
const allChecks = REEXAMINATION_CHECKS.map((c) => ({ code: c.code, done: true }));
interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}
const post = (benefitId: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/pw/benefits/${benefitId}/reexaminations`, headers: { cookie: consultant.cookie }, payload });
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: consultant.cookie } });
const benefitRow = (id: string) => withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('pw_benefits').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
const dueSignal = async (id: string) =>
  withTenant(t.database.db, TENANT, async (tx) => {
    const { rows } = await sql<{ subject_id: string }>`select * from (${pwReexaminationDueRule.query({ today, now: new Date() })}) q`.execute(tx);
    return rows.some((r) => r.subject_id === id);
  });
const newBenefit = () => seedBenefit(t.database, TENANT, { residentId, consultantId: consultant.id, start: '2025-03-01', paidMonths: [], nextReexamination: addDays(today, 7) });

beforeAll(async () => {
  t = await createTestApp();
  const area = await anAreaCode(t);
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
  residentId = (await createResident(t, { areaCode: area, birthDate: '1985-03-01' })).id;
});
afterAll(async () => t.close());

describe('re-examination', () => {
  it('refuses an employee without a relation with the resident (NO_RELATION), read and write alike', async () => {
    const id = await newBenefit();
    const stranger = await createStaff(t, { roles: ['consultant'] });
    const headers = { cookie: stranger.cookie };
    const responses = await Promise.all([
      t.app.inject({ method: 'GET', url: `/api/pw/benefits/${id}/reexaminations`, headers }),
      t.app.inject({ method: 'POST', url: `/api/pw/benefits/${id}/reexaminations`, headers, payload: { heldOn: today, riskProfile: 'laag', checks: allChecks, outcome: 'ongewijzigd' } }),
    ]);
    for (const response of responses) {
      expect(response.statusCode, response.body).toBe(403);
      expect((response.json() as ErrorBody).error.code).toBe('NO_RELATION');
    }
  });

  it('refuses an incomplete checklist, an unknown check, a date in the future and a change without its calculation, per field', async () => {
    const id = await newBenefit();
    const response = await post(id, { heldOn: addDays(today, 1), riskProfile: 'hoog', checks: [...allChecks.slice(1), { code: 'horoscoop', done: true }], outcome: 'wijziging' });
    expect(response.statusCode).toBe(400);
    const fields = (response.json() as ErrorBody).error.fields!;
    expect(fields.map((f) => f.field)).toEqual(['heldOn', `checks[${allChecks.length - 1}].code`, 'checks', 'change']);
    expect(fields[2]!.message).toContain('Identiteit');
  });

  it('unchanged: plans the next one by the risk profile (a setting), and the signal pw-heronderzoek reads the new date', async () => {
    const id = await newBenefit();
    expect(await dueSignal(id)).toBe(true);
    const response = await post(id, { heldOn: today, riskProfile: 'hoog', checks: allChecks, outcome: 'ongewijzigd' });
    expect(response.statusCode).toBe(201);
    expect(await benefitRow(id)).toMatchObject({ last_reexamination_on: today, next_reexamination_on: addMonths(today, 6) });
    expect(await dueSignal(id)).toBe(false);

    await withTenant(t.database.db, TENANT, (tx) => tx.insertInto('settings').values({ tenant_id: TENANT, key: 'pw_reexamination_months_laag', value: '36' }).execute());
    await post(id, { heldOn: today, riskProfile: 'laag', checks: allChecks, outcome: 'ongewijzigd' });
    expect((await benefitRow(id)).next_reexamination_on).toBe(addMonths(today, 36));
    const list = (await get(`/api/pw/benefits/${id}/reexaminations`)).json();
    expect(list.reexaminations).toHaveLength(2);
    expect(list.benefit.riskProfile).toBe('laag');
    expect(list.intervals).toEqual({ laag: 36, midden: 12, hoog: 6 });
  });

  it('change: a new basis from a fresh calculation (reason heronderzoek) from a month on, with its letter', async () => {
    const id = await newBenefit();
    const entitlement = {
      household: { leefvorm: 'alleenstaande', applicantBirthDate: '1985-03-01', partnerBirthDate: null, dependentChildren: false, youngestChildAge: null, inInrichting: false, housemates: [] },
      income: [{ kind: 'alimentatie', person: 'aanvrager', cents: 20_000 }],
      workExemptions: { aanvrager: null, partner: null },
      assets: { possessionsCents: 0, debtsCents: 0, ownHome: null },
    };
    const response = await post(id, { heldOn: today, riskProfile: 'midden', checks: allChecks, outcome: 'wijziging', change: { validFrom: '2025-12-01', entitlement } });
    expect(response.statusCode).toBe(201);
    const bases = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('pw_benefit_bases').selectAll().where('benefit_id', '=', id).orderBy('valid_from').execute());
    expect(bases).toHaveLength(2);
    expect(bases[1]).toMatchObject({ valid_from: '2025-12-01', reason: 'heronderzoek', fixed_offset_cents: '20000', vt_basis_points: 500 });
    const calc = bases[1]!.calculation as { monthlyPaymentCents: number; normInclVtCents: number };
    expect(Number(bases[1]!.norm_incl_vt_cents)).toBe(calc.normInclVtCents);
    expect(Number((await benefitRow(id)).monthly_cents)).toBe(calc.monthlyPaymentCents);
    const letter = await get(`/api/pw/reexaminations/${response.json().id}/letter.html`);
    expect(letter.statusCode).toBe(200);
    expect(letter.body).toContain('wijzigt uw bijstand');
    expect(letter.body).toContain('bezwaar maken');

    const noRight = await post(id, { heldOn: today, riskProfile: 'midden', checks: allChecks, outcome: 'wijziging', change: { validFrom: '2025-12-01', entitlement: { ...entitlement, income: [{ kind: 'alimentatie', person: 'aanvrager', cents: 500_000 }] } } });
    expect(noRight.statusCode).toBe(400);
    expect((noRight.json() as ErrorBody).error.fields?.[0]?.message).toContain('beëindiging');
  });

  it('end: the end date and reason, an overpayment as a draft claim, its letter; no re-examination after the end', async () => {
    const id = await newBenefit();
    const endDate = addDays(today, -40);
    const response = await post(id, {
      heldOn: today,
      riskProfile: 'hoog',
      checks: allChecks,
      outcome: 'beeindiging',
      end: { endDate, endReason: 'Samenwonend met een partner met inkomen boven de norm' },
      overpayment: { cents: 130_000, periodFrom: addMonths(`${endDate.slice(0, 8)}01`, 1), periodTo: `${today.slice(0, 8)}01`, reason: 'Bijstand doorbetaald na het samenwonen', ground: 'woonsituatie' },
    });
    expect(response.statusCode).toBe(201);
    expect(await benefitRow(id)).toMatchObject({ end_date: endDate, end_reason: 'Samenwonend met een partner met inkomen boven de norm' });
    const claims = (await get(`/api/residents/${residentId}/pw-claims`)).json() as { claims: { benefitId: string; source: string; status: string; principalCents: number; ground: string }[] };
    expect(claims.claims.find((c) => c.benefitId === id)).toMatchObject({ source: 'heronderzoek', status: 'concept', principalCents: 130_000, ground: 'woonsituatie' });
    const letter = await get(`/api/pw/reexaminations/${response.json().id}/letter.html`);
    expect(letter.body).toContain('uw bijstand stopt');
    const after = await post(id, { heldOn: today, riskProfile: 'hoog', checks: allChecks, outcome: 'ongewijzigd' });
    expect(after.statusCode).toBe(409);
  });
});
