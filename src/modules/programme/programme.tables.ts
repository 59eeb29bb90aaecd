import type { ColumnType, Generated } from 'kysely';
import type { Cents, DateString, Numeric, Timestamp } from '../../db/column-types.js';

// The Kysely column types of this module's tables; `DB` in src/db/schema.ts extends `ProgrammeTables`.

export interface ProgrammeTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  report_month: string;
  requested_total_cents: Cents;
  contingency_percent: Numeric;
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

/** The transformation programme: lines, themes, activities and their history, budget chapters and council letters. */
export interface ProgrammeTables {
  programmes: ProgrammeTable;
  programme_lines: ProgrammeLineTable;
  programme_themes: ProgrammeThemeTable;
  programme_activities: ProgrammeActivityTable;
  programme_activity_changes: ProgrammeActivityChangeTable;
  programme_budget_chapters: ProgrammeBudgetChapterTable;
  council_letters: CouncilLetterTable;
  programme_activity_letters: ProgrammeActivityLetterTable;
}
