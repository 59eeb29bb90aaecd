import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';

// The demo's legality year data (issue #13 §4): without a verantwoordingsgrens the statement of a year
// cannot be made. The demo data span about two years up to today, so the demo sets the grens for those
// years and the current one: 1 % of the expenditure and a reporting tolerance of € 25.000, both an
// assumption of the demo (a real council sets its own, Control → Rechtmatigheid). A year the
// municipality has already set stays as it is.

export const DEMO_LEGALITY_SOURCE = 'Demo: eigen aanname';
export const DEMO_THRESHOLD_PCT = 1;
export const DEMO_TOLERANCE_CENTS = 2_500_000;

/** The demo years: two years back up to the year of `today`. */
export const demoLegalityYears = (today: string): number[] => {
  const year = Number(today.slice(0, 4));
  return [year - 2, year - 1, year];
};

export async function seedControls(db: Kysely<DB>, options: { tenantId: string; today: string }): Promise<void> {
  await withTenant(db, options.tenantId, (tx) =>
    tx
      .insertInto('legality_years')
      .values(demoLegalityYears(options.today).map((year) => ({ tenant_id: options.tenantId, year, threshold_pct: DEMO_THRESHOLD_PCT, reporting_tolerance_cents: DEMO_TOLERANCE_CENTS, source: DEMO_LEGALITY_SOURCE, set_by: null })))
      .onConflict((oc) => oc.columns(['tenant_id', 'year']).doNothing())
      .execute(),
  );
}
