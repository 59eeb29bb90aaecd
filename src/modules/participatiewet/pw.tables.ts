import type { ColumnType, Generated } from 'kysely';
import type { Cents } from '../../db/column-types.js';

// The Kysely column types of the Participatiewet's tables (the minimal benefit records that the signal
// rules read and the demo writes); `DB` in src/db/schema.ts extends `ParticipatiewetTables`.

export interface PwBenefitTable {
  tenant_id: string;
  id: Generated<string>;
  reference: string;
  resident_id: string;
  consultant_id: string | null;
  norm: 'alleenstaande' | 'alleenstaande-ouder' | 'gehuwden';
  monthly_cents: Cents;
  start_date: string;
  end_date: string | null;
  last_reexamination_on: string | null;
  next_reexamination_on: string;
  created_at: Generated<Date>;
}

export interface PwIncomeStatementTable {
  tenant_id: string;
  benefit_id: string;
  period: string;
  received_on: string;
  income_cents: ColumnType<string, number | string | undefined, number | string>;
}

export interface PwPaymentTable {
  tenant_id: string;
  id: Generated<string>;
  benefit_id: string;
  period: string;
  paid_on: string;
  cents: Cents;
}

/** One version of a municipality's norm table (migration 0026): never changed, a correction is a new version. */
export interface PwNormTableTable {
  tenant_id: string;
  version: number;
  /** A NormTable (pw.norms.data.ts), validated before it is stored. */
  data: ColumnType<unknown, string, never>;
  /** Null for the table Koers ships (version 1): nobody imported it. */
  imported_by: string | null;
  imported_at: Generated<Date>;
  note: string;
}

/** Participatiewet benefits, the monthly income statements and the payments; the norm table versions. */
export interface ParticipatiewetTables {
  pw_norm_tables: PwNormTableTable;
  pw_benefits: PwBenefitTable;
  pw_income_statements: PwIncomeStatementTable;
  pw_payments: PwPaymentTable;
}
