import type { ColumnType, Generated } from 'kysely';

// The Kysely column types of the payment run's tables (migration 0029); pw_payments' new columns are
// in pw.tables.ts' PwPaymentTable's extension below, wired into src/db/schema.ts.

type BigCents = ColumnType<string, number | string | undefined, number | string>;

export type PaymentKind = 'regulier' | 'correctie' | 'vakantietoeslag';

export interface PwPaymentRunTable {
  tenant_id: string;
  id: Generated<string>;
  reference: string;
  /** First day of the month paid. */
  period: string;
  status: ColumnType<'berekend' | 'goedgekeurd' | 'ingetrokken', 'berekend' | undefined, 'goedgekeurd' | 'ingetrokken'>;
  vt_month: number;
  block_months: number;
  computed_by: string | null;
  computed_at: Generated<Date>;
  approved_by: string | null;
  approved_at: Date | null;
  withdrawn_by: string | null;
  withdrawn_at: Date | null;
  payments_count: ColumnType<number, number | undefined, number>;
  blocked_count: ColumnType<number, number | undefined, number>;
  total_cents: BigCents;
  bijstand_cents: BigCents;
  vt_reserve_cents: BigCents;
  vt_paid_cents: BigCents;
  instalments_cents: BigCents;
  execution_date: string | null;
  message_id: string | null;
  pain_xml: string | null;
  pain_sha256: string | null;
}

export interface PwPaymentRunLineTable {
  tenant_id: string;
  run_id: string;
  benefit_id: string;
  kind: PaymentKind;
  status: 'betalen' | 'geblokkeerd';
  block_reason: string | null;
  bijstand_cents: BigCents;
  offset_cents: BigCents;
  vt_reserve_cents: BigCents;
  instalments_cents: BigCents;
  cents: BigCents;
  iban: string | null;
  account_holder: string | null;
}

export interface PwPaymentRunOffsetTable {
  tenant_id: string;
  run_id: string;
  claim_id: string;
  benefit_id: string;
  cents: BigCents;
}

export interface PwPaymentRunTables {
  pw_payment_run_offsets: PwPaymentRunOffsetTable;
  pw_payment_runs: PwPaymentRunTable;
  pw_payment_run_lines: PwPaymentRunLineTable;
}
