// The Participatiewet application through HTTP: report and search period, rekenblad, advance, decision
// (at once below the threshold, four eyes above it), what a grant and a refusal write, and the letter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { calculateEntitlement, reproduce, type Rekenblad } from './pw.means-test.js';
import { PW_NORM_TABLE } from './pw.norms.data.js';
import { auditLogregels } from '../../platform/audit/audit.repository.js';

let t: TestApp;
let consultant: Staff;
let lead: Staff;
let otherLead: Staff;
let kcc: Staff;
let area: string;

beforeAll(async () => {
  t = await createTestApp();
  area = await anAreaCode(t);
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
  lead = await createStaff(t, { roles: ['team_lead'], areaCode: area });
  otherLead = await createStaff(t, { roles: ['team_lead'], areaCode: area });
  kcc = await createStaff(t, { roles: ['kcc'], areaCode: area });
});
afterAll(async () => t.close());

const send = (method: 'POST' | 'PUT' | 'GET', url: string, who: Staff | null, payload?: object) =>
  t.app.inject({ method, url, headers: who ? { cookie: who.cookie } : {}, ...(payload ? { payload } : {}) });
const resident = async (birthDate = '1980-05-04') => (await createResident(t, { areaCode: area, birthDate })).id;

const single = {
  household: { leefvorm: 'alleenstaande', partnerBirthDate: null, dependentChildren: false, youngestChildAge: null, inInrichting: false, housemates: [] },
  income: [
    { kind: 'alimentatie', person: 'aanvrager', cents: 10_000 },
    { kind: 'arbeid', person: 'aanvrager', cents: 20_000 },
  ],
  workExemptions: { aanvrager: null, partner: null },
  assets: { possessionsCents: 100_000, debtsCents: 0, ownHome: null },
};
const couple = {
  ...single,
  household: { ...single.household, leefvorm: 'gehuwden', partnerBirthDate: '1982-02-02' },
  income: [],
};
const grant = { outcome: 'toekenning', grantFrom: '2025-11-03', iban: 'NL91 ABNA 0417 1643 00', accountHolder: 'T. Fabriek' };

