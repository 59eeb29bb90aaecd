import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import { createTestDatabase } from '../../../test/support/database.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { evaluateRule } from './signal.engine.js';
import { callbackOverdueRule } from './rules/callback-overdue.rule.js';
import { openCaseWithoutContactPersonRule } from './rules/open-case-without-contact-person.rule.js';
import { rejectSignal, handleSignal } from './signal.service.js';
import { createJobRegistry } from '../../platform/jobs/job.js';
import { claimDueJob, ensureSchedules, runDueJobs } from '../../platform/jobs/job.runner.js';
import { signalJobs, signalSchedules } from './signal.jobs.js';
import { insertCallback, insertCase, loadWorld, TENANT, type World } from './signal.test-support.js';

let database: Database;
let w: World;
const inTenant = <T>(work: (tx: Tx) => Promise<T>) => withTenant(database.db, TENANT, work);
const system: AuditContext = { traceId: 'a'.repeat(32), parentSpanId: null, actor: null, tenantId: TENANT };
const ruleCtx = { today: '2026-06-15', now: new Date('2026-06-15T10:00:00+02:00') };
const evaluate = () => inTenant((tx) => evaluateRule(tx, system, callbackOverdueRule, ruleCtx));
const signalsFor = (subjectId: string) =>
  inTenant((tx) => tx.selectFrom('signals').select(['id', 'status', 'facts', 'closed_note']).where('subject_id', '=', subjectId).orderBy('opened_at').orderBy('id').execute());
const eventsOf = (signalId: string) => inTenant((tx) => tx.selectFrom('signal_events').select(['kind', 'to_status', 'note']).where('signal_id', '=', signalId).orderBy('at').orderBy('kind').execute());

beforeAll(async () => {
  database = await createTestDatabase();
  w = await inTenant((tx) => loadWorld(tx, 6));
});
afterAll(async () => database.close());

describe('evaluation', () => {
  it('opens one signal per situation, keeps it on a re-run, and closes it as opgelost when the situation is gone', async () => {
    const callback = await inTenant((tx) => insertCallback(tx, w, { residentId: w.residentIds[0]!, dueAt: new Date('2026-06-14T15:00:00Z') }));
    const first = await evaluate();
    expect(first.opened).toBeGreaterThanOrEqual(1);
    const again = await evaluate();
    expect(again).toMatchObject({ opened: 0, changed: 0, solved: 0, found: first.found });
    const [signal] = await signalsFor(callback);
    expect(signal).toMatchObject({ status: 'nieuw', facts: { kanaal: 'telefoon', onderwerp: 'Vraag over hulp bij het huishouden' } });
    expect((await signalsFor(callback)).length).toBe(1);
    // The resident's data was processed by the engine: one audit record, no actor.
    const audit = await inTenant((tx) => tx.selectFrom('audit_log').select(['name', 'actor_id', 'processing_activity_id']).where('data_subject_id', '=', w.residentIds[0]!).execute());
    expect(audit).toContainEqual({ name: 'signaal.evalueren', actor_id: null, processing_activity_id: 'signalering-sociaal-domein' });

    await inTenant((tx) => tx.updateTable('callback_tasks').set({ done_at: new Date('2026-06-15T07:00:00Z') }).where('id', '=', callback).execute());
    const after = await evaluate();
    expect(after.solved).toBe(1);
    const [closed] = await signalsFor(callback);
    expect(closed).toMatchObject({ status: 'opgelost', closed_note: 'De situatie doet zich niet meer voor.' });
    expect((await eventsOf(closed!.id)).map((e) => e.kind)).toEqual(['geopend', 'opgelost']);
  });

  it('keeps a signal marked onterecht closed until its facts change, then opens a new one', async () => {
    const callback = await inTenant((tx) => insertCallback(tx, w, { residentId: w.residentIds[1]!, dueAt: new Date('2026-06-14T15:00:00Z') }));
    await evaluate();
    const [signal] = await signalsFor(callback);
    const actor = { ...system, actor: { userId: w.consultantId, username: 'consulent', roles: ['consultant'] }, actorId: w.consultantId };
    await inTenant((tx) => rejectSignal(tx, actor, { id: signal!.id, reason: 'Inwoner is al teruggebeld via de balie' }));
    expect((await evaluate()).opened).toBe(0);
    expect((await signalsFor(callback)).map((s) => s.status)).toEqual(['onterecht']);
    // New facts (a new callback moment) make it a new situation.
    await inTenant((tx) => tx.updateTable('callback_tasks').set({ due_at: new Date('2026-06-15T06:00:00Z') }).where('id', '=', callback).execute());
    expect((await evaluate()).opened).toBe(1);
    expect((await signalsFor(callback)).map((s) => s.status)).toEqual(['onterecht', 'nieuw']);
  });

  it('updates the facts of an open signal in place (no duplicate) and records the change', async () => {
    const callback = await inTenant((tx) => insertCallback(tx, w, { residentId: w.residentIds[2]!, dueAt: new Date('2026-06-14T15:00:00Z') }));
    await evaluate();
    await inTenant((tx) => tx.updateTable('callback_tasks').set({ due_at: new Date('2026-06-13T15:00:00Z') }).where('id', '=', callback).execute());
    expect((await evaluate()).changed).toBe(1);
    const signals = await signalsFor(callback);
    expect(signals).toHaveLength(1);
    expect((await eventsOf(signals[0]!.id)).map((e) => e.kind)).toEqual(['geopend', 'feiten_gewijzigd']);
  });

  it('does not reopen a handled signal while the facts stay the same', async () => {
    const callback = await inTenant((tx) => insertCallback(tx, w, { residentId: w.residentIds[3]!, dueAt: new Date('2026-06-14T15:00:00Z') }));
    await evaluate();
    const [signal] = await signalsFor(callback);
    const actor = { ...system, actor: { userId: w.consultantId, username: 'consulent', roles: ['consultant'] }, actorId: w.consultantId };
    await inTenant((tx) => handleSignal(tx, actor, { id: signal!.id, note: 'Gebeld, terugbelverzoek wordt vandaag afgesloten' }));
    expect((await evaluate()).opened).toBe(0);
    expect((await signalsFor(callback)).map((s) => s.status)).toEqual(['afgehandeld']);
  });
});

