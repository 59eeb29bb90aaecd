import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, breakGlass, createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { auditLogregels } from '../../platform/audit/audit.repository.js';

let t: TestApp;
let area: string;
let consultant: Staff;
let outsider: Staff;
let kcc: Staff;
let policy: Staff;

beforeAll(async () => {
  t = await createTestApp();
  area = await anAreaCode(t);
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
  outsider = await createStaff(t, { roles: ['consultant'] });
  kcc = await createStaff(t, { roles: ['kcc'], areaCode: area });
  policy = await createStaff(t, { roles: ['policy'] });
});
afterAll(async () => t.close());

const post = (url: string, payload: object, cookie = consultant.cookie) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
const get = (url: string, cookie = consultant.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const audit = (residentId: string) =>
  withTenant(t.database.db, TENANT, (tx) => tx.selectFrom(auditLogregels(tx, { type: 'resident', ids: [residentId] })).select(['a.name', 'a.processing_activity_id', 'a.status_code']).orderBy('a.start_time').execute());

const register = (residentId: string, body: object = {}) =>
  post(`/api/residents/${residentId}/debt-cases`, { registeredOn: '2026-11-26', helpQuestion: 'Huurachterstand van drie maanden, brief van de deurwaarder', ...body });

describe('registration (aanmelding)', () => {
  it('with a crisis flag: the first conversation within 3 working days, audited', async () => {
    const resident = await createResident(t, { areaCode: area });
    // Thursday 26 November 2026 + 3 working days: Fri 27, Mon 30, Tue 1 December.
    const response = await register(resident.id, { threatEviction: true });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      residentId: resident.id,
      channel: 'medewerker',
      crisis: { threatEviction: true, threatUtilityCutoff: false, threatInsuranceTermination: false },
      firstConversation: { termCode: 'eerste-gesprek-crisis', due: '2026-12-01', heldOn: null },
      stage: 'aanmelding',
    });
    expect((await audit(resident.id)).map((a) => a.name)).toEqual(expect.arrayContaining(['schuldhulp.aanmelden', 'schuldhulp.raadplegen']));
    expect((await audit(resident.id)).find((a) => a.name === 'schuldhulp.aanmelden')?.processing_activity_id).toBe('schuldhulpverlening');
  });

  it('without a crisis flag: 4 weeks; a second open registration is refused (409)', async () => {
    const resident = await createResident(t, { areaCode: area });
    const first = await register(resident.id);
    expect(first.json().firstConversation).toMatchObject({ termCode: 'eerste-gesprek', due: '2026-12-24' });
    const second = await register(resident.id, { threatUtilityCutoff: true });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('al een lopende aanmelding');
  });

  it('refuses bad input with a Dutch message per field', async () => {
    const resident = await createResident(t, { areaCode: area });
    const response = await post(`/api/residents/${resident.id}/debt-cases`, { registeredOn: '2026-02-30', helpQuestion: '  ', threatEviction: 'ja' });
    expect(response.statusCode).toBe(400);
    const fields = Object.fromEntries((response.json().error.fields as { field: string; message: string }[]).map((f) => [f.field, f.message]));
    expect(fields).toMatchObject({ registeredOn: 'Deze datum van aanmelding bestaat niet.', helpQuestion: 'Beschrijf de hulpvraag.' });
    expect(fields.threatEviction).toContain('ontruiming');
    const future = await register(resident.id, { registeredOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toEqual([{ field: 'registeredOn', message: 'De datum van aanmelding ligt in de toekomst.' }]);
  });

  it('401 without a session, 403 for a role without debt:write (KCC, policy), 403 NO_RELATION without a relation (logged), 404 for an unknown resident', async () => {
    const resident = await createResident(t, { areaCode: area });
    const anonymous = await t.app.inject({ method: 'POST', url: `/api/residents/${resident.id}/debt-cases`, payload: {} });
    expect(anonymous.statusCode).toBe(401);
    for (const staff of [kcc, policy]) {
      const refused = await register(resident.id).then(() => post(`/api/residents/${resident.id}/debt-cases`, {}, staff.cookie));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
    }
    const other = await createResident(t, { areaCode: area });
    const noRelation = await post(`/api/residents/${other.id}/debt-cases`, { registeredOn: '2026-11-26', helpQuestion: 'x' }, outsider.cookie);
    expect(noRelation.statusCode).toBe(403);
    expect(noRelation.json().error.code).toBe('NO_RELATION');
    expect((await audit(other.id)).filter((a) => a.name.startsWith('schuldhulp'))).toEqual([{ name: 'schuldhulp.aanmelden', processing_activity_id: 'schuldhulpverlening', status_code: 'ERROR' }]);
    const unknown = await register('00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
  });
});

describe('first conversation, plan of action, decision', () => {
  it('walks the steps in order, each once, and refuses them out of order', async () => {
    const resident = await createResident(t, { areaCode: area });
    const id = (await register(resident.id, { threatInsuranceTermination: true })).json().id as string;
    expect((await post(`/api/debt/cases/${id}/plan`, { on: '2026-11-30', summary: 'Budgetplan' })).statusCode).toBe(409);
    expect((await post(`/api/debt/cases/${id}/decision`, { decision: 'afgewezen', on: '2026-11-30', reason: 'x' })).statusCode).toBe(409);
    const early = await post(`/api/debt/cases/${id}/first-conversation`, { on: '2026-11-20' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields[0]).toMatchObject({ field: 'on' });

    const held = await post(`/api/debt/cases/${id}/first-conversation`, { on: '2026-12-02' });
    expect(held.statusCode).toBe(200);
    // Due 1 December, held on the 2nd: late.
    expect(held.json().firstConversation).toMatchObject({ due: '2026-12-01', heldOn: '2026-12-02', status: 'te-laat' });
    expect((await post(`/api/debt/cases/${id}/first-conversation`, { on: '2026-12-02' })).statusCode).toBe(409);
    expect((await post(`/api/debt/cases/${id}/decision`, { decision: 'toegelaten', on: '2026-12-03' })).statusCode).toBe(409);

    const plan = await post(`/api/debt/cases/${id}/plan`, { on: '2026-12-03', summary: 'Stabiliseren: huur en zorgpremie via budgetbeheer; schuldeisers aanschrijven' });
    expect(plan.json()).toMatchObject({ stage: 'plan-van-aanpak', plan: { on: '2026-12-03' } });
    const decided = await post(`/api/debt/cases/${id}/decision`, { decision: 'toegelaten', on: '2026-12-03' });
    expect(decided.json()).toMatchObject({ stage: 'besluit', decision: { decision: 'toegelaten', on: '2026-12-03', reason: null } });
    expect((await post(`/api/debt/cases/${id}/decision`, { decision: 'afgewezen', on: '2026-12-03', reason: 'x' })).statusCode).toBe(409);
    // After the decision a new registration may start.
    expect((await register(resident.id)).statusCode).toBe(201);
  });

  it('a refusal needs its reason', async () => {
    const resident = await createResident(t, { areaCode: area });
    const id = (await register(resident.id)).json().id as string;
    await post(`/api/debt/cases/${id}/first-conversation`, { on: '2026-11-27' });
    const noReason = await post(`/api/debt/cases/${id}/decision`, { decision: 'afgewezen', on: '2026-11-30' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual([{ field: 'reason', message: 'Geef de reden van de afwijzing.' }]);
    const refused = await post(`/api/debt/cases/${id}/decision`, { decision: 'afgewezen', on: '2026-11-30', reason: 'Inwoner woont niet in de gemeente' });
    expect(refused.json().decision).toEqual({ decision: 'afgewezen', on: '2026-11-30', reason: 'Inwoner woont niet in de gemeente' });
  });

  it('the list shows only residents with a relation; one case needs the relation (break-glass opens it)', async () => {
    const resident = await createResident(t, { areaCode: area });
    const id = (await register(resident.id)).json().id as string;
    const mine = (await get('/api/debt/cases?open=ja')).json() as { id: string }[];
    expect(mine.map((c) => c.id)).toContain(id);
    const theirs = (await get('/api/debt/cases', outsider.cookie)).json() as { id: string }[];
    expect(theirs.map((c) => c.id)).not.toContain(id);
    expect((await get(`/api/debt/cases/${id}`, outsider.cookie)).json().error.code).toBe('NO_RELATION');
    await breakGlass(t, outsider, resident.id);
    expect((await get(`/api/debt/cases/${id}`, outsider.cookie)).statusCode).toBe(200);
    expect((await get(`/api/debt/cases/${id}`, kcc.cookie)).statusCode).toBe(403);
    expect((await get('/api/debt/cases?open=misschien')).statusCode).toBe(400);
  });

  it('serves the terms with their sources, the unverified one marked', async () => {
    const terms = (await get('/api/debt/terms')).json() as { code: string; verified: boolean; term: string }[];
    expect(terms).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'eerste-gesprek', term: 'P4W', verified: true }),
        expect.objectContaining({ code: 'eerste-gesprek-crisis', term: '3 werkdagen', verified: true }),
        expect.objectContaining({ code: 'vroegsignaal-contact', verified: false }),
      ]),
    );
    expect((await get('/api/debt/terms', policy.cookie)).statusCode).toBe(403);
  });
});

