import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { populationKindIds } from './sample.populations.js';
import type { SampleAnswerInput } from './sample.schema.js';

let t: TestApp;
let controller: Staff;
let controller2: Staff;
let auditor: Staff;
let consultant: Staff;

// A month long before the demo data, with 70 planted Participatiewet payments: a population whose
// size and amount the test knows.
const MONTH = { periodStart: '2001-03-01', periodEnd: '2001-03-31' };
const PLANTED = 70;
const plantedAmount = Array.from({ length: PLANTED }, (_, i) => 10_000 + i).reduce((s, c) => s + c, 0);
const base = { process: 'participatiewet', populationKind: 'pw-betalingen', ...MONTH, confidence: 0.95, tolerableError: 0.05, expectedError: 0 };
const checklist = ['Ligt er een besluit onder de betaling?', 'Klopt het bedrag met de rekenbasis?'];

type Detail = {
  sample: { id: string; number: number; status: string; sampleSize: number; seed: string; checkedItems: number; reviewer: string | null; populationSize: number; populationAmountCents: number };
  checklist: string[];
  items: { position: number; subjectId: string; residentId: string | null; amountCents: number; answers: SampleAnswerInput[] | null; checkedBy: string | null; finding: { number: number; assessment: string | null; amountCents: number } | null }[];
};

const send = (method: 'POST' | 'PUT' | 'GET', url: string, cookie: string, payload?: object) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const detail = async (id: string) => (await send('GET', `/api/control/samples/${id}`, controller.cookie)).json() as Detail;
const allYes = (): SampleAnswerInput[] => checklist.map((_, question) => ({ question, answer: 'ja' }));

beforeAll(async () => {
  t = await createTestApp();
  [controller, controller2, auditor, consultant] = await Promise.all([
    createStaff(t, { roles: ['controller'] }),
    createStaff(t, { roles: ['controller'] }),
    createStaff(t, { roles: ['auditor'] }),
    createStaff(t, { roles: ['consultant'] }),
  ]);
  await withTenant(t.database.db, TENANT, async (tx) => {
    const resident = await tx.selectFrom('residents').select('id').orderBy('bsn').executeTakeFirstOrThrow();
    const benefits = await tx
      .insertInto('pw_benefits')
      .values(
        Array.from({ length: PLANTED }, (_, i) => ({
          tenant_id: TENANT,
          reference: `PW-SMP-${i}`,
          resident_id: resident.id,
          consultant_id: null,
          norm: 'alleenstaande' as const,
          monthly_cents: 100_000,
          start_date: '2001-02-01',
          end_date: '2001-12-31',
          last_reexamination_on: null,
          next_reexamination_on: '2001-12-01',
        })),
      )
      .returning(['id', 'reference'])
      .execute();
    await tx
      .insertInto('pw_payments')
      .values(benefits.map((b) => ({ tenant_id: TENANT, benefit_id: b.id, period: '2001-03-01', paid_on: '2001-03-05', cents: 10_000 + Number(b.reference.slice(7)) })))
      .execute();
  });
});
afterAll(async () => t.close());

