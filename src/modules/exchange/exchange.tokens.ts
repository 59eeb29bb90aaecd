// Machine accounts: a provider's software sends and fetches messages with a bearer token. The token is
// `<tenant>.<43 random characters>`; only its SHA-256 is kept, so a copy of the database does not
// give access. The administrator creates (token shown once), lists and revokes them.

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isTenantId, withTenant, type Tx } from '../../db/tenancy.js';
import { AppError, notFound } from '../../platform/errors.js';
import { getProvider } from '../providers/provider.service.js';

/** Who calls the provider API: one provider of one municipality, through one machine account. */
export interface MachinePrincipal {
  tenantId: string;
  tokenId: string;
  tokenLabel: string;
  providerId: string;
  providerName: string;
  providerAgbCode: string;
}

export const sha256 = (data: string | Uint8Array): Buffer => createHash('sha256').update(data).digest();

const TOKEN = /^(GM[0-9]{4})\.([A-Za-z0-9_-]{43})$/;

export interface ProviderToken {
  id: string;
  provider: { id: string; name: string; agbCode: string };
  label: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

async function tokenView(tx: Tx, tenantId: string, row: { id: string; provider_id: string; label: string; created_at: Date; created_by: string; last_used_at: Date | null; revoked_at: Date | null }, names: Map<string, string>): Promise<ProviderToken> {
  const provider = await getProvider(tx, { id: row.provider_id, tenantId });
  return {
    id: row.id,
    provider: { id: provider.id, name: provider.name, agbCode: provider.agbCode },
    label: row.label,
    createdAt: row.created_at.toISOString(),
    createdBy: names.get(row.created_by) ?? 'Onbekende medewerker',
    lastUsedAt: row.last_used_at ? row.last_used_at.toISOString() : null,
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}

async function userNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Every machine account of this municipality, newest first (revoked ones too). */
export async function listProviderTokens(tx: Tx, tenantId: string): Promise<ProviderToken[]> {
  const rows = await tx
    .selectFrom('provider_api_tokens')
    .select(['id', 'provider_id', 'label', 'created_at', 'created_by', 'last_used_at', 'revoked_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const names = await userNames(tx, [...new Set(rows.map((r) => r.created_by))]);
  const out: ProviderToken[] = [];
  for (const row of rows) out.push(await tokenView(tx, tenantId, row, names));
  return out;
}

/** A new machine account for a provider; the token is in the answer only. */
export async function createProviderToken(tx: Tx, input: { tenantId: string; providerId: string; label: string; createdBy: string }): Promise<{ token: string; account: ProviderToken }> {
  const provider = await getProvider(tx, { id: input.providerId, tenantId: input.tenantId });
  const token = `${input.tenantId}.${randomBytes(32).toString('base64url')}`;
  const row = await tx
    .insertInto('provider_api_tokens')
    .values({ tenant_id: input.tenantId, provider_id: provider.id, label: input.label, token_sha256: sha256(token), created_by: input.createdBy })
    .returning(['id', 'provider_id', 'label', 'created_at', 'created_by', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
  return { token, account: await tokenView(tx, input.tenantId, row, await userNames(tx, [input.createdBy])) };
}

/** Revokes a machine account; from then on its token answers 401. Revoking twice is refused (409). */
export async function revokeProviderToken(tx: Tx, input: { tenantId: string; id: string; now: Date }): Promise<ProviderToken> {
  const existing = await tx.selectFrom('provider_api_tokens').select(['id', 'revoked_at']).where('id', '=', input.id).executeTakeFirst();
  if (!existing) throw notFound('Machineaccount');
  if (existing.revoked_at) throw new AppError('CONFLICT', 'Dit machineaccount is al ingetrokken.');
  const row = await tx
    .updateTable('provider_api_tokens')
    .set({ revoked_at: input.now })
    .where('id', '=', input.id)
    .returning(['id', 'provider_id', 'label', 'created_at', 'created_by', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
  return tokenView(tx, input.tenantId, row, await userNames(tx, [row.created_by]));
}

const UNAUTHENTICATED = 'Geen geldig token: stuur Authorization: Bearer <token> met het token van uw machineaccount. Een ingetrokken token werkt niet meer.';

/** The machine account of an `Authorization: Bearer …` header; 401 with a Dutch message otherwise. */
export async function resolveProviderToken(db: Kysely<DB>, authorization: string | undefined, now: Date): Promise<MachinePrincipal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const parsed = match ? TOKEN.exec(match[1]!) : null;
  if (!parsed || !isTenantId(parsed[1]!)) throw new AppError('UNAUTHENTICATED', UNAUTHENTICATED);
  const tenantId = parsed[1]!;
  const token = match![1]!;
  const principal = await withTenant(db, tenantId, async (tx) => {
    const row = await tx
      .selectFrom('provider_api_tokens')
      .select(['id', 'provider_id', 'label', 'revoked_at', 'last_used_at'])
      .where('token_sha256', '=', sha256(token))
      .executeTakeFirst();
    if (!row || row.revoked_at) return undefined;
    const provider = await getProvider(tx, { id: row.provider_id, tenantId });
    // Written at most once a minute: a busy provider does not turn every read into a write.
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
      await tx.updateTable('provider_api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return { tenantId, tokenId: row.id, tokenLabel: row.label, providerId: provider.id, providerName: provider.name, providerAgbCode: provider.agbCode };
  });
  if (!principal) throw new AppError('UNAUTHENTICATED', UNAUTHENTICATED);
  return principal;
}

/** How the Logboek names a machine account: "aanbieder Zorg BV (machineaccount)". */
export const machineActorName = (p: Pick<MachinePrincipal, 'providerName'>): string => `aanbieder ${p.providerName} (machineaccount)`;
