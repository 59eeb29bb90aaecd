import type { ColumnType, Generated } from 'kysely';
import type { AccessTables } from '../modules/access/access.tables.js';
import type { CaseTables } from '../modules/cases/case.tables.js';
import type { ConversationTables } from '../modules/conversations/conversation.tables.js';
import type { DecisionTables } from '../modules/decisions/decision.tables.js';
import type { InsightsTables } from '../modules/insights/insights.tables.js';
import type { SignalTables } from '../modules/signals/signal.tables.js';
import type { NotificationTables } from '../modules/notifications/notification.tables.js';
import type { JobTables } from '../platform/jobs/job.tables.js';

/** A `date` column: read as 'yyyy-mm-dd' (both drivers are configured so), written as the same. */
type DateString = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TenantTable {
  id: string;
  name: string;
  region: string | null;
  created_at: Generated<Date>;
}

export interface AreaTable {
  tenant_id: string;
  code: string;
  name: string;
}

export interface UserTable {
  tenant_id: string;
  id: Generated<string>;
  username: string;
  display_name: string;
  roles: string[];
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UserCredentialTable {
  tenant_id: string;
  user_id: string;
  password_hash: string;
  updated_at: Generated<Date>;
}

/** External identities (OpenID Connect `iss` + `sub`) linked to a user; login by password is just one way in. */
export interface UserIdentityTable {
  tenant_id: string;
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface SessionTable {
  tenant_id: string;
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  last_seen_at: Generated<Date>;
}

/** Failed logins per account (address_hash '') and per account + address; see login-throttle.ts. */
export interface LoginThrottleTable {
  tenant_id: string;
  username_hash: string;
  address_hash: string;
  failures: Generated<number>;
  last_failure_at: Timestamp | null;
  blocked_until: Timestamp | null;
  last_success_at: Timestamp | null;
}

export interface ResidentTable {
  tenant_id: string;
  id: Generated<string>;
  bsn: string;
  given_name: string;
  surname_prefix: string | null;
  family_name: string;
  birth_date: DateString;
  gender: 'M' | 'V' | 'X';
  street: string;
  house_number: number;
  house_letter: string | null;
  house_number_addition: string | null;
  postcode: string;
  city: string;
  area_code: string | null;
  household_id: string;
  search_text: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Break-glass access (doorbraak) to a resident's file: reason, who, until when. Never changed. */
export interface AccessGrantTable {
  tenant_id: string;
  id: Generated<string>;
  resident_id: string;
  user_id: string;
  reason: string;
  granted_at: Generated<Date>;
  expires_at: Timestamp;
  /** The unexpired grant this one renewed (same employee and resident), null for a first grant. */
  renewal_of: string | null;
  /** How many renewals precede this grant in its chain (0 for a first grant). */
  renewal_count: Generated<number>;
}

/** One record per processing of personal data, after the Logius standard "Logboek Dataverwerkingen". */
export interface AuditLogTable {
  tenant_id: string;
  id: Generated<string>;
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  status_code: 'OK' | 'ERROR';
  start_time: Timestamp;
  end_time: Timestamp;
  processing_activity_id: string;
  data_subject_type: string;
  data_subject_id: string;
  actor_id: string | null;
  actor_username: string | null;
  actor_roles: string[];
  resource_name: string;
  resource_version: string;
  attributes: ColumnType<Record<string, unknown>, string, string>;
  /** Hash chain per municipality, set by the database's `audit_log_chain` trigger (never by the application). */
  seq: ColumnType<string, never, never>;
  prev_hash: ColumnType<Uint8Array, never, never>;
  hash: ColumnType<Uint8Array, never, never>;
}

/** The last (seq, hash) of each municipality's audit chain; moved forward only by the chain trigger. */
export interface AuditChainHeadsTable {
  tenant_id: string;
  seq: ColumnType<string, never, never>;
  hash: ColumnType<Uint8Array, never, never>;
  updated_at: ColumnType<Date, never, never>;
}

export interface ProgrammeTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  report_month: string;
  requested_total_cents: ColumnType<string, number | string, number | string>;
  contingency_percent: ColumnType<string, number | string, number | string>;
  created_at: Generated<Date>;
  superseded_at: Date | null;
}

export interface ProgrammeLineTable {
  tenant_id: string;
  id: Generated<string>;
  programme_id: string;
  number: number;
  title: string;
  track: 'inhoud' | 'organisatie' | 'bedrijfsvoering';
  objective: string;
  explanation: string;
  result: string;
}

export interface ProgrammeThemeTable {
  tenant_id: string;
  id: Generated<string>;
  line_id: string;
  position: number;
  title: string;
  result: string;
}

export interface ProgrammeActivityTable {
  tenant_id: string;
  id: Generated<string>;
  theme_id: string;
  position: number;
  text: string;
  status: 'AF' | 'LOOPT' | 'NIEUW';
  planned_quarter: string | null;
  done_quarter: string | null;
  note: string | null;
  owner: string | null;
  updated_at: Generated<Date>;
}

export type ActivityField = 'status' | 'planned_quarter' | 'done_quarter' | 'text' | 'owner' | 'note';

export interface ProgrammeActivityChangeTable {
  tenant_id: string;
  id: Generated<string>;
  activity_id: string;
  changed_at: Timestamp;
  changed_by: string | null;
  field: ActivityField;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
}

export interface ProgrammeBudgetChapterTable {
  tenant_id: string;
  id: Generated<string>;
  programme_id: string;
  position: number;
  chapter: string;
  amount_cents: ColumnType<string | null, number | string | null, number | string | null>;
}

export interface CouncilLetterTable {
  tenant_id: string;
  id: Generated<string>;
  programme_id: string;
  date: DateString;
  date_end: DateString | null;
  number: string | null;
  title: string;
}

export interface ProgrammeActivityLetterTable {
  tenant_id: string;
  activity_id: string;
  letter_id: string;
}

export type Law = 'wmo' | 'jeugdwet' | 'participatiewet' | 'wgs';
export type ProductKind = 'community' | 'tailored' | 'benefit';
export type Unit = 'minute' | 'hour' | 'day_part' | 'day' | 'piece' | 'euro';
export type Frequency = 'per_day' | 'per_week' | 'per_month' | 'total';
type Cents = ColumnType<string, number | string, number | string>;

export interface BudgetLineTable {
  tenant_id: string;
  code: string;
  name: string;
  law: Law | null;
}

export interface BudgetLineYearTable {
  tenant_id: string;
  code: string;
  year: number;
  budget_cents: Cents;
}

export interface ProductTable {
  tenant_id: string;
  id: Generated<string>;
  code: string;
  name: string;
  law: Law;
  kind: ProductKind;
  category_code: string | null;
  product_code: string | null;
  unit: Unit;
  frequency: Frequency;
  requires_decision: boolean;
  direct_access: Generated<boolean>;
  direct_access_max_weeks: number | null;
  budget_line_code: string;
  description: string;
  eligibility: string;
  active: Generated<boolean>;
  search_text: string;
}

export interface ProductAreaTable {
  tenant_id: string;
  product_id: string;
  area_code: string;
}

export interface ProviderTable {
  tenant_id: string;
  id: Generated<string>;
  agb_code: string;
  name: string;
  kind: 'care' | 'welfare' | 'youth' | 'housing_aids' | 'transport';
  strategic_partner: Generated<boolean>;
  region_wide: Generated<boolean>;
  region: string | null;
}

export interface ProviderTariffTable {
  tenant_id: string;
  id: Generated<string>;
  provider_id: string;
  product_code: string;
  year: number;
  unit: Unit;
  cents_per_unit: Cents;
  region_wide: Generated<boolean>;
  region: string | null;
}

export interface SubsidyTable {
  tenant_id: string;
  id: Generated<string>;
  provider_id: string;
  year: number;
  amount_cents: Cents;
  purpose: string;
}

/** Every table. Modules added later own their table types and are merged in here. */
export interface DB extends AccessTables, CaseTables, ConversationTables, DecisionTables, SignalTables, InsightsTables, NotificationTables, JobTables {
  tenants: TenantTable;
  areas: AreaTable;
  users: UserTable;
  user_credentials: UserCredentialTable;
  user_identities: UserIdentityTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  residents: ResidentTable;
  access_grants: AccessGrantTable;
  audit_log: AuditLogTable;
  audit_chain_heads: AuditChainHeadsTable;
  programmes: ProgrammeTable;
  programme_lines: ProgrammeLineTable;
  programme_themes: ProgrammeThemeTable;
  programme_activities: ProgrammeActivityTable;
  programme_activity_changes: ProgrammeActivityChangeTable;
  programme_budget_chapters: ProgrammeBudgetChapterTable;
  council_letters: CouncilLetterTable;
  programme_activity_letters: ProgrammeActivityLetterTable;
  budget_lines: BudgetLineTable;
  budget_line_years: BudgetLineYearTable;
  products: ProductTable;
  product_areas: ProductAreaTable;
  providers: ProviderTable;
  provider_tariffs: ProviderTariffTable;
  subsidies: SubsidyTable;
}
