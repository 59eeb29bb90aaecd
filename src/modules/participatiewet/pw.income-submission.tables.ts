import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/column-types.js';

type Json<T> = ColumnType<T, string, string>;

/** One income as the resident gave it (amounts in cents; the net amount is what the statement offsets). */
export interface SubmittedIncome {
  kind: string;
  person: 'aanvrager' | 'partner';
  grossCents: number | null;
  netCents: number;
  documentId: string;
}

/** The income a resident gave online for one month of a benefit (migration 0052); a consultant confirms it. */
export interface PwIncomeSubmissionTable {
  tenant_id: string;
  id: Generated<string>;
  benefit_id: string;
  resident_id: string;
  period: string;
  submission_key: string;
  had_income: boolean;
  items: Json<SubmittedIncome[]>;
  documents: Json<{ id: string; fileName: string }[]>;
  submitted_at: Generated<Date>;
  status: ColumnType<'ontvangen' | 'verwerkt', 'ontvangen' | undefined, 'verwerkt'>;
  processed_by: string | null;
  processed_at: Timestamp | null;
}

export interface PwIncomeSubmissionTables {
  pw_income_submissions: PwIncomeSubmissionTable;
}
