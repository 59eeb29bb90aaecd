import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenancy.js';

// Test seeding of what the application and the payment run (other parts of issue #11) write: a running
// benefit with a migrated rekenbasis and paid months. Written straight into the tables, as those parts do.

export const NORM_CENTS = 136_544;
export const VT_BASIS_POINTS = 500;
/** Net paid for a month without income: the norm minus the 5 % vakantietoeslag reserve (6,827.2 → 6,827). */
export const NET_WITHOUT_INCOME = NORM_CENTS - 6_827;

export async function seedBenefit(
  database: Database,
  tenant: string,
  b: { residentId: string; consultantId: string | null; start: string; paidMonths: string[]; nextReexamination?: string },
): Promise<string> {
  return withTenant(database.db, tenant, async (tx) => {
    const { id } = await tx
      .insertInto('pw_benefits')
      .values({
        tenant_id: tenant,
        reference: `PW-T-${Math.random().toString(36).slice(2, 9).toUpperCase()}`,
        resident_id: b.residentId,
        consultant_id: b.consultantId,
        norm: 'alleenstaande',
        monthly_cents: NET_WITHOUT_INCOME,
        start_date: b.start,
        end_date: null,
        last_reexamination_on: null,
        next_reexamination_on: b.nextReexamination ?? '2027-06-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('pw_benefit_bases').values({ tenant_id: tenant, benefit_id: id, valid_from: b.start, norm_incl_vt_cents: NORM_CENTS, vt_basis_points: VT_BASIS_POINTS, reason: 'migratie' }).execute();
    for (const period of b.paidMonths) {
      await tx.insertInto('pw_payments').values({ tenant_id: tenant, benefit_id: id, period, paid_on: period.replace(/-01$/, '-28'), cents: NET_WITHOUT_INCOME }).execute();
    }
    return id;
  });
}
