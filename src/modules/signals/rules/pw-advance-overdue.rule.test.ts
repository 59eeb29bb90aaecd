// The Participatiewet application's signals: the advance not paid within 4 weeks (this rule), and the
// decision term of a PW-LO case, which the general case-deadline rule already covers (tested here, not duplicated).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/database.js';
import { withTenant, type Tx } from '../../../db/tenancy.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import { findSubjects, insertCase, insertCaseEvent, loadWorld, TENANT, type World } from '../signal.test-support.js';
import type { RuleContext, SignalRule } from '../signal.rule.js';
import { caseDeadlineRule } from './case-deadline.rule.js';
import { pwAdvanceOverdueRule } from './pw-advance-overdue.rule.js';

// Monday 15 June 2026; 5 working days later is Monday 22 June.
const ctx: RuleContext = { today: '2026-06-15', now: new Date('2026-06-15T10:00:00+02:00') };

let database: Database;
let w: World;
let next = 0;
const resident = () => w.residentIds[next++]!;
const inTenant = <T>(work: (tx: Tx) => Promise<T>) => withTenant(database.db, TENANT, work);
const found = (rule: SignalRule) => inTenant((tx) => findSubjects(tx, rule.query(ctx)));

async function application(tx: Tx, a: { appliedOn: string | null; status?: string; decision?: 'open' | 'voorgesteld' | 'afgewezen'; advance?: boolean }): Promise<string> {
  const residentId = resident();
  const caseId = await insertCase(tx, w, { residentId, caseType: 'PW-LO', status: a.status ?? (a.appliedOn ? 'aanvraag' : 'melding'), notifiedOn: '2026-04-01', appliedOn: a.appliedOn });
  const decided = a.decision === 'afgewezen';
  await tx
    .insertInto('pw_applications')
    .values({
      tenant_id: TENANT,
      case_id: caseId,
      resident_id: residentId,
      reported_on: '2026-04-01',
      search_period_ends_on: null,
      advance_cents: a.advance ? 40_000 : null,
      advance_paid_on: a.advance ? '2026-05-20' : null,
      decision_status: a.decision ?? 'open',
      outcome: a.decision === undefined || a.decision === 'open' ? null : 'afwijzing',
      refusal_reason: a.decision === undefined || a.decision === 'open' ? null : 'Geen bewijsstukken',
      decided_at: decided ? new Date() : null,
    })
    .execute();
  return caseId;
}

beforeAll(async () => {
  database = await createTestDatabase();
  w = await inTenant((tx) => loadWorld(tx, 12));
});
afterAll(async () => database.close());

describe('pw-voorschot-te-laat', () => {
  it('finds an undecided application without an advance past its 4 weeks, not one within them, with an advance, decided or not yet applied', async () => {
    const ids = await inTenant(async (tx) => ({
      // Applied 15 May + 28 days = 12 June, the last day: passed by 15 June.
      late: await application(tx, { appliedOn: '2026-05-15' }),
      proposed: await application(tx, { appliedOn: '2026-05-01', decision: 'voorgesteld' }),
      // Applied 18 May + 28 = 15 June (today): still within the term — near miss.
      lastDay: await application(tx, { appliedOn: '2026-05-18' }),
      paid: await application(tx, { appliedOn: '2026-05-01', advance: true }),
      refused: await application(tx, { appliedOn: '2026-05-01', status: 'besluit', decision: 'afgewezen' }),
      onlyReported: await application(tx, { appliedOn: null }),
    }));
    const subjects = await found(pwAdvanceOverdueRule);
    expect(subjects.get(ids.late)?.facts).toMatchObject({ aanvraag: '2026-05-15', voorschot_uiterlijk: '2026-06-12' });
    expect(subjects.get(ids.late)?.assignee_user_id).toBe(w.consultantId);
    expect(subjects.has(ids.proposed)).toBe(true);
    for (const miss of [ids.lastDay, ids.paid, ids.refused, ids.onlyReported]) expect(subjects.has(miss)).toBe(false);
  });
});

describe('zaak-termijn on a Pw application (PW-LO, 8 weeks)', () => {
  it('finds the decision term ending within 5 working days, not one further away or suspended by a hersteltermijn', async () => {
    const ids = await inTenant(async (tx) => ({
      // Applied 20 April + 8 weeks = 15 June (today).
      soon: await application(tx, { appliedOn: '2026-04-20' }),
      // Applied 28 April + 8 weeks = 23 June: 6 working days away — near miss.
      later: await application(tx, { appliedOn: '2026-04-28' }),
      // Documents missing: the hersteltermijn suspends the term (Awb 4:15).
      suspended: await application(tx, { appliedOn: '2026-04-20' }),
    }));
    await inTenant((tx) => insertCaseEvent(tx, w, { caseId: ids.suspended, kind: 'suspension_start', onDate: '2026-05-04' }));
    const subjects = await found(caseDeadlineRule);
    expect(subjects.get(ids.soon)?.facts).toMatchObject({ termijn: 'beschikking', uiterlijk: '2026-06-15', stand: 'binnen 5 werkdagen' });
    expect(subjects.has(ids.later)).toBe(false);
    expect(subjects.has(ids.suspended)).toBe(false);
  });
});
