import type { Generated } from 'kysely';
import type { Timestamp } from '../../db/column-types.js';

// The Kysely column types of authentication's tables; `DB` in src/db/schema.ts extends `AuthTables`.

export interface UserTable {
  tenant_id: string;
  id: Generated<string>;
  username: string;
  display_name: string;
  /** The function (functie): printed under a signature and shown in Beheer; null: the role's label (migration 0017). */
  job_title: Generated<string | null>;
  roles: string[];
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UserCredentialTable {
  tenant_id: string;
  user_id: string;
  password_hash: string;
  /** A one-time password from the administrator: the employee must choose an own one first (migration 0018). */
  must_change_password: Generated<boolean>;
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

/** Employees, their credentials and identities, sessions and the login throttle. */
export interface AuthTables {
  users: UserTable;
  user_credentials: UserCredentialTable;
  user_identities: UserIdentityTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
}
