import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { todayInAmsterdam } from '../../platform/time.js';
import type { ControlRunDetail } from './control-run.schema.js';
import type { FindingDetail, FindingSummary } from './finding.schema.js';
import { findingsSteeringSummary } from './finding.service.js';

let t: TestApp;
let controller: Staff;
let auditor: Staff;
let holder: Staff;
let otherHolder: Staff;
let consultant: Staff;
let runId: string;
let exception: ControlRunDetail['exceptions']['items'][number];
const today = todayInAmsterdam();
const year = Number(today.slice(0, 4)) - 1;
const inAWeek = new Date(Date.parse(`${today}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
const inTwoWeeks = new Date(Date.parse(`${today}T12:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const send = (method: 'POST' | 'PUT' | 'PATCH', url: string, cookie: string, payload: object = {}) => t.app.inject({ method, url, headers: { cookie }, payload });
const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const logged = (name: string, residentId: string, actorId: string) =>
  withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('audit_log').select('id').where('name', '=', name).where('data_subject_id', '=', residentId).where('actor_id', '=', actorId).execute());

beforeAll(async () => {
  t = await createTestApp();
  [controller, auditor, holder, otherHolder, consultant] = await Promise.all([
    createStaff(t, { roles: ['controller'] }),
    createStaff(t, { roles: ['auditor'] }),
    createStaff(t, { roles: ['budget_holder'] }),
    createStaff(t, { roles: ['budget_holder'] }),
    createStaff(t, { roles: ['consultant'] }),
  ]);
  // A real mistake: a Pw payment for a month after the benefit ended.
  await withTenant(t.database.db, TENANT, async (tx) => {
    const resident = await tx.selectFrom('residents').select('id').orderBy('bsn').executeTakeFirstOrThrow();
    const benefit = await tx
      .insertInto('pw_benefits')
      .values({ tenant_id: TENANT, reference: 'PW-FIND-1', resident_id: resident.id, consultant_id: null, norm: 'alleenstaande', monthly_cents: 98_700, start_date: `${year}-01-01`, end_date: `${year}-02-28`, last_reexamination_on: null, next_reexamination_on: `${year}-12-01` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('pw_payments').values({ tenant_id: TENANT, benefit_id: benefit.id, period: `${year}-03-01`, paid_on: `${year}-03-05`, cents: 98_700 }).execute();
  });
  runId = ((await send('POST', '/api/control/runs', controller.cookie, { periodKind: 'jaar', period: String(year), scope: 'participatiewet' })).json() as { id: string }).id;
  const detail = (await get(`/api/control/runs/${runId}?control=pw-betaald-na-einde&limit=200`, controller.cookie)).json() as ControlRunDetail;
  exception = detail.exceptions.items.find((e) => e.facts.uitkering === 'PW-FIND-1')!;
});
afterAll(async () => t.close());

describe('control findings', () => {
  let findingId: string;
  let number: number;
  let actionId: string;

  it('records a finding from an exception: year and process from the run and its control, amount from the exception; once per exception', async () => {
    expect(exception.finding).toBeNull();
    const created = await send('POST', '/api/control/findings', controller.cookie, { source: 'uitzondering', exceptionId: exception.id });
    expect(created.statusCode).toBe(201);
    ({ id: findingId, number } = created.json() as { id: string; number: number });
    const detail = (await get(`/api/control/findings/${findingId}`, auditor.cookie)).json() as FindingDetail;
    expect(detail).toMatchObject({ number, process: 'participatiewet', year, source: 'uitzondering', controlId: 'pw-betaald-na-einde', amountCents: 98_700, assessment: null, runId, residentId: exception.residentId });
    expect(detail.facts).toMatchObject({ uitkering: 'PW-FIND-1' });
    expect(await logged('controlbevinding.vastleggen', exception.residentId!, controller.id)).toHaveLength(1);
    expect(await logged('controlbevinding.raadplegen', exception.residentId!, auditor.id)).toHaveLength(1);
    const run = (await get(`/api/control/runs/${runId}?control=pw-betaald-na-einde&limit=200`, controller.cookie)).json() as ControlRunDetail;
    expect(run.exceptions.items.find((e) => e.id === exception.id)!.finding).toEqual({ id: findingId, number });
    const again = await send('POST', '/api/control/findings', controller.cookie, { source: 'uitzondering', exceptionId: exception.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(`Voor deze uitzondering is al bevinding B-${number} vastgelegd.`);
  });

  it('refuses unknown sources, missing fields, a bad amount and an owner who may not own findings', async () => {
    expect((await send('POST', '/api/control/findings', controller.cookie, { source: 'uitzondering', exceptionId: crypto.randomUUID() })).statusCode).toBe(404);
    expect((await send('POST', '/api/control/findings', controller.cookie, { source: 'steekproef', sampleId: crypto.randomUUID(), position: 1 })).statusCode).toBe(404);
    const observation = await send('POST', '/api/control/findings', controller.cookie, { source: 'waarneming', title: 'Dossier zonder handtekening' });
    expect(observation.statusCode).toBe(400);
    expect(observation.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['process', 'year', 'controlId']);
    const negative = await send('POST', '/api/control/findings', controller.cookie, { source: 'waarneming', process: 'wmo', year, controlId: 'WMO-1', title: 'x', amountCents: -5 });
    expect(negative.json().error.fields).toEqual([{ field: 'amountCents', message: 'Het bedrag kan niet negatief zijn.' }]);
    const absurd = await send('POST', '/api/control/findings', controller.cookie, { source: 'waarneming', process: 'wmo', year, controlId: 'WMO-1', title: 'x', amountCents: 1e15 });
    expect(absurd.json().error.fields[0].field).toBe('amountCents');
    const noReason = await send('POST', '/api/control/findings', controller.cookie, { source: 'waarneming', process: 'wmo', year, controlId: 'WMO-1', title: 'x', assessment: 'fout' });
    expect(noReason.json().error.fields).toEqual([{ field: 'reason', message: 'Geef de reden van de beoordeling.' }]);
    const badOwner = await send('POST', '/api/control/findings', controller.cookie, { source: 'waarneming', process: 'wmo', year, controlId: 'WMO-1', title: 'x', ownerId: consultant.id });
    expect(badOwner.statusCode).toBe(400);
    expect(badOwner.json().error.fields[0]).toMatchObject({ field: 'ownerId', message: expect.stringContaining('kan geen eigenaar') });
    expect((await send('POST', '/api/control/findings', auditor.cookie, { source: 'uitzondering', exceptionId: exception.id })).statusCode).toBe(403);
  });

  it('records an own observation with the process and year given; geen bevinding forces the amount to 0', async () => {
    const created = await send('POST', '/api/control/findings', controller.cookie, { source: 'waarneming', process: 'wmo', year, controlId: 'WMO-R3', title: 'Dossier zonder handtekening', assessment: 'geen-bevinding', reason: 'Handtekening later gevonden', amountCents: 12_345 });
    expect(created.statusCode).toBe(201);
    const detail = (await get(`/api/control/findings/${(created.json() as { id: string }).id}`, controller.cookie)).json() as FindingDetail;
    expect(detail).toMatchObject({ process: 'wmo', year, source: 'waarneming', assessment: 'geen-bevinding', amountCents: 0, residentId: null, number: number + 1 });
  });

  it('records a finding from a sample item: process and year of the sample, amount of the item; once per item', async () => {
    const sampleId = await withTenant(t.database.db, TENANT, async (tx) => {
      const sample = await tx
        .insertInto('control_samples')
        .values({ tenant_id: TENANT, number: 901, process: 'jeugd', control_code: 'JGD-T1', population_kind: 'toewijzingen', period_start: `${year}-01-01`, period_end: `${year}-12-31`, population_size: 10, population_amount_cents: 1_000_000, confidence: 0.95, tolerable_error: 0.03, sample_size: 1, seed: 'test', method: 'MUS', checklist: JSON.stringify(['Beschikking aanwezig?']), title: 'Toewijzingen Jeugd', created_by: controller.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('control_sample_items').values({ tenant_id: TENANT, sample_id: sample.id, position: 1, subject_type: 'allocation', subject_id: crypto.randomUUID(), resident_id: null, amount_cents: 43_210 }).execute();
      return sample.id;
    });
    const created = await send('POST', '/api/control/findings', controller.cookie, { source: 'steekproef', sampleId, position: 1 });
    expect(created.statusCode).toBe(201);
    const detail = (await get(`/api/control/findings/${(created.json() as { id: string }).id}`, controller.cookie)).json() as FindingDetail;
    expect(detail).toMatchObject({ source: 'steekproef', process: 'jeugd', year, controlId: 'JGD-T1', amountCents: 43_210, sampleId, samplePosition: 1, title: 'Toewijzingen Jeugd, item 1' });
    expect((await send('POST', '/api/control/findings', controller.cookie, { source: 'steekproef', sampleId, position: 1 })).statusCode).toBe(409);
    expect((await send('POST', '/api/control/findings', controller.cookie, { source: 'steekproef', sampleId })).json().error.fields[0].field).toBe('position');
  });

  it('assesses a finding with reason, amount and owner; refuses a missing reason and a bad owner', async () => {
    const noReason = await send('PUT', `/api/control/findings/${findingId}/assessment`, controller.cookie, { assessment: 'fout', amountCents: 50_000 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].field).toBe('reason');
    const blank = await send('PUT', `/api/control/findings/${findingId}/assessment`, controller.cookie, { assessment: 'fout', reason: '   ' });
    expect(blank.json().error.fields[0]).toEqual({ field: 'reason', message: 'Geef de reden van de beoordeling.' });
    const inactive = await send('PUT', `/api/control/findings/${findingId}/assessment`, controller.cookie, { assessment: 'fout', reason: 'x', ownerId: crypto.randomUUID() });
    expect(inactive.json().error.fields[0]).toMatchObject({ field: 'ownerId' });
    expect((await send('PUT', `/api/control/findings/${crypto.randomUUID()}/assessment`, controller.cookie, { assessment: 'fout', reason: 'x' })).statusCode).toBe(404);
    const assessed = await send('PUT', `/api/control/findings/${findingId}/assessment`, controller.cookie, { assessment: 'fout', reason: 'Betaald na de einddatum van de uitkering', amountCents: 50_000, ownerId: holder.id });
    expect(assessed.statusCode).toBe(200);
    expect(assessed.json()).toMatchObject({ assessment: 'fout', amountCents: 50_000, owner: { id: holder.id }, assessedBy: `Test ${controller.username}` });
    expect(await logged('controlbevinding.beoordelen', exception.residentId!, controller.id)).toHaveLength(1);
  });

  it('adds a follow-up action; refuses a due date in the past and an owner without findings:own or controls:write', async () => {
    const past = await send('POST', `/api/control/findings/${findingId}/actions`, controller.cookie, { description: 'Terugvorderen', ownerId: holder.id, dueDate: yesterday });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0]).toMatchObject({ field: 'dueDate', message: expect.stringContaining('verleden') });
    const badOwner = await send('POST', `/api/control/findings/${findingId}/actions`, controller.cookie, { description: 'Terugvorderen', ownerId: consultant.id, dueDate: inAWeek });
    expect(badOwner.json().error.fields[0].field).toBe('ownerId');
    const malformed = await send('POST', `/api/control/findings/${findingId}/actions`, controller.cookie, { description: 'Terugvorderen', ownerId: holder.id, dueDate: '2026-02-30' });
    expect(malformed.json().error.fields[0].field).toBe('dueDate');
    const added = await send('POST', `/api/control/findings/${findingId}/actions`, controller.cookie, { description: 'Terugvorderen en werkinstructie aanpassen', ownerId: holder.id, dueDate: inAWeek });
    expect(added.statusCode).toBe(201);
    actionId = (added.json() as { id: string }).id;
  });

  it('shows a budget holder only the findings and actions they own', async () => {
    const mine = (await get('/api/control/findings/mine', holder.cookie)).json() as { findings: FindingSummary[]; actions: { id: string; overdue: boolean; mine: boolean }[] };
    expect(mine.findings.map((f) => f.id)).toEqual([findingId]);
    expect(mine.actions).toEqual([expect.objectContaining({ id: actionId, overdue: false, mine: true, findingNumber: number })]);
    const other = (await get('/api/control/findings/mine', otherHolder.cookie)).json() as { findings: unknown[]; actions: unknown[] };
    expect(other).toEqual({ findings: [], actions: [] });
    expect((await get(`/api/control/findings/${findingId}`, holder.cookie)).statusCode).toBe(200);
    expect(await logged('controlbevinding.raadplegen', exception.residentId!, holder.id)).toHaveLength(1);
    expect((await get(`/api/control/findings/${findingId}`, otherHolder.cookie)).statusCode).toBe(404);
    expect((await get('/api/control/findings', holder.cookie)).statusCode).toBe(403);
    expect((await get('/api/control/findings/mine', controller.cookie)).statusCode).toBe(403);
    expect((await get(`/api/control/findings/${findingId}`, consultant.cookie)).statusCode).toBe(403);
    const list = (await get(`/api/control/findings?year=${year}&process=participatiewet&status=opvolging-open`, auditor.cookie)).json() as { items: FindingSummary[] };
    expect(list.items.map((f) => f.id)).toEqual([findingId]);
    expect(list.items[0]).toMatchObject({ openActions: 1, overdueActions: 0, assessment: 'fout' });
    expect((await get('/api/control/findings?assessment=vals', auditor.cookie)).statusCode).toBe(400);
  });

  it('lets the controller give an open action another owner or due date with a reason, keeps every change, and refuses bad changes', async () => {
    const change = (cookie: string, body: object, id = actionId) => send('PATCH', `/api/control/finding-actions/${id}`, cookie, body);
    const fieldOf = (r: { json: () => unknown }) => (r.json() as { error: { fields?: { field: string; message: string }[] } }).error.fields ?? [];
    expect((await change(holder.cookie, { dueDate: inTwoWeeks, reason: 'Meer tijd nodig' })).statusCode).toBe(403);
    const noReason = await change(controller.cookie, { dueDate: inTwoWeeks });
    expect(noReason.statusCode).toBe(400);
    expect(fieldOf(noReason)).toEqual([expect.objectContaining({ field: 'reason', message: 'Geef de reden van de wijziging.' })]);
    const past = await change(controller.cookie, { dueDate: yesterday, reason: 'Vergissing' });
    expect(past.statusCode).toBe(400);
    expect(fieldOf(past)).toEqual([expect.objectContaining({ field: 'dueDate' })]);
    const same = await change(controller.cookie, { dueDate: inAWeek, ownerId: holder.id, reason: 'Niets' });
    expect(same.statusCode).toBe(400);
    expect(fieldOf(same)[0]?.message).toContain('niets gewijzigd');
    expect(fieldOf(await change(controller.cookie, { ownerId: consultant.id, reason: 'Andere eigenaar' }))).toEqual([expect.objectContaining({ field: 'ownerId' })]);
    expect((await change(controller.cookie, { dueDate: inTwoWeeks, reason: 'Meer tijd nodig' }, crypto.randomUUID())).statusCode).toBe(404);
    expect((await change(controller.cookie, { dueDate: inTwoWeeks, reason: 'Meer tijd nodig' }, 'geen-id')).statusCode).toBe(400);
    // Nothing was changed by the refused requests.
    let detail = (await get(`/api/control/findings/${findingId}`, controller.cookie)).json() as FindingDetail;
    expect(detail.actions[0]).toMatchObject({ owner: { id: holder.id }, dueDate: inAWeek, changes: [] });

    expect((await change(controller.cookie, { ownerId: otherHolder.id, dueDate: inTwoWeeks, reason: 'Budgethouder met vakantie; de vordering wacht op de bank' })).statusCode).toBe(204);
    const theirs = (await get('/api/control/findings/mine', otherHolder.cookie)).json() as { actions: { id: string }[] };
    expect(theirs.actions.map((a) => a.id)).toEqual([actionId]);
    expect(((await get('/api/control/findings/mine', holder.cookie)).json() as { actions: unknown[] }).actions).toEqual([]);
    expect((await change(controller.cookie, { ownerId: holder.id, reason: 'Terug van vakantie' })).statusCode).toBe(204);
    detail = (await get(`/api/control/findings/${findingId}`, auditor.cookie)).json() as FindingDetail;
    expect(detail.actions[0]).toMatchObject({ owner: { id: holder.id }, dueDate: inTwoWeeks });
    expect(detail.actions[0]!.changes).toEqual([
      expect.objectContaining({ fromOwner: `Test ${holder.username}`, toOwner: `Test ${otherHolder.username}`, fromDueDate: inAWeek, toDueDate: inTwoWeeks, reason: 'Budgethouder met vakantie; de vordering wacht op de bank', by: `Test ${controller.username}` }),
      expect.objectContaining({ fromOwner: `Test ${otherHolder.username}`, toOwner: `Test ${holder.username}`, fromDueDate: inTwoWeeks, toDueDate: inTwoWeeks, reason: 'Terug van vakantie' }),
    ]);
    expect(await logged('controlbevinding.opvolging.wijzigen', exception.residentId!, controller.id)).toHaveLength(2);
  });

  it('lets the owner complete their action once; others without controls:write get 403', async () => {
    expect((await send('POST', `/api/control/finding-actions/${actionId}/done`, otherHolder.cookie, { result: 'Gedaan' })).statusCode).toBe(403);
    expect((await send('POST', `/api/control/finding-actions/${actionId}/done`, consultant.cookie, { result: 'Gedaan' })).statusCode).toBe(403);
    expect((await send('POST', `/api/control/finding-actions/${actionId}/done`, holder.cookie, {})).statusCode).toBe(400);
    expect((await send('POST', `/api/control/finding-actions/${crypto.randomUUID()}/done`, holder.cookie, { result: 'Gedaan' })).statusCode).toBe(404);
    const done = await send('POST', `/api/control/finding-actions/${actionId}/done`, holder.cookie, { result: 'Vordering ingesteld, werkinstructie aangepast' });
    expect(done.statusCode).toBe(204);
    const twice = await send('POST', `/api/control/finding-actions/${actionId}/done`, holder.cookie, { result: 'Nogmaals' });
    expect((await send('PATCH', `/api/control/finding-actions/${actionId}`, controller.cookie, { dueDate: inTwoWeeks, ownerId: otherHolder.id, reason: 'Te laat' })).statusCode).toBe(409);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('Deze actie is al afgerond.');
    expect(await logged('controlbevinding.opvolging.afronden', exception.residentId!, holder.id)).toHaveLength(1);
    const detail = (await get(`/api/control/findings/${findingId}`, controller.cookie)).json() as FindingDetail;
    expect(detail.actions[0]).toMatchObject({ status: 'afgerond', result: 'Vordering ingesteld, werkinstructie aangepast', doneBy: `Test ${holder.username}` });
  });

  it('sums the findings of a process and year for the steering report, with small counts as "<10"', async () => {
    const summary = await withTenant(t.database.db, TENANT, (tx) => findingsSteeringSummary(tx, { process: 'participatiewet', year, today }));
    expect(summary.byAssessment.find((b) => b.assessment === 'fout')).toEqual({ assessment: 'fout', label: 'Fout', findings: '<10', amountCents: 50_000 });
    expect(summary).toMatchObject({ processName: 'Participatiewet', openActions: 0, overdueActions: 0 });
  });

  it('puts the aggregates in the monthly steering report of the domain, next to the mini-BRAP', async () => {
    const policy = await createStaff(t, { roles: ['policy'] });
    const report = await send('POST', '/api/insights/reports', policy.cookie, { domain: 'pw', month: `${year}-12` });
    expect(report.statusCode).toBe(200);
    expect(report.json().controlFindings).toMatchObject({ process: 'participatiewet', year, openActions: 0 });
    expect(report.json().controlFindings.byAssessment[0]).toEqual({ assessment: 'fout', label: 'Fout', findings: '<10', amountCents: 50_000 });
    const html = await get(`/api/insights/reports/${report.json().id}/report.html`, policy.cookie);
    expect(html.body).toContain(`Opvolging controlbevindingen ${year}`);
    expect(html.body).not.toContain('PW-FIND-1');
  });
});
