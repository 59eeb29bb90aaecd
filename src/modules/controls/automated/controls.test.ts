// Each automated control against crafted data: a situation it must find and a near miss it must not
// (the signal rules' discipline, rules/rules.test.ts). The data builds on the seeded demo municipality.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database.js';
import { withTenant, type Tx } from '../../../db/tenancy.js';
import { asOwnerIn, createTestDatabase } from '../../../../test/support/database.js';
import { insertAllocation, insertBenefit, insertCase, insertCaseEvent, loadWorld, TENANT, type World } from '../../signals/signal.test-support.js';
import { exceptionsOf, populationOf, type AutomatedControl, type ControlContext, type ControlExceptionRow } from './automated-control.js';
import { automatedControls } from './index.js';
import { automatedControlIds } from '../automated-control-ids.js';

const ctx: ControlContext = { start: '2027-01-01', end: '2027-03-31', laws: ['wmo', 'jeugdwet', 'participatiewet'] };

let database: Database;
let w: World;
let next = 0;
const resident = () => w.residentIds[next++]!;
const inTenant = <T>(work: (tx: Tx) => Promise<T>) => withTenant(database.db, TENANT, work);
const control = (id: string) => automatedControls.find((c) => c.id === id)!;

/** The exceptions a control finds in `ctx`, by subject id (several per subject possible). */
async function found(c: AutomatedControl, at: ControlContext = ctx) {
  const { rows } = await inTenant((tx) => exceptionsOf(c, at).execute(tx));
  const bySubject = new Map<string, ControlExceptionRow[]>();
  for (const r of rows) bySubject.set(r.subject_id, [...(bySubject.get(r.subject_id) ?? []), r]);
  return bySubject;
}
async function population(c: AutomatedControl, at: ControlContext = ctx) {
  return Number((await inTenant((tx) => populationOf(c, at).execute(tx))).rows[0]!.population);
}

beforeAll(async () => {
  database = await createTestDatabase();
  w = await inTenant((tx) => loadWorld(tx, 40));
});
afterAll(async () => database.close());

it('ships one control per id, each with a Dutch title, a norm, the tables it reads and a valid population query', async () => {
  expect(automatedControls.map((c) => c.id)).toEqual([...automatedControlIds]);
  for (const c of automatedControls) {
    expect(c.title.length).toBeGreaterThan(10);
    expect(c.norm.length).toBeGreaterThan(5);
    expect(c.reads.length).toBeGreaterThan(0);
    expect(await population(c)).toBeGreaterThanOrEqual(0);
  }
});

describe('toewijzing-zonder-beschikking', () => {
  it('finds an allocation on a pending or withdrawn decision or outside its period, a Wmo allocation on request; not a covered one or a Jeugdwet referral', async () => {
    const ids = await inTenant(async (tx) => {
      const ok = await insertAllocation(tx, w, { residentId: resident(), start: '2027-01-01', end: '2027-06-30', commitments: [{ year: 2027, cents: 120_000 }] });
      const pending = await insertAllocation(tx, w, { residentId: resident(), start: '2027-01-01', end: '2027-06-30', commitments: [{ year: 2027, cents: 90_000 }] });
      await sql`update decisions set status = 'pending_approval', requires_approval = true where id = (select dl.decision_id from decision_lines dl join allocations a on a.decision_line_id = dl.id where a.id = ${pending})`.execute(tx);
      const outside = await insertAllocation(tx, w, { residentId: resident(), start: '2027-01-01', end: '2027-06-30' });
      const onRequest = await insertAllocation(tx, w, { residentId: resident(), start: '2027-01-01', end: '2027-06-30', source: 'verzoek' });
      const youth = await tx.selectFrom('products').select('id').where('law', '=', 'jeugdwet').where('kind', '=', 'tailored').executeTakeFirstOrThrow();
      const referral = await insertAllocation(tx, w, { residentId: resident(), start: '2027-01-01', end: '2027-06-30', source: 'verzoek', productId: youth.id });
      const later = await insertAllocation(tx, w, { residentId: resident(), start: '2027-04-01', end: '2027-06-30', source: 'verzoek' });
      return { ok, pending, outside, onRequest, referral, later };
    });
    // The decision granted less than was allocated (decision lines are never changed by the application).
    await asOwnerIn(database.db, TENANT, (tx) => sql`update decision_lines set period_end = '2027-02-28' where id = (select decision_line_id from allocations where id = ${ids.outside})`.execute(tx));
    const subjects = await found(control('toewijzing-zonder-beschikking'));
    expect(subjects.get(ids.pending)?.[0]).toMatchObject({ amount_cents: '90000', facts: { bevinding: 'beschikking nog niet goedgekeurd' } });
    expect(subjects.get(ids.outside)?.[0]?.facts).toMatchObject({ bevinding: 'toewijzing buiten de periode van de beschikking' });
    expect(subjects.has(ids.onRequest)).toBe(true);
    for (const miss of [ids.ok, ids.referral, ids.later]) expect(subjects.has(miss)).toBe(false);
    // A run for the Jeugdwet only does not test Wmo allocations.
    expect((await found(control('toewijzing-zonder-beschikking'), { ...ctx, laws: ['jeugdwet'] })).has(ids.pending)).toBe(false);
  });
});

