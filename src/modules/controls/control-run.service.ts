// Control runs (issue #13 §2): the automated controls of a scope over a period, stored as a new
// version each time (never overwritten), signed off by the controller. A run is one unit of work: its
// results and exceptions, and the processing log of the residents they name, commit together or not at all.
import { createHash } from 'node:crypto';
import type { Tx } from '../../db/tenancy.js';
import { withoutJit } from '../../db/without-jit.js';
import { recordProcessing, recordProcessingOfQuery, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { automatedControlIds } from './automated-control-ids.js';
import type { ControlContext, ControlProcess } from './automated/automated-control.js';
import { automatedControls } from './automated/index.js';
import { parseRunPeriod, periodLabel } from './control-run.period.js';
import { evaluateControl, findRun, insertRun, listExceptions, listResults, listRuns, residentsOfRun, runSettings, signOff, type RunRow } from './control-run.repository.js';
import type { PeriodKind, RunScope } from './control-run.tables.js';

const ACTIVITY = 'controle-rechtmatigheid';

const scopeProcesses: Record<RunScope, readonly ControlProcess[]> = { alle: ['wmo', 'jeugd', 'participatiewet'], wmo: ['wmo'], jeugd: ['jeugd'], participatiewet: ['participatiewet'] };
const processLaws = { wmo: 'wmo', jeugd: 'jeugdwet', participatiewet: 'participatiewet' } as const;

/** The controls a run of `scope` evaluates, in the order of automatedControlIds. */
export function controlsOfScope(scope: RunScope) {
  const processes = scopeProcesses[scope];
  return automatedControls.filter((c) => c.processes.some((p) => processes.includes(p)));
}

/** Identifies the controls' code: a run records which version of the queries produced it. */
export const controlsVersion = createHash('sha256')
  .update(automatedControls.map((c) => `${c.id}\n${c.impact}\n${c.test.toString()}`).join('\n'))
  .digest('hex')
  .slice(0, 16);

export interface RunInput {
  periodKind: PeriodKind;
  period: string;
  scope: RunScope;
  today: string;
}

/** Command: runs the scope's controls over the period as a new version; logs the residents its exceptions name. */
export async function runControls(tx: Tx, ctx: Actor, input: RunInput): Promise<{ id: string; version: number }> {
  const startTime = new Date();
  const period = parseRunPeriod(input.periodKind, input.period, input.today);
  if ('error' in period) throw invalid('period', period.error);
  // Set-based analytical statements: compiling each with JIT costs more than it runs (src/db/without-jit.ts).
  await withoutJit(tx);
  await runSettings(tx);
  const run = await insertRun(tx, { tenantId: ctx.tenantId, periodKind: period.kind, periodStart: period.start, periodEnd: period.end, scope: input.scope, controlsVersion, runBy: ctx.actorId });
  const context: ControlContext = { start: period.start, end: period.end, laws: scopeProcesses[input.scope].map((p) => processLaws[p]) };
  const controls = controlsOfScope(input.scope);
  for (const control of controls) await evaluateControl(tx, ctx.tenantId, run.id, automatedControlIds.indexOf(control.id), control, context);
  await recordProcessingOfQuery(
    tx,
    ctx,
    { name: 'controlerun.uitvoeren', activity: ACTIVITY, startTime, attributes: { periode: period.label, scope: input.scope, versie: run.version } },
    residentsOfRun(run.id),
  );
  return run;
}

function runView(r: RunRow) {
  return {
    id: r.id,
    periodKind: r.period_kind,
    period: periodLabel(r.period_kind, r.period_start),
    periodStart: r.period_start,
    periodEnd: r.period_end,
    scope: r.scope,
    version: r.version,
    controlsVersion: r.controls_version,
    runBy: r.run_by_name,
    runAt: r.run_at.toISOString(),
    signedOffBy: r.signed_off_by_name,
    signedOffAt: r.signed_off_at ? r.signed_off_at.toISOString() : null,
    controls: r.controls,
    population: Number(r.population),
    exceptions: Number(r.exceptions),
    amountErrorCents: Number(r.amount_error_cents),
    amountUncertainCents: Number(r.amount_uncertain_cents),
  };
}

/** Read: the runs, newest first (counts and amounts only, no resident: not logged). */
export async function getRuns(tx: Tx, page: { offset: number; limit: number }) {
  const { rows, total } = await listRuns(tx, page);
  return { items: rows.map(runView), total };
}

/**
 * Read: one run with its result per control and a page of its exceptions. The residents on the page
 * are logged (controlerun.uitzonderingen.raadplegen), as any read of a resident's data.
 */
export async function getRun(tx: Tx, ctx: AuditContext, id: string, filter: { controlId?: string | undefined; offset: number; limit: number }) {
  const startTime = new Date();
  const run = await findRun(tx, id);
  if (!run) throw notFound('Controlerun');
  if (filter.controlId !== undefined && !(automatedControlIds as readonly string[]).includes(filter.controlId)) throw invalid('control', 'Deze controle bestaat niet.');
  const [results, exceptions] = await Promise.all([listResults(tx, id), listExceptions(tx, id, filter)]);
  const residents = [...new Set(exceptions.rows.flatMap((e) => (e.resident_id ? [e.resident_id] : [])))];
  if (residents.length > 0) {
    await recordProcessing(tx, ctx, { name: 'controlerun.uitzonderingen.raadplegen', activity: ACTIVITY, subjects: residents.map((r) => ({ type: 'resident' as const, id: r })), startTime, attributes: { controlerun: id } });
  }
  const byId = new Map(automatedControls.map((c) => [c.id as string, c]));
  return {
    run: runView(run),
    results: results.map((r) => {
      const c = byId.get(r.control_id);
      return {
        controlId: r.control_id,
        title: c?.title ?? r.control_id,
        explanation: c?.explanation ?? '',
        norm: c?.norm ?? '',
        impact: r.impact,
        population: Number(r.population),
        exceptions: r.exceptions,
        amountErrorCents: Number(r.amount_error_cents),
        amountUncertainCents: Number(r.amount_uncertain_cents),
      };
    }),
    exceptions: {
      items: exceptions.rows.map((e) => ({ id: e.id, controlId: e.control_id, subjectType: e.subject_type, subjectId: e.subject_id, residentId: e.resident_id, facts: e.facts, amountCents: Number(e.amount_cents), finding: e.finding_id ? { id: e.finding_id, number: e.finding_number! } : null })),
      total: exceptions.total,
      offset: filter.offset,
      limit: filter.limit,
    },
  };
}

/** Command: the controller signs the run off (once); the sign-off is stored with who and when. */
export async function signOffRun(tx: Tx, ctx: Actor, id: string): Promise<void> {
  const run = await findRun(tx, id);
  if (!run) throw notFound('Controlerun');
  if (!(await signOff(tx, id, ctx.actorId, new Date()))) throw new AppError('CONFLICT', 'Deze controlerun is al afgetekend.');
}
