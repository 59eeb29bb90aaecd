import type { Generated } from 'kysely';
import type { DateString } from '../../db/column-types.js';

// The Kysely column types of this module's tables; `DB` in src/db/schema.ts extends this interface.

export type LadderStep = 'own_strength' | 'network' | 'community' | 'tailored';

/** One conversation in the Positieve Gezondheid method; rows are only ever added, never changed. */
export interface ConversationTable {
  tenant_id: string;
  id: Generated<string>;
  resident_id: string;
  /** The case (zaak), if any; no foreign key yet (see migration 0005). */
  case_id: string | null;
  /** The earlier conversation this one corrects. */
  corrects_id: string | null;
  held_on: DateString;
  conducted_by_user_id: string;
  conducted_by_username: string;
  bodily_functions_score: number;
  bodily_functions_wants_to_talk: Generated<boolean>;
  mental_wellbeing_score: number;
  mental_wellbeing_wants_to_talk: Generated<boolean>;
  meaningfulness_score: number;
  meaningfulness_wants_to_talk: Generated<boolean>;
  quality_of_life_score: number;
  quality_of_life_wants_to_talk: Generated<boolean>;
  participation_score: number;
  participation_wants_to_talk: Generated<boolean>;
  daily_functioning_score: number;
  daily_functioning_wants_to_talk: Generated<boolean>;
  ladder_step: LadderStep;
  ladder_rationale: string;
  agreements: string[];
  created_at: Generated<Date>;
}

export interface ConversationTables {
  conversations: ConversationTable;
}
