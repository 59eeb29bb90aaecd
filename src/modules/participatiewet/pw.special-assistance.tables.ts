import type { ColumnType, Generated } from 'kysely';
import type { Cents } from '../../db/column-types.js';

type Json<T> = ColumnType<T, string, string>;

/** A document a category asks for (e.g. offerte, factuur, bankafschrift). */
export interface RequiredDocument {
  code: string;
  label: string;
}

/** A document given with an application: the requirement it meets and, when uploaded, the document. */
export interface GivenDocument {
  code: string;
  documentId: string | null;
}

/** What the intake found missing, with the end of the hersteltermijn (Awb 4:5). */
export interface MissingItem {
  code: string;
  label: string;
}

/** The household as given on the form: leefvorm, partner's birth date, number of children. */
export interface SpecialAssistanceHousehold {
  leefvorm: 'alleenstaande' | 'alleenstaande-ouder' | 'gehuwden';
  partnerBirthDate: string | null;
  children: number;
}

/** A cost category for bijzondere bijstand, as data per municipality (migration 0049). */
export interface SpecialAssistanceCategoryTable {
  tenant_id: string;
  code: string;
  name: string;
  description: string;
  voorliggend: string | null;
  collective_insurance: ColumnType<boolean, boolean | undefined, boolean>;
  fast_track: ColumnType<boolean, boolean | undefined, boolean>;
  apply_before_costs: ColumnType<boolean, boolean | undefined, boolean>;
  required_documents: ColumnType<RequiredDocument[], string | undefined, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** An application for bijzondere bijstand with what the automated intake made of it (migration 0049). */
export interface SpecialAssistanceApplicationTable {
  tenant_id: string;
  case_id: string;
  resident_id: string;
  channel: 'e-dienst' | 'balie';
  submission_key: string | null;
  category_code: string;
  description: string;
  costs_cents: Cents;
  cost_date: string;
  household: Json<SpecialAssistanceHousehold>;
  monthly_income_cents: Cents;
  assets_cents: Cents;
  has_collective_insurance: boolean;
  iban: string | null;
  account_holder: string | null;
  documents: Json<GivenDocument[]>;
  submitted_by: string | null;
  submitted_at: Generated<Date>;
  complete_on_arrival: boolean;
  missing: Json<MissingItem[]>;
  /** End of the hersteltermijn (Awb 4:5) while something is missing; null when complete. */
  recovery_term_ends_on: string | null;
  calculation: Json<Record<string, unknown>>;
  proposal_outcome: 'toekennen' | 'afwijzen' | 'aanvullen';
  proposal_grant_cents: Cents;
  proposal_reasons: Json<string[]>;
  fast_track: boolean;
  decision_status: ColumnType<'open' | 'toegekend' | 'afgewezen', 'open' | 'toegekend' | 'afgewezen' | undefined>;
  decided_grant_cents: Cents | null;
  decision_reason: string | null;
  followed_proposal: boolean | null;
  decided_by: string | null;
  decided_at: Date | null;
}

/** A resident's e-service form, saved to continue later (migration 0049). */
export interface SpecialAssistanceDraftTable {
  tenant_id: string;
  id: Generated<string>;
  resident_id: string;
  step: string;
  data: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface SpecialAssistanceTables {
  special_assistance_categories: SpecialAssistanceCategoryTable;
  special_assistance_applications: SpecialAssistanceApplicationTable;
  special_assistance_drafts: SpecialAssistanceDraftTable;
}
