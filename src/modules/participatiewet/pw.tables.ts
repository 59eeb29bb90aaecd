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
  /** The application case it was granted on (migration 0028); null for benefits taken over from elsewhere. */
  case_id: string | null;
  /** Paid to this account; both or neither (migration 0028). */
  iban: string | null;
  account_holder: string | null;
  end_reason: string | null;
}

/** The amounts a benefit is paid from, from a month on (migration 0028); never changed, a correction is a new row. */
export interface PwBenefitBasisTable {
  tenant_id: string;
  id: Generated<string>;
  benefit_id: string;
  /** First day of the month it applies from. */
  valid_from: string;
  norm_incl_vt_cents: Cents;
  /** Income offset every month regardless of the statement (e.g. alimentatie), after exemptions. */
  fixed_offset_cents: ColumnType<string, number | string | undefined, number | string>;
  /** Share of the bijstand reserved as vakantietoeslag, in basis points (500 = 5 %). */
  vt_basis_points: number;
  reason: 'besluit' | 'heronderzoek' | 'wijziging' | 'normwijziging' | 'migratie';
  /** The Rekenblad (pw.means-test.ts) it was calculated with; null only for migrated bases. */
  calculation: ColumnType<Record<string, unknown> | null, string | null | undefined, never>;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface PwIncomeStatementTable {
  tenant_id: string;
  benefit_id: string;
  period: string;
  received_on: string;
  income_cents: ColumnType<string, number | string | undefined, number | string>;
  /** The income offset against the benefit after the exemptions (pw.income.ts), computed at entry (0028). */
  offset_cents: ColumnType<string, number | string | undefined, number | string>;
  /** The income items as entered, with the exemption applied (JSON array). */
  items: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  source: ColumnType<'medewerker' | 'inwoner' | 'migratie', 'medewerker' | 'inwoner' | 'migratie' | undefined, never>;
  entered_by: string | null;
  entered_at: Generated<Date>;
}

export interface PwPaymentTable {
  tenant_id: string;
  id: Generated<string>;
  benefit_id: string;
  period: string;
  paid_on: string;
  cents: Cents;
  /** The payment run that paid it (migration 0029); null for payments from before runs. */
  run_id: ColumnType<string | null, string | null | undefined, never>;
  kind: ColumnType<'regulier' | 'correctie' | 'vakantietoeslag', 'regulier' | 'correctie' | 'vakantietoeslag' | undefined, never>;
  bijstand_cents: ColumnType<string, number | string | undefined, never>;
  offset_cents: ColumnType<string, number | string | undefined, never>;
  vt_reserve_cents: ColumnType<string, number | string | undefined, never>;
  instalments_cents: ColumnType<string, number | string | undefined, never>;
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

export type RecoveryGround = 'inkomsten-niet-gemeld' | 'vermogen' | 'woonsituatie' | 'te-veel-betaald' | 'voorschot' | 'overig';
export type RecoverySource = 'handmatig' | 'inkomstenopgave' | 'heronderzoek' | 'betaalrun' | 'voorschot' | 'migratie';

/** A recovery claim (terugvordering art. 58 Pw) or an advance to be offset (migration 0028). */
export interface PwRecoveryClaimTable {
  tenant_id: string;
  id: Generated<string>;
  reference: string;
  resident_id: string;
  benefit_id: string | null;
  ground: RecoveryGround;
  article: string;
  source: RecoverySource;
  /** A draft is not collected; only an established claim is offset in a payment run. */
  status: 'concept' | 'vastgesteld' | 'ingetrokken';
  principal_cents: Cents;
  /** Offset from each payment run while the balance lasts (0: not offset, repaid otherwise). */
  monthly_instalment_cents: ColumnType<string, number | string | undefined, number | string>;
  period_from: string | null;
  period_to: string | null;
  reason: string;
  created_by: string | null;
  created_at: Generated<Date>;
  established_by: string | null;
  established_at: Date | null;
}

/** The ledger of a claim: signed cents, positive for the claim, negative for what reduces it (0028). */
export interface PwRecoveryEntryTable {
  tenant_id: string;
  id: Generated<string>;
  claim_id: string;
  kind: 'vordering' | 'aflossing' | 'verrekening' | 'kwijtschelding' | 'correctie';
  cents: Cents;
  booked_on: string;
  /** Set exactly for an offset in a payment run. */
  payment_run_id: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

/** Participatiewet benefits, the monthly income statements and the payments; the norm table versions. */
export interface ParticipatiewetTables {
  pw_norm_tables: PwNormTableTable;
  pw_benefits: PwBenefitTable;
  pw_income_statements: PwIncomeStatementTable;
  pw_payments: PwPaymentTable;
  pw_benefit_bases: PwBenefitBasisTable;
  pw_recovery_claims: PwRecoveryClaimTable;
  pw_recovery_entries: PwRecoveryEntryTable;
}
