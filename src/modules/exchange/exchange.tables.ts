import type { ColumnType, Generated } from 'kysely';
import type { DateString } from '../../db/column-types.js';
import type { MessageProblem } from './exchange.schemas.js';

// The Kysely column types of this module's tables; `DB` in src/db/schema.ts extends `ExchangeTables`.

export interface ExchangeCounterTable {
  tenant_id: string;
  name: 'toewijzingnummer' | 'berichtidentificatie';
  value: ColumnType<string, number | string, number | string>;
}

export type MessageDirection = 'out' | 'in';
export type XsdStatus = 'valid' | 'invalid' | 'not_checked';
export type MessageStatus = 'ready' | 'downloaded' | 'received' | 'rejected' | 'accepted';

/** A message sent to or received from a provider, exactly as it was. Never deleted. */
export interface ExchangeMessageTable {
  tenant_id: string;
  id: Generated<string>;
  standard: 'iwmo' | 'ijw';
  message_number: number;
  direction: MessageDirection;
  provider_id: string;
  resident_id: string | null;
  identification: string;
  dated_on: DateString;
  xsd_status: XsdStatus;
  problems: ColumnType<MessageProblem[], string, string>;
  xml: string;
  status: MessageStatus;
  in_reply_to: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  downloaded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ExchangeMessageSegmentTable {
  tenant_id: string;
  message_id: string;
  segment_id: string;
  state: 'current' | 'removed';
}

/** Start and stop of care for one toewijzing, as the provider reported them (305/307). */
export interface CareDeliveryTable {
  tenant_id: string;
  id: Generated<string>;
  segment_id: string;
  allocation_id: string;
  started_on: DateString;
  stopped_on: DateString | null;
  stop_reason: string | null;
  start_message_id: string;
  stop_message_id: string | null;
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A provider's machine account: only the SHA-256 of its token is kept. */
export interface ProviderApiTokenTable {
  tenant_id: string;
  id: Generated<string>;
  provider_id: string;
  label: string;
  token_sha256: Buffer;
  created_by: string;
  created_at: Generated<Date>;
  last_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type IntakeChannel = 'api' | 'folder' | 'cli' | 'upload';

/** An incoming message Koers refused before keeping it, recorded after the refused work rolled back. */
export interface ExchangeRefusalTable {
  tenant_id: string;
  id: Generated<string>;
  received_at: Generated<Date>;
  channel: IntakeChannel;
  sender: string | null;
  provider_id: string | null;
  file_name: string | null;
  reason: string;
  size_bytes: ColumnType<string, number, never>;
  body_sha256: Buffer | null;
  excerpt: string | null;
  excerpt_complete: boolean;
  created_by: string | null;
}

/** A received declaration (323): its header facts and totals (migration 0020). */
export interface DeclarationMessageTable {
  tenant_id: string;
  id: Generated<string>;
  message_id: string;
  standard: 'iwmo' | 'ijw';
  provider_id: string;
  declaration_number: string;
  period_start: DateString;
  period_end: DateString;
  dated_on: DateString;
  submitted_cents: ColumnType<string, number | string, number | string>;
  approved_cents: ColumnType<string, number | string | undefined, number | string>;
  lines: ColumnType<number, number | undefined, number>;
  approved_lines: ColumnType<number, number | undefined, number>;
  status: 'received' | 'accepted' | 'rejected';
  header_codes: ColumnType<string[], string[] | undefined, string[]>;
  received_at: Generated<Date>;
}

/** One Prestatie of a 323 as declared, its match, outcome and retour codes (migration 0020). */
export interface DeclarationLineTable {
  tenant_id: string;
  id: Generated<string>;
  declaration_id: string;
  position: number;
  standard: 'iwmo' | 'ijw';
  provider_id: string;
  bsn: string;
  reference: string;
  previous_reference: string | null;
  allocation_number: ColumnType<string, number | string, number | string>;
  category_code: string;
  product_code: string;
  period_start: DateString;
  period_end: DateString;
  volume: ColumnType<string, number | string, number | string>;
  unit_code: string;
  tariff_cents: ColumnType<string | null, number | string | null, number | string | null>;
  amount_cents: ColumnType<string, number | string, number | string>;
  debit_credit: 'D' | 'C';
  segment_id: string | null;
  allocation_id: string | null;
  resident_id: string | null;
  credits_line_id: string | null;
  status: ColumnType<'received' | 'approved' | 'refused', 'received' | 'approved' | 'refused' | undefined, 'received' | 'approved' | 'refused'>;
  retour_codes: ColumnType<string[], string[] | undefined, string[]>;
  approved_cents: ColumnType<string | null, number | string | null | undefined, number | string | null>;
}

/** The provider exchange: counters, messages, which toewijzingen a 301 carried, care delivered, declarations, machine accounts and refusals. */
export interface ExchangeTables {
  care_deliveries: CareDeliveryTable;
  declaration_lines: DeclarationLineTable;
  declaration_messages: DeclarationMessageTable;
  exchange_refusals: ExchangeRefusalTable;
  provider_api_tokens: ProviderApiTokenTable;
  exchange_counters: ExchangeCounterTable;
  exchange_messages: ExchangeMessageTable;
  exchange_message_segments: ExchangeMessageSegmentTable;
}