describe('toewijzing-zonder-contract', () => {
  it('finds an allocation running into a year without a tariff of its provider, not one within contracted years', async () => {
    await asOwnerIn(database.db, TENANT, async (tx) => {
      const code = (await tx.selectFrom('products').select('code').where('id', '=', w.productId).executeTakeFirstOrThrow()).code;
      const covered = await sql<{ n: number }>`select count(*)::int as n from provider_tariffs where provider_id = ${w.providerId} and product_code = ${code} and year = 2027`.execute(tx);
      if (covered.rows[0]!.n === 0) {
        await tx.insertInto('provider_tariffs').values({ tenant_id: TENANT, provider_id: w.providerId, product_code: code, year: 2027, unit: w.unit, cents_per_unit: 5000 }).execute();
      }
      await sql`delete from provider_tariffs where provider_id = ${w.providerId} and product_code = ${code} and year = 2028`.execute(tx);
    });
    const ids = await inTenant(async (tx) => {
      const within = await insertAllocation(tx, w, { residentId: resident(), start: '2027-01-01', end: '2027-12-31' });
      const into2028 = await insertAllocation(tx, w, { residentId: resident(), start: '2027-06-01', end: '2028-05-31', commitments: [{ year: 2027, cents: 70_000 }, { year: 2028, cents: 50_000 }] });
      return { within, into2028 };
    });
    const year = { ...ctx, start: '2027-01-01', end: '2028-12-31' };
    const subjects = await found(control('toewijzing-zonder-contract'), year);
    expect(subjects.get(ids.into2028)?.[0]).toMatchObject({ amount_cents: '50000', facts: { jaren_zonder_contract: [2028] } });
    expect(subjects.has(ids.within)).toBe(false);
    // Tested over 2027 alone, 2028 is outside the period: no exception.
    expect((await found(control('toewijzing-zonder-contract'))).has(ids.into2028)).toBe(false);
  });
});

describe('verplichting-niet-herrekend', () => {
  it('finds an allocation changed in the period whose commitment differs from its recorded changes, or has none; not a recomputed one', async () => {
    const ids = await inTenant(async (tx) => {
      const make = async (commitment: number | null, ledger: number[]) => {
        const id = await insertAllocation(tx, w, { residentId: resident(), start: '2027-01-01', end: '2027-12-31', ...(commitment === null ? {} : { commitments: [{ year: 2027, cents: commitment }] }) });
        await sql`update allocation_segments set recorded_at = '2027-02-10T10:00:00+01:00' where allocation_id = ${id}`.execute(tx);
        for (const delta of ledger) {
          await tx.insertInto('commitment_changes').values({ tenant_id: TENANT, allocation_id: id, year: 2027, delta_cents: delta, reason: 'test', recorded_by: w.consultantId }).execute();
        }
        return id;
      };
      return { recomputed: await make(150_000, [100_000, 50_000]), stale: await make(100_000, [100_000, 50_000]), none: await make(null, []) };
    });
    const subjects = await found(control('verplichting-niet-herrekend'));
    expect(subjects.get(ids.stale)?.[0]).toMatchObject({ amount_cents: '50000', facts: { jaren: [{ jaar: 2027, verplichting_cent: 100000, mutaties_cent: 150000 }] } });
    expect(subjects.get(ids.none)?.[0]?.facts).toMatchObject({ bevinding: 'geen verplichting berekend' });
    expect(subjects.has(ids.recomputed)).toBe(false);
  });
});

