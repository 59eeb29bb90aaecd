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

/** Participatiewet benefits, the monthly income statements and the payments. */
export interface ParticipatiewetTables {
  pw_benefits: PwBenefitTable;
  pw_income_statements: PwIncomeStatementTable;
  pw_payments: PwPaymentTable;
}
