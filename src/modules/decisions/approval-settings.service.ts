// The municipality's four-eyes settings, as the administrator (beheerder) reads and changes them.
import type { Tx } from '../../db/tenancy.js';
import { DEFAULT_CHANGE_STEP_CENTS } from './allocation-change.service.js';
import { findSetting, findSettings, upsertSetting } from './decision.repository.js';
import { DEFAULT_APPROVAL_THRESHOLD_CENTS } from './decision.service.js';

export interface ApprovalSettings {
  /** A decision expected to cost at least this much a year needs a team lead's approval. */
  approvalThresholdCents: number;
  /** An allocation change that raises the cost by at least this much needs approval too. */
  allocationChangeStepCents: number;
}

const keys = { approvalThresholdCents: 'decision_approval_threshold_cents', allocationChangeStepCents: 'allocation_change_step_cents' } as const;

export async function getApprovalSettings(tx: Tx): Promise<ApprovalSettings> {
  return {
    approvalThresholdCents: Number((await findSetting(tx, keys.approvalThresholdCents)) ?? DEFAULT_APPROVAL_THRESHOLD_CENTS),
    allocationChangeStepCents: Number((await findSetting(tx, keys.allocationChangeStepCents)) ?? DEFAULT_CHANGE_STEP_CENTS),
  };
}

/** Stores the settings given; answers them before and after. */
export async function setApprovalSettings(tx: Tx, tenantId: string, input: Partial<ApprovalSettings>): Promise<{ before: ApprovalSettings; after: ApprovalSettings }> {
  const before = await getApprovalSettings(tx);
  for (const name of Object.keys(keys) as (keyof ApprovalSettings)[]) {
    const value = input[name];
    if (value !== undefined) await upsertSetting(tx, tenantId, keys[name], String(value));
  }
  return { before, after: await getApprovalSettings(tx) };
}

// Other modules (the Participatiewet) keep their own settings in the same table, through these, by keys
// of their own.
/** A municipality setting by key; undefined when not set. */
export async function readSetting(tx: Tx, key: string): Promise<string | undefined> {
  return findSetting(tx, key);
}
/** Several municipality settings in one query; a key not set is absent from the map. */
export async function readSettings(tx: Tx, keys: readonly string[]): Promise<Map<string, string>> {
  return findSettings(tx, keys);
}
/** Stores a municipality setting by key. */
export async function writeSetting(tx: Tx, tenantId: string, key: string, value: string): Promise<void> {
  await upsertSetting(tx, tenantId, key, value);
}
