// The debt-help signal: a registration waiting for its first conversation near or past the term's last
// day. A dataset it must find and near misses it must not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database.js';
import { withTenant, type Tx } from '../../../db/tenancy.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import { findSubjects, loadWorld, TENANT, type World } from '../signal.test-support.js';
import type { RuleContext } from '../signal.rule.js';
import { debtFirstConversationRule } from './debt-first-conversation.rule.js';

// Monday 15 June 2026: 1 working day later is Tuesday 16 June, 5 working days later Monday 22 June.
const ctx: RuleContext = { today: '2026-06-15', now: new Date('2026-06-15T10:00:00+02:00') };

let database: Database;
let w: World;
let free: string[] = [];
let next = 0;
const resident = () => free[next++]!;
const inTenant = <T>(work: (tx: Tx) => Promise<T>) => withTenant(database.db, TENANT, work);

async function registration(tx: Tx, d: { crisis: boolean; due: string; heldOn?: string; decided?: boolean }): Promise<string> {
  const residentId = resident();
  await tx
    .insertInto('debt_cases')
    .values({
      tenant_id: TENANT,
      resident_id: residentId,
      registered_on: '2026-05-01',
      channel: 'medewerker',
      help_question: 'test',
      threat_eviction: d.crisis,
      term_code: d.crisis ? 'eerste-gesprek-crisis' : 'eerste-gesprek',
      first_conversation_due: d.due,
      first_conversation_on: d.heldOn ?? null,
      decision: d.decided ? 'afgewezen' : null,
      decision_on: d.decided ? (d.heldOn ?? null) : null,
      decision_reason: d.decided ? 'test' : null,
      registered_by: w.consultantId,
    })
    .execute();
  return residentId;
}

beforeAll(async () => {
  database = await createTestDatabase();
  w = await inTenant((tx) => loadWorld(tx, 30));
  // The demo seeds registrations too (src/demo/seed-debt.ts): only residents without one.
  const taken = await inTenant((tx) => tx.selectFrom('debt_cases').select('resident_id').execute());
  free = w.residentIds.filter((id) => !taken.some((t) => t.resident_id === id));
});
afterAll(async () => database.close());

describe('schuldhulp-eerste-gesprek', () => {
  it('finds a term within its horizon or passed, not one further away, held or decided', async () => {
    const ids = await inTenant(async (tx) => ({
      passed: await registration(tx, { crisis: false, due: '2026-06-12' }),
      regularSoon: await registration(tx, { crisis: false, due: '2026-06-22' }),
      crisisSoon: await registration(tx, { crisis: true, due: '2026-06-16' }),
      // Near misses: a regular term 6 working days away, a crisis term 2 working days away, a held conversation, a decision.
      regularLater: await registration(tx, { crisis: false, due: '2026-06-23' }),
      crisisLater: await registration(tx, { crisis: true, due: '2026-06-17' }),
      held: await registration(tx, { crisis: false, due: '2026-06-12', heldOn: '2026-06-10' }),
      decided: await registration(tx, { crisis: false, due: '2026-06-12', heldOn: '2026-06-10', decided: true }),
    }));
    const subjects = await inTenant((tx) => findSubjects(tx, debtFirstConversationRule.query(ctx)));
    expect(subjects.get(ids.passed)?.facts).toMatchObject({ termijn: '4 weken', uiterlijk: '2026-06-12', stand: 'verstreken' });
    expect(subjects.get(ids.regularSoon)?.facts).toMatchObject({ uiterlijk: '2026-06-22', stand: 'loopt af' });
    expect(subjects.get(ids.crisisSoon)?.facts).toMatchObject({ termijn: '3 werkdagen (crisis)', uiterlijk: '2026-06-16' });
    expect(subjects.get(ids.passed)).toMatchObject({ subject_type: 'resident', resident_id: ids.passed, assignee_user_id: w.consultantId });
    for (const miss of [ids.regularLater, ids.crisisLater, ids.held, ids.decided]) expect(subjects.has(miss)).toBe(false);
  });
});
