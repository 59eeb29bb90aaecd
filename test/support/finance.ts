// A budget line of its own with allocations for a whole year at the given providers, inserted with
// the municipality pinned (allocations come from approved decisions; that flow is tested in the
// decisions module). For the finance figures: realisation, forecast and the drill-down.
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { withTenant } from '../../src/db/tenancy.js';
import { TENANT, uniqueBsn } from './factories.js';

export interface FinanceAllocation {
  id: string;
  residentId: string;
  providerId: string;
}

/**
 * Inserts budget line `code` with `budgetCents` for `year` and, per entry of `plan` (a provider
 * id), a resident with an allocation on that line valid all year, committing `commitmentCents`.
 * The first resident lives in `firstResidentArea` (a relation for that area's social team), the
 * others in no area.
 */
export async function seedFinanceLine(
  db: Kysely<DB>,
  input: { code: string; year: number; budgetCents: number; commitmentCents: number; plan: string[]; firstResidentArea?: string | null; firstResidentName?: string },
): Promise<FinanceAllocation[]> {
  const { code, year } = input;
  return withTenant(db, TENANT, async (tx) => {
    const user = await tx.selectFrom('users').select('id').where('username', '=', 'teamleider').executeTakeFirstOrThrow();
    const product = await tx.selectFrom('products').select('id').where('kind', '=', 'tailored').orderBy('code').executeTakeFirstOrThrow();
    await tx.insertInto('budget_lines').values({ tenant_id: TENANT, code, name: `Testpost ${code}`, law: 'wmo' }).execute();
    await tx.insertInto('budget_line_years').values({ tenant_id: TENANT, code, year, budget_cents: input.budgetCents }).execute();
    const made: FinanceAllocation[] = [];
    for (const [i, providerId] of input.plan.entries()) {
      const [residentId, caseId, decisionId, lineId, allocationId] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
      const givenName = i === 0 ? (input.firstResidentName ?? 'Relatia') : 'Anoniem';
      await tx
        .insertInto('residents')
        .values({
          tenant_id: TENANT, id: residentId, bsn: uniqueBsn(), given_name: givenName, surname_prefix: null, family_name: `Post${i}`, birth_date: '1950-01-01', gender: 'X',
          street: 'Teststraat', house_number: i + 1, house_letter: null, house_number_addition: null, postcode: '6211 AB', city: 'Maastricht',
          area_code: i === 0 ? (input.firstResidentArea ?? null) : null, household_id: crypto.randomUUID(), search_text: `${givenName} post${i}`.toLowerCase(),
        })
        .execute();
      await tx
        .insertInto('cases')
        .values({ tenant_id: TENANT, id: caseId, reference: `FIN-${code}-${i}`, resident_id: residentId, case_type_code: 'WMO-MAATWERK', status: 'besluit', notified_on: `${year}-01-01`, applied_on: null, decided_on: null, closed_on: null, consultant_id: null, direct_access_product_id: null, direct_access_provider_id: null, direct_access_start: null })
        .execute();
      await tx.insertInto('decisions').values({ tenant_id: TENANT, id: decisionId, case_id: caseId, resident_id: residentId, delivery_form: 'zin', status: 'approved', expected_annual_cents: input.commitmentCents, requires_approval: false, created_by: user.id }).execute();
      await tx.insertInto('decision_lines').values({ tenant_id: TENANT, id: lineId, decision_id: decisionId, product_id: product.id, outcome: 'granted', period_start: `${year}-01-01`, period_end: `${year}-12-31`, volume: 1, frequency: 'per_week' }).execute();
      await tx
        .insertInto('allocations')
        .values({ tenant_id: TENANT, id: allocationId, decision_line_id: lineId, case_id: caseId, resident_id: residentId, product_id: product.id, provider_id: providerId, unit: 'hour', budget_line_code: code, created_by: user.id })
        .execute();
      await tx.insertInto('allocation_segments').values({ tenant_id: TENANT, allocation_id: allocationId, volume: 1, frequency: 'per_week', start_date: `${year}-01-01`, end_date: `${year}-12-31`, reason: 'test', recorded_by: user.id }).execute();
      await tx.insertInto('allocation_commitments').values({ tenant_id: TENANT, allocation_id: allocationId, year, cents: input.commitmentCents }).execute();
      await tx.insertInto('commitment_changes').values({ tenant_id: TENANT, allocation_id: allocationId, year, delta_cents: input.commitmentCents, reason: 'test', recorded_by: user.id }).execute();
      made.push({ id: allocationId, residentId, providerId });
    }
    return made;
  });
}

/** A budget line code no other test uses. */
export const uniqueLineCode = (): string => `T${Date.now() % 100_000}.${Math.floor(Math.random() * 10_000)}`;
