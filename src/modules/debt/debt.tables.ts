import type { ColumnType, Generated } from 'kysely';
import type { Cents, DateString } from '../../db/column-types.js';

// The Kysely column types of this module's tables (migrations 0047 and 0051); `DB` in src/db/schema.ts extends `DebtTables`.

export const debtChannels = ['medewerker', 'inwoner', 'vroegsignalering'] as const;
export type DebtChannel = (typeof debtChannels)[number];

export const debtDecisions = ['toegelaten', 'afgewezen'] as const;
export type DebtDecision = (typeof debtDecisions)[number];

export const debtEndResults = ['afgerond', 'voortijdig-beeindigd'] as const;
export type DebtEndResult = (typeof debtEndResults)[number];

export const debtContactBy = ['telefoon', 'e-mail'] as const;
export type DebtContactBy = (typeof debtContactBy)[number];

export const debtContactTimes = ['ochtend', 'middag', 'maakt-niet-uit'] as const;
export type DebtContactTime = (typeof debtContactTimes)[number];

export const creditorKinds = ['woningcorporatie', 'energie', 'water', 'zorgverzekeraar'] as const;
export type CreditorKind = (typeof creditorKinds)[number];

export const outreachOutcomes = ['bereikt', 'hulp-geaccepteerd', 'hulp-geweigerd', 'niet-bereikt'] as const;
export type OutreachOutcome = (typeof outreachOutcomes)[number];

export type DebtTermCode = 'eerste-gesprek' | 'eerste-gesprek-crisis';

/** A registration for debt help (aanmelding schuldhulpverlening). */
export interface DebtCaseTable {
  tenant_id: string;
  id: Generated<string>;
  resident_id: string;
  registered_on: DateString;
  channel: DebtChannel;
  help_question: string;
  threat_eviction: Generated<boolean>;
  threat_utility_cutoff: Generated<boolean>;
  threat_insurance_termination: Generated<boolean>;
  term_code: DebtTermCode;
  first_conversation_due: DateString;
  first_conversation_on: DateString | null;
  plan_on: DateString | null;
  plan_summary: string | null;
  decision: DebtDecision | null;
  decision_on: DateString | null;
  decision_reason: string | null;
  registered_by: string | null;
  created_at: Generated<Date>;
  /** The end of the help after admission (0051): the retention clock of an admitted registration starts here. */
  ended_on: DateString | null;
  end_result: DebtEndResult | null;
  /** Online registrations (0051): the form's key (posted twice = one registration) and how to reach the resident. */
  submission_key: string | null;
  contact_by: DebtContactBy | null;
  contact_phone: string | null;
  contact_email: string | null;
  contact_time: DebtContactTime | null;
}

export interface UnmatchedArrearsRow {
  row: number;
  bron: string;
  postcode: string;
  huisnummer: string;
  toevoeging: string;
}

/** One imported arrears file. */
export interface DebtArrearsImportTable {
  tenant_id: string;
  id: Generated<string>;
  file_name: string;
  imported_by: string;
  imported_at: Generated<Date>;
  row_count: number;
  matched_rows: number;
  outreach_count: number;
  unmatched: ColumnType<UnmatchedArrearsRow[], string, string>;
}

/** One outreach to a household after an early signal. */
export interface DebtOutreachTable {
  tenant_id: string;
  id: Generated<string>;
  import_id: string;
  resident_id: string;
  household_id: string;
  area_code: string | null;
  team_id: string | null;
  signalled_on: DateString;
  contact_due: DateString;
  outcome: OutreachOutcome | null;
  outcome_on: DateString | null;
  outcome_note: string | null;
  outcome_by: string | null;
  created_at: Generated<Date>;
}

/** One row of an arrears file: a household's arrears with one creditor. */
export interface DebtArrearsTable {
  tenant_id: string;
  id: Generated<string>;
  import_id: string;
  outreach_id: string;
  row_number: number;
  source: string;
  creditor_kind: CreditorKind;
  amount_cents: Cents;
  months_in_arrears: number;
  reference_date: DateString;
}

export interface DebtTables {
  debt_cases: DebtCaseTable;
  debt_arrears_imports: DebtArrearsImportTable;
  debt_outreach: DebtOutreachTable;
  debt_arrears: DebtArrearsTable;
}
