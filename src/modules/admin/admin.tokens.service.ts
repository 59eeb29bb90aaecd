// Machine accounts of providers (the provider API's bearer tokens): the administrator creates one (the
// token is shown once), lists and revokes them; each change lands in the change log. The accounts
// themselves belong to the exchange module.
import type { Tx } from '../../db/tenancy.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { createProviderToken, listProviderTokens, revokeProviderToken } from '../exchange/exchange.tokens.js';
import { recordChange } from './admin.changes.js';

export const listMachineAccounts = (tx: Tx, ctx: Pick<Actor, 'tenantId'>) => listProviderTokens(tx, ctx.tenantId);

export async function addMachineAccount(tx: Tx, ctx: Actor, input: { providerId: string; label: string }) {
  const created = await createProviderToken(tx, { tenantId: ctx.tenantId, providerId: input.providerId, label: input.label, createdBy: ctx.actorId });
  const { account } = created;
  await recordChange(tx, ctx, {
    section: 'api_tokens',
    subject: `${account.provider.name} (AGB ${account.provider.agbCode})`,
    action: `Machineaccount ‘${account.label}’ aangemaakt.`,
    before: null,
    after: { id: account.id, providerId: account.provider.id, label: account.label },
  });
  return created;
}

export async function revokeMachineAccount(tx: Tx, ctx: Actor, id: string, now: Date) {
  const account = await revokeProviderToken(tx, { tenantId: ctx.tenantId, id, now });
  await recordChange(tx, ctx, {
    section: 'api_tokens',
    subject: `${account.provider.name} (AGB ${account.provider.agbCode})`,
    action: `Machineaccount ‘${account.label}’ ingetrokken.`,
    before: { id: account.id, revokedAt: null },
    after: { id: account.id, revokedAt: account.revokedAt },
  });
  return account;
}
