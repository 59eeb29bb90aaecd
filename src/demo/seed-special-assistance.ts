// Bijzondere bijstand (issue #12 §2): the case type PW-BB and the cost categories as data, and a few
// applications received through the real intake (submitSpecialAssistance), so the consultant's work list
// shows each kind of proposal: a fast-track grant, one waiting for a document (hersteltermijn), one
// refused on draagkracht and an ordinary grant. Skipped when the municipality has applications.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant, type Tx } from '../db/tenancy.js';
import { nextReference as nextCaseReference } from '../modules/cases/case.repository.js';
import { calculateCapacity } from '../modules/participatiewet/pw.special-assistance.capacity.js';
import { createRandom } from './random.js';
import { addDays, addMonths } from '../platform/calendar.js';
import type { Actor } from '../platform/unit-of-work.js';
import type { PopulationSize } from './population.js';
import { DEFAULT_CATEGORIES, saveCategory, SPECIAL_ASSISTANCE_CASE_TYPE, submitSpecialAssistance } from '../modules/participatiewet/pw.special-assistance.service.js';
import type { SpecialAssistanceSubmission } from '../modules/participatiewet/pw.special-assistance.schema.js';

const BANK = { code: 'bankafschrift', documentId: null };

/** Fictitious accounts that pass the IBAN check (the ABN AMRO example account and variants of it). */
const PLANTED: (Omit<SpecialAssistanceSubmission, 'household'> & { household?: SpecialAssistanceSubmission['household'] })[] = [
  { categoryCode: 'eigen-risico', description: 'Eigen risico 2026 van de zorgverzekering', costsCents: 38_500, costDate: '', monthlyIncomeCents: 140_120, assetsCents: 120_000, hasCollectiveInsurance: false, iban: 'NL91ABNA0417164300', accountHolder: 'Inwoner', documents: [{ code: 'overzicht-zorgverzekeraar', documentId: null }, BANK] },
  { categoryCode: 'duurzame-gebruiksgoederen', description: 'Wasmachine is kapot, reparatie kan niet meer', costsCents: 44_900, costDate: '', monthlyIncomeCents: 152_000, assetsCents: 30_000, hasCollectiveInsurance: true, iban: 'NL91ABNA0417164300', accountHolder: 'Inwoner', documents: [BANK] },
  { categoryCode: 'medische-kosten', description: 'Nieuwe bril, niet vergoed door de verzekering', costsCents: 32_000, costDate: '', monthlyIncomeCents: 215_000, assetsCents: 250_000, hasCollectiveInsurance: false, iban: 'NL91ABNA0417164300', accountHolder: 'Inwoner', documents: [{ code: 'factuur', documentId: null }, { code: 'afwijzing-verzekeraar', documentId: null }, BANK] },
  { categoryCode: 'bewindvoering', description: 'Kosten bewindvoerder januari tot en met juni', costsCents: 72_600, costDate: '', monthlyIncomeCents: 141_500, assetsCents: 0, hasCollectiveInsurance: true, iban: 'NL91ABNA0417164300', accountHolder: 'Inwoner', documents: [{ code: 'beschikking-kantonrechter', documentId: null }, { code: 'factuur', documentId: null }, BANK] },
];

export async function seedSpecialAssistance(db: Kysely<DB>, options: { tenantId: string; today: string; size: PopulationSize }): Promise<number> {
  const { tenantId, today } = options;
  return withTenant(db, tenantId, async (tx) => {
    await tx.insertInto('case_types').values({ tenant_id: tenantId, ...SPECIAL_ASSISTANCE_CASE_TYPE }).onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing()).execute();
    const consultant = await tx.selectFrom('users').select(['id', 'username']).where('username', '=', 'consulent').executeTakeFirst();
    if (!consultant) return 0;
    const ctx: Actor = { traceId: '0'.repeat(32), parentSpanId: null, actor: { userId: consultant.id, username: consultant.username, roles: ['consultant'] }, tenantId, actorId: consultant.id };
    const known = new Set((await tx.selectFrom('special_assistance_categories').select('code').execute()).map((r) => r.code));
    for (const { code, ...category } of DEFAULT_CATEGORIES) if (!known.has(code)) await saveCategory(tx, ctx, code, category);
    // The small size is the tests' fixture: it has no norm table for today (seed-pw-norms.ts), and its tests make their own.
    if (options.size === 'small') return 0;
    if (await tx.selectFrom('special_assistance_applications').select('case_id').limit(1).executeTakeFirst()) return 0;
    let made = 0;
    const residents = await tx
      .selectFrom('residents as r')
      .select(['r.id', 'r.given_name', 'r.family_name'])
      .where('r.birth_date', '>', addMonths(today, -60 * 12))
      .where('r.birth_date', '<', addMonths(today, -25 * 12))
      .where('r.area_code', 'is not', null)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('cases as c').select('c.id').whereRef('c.resident_id', '=', 'r.id'))))
      // From the end of the register, past the residents the Pw applications took.
      .orderBy('r.bsn', 'desc')
      .offset(10)
      .limit(PLANTED.length)
      .execute();
    made += await seedHistory(tx, { tenantId, today, consultantId: consultant.id });
    for (const [n, plan] of PLANTED.entries()) {
      const resident = residents[n];
      if (!resident) break;
      const category = DEFAULT_CATEGORIES.find((c) => c.code === plan.categoryCode)!;
      await submitSpecialAssistance(tx, ctx, {
        ...plan,
        costDate: category.applyBeforeCosts ? addDays(today, 14) : addDays(today, -10 - n),
        household: plan.household ?? { leefvorm: 'alleenstaande', partnerBirthDate: null, children: 0 },
        accountHolder: `${resident.given_name.slice(0, 1)}. ${resident.family_name}`,
        residentId: resident.id,
        channel: 'e-dienst',
        consultantId: consultant.id,
      });
      made += 1;
    }
    return made;
  });
}

