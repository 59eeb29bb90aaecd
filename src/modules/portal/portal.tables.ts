import type { Generated } from 'kysely';
import type { Timestamp } from '../../db/column-types.js';

// The Kysely column types of the portal's tables (migration 0048); `DB` in src/db/schema.ts extends `PortalTables`.

/** A resident's session in the portal /mijn: only an HMAC of the cookie's token is kept. */
export interface ResidentSessionTable {
  tenant_id: string;
  token_hash: string;
  resident_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  last_seen_at: Generated<Date>;
}

/** The municipality's OpenID Connect provider (its DigiD broker); the secret is in the named environment variable. */
export interface PortalOidcSettingsTable {
  tenant_id: string;
  issuer: string;
  client_id: string;
  client_secret_env: string;
  scope: Generated<string>;
  updated_at: Generated<Date>;
}

/** A request to the resident for more documents on a case, with the recovery term (hersteltermijn) until `due_on`. Never changed. */
export interface DocumentRequestTable {
  tenant_id: string;
  id: Generated<string>;
  case_id: string;
  resident_id: string;
  description: string;
  due_on: string;
  requested_by: string;
  requested_at: Generated<Date>;
}

export interface PortalTables {
  resident_sessions: ResidentSessionTable;
  portal_oidc_settings: PortalOidcSettingsTable;
  document_requests: DocumentRequestTable;
}
