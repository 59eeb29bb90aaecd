// A few debt-help registrations and one arrears file with its outreach (issue #12 §4), so the Schuldhulp
// and Vroegsignalering pages show something in every demo size: registrations in each stage, one with
// a crisis term, one past its term; households with arrears, some already contacted. Residents are
// taken from the areas of the demo consultant's team, from the end of the register (the browser walks
// take theirs from its start). Reproducible: the same population gives the same rows (dates relative
// to today). Synthetic: writes no audit records (like seed-pw.ts). Skipped when there are registrations.
// The real volume (≈500–700 registrations a year for Maastricht, domain-facts §2.4) is not generated.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
import { addDays } from '../platform/calendar.js';
import { debtTerms, firstConversationTerm, termDueDate } from '../modules/debt/debt.terms.js';
import type { CreditorKind, OutreachOutcome } from '../modules/debt/debt.tables.js';

interface PlannedCase {
  daysAgo: number;
  question: string;
  eviction?: boolean;
  utility?: boolean;
  insurance?: boolean;
  /** Days after registration of the first conversation, the plan and the decision (null: not yet). */
  conversationAfter: number | null;
  planAfter?: number;
  decision?: { after: number; decision: 'toegelaten' | 'afgewezen'; reason?: string };
}

const CASES: PlannedCase[] = [
  { daysAgo: 2, question: 'Brief van de woningcorporatie: ontruiming aangekondigd wegens huurachterstand.', eviction: true, conversationAfter: null },
  { daysAgo: 6, question: 'Energieleverancier dreigt af te sluiten; twee maanden niet betaald.', utility: true, conversationAfter: null },
  { daysAgo: 12, question: 'Rekeningen stapelen zich op sinds het verlies van werk.', conversationAfter: null },
  { daysAgo: 34, question: 'Achterstand bij zorgverzekeraar en incassobureau.', conversationAfter: null },
  { daysAgo: 20, question: 'Inwoner wil overzicht over schulden na scheiding.', conversationAfter: 9 },
  { daysAgo: 45, question: 'Schulden bij meerdere schuldeisers, beslag op loon.', conversationAfter: 11, planAfter: 20 },
  { daysAgo: 70, question: 'Huurachterstand en openstaande belastingaanslag.', conversationAfter: 8, planAfter: 21, decision: { after: 30, decision: 'toegelaten' } },
  { daysAgo: 90, question: 'Vraag om hulp bij schuld aan familie.', conversationAfter: 14, decision: { after: 20, decision: 'afgewezen', reason: 'Geen problematische schulden: inwoner kan met een betalingsregeling zelf verder.' } },
];

const ARREARS: { kind: CreditorKind; source: string; cents: number; months: number; outcome: OutreachOutcome | null }[] = [
  { kind: 'woningcorporatie', source: 'Maasvallei', cents: 142_500, months: 3, outcome: 'hulp-geaccepteerd' },
  { kind: 'energie', source: 'Essent', cents: 31_025, months: 2, outcome: 'bereikt' },
  { kind: 'zorgverzekeraar', source: 'CZ', cents: 62_000, months: 4, outcome: 'niet-bereikt' },
  { kind: 'water', source: 'WML', cents: 7_510, months: 2, outcome: 'hulp-geweigerd' },
  { kind: 'woningcorporatie', source: 'Servatius', cents: 98_000, months: 2, outcome: null },
  { kind: 'energie', source: 'Vattenfall', cents: 45_000, months: 3, outcome: null },
  { kind: 'zorgverzekeraar', source: 'VGZ', cents: 38_040, months: 6, outcome: null },
  { kind: 'woningcorporatie', source: 'Woonpunt', cents: 210_000, months: 4, outcome: null },
];

