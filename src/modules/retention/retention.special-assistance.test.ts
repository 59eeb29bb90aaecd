// Bijzondere bijstand (0049) under the retention rules: a closed PW-BB case takes its result from its
// application (granted: Pw verstrekt, 10 years; refused: geweigerd, 5 years), not "afgebroken" (6 weeks);
// destruction clears what the resident told and gave and keeps what the dashboard counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { destroySpecialAssistance } from './retention.repository.js';

let t: TestApp;
let consultant: Staff;
let area: string;

beforeAll(async () => {
  t = await createTestApp();
  area = await anAreaCode(t);
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
});
afterAll(async () => t.close());

/** A decided PW-BB case of 2020 with its application, as the intake and the decision leave it. */
async function decidedCase(status: 'toegekend' | 'afgewezen') {
  const resident = await createResident(t, { areaCode: area });
  return withTenant(t.database.db, TENANT, async (tx) => {
    const kase = await tx
      .insertInto('cases')
      .values({ tenant_id: TENANT, reference: `PWBB-${resident.bsn}-${status}`, resident_id: resident.id, case_type_code: 'PW-BB', status: 'besluit', notified_on: '2020-03-02', applied_on: '2020-03-02', decided_on: '2020-03-20', closed_on: null, consultant_id: consultant.id, direct_access_product_id: null, direct_access_provider_id: null, direct_access_start: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('special_assistance_applications')
      .values({
        tenant_id: TENANT, case_id: kase.id, resident_id: resident.id, channel: 'e-dienst', submission_key: 'abcdefgh12', category_code: 'eigen-risico', description: 'Eigen risico, mevrouw is ziek geweest',
        costs_cents: 38_500, cost_date: '2020-02-20', household: JSON.stringify({ leefvorm: 'gehuwden', partnerBirthDate: '1970-01-01', children: 2 }), monthly_income_cents: 150_000, assets_cents: 20_000,
        has_collective_insurance: false, iban: 'NL91ABNA0417164300', account_holder: 'T. Fabriek', documents: JSON.stringify([{ code: 'bankafschrift', documentId: null }]), complete_on_arrival: true, missing: '[]',
        recovery_term_ends_on: null, calculation: JSON.stringify({ necessaryCostsCents: 38_500 }), proposal_outcome: status === 'toegekend' ? 'toekennen' : 'afwijzen', proposal_grant_cents: status === 'toegekend' ? 38_500 : 0,
        proposal_reasons: JSON.stringify(['Inkomen van mevrouw boven de norm']), fast_track: false, decision_status: status, decided_grant_cents: status === 'toegekend' ? 38_500 : null,
        decision_reason: status === 'afgewezen' ? 'Mevrouw kan dit zelf betalen' : null, followed_proposal: true, decided_by: consultant.id, decided_at: new Date('2020-03-20T10:00:00Z'),
      })
      .execute();
    return { caseId: kase.id, residentId: resident.id };
  });
}

const close = (caseId: string) => t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/status`, headers: { cookie: consultant.cookie }, payload: { to: 'afgesloten', on: '2020-04-01' } });
const itemOf = (caseId: string) => withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('retention_items').selectAll().where('object_type', '=', 'zaak').where('object_id', '=', caseId).executeTakeFirstOrThrow());

describe('bijzondere bijstand under the retention rules', () => {
  it('a granted one is kept as Pw verstrekt, a refused one as geweigerd', async () => {
    const granted = await decidedCase('toegekend');
    const refused = await decidedCase('afgewezen');
    expect((await close(granted.caseId)).statusCode).toBe(200);
    expect((await close(refused.caseId)).statusCode).toBe(200);
    expect(await itemOf(granted.caseId)).toMatchObject({ rule_code: 'pw-verstrekt', destroy_after: '2030-04-01' });
    expect(await itemOf(refused.caseId)).toMatchObject({ rule_code: 'pw-geweigerd', destroy_after: '2025-04-01' });
  });

  it('destruction clears what the resident told and gave, and keeps what the dashboard counts', async () => {
    const { caseId, residentId } = await decidedCase('afgewezen');
    await withTenant(t.database.db, TENANT, async (tx) => {
      const standIn = (await tx.selectFrom('residents').select('id').where('id', '!=', residentId).limit(1).executeTakeFirstOrThrow()).id;
      await destroySpecialAssistance(tx, caseId, standIn);
      const row = await tx.selectFrom('special_assistance_applications').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        resident_id: standIn, submission_key: null, description: 'Vernietigd volgens de selectielijst', household: { leefvorm: 'gehuwden', partnerBirthDate: null, children: 0 },
        monthly_income_cents: '0', assets_cents: '0', iban: null, account_holder: null, documents: [], calculation: {}, proposal_reasons: [], decision_reason: 'Vernietigd volgens de selectielijst',
      });
      expect(row).toMatchObject({ decision_status: 'afgewezen', complete_on_arrival: true, category_code: 'eigen-risico', channel: 'e-dienst', costs_cents: '38500', proposal_outcome: 'afwijzen' });
    });
  });
});
