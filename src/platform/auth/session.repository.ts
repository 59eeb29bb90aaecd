import type { Tx } from '../../db/tenancy.js';

export async function insertSession(
  tx: Tx,
  session: { tenantId: string; tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await tx
    .insertInto('sessions')
    .values({
      tenant_id: session.tenantId,
      token_hash: session.tokenHash,
      user_id: session.userId,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function findLiveSession(tx: Tx, tokenHash: string, now: Date) {
  return tx
    .selectFrom('sessions')
    .innerJoin('users', (join) =>
      join.onRef('users.id', '=', 'sessions.user_id').onRef('users.tenant_id', '=', 'sessions.tenant_id'),
    )
    .leftJoin('user_credentials', (join) =>
      join.onRef('user_credentials.user_id', '=', 'sessions.user_id').onRef('user_credentials.tenant_id', '=', 'sessions.tenant_id'),
    )
    .select([
      'sessions.user_id',
      'user_credentials.must_change_password',
      'sessions.last_seen_at',
      'users.username',
      'users.display_name',
      'users.roles',
      'users.active',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(tx: Tx, tokenHash: string, now: Date): Promise<void> {
  await tx.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(tx: Tx, tokenHash: string): Promise<void> {
  await tx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(tx: Tx, now: Date): Promise<void> {
  await tx.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** Ends every session of an account (deactivated, or its password reset). */
export async function deleteSessionsOfUser(tx: Tx, userId: string): Promise<number> {
  const result = await tx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every other session of an account (the employee chose a new password in this one). */
export async function deleteOtherSessionsOfUser(tx: Tx, userId: string, keepTokenHash: string): Promise<number> {
  const result = await tx.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', '<>', keepTokenHash).executeTakeFirst();
  return Number(result.numDeletedRows);
}