describe('beschikking-zonder-vier-ogen and beslistermijn-overschreden', () => {
  it('finds a decision above the threshold approved by nobody else, not one below it or approved by a team lead', async () => {
    const ids = await inTenant(async (tx) => {
      const decision = async (cents: number, approvedBy: string | null) => {
        const residentId = resident();
        const caseId = await insertCase(tx, w, { residentId, status: 'besluit', notifiedOn: '2027-01-04', appliedOn: '2027-01-05' });
        const row = await tx
          .insertInto('decisions')
          .values({ tenant_id: TENANT, case_id: caseId, resident_id: residentId, delivery_form: 'zin', status: 'approved', expected_annual_cents: cents, requires_approval: approvedBy !== null, created_by: w.consultantId, approved_by: approvedBy, approved_at: approvedBy ? new Date('2027-01-10') : null, created_at: new Date('2027-01-08T10:00:00Z') })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      };
      return { alone: await decision(800_000, null), fourEyes: await decision(800_000, w.teamLeadId), small: await decision(400_000, null) };
    });
    const subjects = await found(control('beschikking-zonder-vier-ogen'));
    expect(subjects.get(ids.alone)?.[0]).toMatchObject({ amount_cents: '800000', facts: { drempel_cent: 500000 } });
    expect(subjects.has(ids.fourEyes)).toBe(false);
    expect(subjects.has(ids.small)).toBe(false);
  });

  it('finds a case decided after its term, not one decided on the last day or within a term extended by a suspension', async () => {
    const ids = await inTenant(async (tx) => {
      // WMO-MAATWERK: 2 weeks. Applied Monday 4 January 2027: last day Monday 18 January.
      const decided = async (on: string) => {
        const id = await insertCase(tx, w, { residentId: resident(), status: 'besluit', notifiedOn: '2026-12-14', appliedOn: '2027-01-04' });
        await sql`update cases set decided_on = ${on} where id = ${id}`.execute(tx);
        return id;
      };
      const late = await decided('2027-01-19');
      const lastDay = await decided('2027-01-18');
      const suspended = await decided('2027-01-22');
      await insertCaseEvent(tx, w, { caseId: suspended, kind: 'suspension_start', onDate: '2027-01-06' });
      await insertCaseEvent(tx, w, { caseId: suspended, kind: 'suspension_end', onDate: '2027-01-13' });
      return { late, lastDay, suspended };
    });
    const subjects = await found(control('beslistermijn-overschreden'));
    expect(subjects.get(ids.late)?.[0]).toMatchObject({ amount_cents: '0', facts: { uiterlijk: '2027-01-18', besloten: '2027-01-19', dagen_te_laat: 1 } });
    expect(subjects.has(ids.lastDay)).toBe(false);
    expect(subjects.has(ids.suspended)).toBe(false);
  });
});

