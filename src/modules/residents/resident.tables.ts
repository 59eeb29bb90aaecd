import type { Generated } from 'kysely';
import type { DateString, Timestamp } from '../../db/column-types.js';

// The Kysely column types of this module's tables; `DB` in src/db/schema.ts extends `ResidentTables`.

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

/** Residents and break-glass grants to their files. */
export interface ResidentTables {
  residents: ResidentTable;
  access_grants: AccessGrantTable;
}