export async function seedDebt(db: Kysely<DB>, options: { tenantId: string; today: string }): Promise<number> {
  const { tenantId, today } = options;
  return withTenant(db, tenantId, async (tx) => {
    if (await tx.selectFrom('debt_cases').select('id').limit(1).executeTakeFirst()) return 0;
    const consultant = await tx.selectFrom('users').select('id').where('username', '=', 'consulent').executeTakeFirst();
    if (!consultant) return 0;
    const areas = (await tx.selectFrom('team_members as tm').innerJoin('team_areas as ta', 'ta.team_id', 'tm.team_id').select(['ta.area_code', 'ta.team_id']).where('tm.user_id', '=', consultant.id).execute());
    if (areas.length === 0) return 0;
    const residents = await tx
      .selectFrom('residents as r')
      .select(['r.id', 'r.household_id', 'r.area_code'])
      .where('r.area_code', 'in', areas.map((a) => a.area_code))
      .where('r.birth_date', '<', addDays(today, -25 * 365))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('cases as c').select('c.id').whereRef('c.resident_id', '=', 'r.id'))))
      .orderBy('r.bsn', 'desc')
      .offset(10)
      .limit(60)
      .execute();
    // One resident per household: outreach is per household.
    const seen = new Set<string>();
    const pool = residents.filter((r) => !seen.has(r.household_id) && seen.add(r.household_id));
    if (pool.length < CASES.length + ARREARS.length) return 0;

    for (const [i, plan] of CASES.entries()) {
      const registeredOn = addDays(today, -plan.daysAgo);
      const flags = { threatEviction: plan.eviction ?? false, threatUtilityCutoff: plan.utility ?? false, threatInsuranceTermination: plan.insurance ?? false };
      const term = firstConversationTerm(flags);
      const at = (after: number | null | undefined) => (after === null || after === undefined ? null : addDays(registeredOn, after));
      await tx
        .insertInto('debt_cases')
        .values({
          tenant_id: tenantId,
          resident_id: pool[i]!.id,
          registered_on: registeredOn,
          channel: 'medewerker',
          help_question: plan.question,
          threat_eviction: flags.threatEviction,
          threat_utility_cutoff: flags.threatUtilityCutoff,
          threat_insurance_termination: flags.threatInsuranceTermination,
          term_code: term.code as 'eerste-gesprek' | 'eerste-gesprek-crisis',
          first_conversation_due: termDueDate(term.spec, registeredOn),
          first_conversation_on: at(plan.conversationAfter),
          plan_on: at(plan.planAfter),
          plan_summary: plan.planAfter === undefined ? null : 'Inkomsten en vaste lasten op orde (budgetbeheer), schuldeisers aanschrijven, stabilisatie drie maanden.',
          decision: plan.decision?.decision ?? null,
          decision_on: at(plan.decision?.after),
          decision_reason: plan.decision?.reason ?? null,
          registered_by: consultant.id,
        })
        .execute();
    }

    const signalledOn = addDays(today, -10);
    const households = pool.slice(CASES.length, CASES.length + ARREARS.length);
    const imported = await tx
      .insertInto('debt_arrears_imports')
      .values({ tenant_id: tenantId, file_name: 'achterstanden-demo.csv', imported_by: consultant.id, row_count: ARREARS.length + 1, matched_rows: ARREARS.length, outreach_count: ARREARS.length, unmatched: JSON.stringify([{ row: ARREARS.length + 2, bron: 'WML', postcode: '6200 ZZ', huisnummer: '1', toevoeging: '' }]) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const contactDue = termDueDate(debtTerms['vroegsignaal-contact'].spec, signalledOn);
    for (const [i, a] of ARREARS.entries()) {
      const h = households[i]!;
      const outreach = await tx
        .insertInto('debt_outreach')
        .values({
          tenant_id: tenantId,
          import_id: imported.id,
          resident_id: h.id,
          household_id: h.household_id,
          area_code: h.area_code,
          team_id: areas.find((x) => x.area_code === h.area_code)?.team_id ?? null,
          signalled_on: signalledOn,
          contact_due: contactDue,
          outcome: a.outcome,
          outcome_on: a.outcome ? addDays(signalledOn, 2 + i) : null,
          outcome_by: a.outcome ? consultant.id : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('debt_arrears')
        .values({ tenant_id: tenantId, import_id: imported.id, outreach_id: outreach.id, row_number: i + 2, source: a.source, creditor_kind: a.kind, amount_cents: a.cents, months_in_arrears: a.months, reference_date: addDays(signalledOn, -3) })
        .execute();
    }
    return CASES.length;
  });
}
