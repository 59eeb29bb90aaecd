import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../../db/tenancy.js';

export interface UserRow {
  id: string;
  tenant_id: string;
  username: string;
  display_name: string;
  roles: string[];
  active: boolean;
}

const userColumns = ['id', 'tenant_id', 'username', 'display_name', 'roles', 'active'] as const;

export async function findUserWithPassword(
  tx: Tx,
  username: string,
): Promise<(UserRow & { password_hash: string | null }) | undefined> {
  return tx
    .selectFrom('users')
    .leftJoin('user_credentials', (join) =>
      join.onRef('user_credentials.user_id', '=', 'users.id').onRef('user_credentials.tenant_id', '=', 'users.tenant_id'),
    )
    .select(userColumns.map((c) => `users.${c}` as const))
    .select('user_credentials.password_hash')
    .where('users.username', '=', username)
    .executeTakeFirst();
}

export async function insertUser(
  tx: Tx | Kysely<DB>,
  user: { tenantId: string; username: string; displayName: string; roles: string[]; passwordHash: string | null },
): Promise<UserRow> {
  const row = await tx
    .insertInto('users')
    .values({ tenant_id: user.tenantId, username: user.username, display_name: user.displayName, roles: user.roles })
    .returning(userColumns)
    .executeTakeFirstOrThrow();
  if (user.passwordHash) {
    await tx
      .insertInto('user_credentials')
      .values({ tenant_id: user.tenantId, user_id: row.id, password_hash: user.passwordHash })
      .execute();
  }
  return row;
}
