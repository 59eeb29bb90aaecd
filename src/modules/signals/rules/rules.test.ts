import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database.js';
import { withTenant, type Tx } from '../../../db/tenancy.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import { computeCaseDeadlines } from '../../cases/case.rules.js';
import { findSubjects, insertAllocation, insertBenefit, insertCallback, insertCase, insertCaseEvent, loadWorld, TENANT, type World } from '../signal.test-support.js';
import type { RuleContext, SignalRule } from '../signal.rule.js';
import { allocationEndingRule } from './allocation-ending.rule.js';
import { callbackOverdueRule } from './callback-overdue.rule.js';
import { careNotStartedRule } from './care-not-started.rule.js';
import { caseDeadlineQuery, caseDeadlineRule } from './case-deadline.rule.js';
import { commitmentOverBudgetRule } from './commitment-over-budget.rule.js';
import { directAccessEndingRule } from './direct-access-ending.rule.js';
import { signalRules } from './index.js';
import { openCaseWithoutContactPersonRule } from './open-case-without-contact-person.rule.js';
import { overlappingAllocationsRule } from './overlapping-allocations.rule.js';
import { pwIncomeStatementMissingRule, statementMonth } from './pw-income-statement-missing.rule.js';
import { pwPaidAfterEndRule } from './pw-paid-after-end.rule.js';
import { pwReexaminationDueRule } from './pw-reexamination-due.rule.js';

// Monday 15 June 2026; 5 working days later is Monday 22 June.
const ctx: RuleContext = { today: '2026-06-15', now: new Date('2026-06-15T10:00:00+02:00') };

let database: Database;
let w: World;
let next = 0;
const resident = () => w.residentIds[next++]!;
const inTenant = <T>(work: (tx: Tx) => Promise<T>) => withTenant(database.db, TENANT, work);
const found = (rule: SignalRule, at: RuleContext = ctx) => inTenant((tx) => findSubjects(tx, rule.query(at)));

beforeAll(async () => {
  database = await createTestDatabase();
  w = await inTenant((tx) => loadWorld(tx, 40));
});
afterAll(async () => database.close());

describe('rule files', () => {
  it('have unique ids, Dutch texts, an owner, and read only tables that exist', async () => {
    expect(new Set(signalRules.map((r) => r.id)).size).toBe(signalRules.length);
    expect(signalRules.filter((r) => r.domain === 'wmo-jeugd')).toHaveLength(8);
    expect(signalRules.filter((r) => r.domain === 'participatiewet')).toHaveLength(5);
    expect(signalRules.filter((r) => r.domain === 'schuldhulp')).toHaveLength(1);
    const tables = await inTenant(async (tx) => (await tx.selectFrom('information_schema.tables' as never).select('table_name' as never).execute()) as { table_name: string }[]);
    for (const rule of signalRules) {
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.suggestedAction.length, rule.id).toBeGreaterThan(10);
      for (const t of rule.reads) expect(tables.map((x) => x.table_name), `${rule.id} reads ${t}`).toContain(t);
    }
  });
});