async function application(who = consultant, birthDate?: string): Promise<string> {
  const response = await send('POST', `/api/residents/${await resident(birthDate)}/pw/applications`, who, { reportedOn: '2025-10-27', appliedOn: '2025-11-03' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().caseId as string;
}

describe('registering an application', () => {
  it('opens a PW-LO case with the 8-week decision term and the 4-week advance term', async () => {
    const id = await application();
    const view = (await send('GET', `/api/pw/applications/${id}`, consultant)).json();
    expect(view).toMatchObject({ caseStatus: 'aanvraag', reportedOn: '2025-10-27', appliedOn: '2025-11-03', searchPeriodEndsOn: null, advanceDueOn: '2025-12-01', decision: { status: 'open' } });
    // 3 November 2025 + 8 weeks = Monday 29 December 2025, a working day.
    expect(view.decisionDueOn).toBe('2025-12-29');
    // Documents missing: the hersteltermijn (Awb 4:5) suspends the term through the case; 7 days later it runs again.
    expect((await send('POST', `/api/cases/${id}/suspensions`, consultant, { from: '2025-11-10', reason: 'Bankafschriften ontbreken (hersteltermijn)' })).statusCode).toBe(200);
    expect((await send('GET', `/api/pw/applications/${id}`, consultant)).json()).toMatchObject({ decisionDueOn: null, decisionTermStatus: 'suspended' });
    expect((await send('POST', `/api/cases/${id}/suspensions/end`, consultant, { on: '2025-11-17' })).statusCode).toBe(200);
    const resumed = (await send('GET', `/api/pw/applications/${id}`, consultant)).json();
    // Suspended 10 up to 17 November: 7 days later, Monday 5 January 2026.
    expect(resumed.decisionDueOn).toBe('2026-01-05');
  });

  it('keeps an applicant under 27 to the search period: the report first, the application after 4 weeks', async () => {
    const id = await resident('2003-01-15');
    const early = await send('POST', `/api/residents/${id}/pw/applications`, consultant, { reportedOn: '2025-10-01', appliedOn: '2025-10-20' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields[0]).toMatchObject({ field: 'appliedOn' });
    expect(early.json().error.fields[0].message).toContain('zoektermijn');
    const reported = await send('POST', `/api/residents/${id}/pw/applications`, consultant, { reportedOn: '2025-10-01' });
    expect(reported.statusCode).toBe(201);
    expect(reported.json()).toMatchObject({ caseStatus: 'melding', searchPeriodEndsOn: '2025-10-29', earliestApplicationOn: '2025-10-30', decisionDueOn: null });
    const caseId = reported.json().caseId as string;
    expect((await send('POST', `/api/pw/applications/${caseId}/submit`, consultant, { appliedOn: '2025-10-29' })).statusCode).toBe(400);
    const submitted = await send('POST', `/api/pw/applications/${caseId}/submit`, consultant, { appliedOn: '2025-10-30' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ caseStatus: 'aanvraag', appliedOn: '2025-10-30' });
  });

  it('refuses without a session (401), for the KCC first line (403) and a date in the future (400)', async () => {
    const id = await resident();
    expect((await send('POST', `/api/residents/${id}/pw/applications`, null, { reportedOn: '2025-10-27' })).statusCode).toBe(401);
    expect((await send('POST', `/api/residents/${id}/pw/applications`, kcc, { reportedOn: '2025-10-27' })).statusCode).toBe(403);
    expect((await send('GET', `/api/residents/${id}/pw`, kcc)).statusCode).toBe(403);
    const future = await send('POST', `/api/residents/${id}/pw/applications`, consultant, { reportedOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0].field).toBe('reportedOn');
  });

  it('refuses a consultant without a relation with the resident (NO_RELATION) on the file, the application and its steps', async () => {
    const stranger = await createStaff(t, { roles: ['consultant'] });
    const caseId = await application();
    const residentId = (await send('GET', `/api/pw/applications/${caseId}`, consultant)).json().residentId as string;
    const attempts = [
      send('GET', `/api/residents/${residentId}/pw`, stranger),
      send('POST', `/api/residents/${residentId}/pw/applications`, stranger, { reportedOn: '2025-10-27' }),
      send('GET', `/api/pw/applications/${caseId}`, stranger),
      send('PUT', `/api/pw/applications/${caseId}/calculation`, stranger, single),
      send('POST', `/api/pw/applications/${caseId}/advance`, stranger, { cents: 10_000, paidOn: '2025-11-05' }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json().error.code).toBe('NO_RELATION');
    }
  });
});

describe('rekenblad, advance and a grant below the threshold', () => {
  it('grants from a date: benefit, basis with a reproducible rekenblad, the advance as an established claim, and the letter', async () => {
    const id = await application();
    const noCalc = await send('POST', `/api/pw/applications/${id}/advance`, consultant, { cents: 10_000, paidOn: '2025-11-10' });
    expect(noCalc.statusCode).toBe(400);
    expect(noCalc.json().error.fields[0].field).toBe('cents');

    const calculated = await send('PUT', `/api/pw/applications/${id}/calculation`, consultant, single);
    expect(calculated.statusCode, calculated.body).toBe(200);
    const view = calculated.json();
    const expected = calculateEntitlement({ peildatum: '2025-11-03', ...single, household: { ...single.household, applicantBirthDate: '1980-05-04' } } as Parameters<typeof calculateEntitlement>[0], PW_NORM_TABLE);
    expect(view.rekenblad.monthlyPaymentCents).toBe(expected.monthlyPaymentCents);
    expect(view.rekenblad.lines.map((l: { code: string }) => l.code)).toEqual(expected.lines.map((l) => l.code));
    expect(view.rekenblad.lines.at(-1)).toMatchObject({ code: 'bijstand:betaling', cents: expected.monthlyPaymentCents });

    const tooMuch = await send('POST', `/api/pw/applications/${id}/advance`, consultant, { cents: expected.monthlyPaymentCents + 1, paidOn: '2025-11-10' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.fields[0].message).toContain('ten hoogste');
    const advance = await send('POST', `/api/pw/applications/${id}/advance`, consultant, { cents: 50_000, paidOn: '2025-11-10' });
    expect(advance.statusCode, advance.body).toBe(200);
    expect(advance.json()).toMatchObject({ advance: { cents: 50_000, paidOn: '2025-11-10' }, advanceDueOn: null });

    const badIban = await send('POST', `/api/pw/applications/${id}/decision`, consultant, { ...grant, iban: 'NL91ABNA0417164301' });
    expect(badIban.statusCode).toBe(400);
    expect(badIban.json().error.fields[0].field).toBe('iban');

    const decided = await send('POST', `/api/pw/applications/${id}/decision`, consultant, grant);
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ caseStatus: 'besluit', decision: { status: 'toegekend', outcome: 'toekenning', iban: 'NL91ABNA0417164300', requiresApproval: false } });
    const { benefitId, advanceClaimId } = decided.json().decision as { benefitId: string; advanceClaimId: string };

    const stored = await asOwnerIn(t.database.db, TENANT, async (tx) => ({
      benefit: await tx.selectFrom('pw_benefits').selectAll().where('id', '=', benefitId).executeTakeFirstOrThrow(),
      bases: await tx.selectFrom('pw_benefit_bases').selectAll().where('benefit_id', '=', benefitId).orderBy('valid_from').execute(),
      claim: await tx.selectFrom('pw_recovery_claims').selectAll().where('id', '=', advanceClaimId).executeTakeFirstOrThrow(),
      entries: await tx.selectFrom('pw_recovery_entries').selectAll().where('claim_id', '=', advanceClaimId).execute(),
    }));
    expect(stored.benefit).toMatchObject({ case_id: id, norm: 'alleenstaande', start_date: '2025-11-03', next_reexamination_on: '2026-11-03', iban: 'NL91ABNA0417164300', account_holder: 'T. Fabriek' });
    expect(Number(stored.benefit.monthly_cents)).toBe(expected.monthlyPaymentCents);
    // From 3 November: November is paid for 28 of its 30 days, the full amounts from December.
    expect(stored.bases).toHaveLength(2);
    const [first, basis] = stored.bases as [(typeof stored.bases)[number], (typeof stored.bases)[number]];
    expect(first).toMatchObject({ valid_from: '2025-11-01', reason: 'besluit', vt_basis_points: 500 });
    expect(Number(first.norm_incl_vt_cents)).toBe(Math.round((expected.normInclVtCents * 28) / 30));
    expect(Number(first.fixed_offset_cents)).toBe(Math.round((10_000 * 28) / 30));
    expect(basis).toMatchObject({ valid_from: '2025-12-01', reason: 'besluit', vt_basis_points: 500 });
    expect(Number(basis.norm_incl_vt_cents)).toBe(expected.normInclVtCents);
    // Alimentatie counts every month; work income comes with the monthly income statement.
    expect(Number(basis.fixed_offset_cents)).toBe(10_000);
    for (const row of stored.bases) {
      const calculation = row.calculation as unknown as Rekenblad;
      expect(reproduce(calculation, PW_NORM_TABLE)).toEqual(calculation);
    }
    expect(stored.claim).toMatchObject({ ground: 'voorschot', source: 'voorschot', status: 'vastgesteld', benefit_id: benefitId });
    expect(Number(stored.claim.monthly_instalment_cents)).toBe(50_000);
    expect(stored.entries.map((e) => [e.kind, Number(e.cents)])).toEqual([['vordering', 50_000]]);

    const letter = await send('GET', `/api/pw/applications/${id}/letter.html`, consultant);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toContain('text/html');
    expect(letter.body).toContain('per maand');
    expect(letter.body).toContain('binnen zes weken');
    expect(letter.body).toContain('Toepasselijke norm per maand');

    const file = (await send('GET', `/api/residents/${stored.benefit.resident_id}/pw`, consultant)).json();
    expect(file.benefits).toHaveLength(1);
    expect(file.benefits[0]).toMatchObject({ id: benefitId, basis: { validFrom: '2025-12-01', fixedOffsetCents: 10_000 } });
    expect((await send('POST', `/api/pw/applications/${id}/decision`, consultant, grant)).statusCode).toBe(409);
  });

  it('refuses a grant without a rekenblad, and a grant month other than the rekenblad month', async () => {
    const id = await application();
    expect((await send('POST', `/api/pw/applications/${id}/decision`, consultant, grant)).json().error.fields[0].field).toBe('grantFrom');
    await send('PUT', `/api/pw/applications/${id}/calculation`, consultant, single);
    const other = await send('POST', `/api/pw/applications/${id}/decision`, consultant, { ...grant, grantFrom: '2025-12-01' });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0].field).toBe('grantFrom');
  });
});