/** An approved copy of a demo declaration line (never of an earlier copy: those sit at position 5000 and up), changed as given (a new reference and position). */
async function declaredLine(
  tx: Tx,
  change: { periodStart?: string; periodEnd?: string; volume?: number; approvedCents?: number; segmentId?: string; unitCode?: string; declarationId?: string },
) {
  const base = await sql<{ id: string }>`select id from declaration_lines where status = 'approved' and debit_credit = 'D' and unit_code <> '83' and position < 5000 order by id limit 1`.execute(tx);
  const id = base.rows[0]!.id;
  next += 1;
  const { rows } = await sql<{ id: string }>`
    insert into declaration_lines (tenant_id, declaration_id, position, standard, provider_id, bsn, reference, allocation_number, category_code, product_code,
      period_start, period_end, volume, unit_code, tariff_cents, amount_cents, debit_credit, segment_id, allocation_id, resident_id, status, retour_codes, approved_cents)
    select l.tenant_id, coalesce(${change.declarationId ?? null}::uuid, l.declaration_id), 5000 + ${next}, l.standard, l.provider_id, l.bsn, ${`CTRL${next}`}, l.allocation_number, l.category_code, l.product_code,
      coalesce(${change.periodStart ?? null}::date, l.period_start), coalesce(${change.periodEnd ?? null}::date, l.period_end),
      coalesce(${change.volume ?? null}::bigint, l.volume), coalesce(${change.unitCode ?? null}, l.unit_code), l.tariff_cents, l.amount_cents, 'D',
      coalesce(${change.segmentId ?? null}::uuid, l.segment_id), coalesce((select s.allocation_id from allocation_segments s where s.id = ${change.segmentId ?? null}::uuid), l.allocation_id),
      l.resident_id, 'approved', '{}', coalesce(${change.approvedCents ?? null}::bigint, l.approved_cents)
    from declaration_lines l where l.id = ${id}
    returning id
  `.execute(tx);
  return rows[0]!.id;
}

