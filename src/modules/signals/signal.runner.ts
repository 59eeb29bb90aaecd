import { withoutJit } from '../../db/without-jit.js';
import type { Tx } from '../../db/tenancy.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { validationFailed } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { evaluateRule, type RuleOutcome } from './signal.engine.js';
import { signalRules, unknownRuleIds } from './rules/index.js';
import { insertRun } from './signal.repository.js';
import type { SignalRule } from './signal.rule.js';
import type { RunTrigger, SignalJob } from './signal.tables.js';

export interface RunOptions {
  trigger: RunTrigger;
  job?: SignalJob | null;
  actorId?: string | null;
  /** Only these rules (default: all; the `termijnregels` job: the deadline rules). */
  ruleIds?: readonly string[];
  now?: Date;
  onRule?: (done: number, total: number, outcome: RuleOutcome) => void;
  /** A stopping server aborts the run between two rules (the caller's transaction then rolls back). */
  signal?: AbortSignal;
}

export function rulesForJob(job: SignalJob): SignalRule[] {
  return job === 'termijnregels' ? signalRules.filter((r) => r.schedule === 'termijn') : [...signalRules];
}

function selectRules(options: RunOptions): SignalRule[] {
  if (options.ruleIds) {
    const unknown = unknownRuleIds(options.ruleIds);
    if (unknown.length > 0) {
      throw validationFailed([{ field: 'rules', message: `Onbekende regel: ${unknown.join(', ')}.` }]);
    }
    return signalRules.filter((r) => options.ruleIds!.includes(r.id));
  }
  return options.job ? rulesForJob(options.job) : [...signalRules];
}

/** Evaluates the rules one after another in the caller's tenant transaction and records the run. */
export async function runSignals(tx: Tx, ctx: AuditContext, options: RunOptions) {
  const rules = selectRules(options);
  const now = options.now ?? new Date();
  const ruleCtx = { today: todayInAmsterdam(now), now };
  const startedAt = new Date();
  const outcomes: RuleOutcome[] = [];
  await withoutJit(tx);
  for (const rule of rules) {
    options.signal?.throwIfAborted();
    const outcome = await evaluateRule(tx, ctx, rule, ruleCtx);
    outcomes.push(outcome);
    options.onRule?.(outcomes.length, rules.length, outcome);
  }
  const finishedAt = new Date();
  const sum = (key: 'found' | 'opened' | 'changed' | 'solved') => outcomes.reduce((n, o) => n + o[key], 0);
  const run = await insertRun(tx, {
    tenant_id: ctx.tenantId,
    trigger: options.trigger,
    job: options.job ?? null,
    actor_id: options.actorId ?? null,
    rules: rules.map((r) => r.id),
    started_at: startedAt,
    finished_at: finishedAt,
    found: sum('found'),
    opened: sum('opened'),
    changed: sum('changed'),
    solved: sum('solved'),
  });
  return { id: run.id, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), rules: outcomes };
}
