import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database.js';
import { withTenant, type Tx } from '../../../db/tenancy.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import { findSubjects, insertBenefit, loadWorld, TENANT, type World } from '../signal.test-support.js';
import type { RuleContext } from '../signal.rule.js';
import { pwIncomeAboveNormRule } from './pw-income-above-norm.rule.js';

// Monday 15 June 2026: statements from March 2026 on count.
const ctx: RuleContext = { today: '2026-06-15', now: new Date('2026-06-15T10:00:00+02:00') };
const NORM = 136_544;

let database: Database;
let w: World;
let next = 0;
const resident = () => w.residentIds[next++]!;
const inTenant = <T>(work: (tx: Tx) => Promise<T>) => withTenant(database.db, TENANT, work);

async function basis(tx: Tx, benefitId: string, validFrom: string, norm: number): Promise<void> {
  await tx.insertInto('pw_benefit_bases').values({ tenant_id: TENANT, benefit_id: benefitId, valid_from: validFrom, norm_incl_vt_cents: norm, vt_basis_points: 500, reason: 'migratie' }).execute();
}
async function statement(tx: Tx, benefitId: string, period: string, offset: number): Promise<void> {
  await tx.insertInto('pw_income_statements').values({ tenant_id: TENANT, benefit_id: benefitId, period, received_on: period, income_cents: offset, offset_cents: offset }).execute();
}
async function benefitWith(tx: Tx, statements: [string, number][], opts: { end?: string; bases?: [string, number][] } = {}): Promise<string> {
  const id = await insertBenefit(tx, w, { residentId: resident(), start: '2025-01-01', end: opts.end ?? null, nextReexamination: '2027-01-01' });
  for (const [from, norm] of opts.bases ?? [['2025-01-01', NORM]]) await basis(tx, id, from, norm);
  for (const [period, offset] of statements) await statement(tx, id, period, offset);
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  w = await inTenant((tx) => loadWorld(tx, 12));
});
afterAll(async () => database.close());

describe('pw-inkomsten-boven-norm', () => {
  it('finds a statement at or above the norm incl. VT, not a near miss one cent below, an old one, an ended benefit or an earlier month', async () => {
    const ids = await inTenant(async (tx) => ({
      atNorm: await benefitWith(tx, [['2026-05-01', NORM]]),
      above: await benefitWith(tx, [['2026-04-01', NORM + 50_000]]),
      nearMiss: await benefitWith(tx, [['2026-05-01', NORM - 1]]),
      old: await benefitWith(tx, [['2026-02-01', NORM + 50_000]]),
      ended: await benefitWith(tx, [['2026-05-01', NORM + 50_000]], { end: '2026-05-31' }),
      // The latest statement counts: above in April, below again in May.
      recovered: await benefitWith(tx, [['2026-04-01', NORM + 50_000], ['2026-05-01', 10_000]]),
      // The basis of the statement's month counts: a higher norm from May on.
      newBasis: await benefitWith(tx, [['2026-05-01', NORM + 100]], { bases: [['2025-01-01', NORM], ['2026-05-01', NORM + 200]] }),
    }));
    const subjects = await inTenant((tx) => findSubjects(tx, pwIncomeAboveNormRule.query(ctx)));
    expect(subjects.get(ids.atNorm)?.facts).toMatchObject({ maand: '2026-05', te_verrekenen_inkomen_cent: NORM, norm_incl_vt_cent: NORM });
    expect(subjects.get(ids.above)?.facts).toMatchObject({ maand: '2026-04' });
    expect(subjects.get(ids.atNorm)?.assignee_user_id).toBe(w.consultantId);
    for (const missed of [ids.nearMiss, ids.old, ids.ended, ids.recovered, ids.newBasis]) expect(subjects.has(missed)).toBe(false);
  });
});
