// Bijzondere bijstand (issue #12 §2): the case type PW-BB and the cost categories as data, and a few
// applications received through the real intake (submitSpecialAssistance), so the consultant's work list
// shows each kind of proposal: a fast-track grant, one waiting for a document (hersteltermijn), one
// refused on draagkracht and an ordinary grant. Skipped when the municipality has applications.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
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
    let made = 0;
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