describe('four eyes and refusal', () => {
  it('waits above the threshold for another team lead; the proposer cannot approve', async () => {
    const id = await application(lead);
    expect((await send('PUT', `/api/pw/applications/${id}/calculation`, lead, couple)).statusCode).toBe(200);
    const proposed = await send('POST', `/api/pw/applications/${id}/decision`, lead, grant);
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json()).toMatchObject({ caseStatus: 'aanvraag', decision: { status: 'voorgesteld', requiresApproval: true, benefitId: null } });
    expect((await send('POST', `/api/pw/applications/${id}/approve`, consultant)).statusCode).toBe(403);
    const self = await send('POST', `/api/pw/applications/${id}/approve`, lead);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain('Vier ogen');
    const approved = await send('POST', `/api/pw/applications/${id}/approve`, otherLead);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ caseStatus: 'besluit', decision: { status: 'toegekend' } });
    expect(approved.json().decision.benefitId).toBeTruthy();
  });

  it('refuses with a reason; the advance becomes a draft claim for the consultant', async () => {
    const id = await application();
    await send('PUT', `/api/pw/applications/${id}/calculation`, consultant, single);
    await send('POST', `/api/pw/applications/${id}/advance`, consultant, { cents: 25_000, paidOn: '2025-11-12' });
    expect((await send('POST', `/api/pw/applications/${id}/decision`, consultant, { outcome: 'afwijzing', refusalReason: '' })).statusCode).toBe(400);
    const refused = await send('POST', `/api/pw/applications/${id}/decision`, consultant, { outcome: 'afwijzing', refusalReason: 'De inwoner heeft de gevraagde bankafschriften niet ingeleverd (art. 4:5 Awb).' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ caseStatus: 'besluit', decision: { status: 'afgewezen', benefitId: null } });
    const claim = await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('pw_recovery_claims').selectAll().where('id', '=', refused.json().decision.advanceClaimId).executeTakeFirstOrThrow());
    expect(claim).toMatchObject({ ground: 'voorschot', source: 'voorschot', status: 'concept', benefit_id: null, established_at: null });
    expect(Number(claim.monthly_instalment_cents)).toBe(0);
    const letter = await send('GET', `/api/pw/applications/${id}/letter.html`, consultant);
    expect(letter.body).toContain('bankafschriften');
  });
});

