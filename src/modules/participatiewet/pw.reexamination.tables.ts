import type { ColumnType, Generated } from 'kysely';

// The Kysely column types of the re-examination table (migration 0031); `DB` in src/db/schema.ts extends it.

export type RiskProfile = 'laag' | 'midden' | 'hoog';
export type ReexaminationOutcome = 'ongewijzigd' | 'wijziging' | 'beeindiging';

/** One re-examination (heronderzoek) held: never changed. */
export interface PwReexaminationTable {
  tenant_id: string;
  id: Generated<string>;
  benefit_id: string;
  held_on: string;
  risk_profile: RiskProfile;
  /** The checks done: [{ code, label, done, note }]. */
  checks: ColumnType<unknown[], string, never>;
  outcome: ReexaminationOutcome;
  /** The new rekenbasis written for a change. */
  basis_id: string | null;
  end_date: string | null;
  end_reason: string | null;
  /** The draft recovery claim for an overpayment found. */
  claim_id: string | null;
  /** The next re-examination planned (none after an end). */
  next_on: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface PwReexaminationTables {
  pw_reexaminations: PwReexaminationTable;
}