describe('early signals (vroegsignalering)', () => {
  const HEADER = 'bron;soort_schuldeiser;postcode;huisnummer;huisnummer_toevoeging;achterstand_euro;maanden_achterstand;peildatum';

  async function residentAt(postcode: string, householdId?: string) {
    const r = await createResident(t, { areaCode: area, postcode, ...(householdId ? { householdId } : {}) });
    return withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('residents').select(['id', 'house_number', 'household_id', 'postcode']).where('id', '=', r.id).executeTakeFirstOrThrow());
  }
  const counts = () =>
    withTenant(t.database.db, TENANT, async (tx) => ({
      imports: Number((await tx.selectFrom('debt_arrears_imports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      outreach: Number((await tx.selectFrom('debt_outreach').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      arrears: Number((await tx.selectFrom('debt_arrears').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    }));

  it('a file with a broken row: every issue with row and column, nothing imported; the fixed file: one outreach per household, unknown addresses listed', async () => {
    const a = await residentAt('9871 QX');
    const partner = await createResident(t, { areaCode: area, postcode: '9871 QX', householdId: a.household_id });
    const b = await residentAt('9872 QX');
    const rows = [
      `Maasvallei Wonen;woningcorporatie;9871QX;${a.house_number};;1450,00;3;2026-11-30`,
      `Enexis;energie;9871 qx;${a.house_number};;310,25;2;2026-11-30`,
      `CZ;zorgverzekeraar;9872 QX;${b.house_number};;600;6;2026-11-30`,
      `WML;water;9873 QX;1;B;75,10;2;2026-11-30`,
    ];
    const before = await counts();
    const broken = await post('/api/debt/arrears-imports', { fileName: 'achterstanden.csv', content: [HEADER, rows[0], rows[1]!.replace('310,25', 'drie'), rows[2], rows[3]].join('\n') });
    expect(broken.statusCode).toBe(200);
    expect(broken.json()).toEqual({ ok: false, issues: [{ row: 3, column: 'achterstand_euro', message: expect.stringContaining('Ongeldig bedrag ‘drie’') }] });
    expect(await counts()).toEqual(before);

    const fixed = await post('/api/debt/arrears-imports', { fileName: 'achterstanden.csv', content: [HEADER, ...rows].join('\n') });
    expect(fixed.json()).toMatchObject({
      ok: true,
      import: { rows: 4, matchedRows: 3, outreachCreated: 2, outreachExtended: 0, unmatched: [{ row: 5, bron: 'WML', postcode: '9873 QX', huisnummer: '1', toevoeging: 'B' }] },
    });
    expect(await counts()).toEqual({ imports: before.imports + 1, outreach: before.outreach + 2, arrears: before.arrears + 3 });

    const list = (await get('/api/debt/outreach?open=ja')).json() as { id: string; residentId: string; totalCents: number; contactDue: string; team: { name: string } | null; arrears: unknown[] }[];
    const household = list.find((o) => o.residentId === a.id || o.residentId === partner.id)!;
    expect(household).toMatchObject({ totalCents: 176025, team: expect.objectContaining({ name: expect.any(String) }) });
    expect(household.arrears).toHaveLength(2);
    expect(list.find((o) => o.residentId === b.id)).toMatchObject({ totalCents: 60000 });
    expect((await get('/api/debt/outreach', outsider.cookie)).json()).toEqual([]);
    expect((await audit(b.id)).map((x) => x.name)).toEqual(expect.arrayContaining(['vroegsignalering.importeren', 'vroegsignalering.werklijst']));

    // A second file for the same household adds to its open outreach.
    const again = await post('/api/debt/arrears-imports', { fileName: 'juni.csv', content: [HEADER, `Essent;energie;9871QX;${a.house_number};;99;1;2026-12-01`].join('\n') });
    expect(again.json()).toMatchObject({ ok: true, import: { outreachCreated: 0, outreachExtended: 1 } });
    expect((await get(`/api/debt/outreach/${household.id}`)).json().arrears).toHaveLength(3);

    // The outcome, once, on a date from the signal to today.
    const today = todayInAmsterdam();
    expect((await post(`/api/debt/outreach/${household.id}/outcome`, { outcome: 'gebeld', on: today })).statusCode).toBe(400);
    const outcome = await post(`/api/debt/outreach/${household.id}/outcome`, { outcome: 'hulp-geaccepteerd', on: today, note: 'Afspraak voor eerste gesprek gemaakt' });
    expect(outcome.json()).toMatchObject({ termStatus: 'gehaald', outcome: { outcome: 'hulp-geaccepteerd', on: today, note: 'Afspraak voor eerste gesprek gemaakt' } });
    expect((await post(`/api/debt/outreach/${household.id}/outcome`, { outcome: 'bereikt', on: today })).statusCode).toBe(409);
    expect((await post(`/api/debt/outreach/${household.id}/outcome`, { outcome: 'bereikt', on: today }, outsider.cookie)).json().error.code).toBe('NO_RELATION');

    const imports = (await get('/api/debt/arrears-imports')).json() as { id: string; unmatchedRows: number }[];
    expect(imports.find((i) => i.id === fixed.json().import.id)?.unmatchedRows).toBe(1);
    expect((await get(`/api/debt/arrears-imports/${fixed.json().import.id}`)).json().unmatched).toHaveLength(1);
  });

  it('a wrong header or an empty body is a clear 200 ok:false or 400, never a 500', async () => {
    const header = await post('/api/debt/arrears-imports', { fileName: 'x.csv', content: 'naam;bedrag\nJan;12' });
    expect(header.json()).toMatchObject({ ok: false, issues: [{ row: 1, column: '' }] });
    const empty = await post('/api/debt/arrears-imports', { fileName: 'x.csv', content: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toEqual([{ field: 'content', message: 'Het bestand is leeg.' }]);
    expect((await post('/api/debt/arrears-imports', { fileName: 'x.csv', content: `${HEADER}\n` }, policy.cookie)).statusCode).toBe(403);
  });
});