describe('assignment', () => {
  it("gives every signal the resident's area, and the area's social team to rules owned by the area team; other rules keep the query's team", async () => {
    const resident = w.residentIds[4]!;
    const home = await inTenant((tx) =>
      tx.selectFrom('residents as r').innerJoin('team_areas as ta', 'ta.area_code', 'r.area_code').select(['r.area_code', 'ta.team_id']).where('r.id', '=', resident).executeTakeFirstOrThrow(),
    );
    await inTenant((tx) => insertCase(tx, w, { residentId: resident, status: 'melding', notifiedOn: '2026-06-01' }));
    const callback = await inTenant((tx) => insertCallback(tx, w, { residentId: resident, dueAt: new Date('2026-06-14T15:00:00Z') }));
    expect(openCaseWithoutContactPersonRule.assignTeam).toBe('area');
    await inTenant((tx) => evaluateRule(tx, system, openCaseWithoutContactPersonRule, ruleCtx));
    await evaluate();
    const opened = await inTenant((tx) =>
      tx.selectFrom('signals').select(['rule_id', 'area_code', 'assignee_team_id', 'assignee_user_id']).where('subject_id', 'in', [resident, callback]).where('status', '=', 'nieuw').orderBy('rule_id').execute(),
    );
    expect(opened).toEqual([
      // The callback was routed to a person, without a team: the signal stays with that person.
      { rule_id: 'terugbelverzoek-verlopen', area_code: home.area_code, assignee_team_id: null, assignee_user_id: w.consultantId },
      { rule_id: 'zaak-zonder-contactpersoon', area_code: home.area_code, assignee_team_id: home.team_id, assignee_user_id: null },
    ]);
  });
});

describe('schedule', () => {
  const registry = createJobRegistry(signalJobs);
  const names = registry.names;

  it('claims a due job once (lease), runs due jobs from the persisted schedule and plans the next run', async () => {
    const now = new Date();
    await inTenant((tx) => ensureSchedules(tx, TENANT, signalSchedules({ enabled: true, nightlyAt: '02:00', deadlineEveryMinutes: 60 }), now));
    const claimed = await inTenant((tx) => claimDueJob(tx, registry, names, 'worker-a', now));
    expect(claimed?.name).toBeDefined();
    // The lease holds: another worker gets the other job, then nothing.
    const other = await inTenant((tx) => claimDueJob(tx, registry, names, 'worker-b', now));
    expect(other?.name).not.toBe(claimed?.name);
    expect(await inTenant((tx) => claimDueJob(tx, registry, names, 'worker-b', now))).toBeUndefined();
    // A lease that expired (a crashed runner) is claimed again; then both jobs run and are planned ahead.
    const later = () => new Date(now.getTime() + 31 * 60_000);
    expect(await runDueJobs(database.db, registry, { workerId: 'worker-c', now: later })).toBeGreaterThanOrEqual(2);
    const jobs = await inTenant((tx) => tx.selectFrom('jobs').selectAll().where('name', 'like', 'signalen.%').orderBy('name').execute());
    expect(jobs.map((j) => j.name)).toEqual(['signalen.alle-regels', 'signalen.termijnregels']);
    for (const j of jobs) {
      expect(j.locked_until).toBeNull();
      expect(j.last_status).toBe('geslaagd');
      expect(j.last_error).toBeNull();
      expect(j.last_result).toMatchObject({ runId: expect.any(String), found: expect.any(Number) });
      expect(new Date(j.run_at).getTime()).toBeGreaterThan(later().getTime());
    }
    const runs = await inTenant((tx) => tx.selectFrom('signal_runs').select(['trigger', 'job', 'rules']).where('trigger', '=', 'schema').execute());
    expect(runs.map((r) => r.job).sort()).toEqual(['alle-regels', 'termijnregels']);
    expect(runs.find((r) => r.job === 'termijnregels')!.rules).toEqual(['zaak-termijn', 'directe-toegang-loopt-af', 'terugbelverzoek-verlopen', 'schuldhulp-eerste-gesprek']);
    // Nothing is due any more.
    expect(await runDueJobs(database.db, registry, { workerId: 'worker-c', now: later })).toBe(0);
  });

  it('schedules nothing when KOERS_SIGNALS_SCHEDULER is off', () => {
    expect(signalSchedules({ enabled: false, nightlyAt: '02:00', deadlineEveryMinutes: 60 })).toEqual([]);
  });
});