describe('the list of open applications', () => {
  it('shows the applications without a final decision of residents with a relation, logs who was shown, and drops a decided one', async () => {
    const open = await application();
    const decided = await application();
    const calculated = await send('PUT', `/api/pw/applications/${decided}/calculation`, consultant, single);
    expect(calculated.statusCode, calculated.body).toBe(200);
    expect((await send('POST', `/api/pw/applications/${decided}/decision`, consultant, { outcome: 'afwijzing', refusalReason: 'Vermogen boven de grens' })).statusCode).toBe(200);

    const list = await send('GET', '/api/pw/applications', lead);
    expect(list.statusCode, list.body).toBe(200);
    const ids = (list.json() as { caseId: string }[]).map((a) => a.caseId);
    expect(ids).toContain(open);
    expect(ids).not.toContain(decided);
    expect((list.json() as { caseId: string }[]).find((a) => a.caseId === open)).toMatchObject({ reportedOn: '2025-10-27', appliedOn: '2025-11-03', decisionStatus: 'open' });
    const openResident = (list.json() as { caseId: string; residentId: string }[]).find((a) => a.caseId === open)!.residentId;
    const logged = await asOwnerIn(t.database.db, TENANT, (tx) =>
      tx.selectFrom(auditLogregels(tx, { type: 'resident', ids: [openResident] })).select('a.name').where('a.name', '=', 'bijstandsaanvragen.raadplegen').execute(),
    );
    expect(logged.length).toBeGreaterThan(0);

    // No relation (a team in another area): not in the list. No pw:read (KCC): refused.
    const otherArea = await asOwnerIn(t.database.db, TENANT, async (tx) => (await tx.selectFrom('team_areas').select('area_code').where('tenant_id', '=', TENANT).where('area_code', '<>', area).orderBy('area_code', 'desc').executeTakeFirstOrThrow()).area_code);
    const stranger = await createStaff(t, { roles: ['consultant'], areaCode: otherArea });
    const theirs = await send('GET', '/api/pw/applications', stranger);
    expect(theirs.statusCode).toBe(200);
    expect((theirs.json() as { caseId: string }[]).map((a) => a.caseId)).not.toContain(open);
    expect((await send('GET', '/api/pw/applications', kcc)).statusCode).toBe(403);
    expect((await send('GET', '/api/pw/applications', null)).statusCode).toBe(401);
  });
});
