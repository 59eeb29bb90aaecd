import type { ColumnType, Generated } from 'kysely';
import type { DateString } from '../../db/column-types.js';

// The Kysely column types of the provider requests (migration 0022); `DB` in src/db/schema.ts extends `RequestTables`.

export type RequestStatus = 'open' | 'pending_approval' | 'granted' | 'refused';

/** One finding Koers made when the request came in, for the team that decides (Dutch text). */
export interface RequestFinding {
  code: string;
  text: string;
}

/** A provider's request (315 per ReferentieAanbieder, or 317): a task for the area team. */
export interface ProviderRequestTable {
  tenant_id: string;
  id: Generated<string>;
  message_id: string;
  standard: 'iwmo' | 'ijw';
  kind: 'allocation' | 'change';
  provider_id: string;
  resident_id: string | null;
  team_id: string | null;
  reference: string;
  referrer_type: string | null;
  referrer_name: string | null;
  referrer_code: string | null;
  change_reason: string | null;
  comment: string | null;
  findings: ColumnType<RequestFinding[], string, string>;
  status: RequestStatus;
  refusal_reason: string | null;
  refusal_note: string | null;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  answer_message_id: string | null;
  created_at: Generated<Date>;
  /** Four eyes (migration 0025): who proposed the grant, when, and its expected cost over a year. */
  proposed_by: ColumnType<string | null, string | null | undefined, string | null>;
  proposed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  expected_annual_cents: ColumnType<string | null, number | null | undefined, number | null>;
}

export interface ProviderRequestProductTable {
  tenant_id: string;
  id: Generated<string>;
  request_id: string;
  position: number;
  kind: 'new' | 'change' | 'unchanged';
  category_code: string | null;
  product_code: string | null;
  product_id: string | null;
  allocation_number: number | null;
  allocation_id: string | null;
  start_date: DateString | null;
  end_date: DateString | null;
  volume: number | null;
  unit_code: string | null;
  frequency_code: string | null;
  budget_cents: ColumnType<string | null, number | null | undefined, number | null>;
}

export interface RetourCodeRow {
  level: 'header' | 'client' | 'product';
  index: number | null;
  code: string;
}

/** A provider's retour on one of our messages (302 on a 301, 320 on a 319). */
export interface ExchangeRetourTable {
  tenant_id: string;
  message_id: string;
  original_id: string;
  codes: ColumnType<RetourCodeRow[], string, string>;
  refused: boolean;
}

export interface RequestTables {
  provider_requests: ProviderRequestTable;
  provider_request_products: ProviderRequestProductTable;
  exchange_retours: ExchangeRetourTable;
}
