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
): Promise<(UserRow & { password_hash: string | null; must_change_password: boolean | null }) | undefined> {
  return tx
    .selectFrom('users')
    .leftJoin('user_credentials', (join) =>
      join.onRef('user_credentials.user_id', '=', 'users.id').onRef('user_credentials.tenant_id', '=', 'users.tenant_id'),
    )
    .select(userColumns.map((c) => `users.${c}` as const))
    .select(['user_credentials.password_hash', 'user_credentials.must_change_password'])
    .where('users.username', '=', username)
    .executeTakeFirst();
}

export async function insertUser(
  tx: Tx | Kysely<DB>,
  user: { tenantId: string; username: string; displayName: string; roles: string[]; passwordHash: string | null; mustChangePassword?: boolean },
): Promise<UserRow> {
  const row = await tx
    .insertInto('users')
    .values({ tenant_id: user.tenantId, username: user.username, display_name: user.displayName, roles: user.roles })
    .returning(userColumns)
    .executeTakeFirstOrThrow();
  if (user.passwordHash) {
    await tx
      .insertInto('user_credentials')
      .values({ tenant_id: user.tenantId, user_id: row.id, password_hash: user.passwordHash, must_change_password: user.mustChangePassword ?? false })
      .execute();
  }
  return row;
}

/** Every employee account of the municipality (not residents), for the administrator. */
export async function listStaffRows(tx: Tx) {
  return tx
    .selectFrom('users')
    .select([...userColumns, 'job_title', 'created_at'])
    .where((eb) => eb.not(eb(eb.val('resident'), '=', eb.fn.any('roles'))))
    .orderBy('display_name')
    .execute();
}

/** One account, locked for a change by the administrator. */
export async function lockUser(tx: Tx, id: string) {
  return tx.selectFrom('users').select([...userColumns, 'job_title']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function usernameTaken(tx: Tx, username: string): Promise<boolean> {
  return (await tx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

/** Active accounts holding a role, locked so two administrators cannot both remove the last one. */
export async function lockActiveUsersWithRole(tx: Tx, role: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('users')
    .select('id')
    .where('active', '=', true)
    .where((eb) => eb(eb.val(role), '=', eb.fn.any('roles')))
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

export async function updateUser(tx: Tx, id: string, values: { display_name?: string; job_title?: string | null; roles?: string[]; active?: boolean }): Promise<void> {
  await tx.updateTable('users').set(values).where('id', '=', id).execute();
}

/** Sets the function (functie); an empty one is stored as none (then letters print the role's label). */
export async function setJobTitle(tx: Tx, id: string, jobTitle: string): Promise<void> {
  await tx.updateTable('users').set({ job_title: jobTitle.trim() || null }).where('id', '=', id).execute();
}

/** Sets (or first sets) the account's password hash; `mustChange` for a one-time password from the administrator. */
export async function upsertPassword(tx: Tx, tenantId: string, userId: string, passwordHash: string, mustChange = false): Promise<void> {
  await tx
    .insertInto('user_credentials')
    .values({ tenant_id: tenantId, user_id: userId, password_hash: passwordHash, must_change_password: mustChange })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ password_hash: passwordHash, must_change_password: mustChange, updated_at: new Date() }))
    .execute();
}

/** The account's password hash, locked for a change by the employee. */
export async function lockPasswordHash(tx: Tx, userId: string): Promise<string | undefined> {
  const row = await tx.selectFrom('user_credentials').select('password_hash').where('user_id', '=', userId).forUpdate().executeTakeFirst();
  return row?.password_hash;
}
