import type { ColumnType, Generated } from 'kysely';
import type { Cents } from '../../db/column-types.js';

/** A Participatiewet application (aanvraag levensonderhoud) beside its case (migration 0030). */
export interface PwApplicationTable {
  tenant_id: string;
  case_id: string;
  resident_id: string;
  /** The melding; for an applicant under 27 the zoektermijn (art. 41 lid 4 Pw) runs from it. */
  reported_on: string;
  /** Last day of the zoektermijn; null when the applicant is 27 or older. */
  search_period_ends_on: string | null;
  /** The household, income and assets as entered (EntitlementInput without the peildatum). */
  calculation_input: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** The Rekenblad (pw.means-test.ts) computed from the input. */
  rekenblad: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  calculated_by: string | null;
  calculated_at: Date | null;
  advance_cents: Cents | null;
  advance_paid_on: string | null;
  advance_recorded_by: string | null;
  decision_status: ColumnType<'open' | 'voorgesteld' | 'toegekend' | 'afgewezen', 'open' | 'voorgesteld' | 'toegekend' | 'afgewezen' | undefined>;
  outcome: 'toekenning' | 'afwijzing' | null;
  grant_from: string | null;
  refusal_reason: string | null;
  iban: string | null;
  account_holder: string | null;
  requires_approval: boolean | null;
  proposed_by: string | null;
  proposed_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  benefit_id: string | null;
  advance_claim_id: string | null;
  created_at: Generated<Date>;
}

export interface PwApplicationTables {
  pw_applications: PwApplicationTable;
}