describe('zaak-termijn', () => {
  it('finds a research deadline within 5 working days and a passed one, not one further away or suspended', async () => {
    const ids = await inTenant(async (tx) => ({
      // Melding 4 May + 6 weeks = 15 June (today): within 5 working days.
      soon: await insertCase(tx, w, { residentId: resident(), status: 'onderzoek', notifiedOn: '2026-05-04' }),
      // Aanvraag 28 May + 2 weeks = 11 June: passed.
      passed: await insertCase(tx, w, { residentId: resident(), status: 'aanvraag', notifiedOn: '2026-04-01', appliedOn: '2026-05-28' }),
      // Melding 12 May + 6 weeks = 23 June: 6 working days away — near miss.
      later: await insertCase(tx, w, { residentId: resident(), status: 'melding', notifiedOn: '2026-05-12' }),
      suspended: await insertCase(tx, w, { residentId: resident(), status: 'onderzoek', notifiedOn: '2026-05-04' }),
      extended: await insertCase(tx, w, { residentId: resident(), status: 'onderzoek', notifiedOn: '2026-05-04' }),
      closed: await insertCase(tx, w, { residentId: resident(), status: 'afgesloten', notifiedOn: '2026-04-01' }),
    }));
    await inTenant(async (tx) => {
      await insertCaseEvent(tx, w, { caseId: ids.suspended, kind: 'suspension_start', onDate: '2026-05-20' });
      await insertCaseEvent(tx, w, { caseId: ids.extended, kind: 'extension', onDate: '2026-06-01', term: 'P2W' });
    });
    const subjects = await found(caseDeadlineRule);
    expect(subjects.get(ids.soon)?.facts).toMatchObject({ termijn: 'onderzoek', uiterlijk: '2026-06-15', stand: 'binnen 5 werkdagen' });
    expect(subjects.get(ids.passed)?.facts).toMatchObject({ termijn: 'beschikking', uiterlijk: '2026-06-11', stand: 'verstreken' });
    expect(subjects.get(ids.soon)?.assignee_user_id).toBe(w.consultantId);
    for (const miss of [ids.later, ids.suspended, ids.extended, ids.closed]) expect(subjects.has(miss)).toBe(false);
  });

  it('moves a last day on a public holiday to the next working day (Atw), as the cases module does', async () => {
    // Melding 13 April 2026 + 6 weeks = Monday 25 May 2026, Tweede Pinksterdag: the deadline is 26 May.
    const id = await inTenant((tx) => insertCase(tx, w, { residentId: resident(), status: 'melding', notifiedOn: '2026-04-13' }));
    const subjects = await found(caseDeadlineRule, { today: '2026-05-20', now: new Date('2026-05-20T08:00:00Z') });
    expect(subjects.get(id)?.facts).toMatchObject({ uiterlijk: '2026-05-26' });
  });

  it('computes the same due date as computeCaseDeadlines for every open demo case', async () => {
    const today = ctx.today;
    const cases = await inTenant((tx) =>
      tx
        .selectFrom('cases as c')
        .innerJoin('case_types as ct', 'ct.code', 'c.case_type_code')
        .select(['c.id', 'c.status', 'c.notified_on', 'c.applied_on', 'ct.research_term', 'ct.decision_term'])
        .where('c.status', 'in', ['melding', 'onderzoek', 'aanvraag'])
        .execute(),
    );
    const events = await inTenant((tx) => tx.selectFrom('case_events').select(['case_id', 'kind', 'on_date', 'term', 'reason']).orderBy('on_date').orderBy('recorded_at').execute());
    // A far horizon, so every running deadline is returned with its date.
    const subjects = await inTenant((tx) => findSubjects(tx, caseDeadlineQuery(today, '2099-01-01')));
    let compared = 0;
    for (const c of cases) {
      const d = computeCaseDeadlines(
        {
          status: c.status,
          notifiedOn: c.notified_on,
          appliedOn: c.applied_on,
          researchTerm: c.research_term,
          decisionTerm: c.decision_term,
          events: events.filter((e) => e.case_id === c.id).map((e) => ({ kind: e.kind, onDate: e.on_date, term: e.term, reason: e.reason })),
          directAccess: null,
        },
        today,
      );
      const due = d.current?.result.dueDate ?? null;
      expect(subjects.get(c.id)?.facts.uiterlijk ?? null, c.id).toBe(due);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(5);
  });
});

describe('directe-toegang-loopt-af', () => {
  it('finds a direct-access window that ends within 2 weeks without a decision, not one that ends later or has a decision', async () => {
    const ids = await inTenant(async (tx) => ({
      // 23 March + 13 weeks − 1 day = 21 June: within 2 weeks.
      ending: await insertCase(tx, w, { residentId: resident(), status: 'onderzoek', notifiedOn: '2026-03-23', directAccessStart: '2026-03-23' }),
      // 13 April + 13 weeks − 1 day = 12 July: 27 days away — near miss.
      later: await insertCase(tx, w, { residentId: resident(), status: 'onderzoek', notifiedOn: '2026-04-13', directAccessStart: '2026-04-13' }),
      decided: await insertCase(tx, w, { residentId: resident(), status: 'besluit', notifiedOn: '2026-03-23', appliedOn: '2026-04-01', directAccessStart: '2026-03-23' }),
    }));
    const subjects = await found(directAccessEndingRule);
    expect(subjects.get(ids.ending)?.facts).toMatchObject({ gestart: '2026-03-23', eindigt: '2026-06-21' });
    expect(subjects.has(ids.later)).toBe(false);
    expect(subjects.has(ids.decided)).toBe(false);
  });
});

describe('toewijzing-eindigt', () => {
  it('finds an allocation ending within 8 weeks without a follow-up, not one with a follow-up, ending later, or changed to run on', async () => {
    const [a, b, c, d] = [resident(), resident(), resident(), resident()];
    const ids = await inTenant(async (tx) => ({
      ending: await insertAllocation(tx, w, { residentId: a, start: '2025-08-01', end: '2026-07-31' }),
      followed: await insertAllocation(tx, w, { residentId: b, start: '2025-08-01', end: '2026-07-31' }),
      followUp: await insertAllocation(tx, w, { residentId: b, start: '2026-08-01', end: '2027-07-31' }),
      later: await insertAllocation(tx, w, { residentId: c, start: '2025-09-01', end: '2026-08-11' }),
      // Its first segment ends in the window, but a change made it run on in a second one.
      changed: await insertAllocation(tx, w, { residentId: d, start: '2025-08-01', end: '2026-06-30' }),
      requested: await insertAllocation(tx, w, { residentId: resident(), start: '2025-08-01', end: '2026-07-31', source: 'verzoek' }),
    }));
    await inTenant((tx) =>
      tx
        .insertInto('allocation_segments')
        .values({ tenant_id: TENANT, allocation_id: ids.changed, volume: 4, frequency: 'per_week', start_date: '2026-07-01', end_date: '2026-12-31', reason: 'meer uren', recorded_by: w.consultantId })
        .execute(),
    );
    const subjects = await found(allocationEndingRule);
    expect(subjects.get(ids.ending)?.facts).toMatchObject({ ingang: '2025-08-01', einde: '2026-07-31' });
    expect(subjects.get(ids.requested)?.facts).toMatchObject({ einde: '2026-07-31', herkomst: 'verzoek van de aanbieder (zonder beschikking)' });
    for (const miss of [ids.followed, ids.followUp, ids.later, ids.changed]) expect(subjects.has(miss)).toBe(false);
  });
});

describe('zorg-niet-gestart', () => {
  it('finds a running allocation without a start of care after 4 weeks, not a started or recent one, nor a benefit', async () => {
    const benefit = await inTenant((tx) => tx.selectFrom('products').select('id').where('category_code', 'is', null).where('kind', '=', 'benefit').orderBy('code').executeTakeFirstOrThrow());
    const ids = await inTenant(async (tx) => ({
      waiting: await insertAllocation(tx, w, { residentId: resident(), start: '2026-05-01', end: '2026-12-31' }),
      started: await insertAllocation(tx, w, { residentId: resident(), start: '2026-05-01', end: '2026-12-31' }),
      recent: await insertAllocation(tx, w, { residentId: resident(), start: '2026-05-20', end: '2026-12-31' }),
      // Granted on a provider's request, without a case: waits as much as one with a beschikking.
      requested: await insertAllocation(tx, w, { residentId: resident(), start: '2026-05-01', end: '2026-12-31', source: 'verzoek' }),
      // Bijzondere bijstand and the like are not exchanged with a provider: no 305 will ever come.
      benefit: await insertAllocation(tx, w, { residentId: resident(), productId: benefit.id, start: '2026-05-01', end: '2026-12-31' }),
    }));
    await inTenant((tx) => tx.insertInto('allocation_care_starts').values({ tenant_id: TENANT, allocation_id: ids.started, started_on: '2026-05-04', source: 'handmatig' }).execute());
    const subjects = await found(careNotStartedRule);
    expect(subjects.get(ids.waiting)?.facts).toMatchObject({ ingang: '2026-05-01' });
    expect(subjects.get(ids.waiting)?.facts).not.toHaveProperty('herkomst');
    expect(subjects.get(ids.requested)?.facts).toMatchObject({ ingang: '2026-05-01', herkomst: 'verzoek van de aanbieder (zonder beschikking)' });
    expect(subjects.get(ids.requested)?.facts).not.toHaveProperty('zaak');
    expect(subjects.has(ids.started)).toBe(false);
    expect(subjects.has(ids.recent)).toBe(false);
    expect(subjects.has(ids.benefit)).toBe(false);
  });
});

describe('dubbele-toewijzing', () => {
  it('finds the later of two overlapping allocations of one product, not adjacent ones or another product', async () => {
    const [a, b, c] = [resident(), resident(), resident()];
    const ids = await inTenant(async (tx) => ({
      first: await insertAllocation(tx, w, { residentId: a, start: '2026-01-01', end: '2026-06-30' }),
      overlapping: await insertAllocation(tx, w, { residentId: a, start: '2026-06-01', end: '2026-12-31' }),
      adjacent1: await insertAllocation(tx, w, { residentId: b, start: '2026-01-01', end: '2026-06-30' }),
      adjacent2: await insertAllocation(tx, w, { residentId: b, start: '2026-07-01', end: '2026-12-31' }),
      same: await insertAllocation(tx, w, { residentId: c, start: '2026-01-01', end: '2026-12-31' }),
      other: await insertAllocation(tx, w, { residentId: c, productId: w.otherProductId, start: '2026-01-01', end: '2026-12-31' }),
      // A provider's request granted next to a running beschikking of the same product.
      requested: await insertAllocation(tx, w, { residentId: c, start: '2026-03-01', end: '2026-09-30', source: 'verzoek' }),
    }));
    const subjects = await found(overlappingAllocationsRule);
    expect(subjects.get(ids.requested)?.facts).toMatchObject({ herkomst: 'verzoek van de aanbieder (zonder beschikking)', overlapt_met: [{ toewijzing: ids.same }] });
    expect(subjects.get(ids.overlapping)?.facts.overlapt_met).toEqual([{ toewijzing: ids.first, ingang: '2026-01-01', einde: '2026-06-30' }]);
    for (const miss of [ids.first, ids.adjacent1, ids.adjacent2, ids.same, ids.other]) expect(subjects.has(miss)).toBe(false);
  });
});

describe('verplichting-boven-budget', () => {
  it('finds the commitment that no longer fits in what remained of the budget line, not the ones before it', async () => {
    const year = 2027; // a year the demo has budgets for but no commitments yet
    const budget = await inTenant(async (tx) =>
      Number((await tx.selectFrom('budget_line_years').select('budget_cents').where('code', '=', w.budgetLine).where('year', '=', year).executeTakeFirstOrThrow()).budget_cents),
    );
    const existing = await inTenant(async (tx) =>
      Number(
        (
          await tx
            .selectFrom('allocation_commitments as c')
            .innerJoin('allocations as a', 'a.id', 'c.allocation_id')
            .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('c.cents'), eb.lit(0)).as('n'))
            .where('a.budget_line_code', '=', w.budgetLine)
            .where('c.year', '=', year)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    const remaining = budget - existing;
    const ids = await inTenant(async (tx) => ({
      fits: await insertAllocation(tx, w, { residentId: resident(), start: '2027-01-01', end: '2027-12-31', createdAt: new Date('2099-01-01T00:00:00Z'), commitments: [{ year, cents: remaining - 100 }] }),
      over: await insertAllocation(tx, w, { residentId: resident(), start: '2027-01-01', end: '2027-12-31', createdAt: new Date('2099-01-02T00:00:00Z'), commitments: [{ year, cents: 500 }] }),
    }));
    const subjects = await found(commitmentOverBudgetRule);
    expect(subjects.get(ids.over)?.facts).toMatchObject({ jaren: [{ jaar: year, verplichting_cent: 500, restant_voor_cent: 100 }] });
    expect(subjects.has(ids.fits)).toBe(false);
  });
});

describe('zaak-zonder-contactpersoon', () => {
  it('finds a resident with an open case and no contact person, not one with a contact person or only closed cases', async () => {
    const [lonely, covered, closed] = [resident(), resident(), resident()];
    await inTenant(async (tx) => {
      await insertCase(tx, w, { residentId: lonely, status: 'melding', notifiedOn: '2026-06-01' });
      await insertCase(tx, w, { residentId: covered, status: 'melding', notifiedOn: '2026-06-01' });
      await insertCase(tx, w, { residentId: closed, status: 'afgesloten', notifiedOn: '2026-01-01' });
      await tx.insertInto('contact_person_assignments').values({ tenant_id: TENANT, resident_id: covered, consultant_id: w.consultantId, assigned_by: w.teamLeadId, reason: 'test' }).execute();
    });
    const subjects = await found(openCaseWithoutContactPersonRule);
    expect(subjects.get(lonely)?.facts.zaken).toHaveLength(1);
    expect(subjects.has(covered)).toBe(false);
    expect(subjects.has(closed)).toBe(false);
  });
});

describe('terugbelverzoek-verlopen', () => {
  it('finds an open callback past its due moment, not a done one or one still due', async () => {
    const ids = await inTenant(async (tx) => ({
      overdue: await insertCallback(tx, w, { residentId: resident(), dueAt: new Date('2026-06-15T07:59:00Z') }),
      done: await insertCallback(tx, w, { residentId: resident(), dueAt: new Date('2026-06-12T15:00:00Z'), doneAt: new Date('2026-06-12T14:00:00Z') }),
      due: await insertCallback(tx, w, { residentId: resident(), dueAt: new Date('2026-06-15T08:01:00Z') }),
    }));
    const subjects = await found(callbackOverdueRule);
    expect(subjects.get(ids.overdue)?.assignee_user_id).toBe(w.consultantId);
    expect(subjects.has(ids.done)).toBe(false);
    expect(subjects.has(ids.due)).toBe(false);
  });
});

describe('pw-heronderzoek', () => {
  it('finds a running benefit whose re-examination is due within 4 weeks, not one due later or an ended benefit', async () => {
    const ids = await inTenant(async (tx) => ({
      due: await insertBenefit(tx, w, { residentId: resident(), start: '2024-07-01', nextReexamination: '2026-07-10' }),
      later: await insertBenefit(tx, w, { residentId: resident(), start: '2024-07-01', nextReexamination: '2026-07-14' }),
      ended: await insertBenefit(tx, w, { residentId: resident(), start: '2024-07-01', end: '2026-05-31', nextReexamination: '2026-06-01' }),
    }));
    const subjects = await found(pwReexaminationDueRule);
    expect(subjects.get(ids.due)?.facts).toMatchObject({ heronderzoek_uiterlijk: '2026-07-10' });
    expect(subjects.has(ids.later)).toBe(false);
    expect(subjects.has(ids.ended)).toBe(false);
  });
});

describe('pw-inkomstenopgave-ontbreekt', () => {
  it('knows which month is due: from the 11th the previous month', () => {
    expect(statementMonth('2026-06-15')).toBe('2026-05-01');
    expect(statementMonth('2026-06-10')).toBe('2026-04-01');
    expect(statementMonth('2026-01-20')).toBe('2025-12-01');
  });

  it('finds a benefit without the statement for May, not one that has it or that started in June', async () => {
    const ids = await inTenant(async (tx) => ({
      missing: await insertBenefit(tx, w, { residentId: resident(), start: '2025-01-01', nextReexamination: '2027-01-01', statements: ['2026-03-01', '2026-04-01'] }),
      complete: await insertBenefit(tx, w, { residentId: resident(), start: '2025-01-01', nextReexamination: '2027-01-01', statements: ['2026-04-01', '2026-05-01'] }),
      newer: await insertBenefit(tx, w, { residentId: resident(), start: '2026-06-01', nextReexamination: '2027-06-01' }),
    }));
    const subjects = await found(pwIncomeStatementMissingRule);
    expect(subjects.get(ids.missing)?.facts).toMatchObject({ maand: '2026-05', laatste_opgave: '2026-04' });
    expect(subjects.has(ids.complete)).toBe(false);
    expect(subjects.has(ids.newer)).toBe(false);
  });
});

describe('pw-betaald-na-einddatum', () => {
  it('finds payments for a month after the end date, not the payment of the last month itself', async () => {
    const ids = await inTenant(async (tx) => ({
      overpaid: await insertBenefit(tx, w, { residentId: resident(), start: '2025-01-01', end: '2026-03-15', nextReexamination: '2026-12-01', payments: ['2026-03-01', '2026-04-01', '2026-05-01'] }),
      correct: await insertBenefit(tx, w, { residentId: resident(), start: '2025-01-01', end: '2026-03-15', nextReexamination: '2026-12-01', payments: ['2026-02-01', '2026-03-01'] }),
    }));
    const subjects = await found(pwPaidAfterEndRule);
    expect(subjects.get(ids.overpaid)?.facts).toMatchObject({ einddatum: '2026-03-15', betalingen: 2, bedrag_cent: 260_000, eerste_maand: '2026-04' });
    expect(subjects.has(ids.correct)).toBe(false);
  });
});