/** Applications per month in the year's history (13 months before this one):
 * enough that the dashboard's two KPIs are not suppressed in any of its 12 months. */
const HISTORY_PER_MONTH = 24;
/** Of each month's applications, this many arrived complete (the rest waited for a document). */
const HISTORY_COMPLETE = 14;
const HISTORY_MONTHS = 13;

/**
 * A year of decided applications before this month (synthetic, like the other history seeds: no audit
 * records), so the Participatiewet dashboard shows the share complete on arrival and the days to decision.
 * The calculation is the real draagkracht function on each application's figures.
 */
async function seedHistory(tx: Tx, input: { tenantId: string; today: string; consultantId: string }): Promise<number> {
  const random = createRandom(0x5b1b);
  const residents = await tx
    .selectFrom('residents as r')
    .select('r.id')
    .where('r.birth_date', '<', addMonths(input.today, -21 * 12))
    .where('r.birth_date', '>', addMonths(input.today, -66 * 12))
    .where('r.area_code', 'is not', null)
    .orderBy('r.bsn')
    .offset(200)
    .limit(HISTORY_MONTHS * HISTORY_PER_MONTH)
    .execute();
  let made = 0;
  const yesterday = addDays(input.today, -1);
  for (let m = HISTORY_MONTHS; m >= 1; m--) {
    const monthStart = `${addMonths(input.today, -m).slice(0, 7)}-01`;
    for (let i = 0; i < HISTORY_PER_MONTH; i++) {
      const resident = residents[(HISTORY_MONTHS - m) * HISTORY_PER_MONTH + i];
      if (!resident) return made;
      const category = random.pick(DEFAULT_CATEGORIES.filter((c) => !c.applyBeforeCosts));
      const submittedOn = addDays(monthStart, random.int(0, 19));
      const complete = i < HISTORY_COMPLETE;
      const decidedAfter = addDays(submittedOn, complete ? random.int(2, 12) : random.int(14, 30));
      const decidedOn = decidedAfter > yesterday ? yesterday : decidedAfter;
      if (decidedOn < submittedOn) continue;
      const costs = random.int(90, 1_400) * 100;
      const income = random.int(105_000, 190_000);
      const calculation = calculateCapacity({ costsCents: costs, coveredElsewhereCents: 0, monthlyIncomeCents: income, assetsCents: random.int(0, 300_000), referenceNormCents: 135_000, assetLimitCents: 792_500, earlierCostsCents: 0, capacityUsedCents: 0 });
      const granted = calculation.outcome === 'toekennen';
      const year = submittedOn.slice(0, 4);
      const reference = await nextCaseReference(tx, `PARTICIPATIEWET-${year}`);
      const kase = await tx
        .insertInto('cases')
        .values({ tenant_id: input.tenantId, reference, resident_id: resident.id, case_type_code: SPECIAL_ASSISTANCE_CASE_TYPE.code, status: 'afgesloten', notified_on: submittedOn, applied_on: submittedOn, decided_on: decidedOn, closed_on: decidedOn, consultant_id: input.consultantId, direct_access_product_id: null, direct_access_provider_id: null, direct_access_start: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const event = (on: string, from: 'melding' | 'aanvraag' | 'besluit' | null, to: 'melding' | 'aanvraag' | 'besluit' | 'afgesloten', reason: string) =>
        ({ tenant_id: input.tenantId, case_id: kase.id, kind: 'status' as const, on_date: on, term: null, from_status: from, to_status: to, reason, recorded_by: input.consultantId });
      await tx
        .insertInto('case_events')
        .values([
          event(submittedOn, null, 'melding', 'Aanvraag bijzondere bijstand ontvangen via de e-dienst'),
          event(submittedOn, 'melding', 'aanvraag', 'Aanvraag bijzondere bijstand ontvangen via de e-dienst'),
          event(decidedOn, 'aanvraag', 'besluit', granted ? 'Bijzondere bijstand toegekend' : 'Bijzondere bijstand afgewezen'),
          event(decidedOn, 'besluit', 'afgesloten', 'Besluit verzonden'),
        ])
        .execute();
      await tx
        .insertInto('special_assistance_applications')
        .values({
          tenant_id: input.tenantId, case_id: kase.id, resident_id: resident.id, channel: random.chance(0.75) ? 'e-dienst' : 'balie', submission_key: null, category_code: category.code,
          description: category.name, costs_cents: costs, cost_date: addDays(submittedOn, -random.int(1, 30)), household: JSON.stringify({ leefvorm: 'alleenstaande', partnerBirthDate: null, children: 0 }),
          monthly_income_cents: income, assets_cents: calculation.input.assetsCents, has_collective_insurance: false, iban: null, account_holder: null, documents: '[]', submitted_by: null,
          submitted_at: new Date(`${submittedOn}T10:00:00Z`), complete_on_arrival: complete, missing: '[]', recovery_term_ends_on: null, calculation: JSON.stringify(calculation),
          proposal_outcome: granted ? 'toekennen' : 'afwijzen', proposal_grant_cents: calculation.grantCents, proposal_reasons: JSON.stringify(calculation.reasons), fast_track: granted && category.fastTrack,
          decision_status: granted ? 'toegekend' : 'afgewezen', decided_grant_cents: granted ? calculation.grantCents : null, decision_reason: null, followed_proposal: true,
          decided_by: input.consultantId, decided_at: new Date(`${decidedOn}T14:00:00Z`),
        })
        .execute();
      made += 1;
    }
  }
  return made;
}