describe('control samples', () => {
  it('lists at least four population kinds and measures each over a year of demo data (every query runs)', async () => {
    const kinds = (await send('GET', '/api/control/samples/populations', auditor.cookie)).json() as { items: { id: string; processes: string[] }[] };
    expect(kinds.items.map((k) => k.id)).toEqual([...populationKindIds]);
    expect(kinds.items.length).toBeGreaterThanOrEqual(4);
    const year = Number(todayInAmsterdam().slice(0, 4)) - 1;
    for (const kind of kinds.items) {
      for (const process of kind.processes) {
        const preview = await send('POST', '/api/control/samples/preview', auditor.cookie, { ...base, process, populationKind: kind.id, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` });
        expect(preview.statusCode, `${kind.id}/${process}: ${preview.body}`).toBe(200);
        const p = preview.json() as { populationSize: number; sampleSize: number };
        expect(p.sampleSize).toBeLessThanOrEqual(p.populationSize);
      }
    }
  });

  it('previews population, amount and size: 95 % / 5 % without expected errors is 59, corrected to 33 for 70 items', async () => {
    const preview = await send('POST', '/api/control/samples/preview', controller.cookie, base);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ populationSize: PLANTED, populationAmountCents: plantedAmount, uncorrectedSize: 59, sampleSize: 33, allowedDeviations: 0, wholePopulation: false, message: null });
    const strict = (await send('POST', '/api/control/samples/preview', controller.cookie, { ...base, confidence: 0.999, tolerableError: 0.005 })).json();
    expect(strict).toMatchObject({ uncorrectedSize: 1379, sampleSize: 67, wholePopulation: false });
    const empty = (await send('POST', '/api/control/samples/preview', controller.cookie, { ...base, periodStart: '2002-03-01', periodEnd: '2002-03-31' })).json();
    expect(empty).toMatchObject({ populationSize: 0, sampleSize: 0, message: expect.stringContaining('leeg') });
  });

  it('draws reproducibly: the same seed and data give the same items in the same order; the residents drawn are logged', async () => {
    const first = await send('POST', '/api/control/samples', controller.cookie, { ...base, title: 'Betalingen maart', seed: 'controle-2001', checklist });
    expect(first.statusCode, first.body).toBe(201);
    const a = first.json() as { id: string; number: number; sampleSize: number; seed: string };
    expect(a).toMatchObject({ sampleSize: 33, seed: 'controle-2001' });
    const second = (await send('POST', '/api/control/samples', controller.cookie, { ...base, title: 'Opnieuw getrokken', seed: 'controle-2001', checklist })).json() as { id: string; number: number };
    expect(second.number).toBe(a.number + 1);
    const other = (await send('POST', '/api/control/samples', controller.cookie, { ...base, title: 'Andere seed', seed: 'andere-seed', checklist })).json() as { id: string };
    const [da, db, dother] = await Promise.all([detail(a.id), detail(second.id), detail(other.id)]);
    expect(da.items.map((i) => i.subjectId)).toEqual(db.items.map((i) => i.subjectId));
    expect(da.items.map((i) => i.position)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
    expect(new Set(da.items.map((i) => i.subjectId)).size).toBe(33);
    expect(dother.items.map((i) => i.subjectId)).not.toEqual(da.items.map((i) => i.subjectId));
    expect(da.sample).toMatchObject({ populationSize: PLANTED, populationAmountCents: plantedAmount, status: 'open', checkedItems: 0 });
    const generated = (await send('POST', '/api/control/samples', controller.cookie, { ...base, title: 'Zonder seed', checklist })).json() as { seed: string };
    expect(generated.seed).toMatch(/^[0-9a-f]{12}$/);
    const logged = await withTenant(t.database.db, TENANT, (tx) =>
      tx.selectFrom('audit_log').select(['name', 'actor_id', 'data_subject_id']).where('name', 'in', ['steekproef.trekken', 'steekproef.raadplegen']).where('data_subject_id', '=', da.items[0]!.residentId).execute(),
    );
    expect(logged.map((l) => l.name)).toEqual(expect.arrayContaining(['steekproef.trekken', 'steekproef.raadplegen']));
  });

  it('takes the checklist per item, submits when all are checked, and is reviewed by another controller only', async () => {
    const { id } = (await send('POST', '/api/control/samples', controller.cookie, { ...base, title: 'Review', seed: 'review', checklist, sampleSize: 34 })).json() as { id: string };
    expect((await detail(id)).items).toHaveLength(34);
    const answer = (position: number | string, answers: object[]) => send('PUT', `/api/control/samples/${id}/items/${position}`, controller.cookie, { answers });
    const missing = await answer(999, allYes());
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('Post 999 bestaat niet');
    const outOfRange = await answer(1, [...allYes(), { question: 2, answer: 'ja' }]);
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.fields).toEqual([{ field: 'answers.2.question', message: 'Vraag 3 staat niet op de checklist (die heeft 2 vragen).' }]);
    const incomplete = await answer(1, [{ question: 0, answer: 'ja' }]);
    expect(incomplete.json().error.fields[0]).toMatchObject({ field: 'answers', message: expect.stringContaining('nog open: 2') });
    const noWithoutNote = await answer(1, [{ question: 0, answer: 'nee' }, { question: 1, answer: 'nvt' }]);
    expect(noWithoutNote.json().error.fields[0]).toMatchObject({ field: 'answers.0.note' });
    const badAnswer = await answer(1, [{ question: 0, answer: 'misschien' }, { question: 1, answer: 'ja' }]);
    expect(badAnswer.statusCode).toBe(400);
    expect((await answer('nul', allYes())).statusCode).toBe(400);

    const first = await answer(1, [{ question: 1, answer: 'nvt' }, { question: 0, answer: 'nee', note: 'Geen besluit in het dossier' }]);
    expect(first.statusCode).toBe(200);
    expect((first.json() as Detail).items[0]).toMatchObject({ answers: [{ question: 0, answer: 'nee', note: 'Geen besluit in het dossier' }, { question: 1, answer: 'nvt' }], checkedBy: `Test ${controller.username}` });
    const early = await send('POST', `/api/control/samples/${id}/submit`, controller.cookie);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('Nog 33 posten zijn niet gecontroleerd: beantwoord eerst de checklist van elke post.');
    expect((await send('POST', `/api/control/samples/${id}/review`, controller2.cookie, {})).json().error.message).toBe('Deze steekproef is nog niet ingediend voor review.');
    for (let position = 2; position <= 34; position++) expect((await answer(position, allYes())).statusCode).toBe(200);
    const submitted = await send('POST', `/api/control/samples/${id}/submit`, controller.cookie);
    expect(submitted.statusCode).toBe(200);
    expect((submitted.json() as Detail).sample).toMatchObject({ status: 'ter-review', checkedItems: 34 });
    const late = await answer(2, allYes());
    expect(late.statusCode).toBe(409);

    const own = await send('POST', `/api/control/samples/${id}/review`, controller.cookie, { note: 'Zelf' });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.message).toBe('U hebt deze steekproef zelf getrokken: een andere controller beoordeelt hem (vier ogen).');
    expect((await send('POST', `/api/control/samples/${id}/review`, auditor.cookie, {})).statusCode).toBe(403);
    const reviewed = await send('POST', `/api/control/samples/${id}/review`, controller2.cookie, { note: 'Akkoord, één fout opgevolgd.' });
    expect(reviewed.statusCode).toBe(200);
    expect((reviewed.json() as Detail).sample).toMatchObject({ status: 'afgerond', reviewer: `Test ${controller2.username}` });
    expect((await send('POST', `/api/control/samples/${id}/review`, controller2.cookie, {})).statusCode).toBe(409);
    const list = (await send('GET', '/api/control/samples', auditor.cookie)).json() as { items: { id: string; status: string }[] };
    expect(list.items.find((s) => s.id === id)).toMatchObject({ status: 'afgerond' });
  });

  it('shows per item the finding recorded for it in control_findings', async () => {
    const { id } = (await send('POST', '/api/control/samples', controller.cookie, { ...base, title: 'Bevinding', seed: 'bevinding', checklist })).json() as { id: string };
    const before = await detail(id);
    expect(before.items.every((i) => i.finding === null)).toBe(true);
    const item = before.items[2]!;
    await withTenant(t.database.db, TENANT, async (tx) => {
      const next = await tx.selectFrom('control_findings').select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('n')).executeTakeFirstOrThrow();
      await tx
        .insertInto('control_findings')
        .values({ tenant_id: TENANT, number: Number(next.n) + 1, process: 'participatiewet', year: 2001, source: 'steekproef', sample_id: id, sample_position: item.position, exception_id: null, control_id: 'steekproef', subject_type: 'payment', subject_id: item.subjectId, resident_id: item.residentId, title: 'Betaling zonder besluit', assessment: 'fout', reason: 'Geen besluit', amount_cents: item.amountCents, created_by: controller.id, assessed_by: controller.id, assessed_at: new Date() })
        .execute();
    });
    const after = await detail(id);
    expect(after.items[2]!.finding).toMatchObject({ assessment: 'fout', amountCents: item.amountCents, number: expect.any(Number) });
    expect(after.items.filter((i) => i.finding !== null)).toHaveLength(1);
  });

  it('refuses bad input with a Dutch message per field, never a 500', async () => {
    const create = (body: object) => send('POST', '/api/control/samples', controller.cookie, { ...base, title: 'Fout', checklist, ...body });
    const field = async (body: object) => {
      const response = await create(body);
      expect(response.statusCode, response.body).toBe(400);
      return response.json().error.fields as { field: string; message: string }[];
    };
    expect(await field({ sampleSize: 71 })).toEqual([{ field: 'sampleSize', message: 'Een steekproef kan niet groter zijn dan de populatie (70 posten).' }]);
    expect((await field({ sampleSize: 20 }))[0]!.message).toContain('ten minste 33 posten');
    expect(await field({ periodStart: '2002-03-01', periodEnd: '2002-03-31' })).toEqual([{ field: 'populationKind', message: expect.stringContaining('is leeg') }]);
    expect(await field({ periodStart: '2001-03-31', periodEnd: '2001-03-01' })).toEqual([{ field: 'periodEnd', message: 'De einddatum moet na de begindatum liggen.' }]);
    expect((await field({ periodStart: '2001-01-01', periodEnd: '2002-06-30' }))[0]!.message).toBe('Een steekproef gaat over hoogstens een jaar.');
    const next = Number(todayInAmsterdam().slice(0, 4)) + 1;
    expect((await field({ periodStart: `${next}-01-01`, periodEnd: `${next}-03-31` }))[0]).toMatchObject({ field: 'periodStart', message: expect.stringContaining('nog niet begonnen') });
    expect((await field({ populationKind: 'alle-zaken' }))[0]).toMatchObject({ field: 'populationKind', message: 'Deze populatie bestaat niet. Kies een populatie uit de lijst.' });
    expect((await field({ populationKind: 'beschikkingen' }))[0]).toMatchObject({ field: 'populationKind', message: expect.stringContaining('hoort niet bij dit proces') });
    expect((await field({ process: 'bijstand' }))[0]!.field).toBe('process');
    expect((await field({ confidence: 1.2 }))[0]).toMatchObject({ field: 'confidence', message: 'De betrouwbaarheid ligt tussen 0,5 (50 %) en 0,999 (99,9 %).' });
    expect((await field({ confidence: '95%' }))[0]!.field).toBe('confidence');
    expect((await field({ tolerableError: 0 }))[0]!.field).toBe('tolerableError');
    expect(await field({ expectedError: 0.05 })).toEqual([{ field: 'expectedError', message: 'De verwachte foutfractie moet kleiner zijn dan de aanvaardbare foutfractie.' }]);
    expect((await field({ tolerableError: 0.02, expectedError: 0.0199 }))[0]!.message).toContain('groter dan 10.000 posten');
    expect((await field({ checklist: [] }))[0]).toEqual({ field: 'checklist', message: 'Een steekproef heeft een checklist met ten minste één vraag.' });
    expect((await field({ checklist: ['  '] }))[0]!.field).toBe('checklist.0');
    expect((await field({ controlCode: 'WMO-9.R9.C9' }))[0]).toMatchObject({ field: 'controlCode', message: expect.stringContaining('staat niet in het controlkader') });
    expect((await field({ seed: 'met spaties' }))[0]!.field).toBe('seed');
    expect((await field({ periodEnd: '2001-02-30' }))[0]!.field).toBe('periodEnd');
    expect((await send('GET', `/api/control/samples/${crypto.randomUUID()}`, controller.cookie)).statusCode).toBe(404);
    expect((await send('GET', '/api/control/samples/geen-id', controller.cookie)).statusCode).toBe(400);
  });

  it('is drawn by the controller only; the auditor reads; others get 403', async () => {
    expect((await send('POST', '/api/control/samples', auditor.cookie, { ...base, title: 'x', checklist })).statusCode).toBe(403);
    expect((await send('GET', '/api/control/samples', consultant.cookie)).statusCode).toBe(403);
    expect((await send('POST', '/api/control/samples/preview', consultant.cookie, base)).statusCode).toBe(403);
    expect((await send('GET', '/api/control/samples', auditor.cookie)).statusCode).toBe(200);
  });
});