describe('declaratie-buiten-toewijzing and declaratie-boven-tarief', () => {
  it('finds an approved line outside its toewijzing or above the contract tariff, not the line as the exchange approved it', async () => {
    const facts = await inTenant(async (tx) => {
      const base = await sql<{ id: string; period_start: string; start_date: string; end_date: string; volume: string; approved_cents: string }>`
        select l.id, to_char(l.period_start, 'YYYY-MM-DD') as period_start, to_char(s.start_date, 'YYYY-MM-DD') as start_date, to_char(s.end_date, 'YYYY-MM-DD') as end_date, l.volume, l.approved_cents
        from declaration_lines l join allocation_segments s on s.id = l.segment_id
        where l.status = 'approved' and l.debit_credit = 'D' and l.unit_code <> '83' and l.position < 5000 order by l.id limit 1`.execute(tx);
      return base.rows[0]!;
    });
    const dayBefore = new Date(Date.parse(`${facts.start_date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const ids = await inTenant(async (tx) => ({
      before: await declaredLine(tx, { periodStart: dayBefore, periodEnd: dayBefore }),
      // Volume 0: the copy adds nothing to the month's volume, so only its price is wrong.
      dearer: await declaredLine(tx, { volume: 0 }),
    }));
    const at: ControlContext = { start: `${dayBefore.slice(0, 4)}-01-01`, end: `${facts.period_start.slice(0, 4)}-12-31`, laws: ['wmo', 'jeugdwet'] };
    const outside = await found(control('declaratie-buiten-toewijzing'), at);
    expect(outside.get(ids.before)?.[0]).toMatchObject({ amount_cents: facts.approved_cents, facts: { bevinding: 'buiten de periode van de toewijzing' } });
    const tariff = await found(control('declaratie-boven-tarief'), at);
    expect(tariff.get(ids.dearer)?.[0]?.amount_cents).toBe(facts.approved_cents);
    // Near miss: the demo line as approved by the exchange itself is within both. Its id is taken
    // before the copies are made: a copy's random id may sort before it.
    const original = facts.id;
    expect(outside.has(original)).toBe(false);
    expect(tariff.has(original)).toBe(false);
    expect(outside.has(ids.dearer)).toBe(false);
  });
});

describe('declaratie-buiten-toewijzing: frequency total', () => {
  /** The Eenheid a line carries for the allocation's unit (as the exchange derives it, whole volumes). */
  const unitCodes = { hour: '04', minute: '01', day_part: '16', day: '14', piece: '82', euro: '83' } as const;

  it('counts the volume of a toewijzing with frequency total over the whole toewijzing, not over the tested period', async () => {
    const ids = await inTenant(async (tx) => {
      // Two messages received at different moments: the order the volume is counted in.
      const messages = await sql<{ id: string }>`select id from declaration_messages order by received_at, id`.execute(tx);
      const earlier = messages.rows[0]!.id;
      const later = messages.rows.at(-1)!.id;
      const totalOf = async (volume: number) => {
        const allocation = await insertAllocation(tx, w, { residentId: resident(), start: '2026-10-01', end: '2027-09-30' });
        const { rows } = await sql<{ id: string }>`update allocation_segments set frequency = 'total', volume = ${volume} where allocation_id = ${allocation} returning id`.execute(tx);
        return rows[0]!.id;
      };
      const unitCode = unitCodes[w.unit];
      // 10 in total for the whole toewijzing: 8 declared in the fourth quarter of 2026, then 5 in the first of 2027.
      const over = await totalOf(10);
      await declaredLine(tx, { segmentId: over, unitCode, declarationId: earlier, periodStart: '2026-11-02', periodEnd: '2026-11-06', volume: 8, approvedCents: 80_000 });
      const exceeding = await declaredLine(tx, { segmentId: over, unitCode, declarationId: later, periodStart: '2027-02-01', periodEnd: '2027-02-05', volume: 5, approvedCents: 50_000 });
      // Near miss: 4 then 5 of 10 stays within the total.
      const within = await totalOf(10);
      await declaredLine(tx, { segmentId: within, unitCode, declarationId: earlier, periodStart: '2026-11-02', periodEnd: '2026-11-06', volume: 4, approvedCents: 40_000 });
      const inside = await declaredLine(tx, { segmentId: within, unitCode, declarationId: later, periodStart: '2027-02-01', periodEnd: '2027-02-05', volume: 5, approvedCents: 50_000 });
      return { earlier, later, exceeding, inside };
    });
    expect(ids.earlier).not.toBe(ids.later);
    const subjects = await found(control('declaratie-buiten-toewijzing'));
    // 13 of 10: 3 of the line's 5 are above the toewijzing, 3/5 of its amount in error.
    expect(subjects.get(ids.exceeding)?.[0]).toMatchObject({ amount_cents: '30000', facts: { bevinding: 'boven het toegewezen volume', toegestaan_volume: 10 } });
    expect(subjects.has(ids.inside)).toBe(false);
  });
});

describe('Participatiewet controls', () => {
  async function basis(tx: Tx, benefitId: string, validFrom: string, norm: number) {
    await tx.insertInto('pw_benefit_bases').values({ tenant_id: TENANT, benefit_id: benefitId, valid_from: validFrom, norm_incl_vt_cents: norm, vt_basis_points: 500, reason: 'migratie' }).execute();
  }

  it('pw-betaald-na-einde and pw-betaling-zonder-besluit: find a month paid after the end or without a rekenbasis, not a month within the right', async () => {
    const ids = await inTenant(async (tx) => {
      const ended = await insertBenefit(tx, w, { residentId: resident(), start: '2026-06-01', end: '2027-01-20', nextReexamination: '2027-06-01', payments: ['2027-01-01', '2027-02-01'] });
      await basis(tx, ended, '2026-06-01', 130_000);
      const noBasis = await insertBenefit(tx, w, { residentId: resident(), start: '2027-01-01', nextReexamination: '2027-06-01', payments: ['2027-01-01'] });
      const basisLater = await insertBenefit(tx, w, { residentId: resident(), start: '2027-01-01', nextReexamination: '2027-06-01', payments: ['2027-01-01', '2027-02-01'] });
      await basis(tx, basisLater, '2027-02-01', 130_000);
      return { ended, noBasis, basisLater };
    });
    const payments = async (benefitId: string) => inTenant(async (tx) => Object.fromEntries((await tx.selectFrom('pw_payments').select(['id', 'period']).where('benefit_id', '=', benefitId).execute()).map((p) => [String(p.period).slice(0, 7), p.id])));
    const ended = await payments(ids.ended);
    const afterEnd = await found(control('pw-betaald-na-einde'));
    expect(afterEnd.get(ended['2027-02']!)?.[0]).toMatchObject({ amount_cents: '130000', facts: { maand: '2027-02', einddatum: '2027-01-20' } });
    expect(afterEnd.has(ended['2027-01']!)).toBe(false);
    const withoutDecision = await found(control('pw-betaling-zonder-besluit'));
    const later = await payments(ids.basisLater);
    expect(withoutDecision.has((await payments(ids.noBasis))['2027-01']!)).toBe(true);
    expect(withoutDecision.get(later['2027-01']!)?.[0]?.facts).toMatchObject({ bevinding: 'geen rekenbasis voor deze maand' });
    expect(withoutDecision.has(later['2027-02']!)).toBe(false);
    expect(withoutDecision.has(ended['2027-01']!)).toBe(false);
  });

  it('pw-betaling-boven-norm: finds a month paid above the applicable norm, not one at the norm after a raised basis', async () => {
    const ids = await inTenant(async (tx) => {
      const above = await insertBenefit(tx, w, { residentId: resident(), start: '2026-06-01', nextReexamination: '2027-06-01', payments: ['2027-01-01'] });
      await basis(tx, above, '2026-06-01', 120_000);
      const raised = await insertBenefit(tx, w, { residentId: resident(), start: '2026-06-01', nextReexamination: '2027-06-01', payments: ['2027-01-01'] });
      await basis(tx, raised, '2026-06-01', 120_000);
      await basis(tx, raised, '2027-01-01', 130_000);
      return { above, raised };
    });
    const subjects = await found(control('pw-betaling-boven-norm'));
    expect(subjects.get(ids.above)?.[0]).toMatchObject({ amount_cents: '10000', facts: { maand: '2027-01', norm_cent: 120000, betaald_bijstand_cent: 130000 } });
    expect(subjects.has(ids.raised)).toBe(false);
  });

  it('pw-betaalrun-zonder-vier-ogen and pw-vordering-zonder-vier-ogen: find an approval without a second person, not one with four eyes', async () => {
    const ids = await inTenant(async (tx) => {
      const run = async (reference: string, approvedBy: string | null) => {
        const { rows } = await sql<{ id: string }>`
          insert into pw_payment_runs (tenant_id, reference, period, status, vt_month, block_months, computed_by, computed_at, approved_by, approved_at, execution_date, total_cents)
          values (${TENANT}, ${reference}, '2027-02-01', 'goedgekeurd', 5, 3, ${w.consultantId}, '2027-02-20T09:00:00Z', ${approvedBy}, '2027-02-21T09:00:00Z', '2027-02-25', 250000)
          returning id`.execute(tx);
        return rows[0]!.id;
      };
      const claim = async (reference: string, establishedBy: string | null) => {
        const residentId = resident();
        const { rows } = await sql<{ id: string }>`
          insert into pw_recovery_claims (tenant_id, reference, resident_id, ground, article, source, status, principal_cents, reason, created_by, established_by, established_at)
          values (${TENANT}, ${reference}, ${residentId}, 'te-veel-betaald', 'art. 58 lid 1 Pw', 'handmatig', 'vastgesteld', 45000, 'test', ${w.consultantId}, ${establishedBy}, '2027-03-02T09:00:00Z')
          returning id`.execute(tx);
        return rows[0]!.id;
      };
      return {
        runAlone: await run('CTRL-RUN-1', null),
        runFourEyes: await run('CTRL-RUN-2', w.teamLeadId),
        claimAlone: await claim('CTRL-VORD-1', w.consultantId),
        claimFourEyes: await claim('CTRL-VORD-2', w.teamLeadId),
      };
    });
    const runs = await found(control('pw-betaalrun-zonder-vier-ogen'));
    expect(runs.get(ids.runAlone)?.[0]).toMatchObject({ resident_id: null, amount_cents: '250000', facts: { bevinding: 'goedkeurder onbekend' } });
    expect(runs.has(ids.runFourEyes)).toBe(false);
    const claims = await found(control('pw-vordering-zonder-vier-ogen'));
    expect(claims.get(ids.claimAlone)?.[0]).toMatchObject({ amount_cents: '45000', facts: { bevinding: 'vastgesteld door de opsteller zelf' } });
    expect(claims.has(ids.claimFourEyes)).toBe(false);
  });
});
