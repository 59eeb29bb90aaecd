import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { withTenant } from '../db/tenancy.js';
import { signalRules, unknownRuleIds } from '../modules/signals/rules/index.js';
import { runSignals } from '../modules/signals/signal.runner.js';
import { refreshRuleStatistics } from '../modules/signals/signal.analyze.js';
import { listTenants } from '../modules/tenants/tenant.service.js';
import { AppError } from '../platform/errors.js';
import { createProgress } from './progress.js';

const say = (line: string) => process.stderr.write(`${line}\n`);

export interface SignalRunOptions {
  tenant?: string;
  rules?: string;
}

/** Evaluates the signal rules for one or every municipality, with progress per rule. */
export async function runSignalsFromCli(database: Database, opts: SignalRunOptions): Promise<void> {
  const tenants = (await listTenants(database.db)).map((t) => t.id);
  if (opts.tenant && !tenants.includes(opts.tenant)) {
    throw new AppError('NOT_FOUND', `Gemeente ${opts.tenant} bestaat niet op deze installatie (wel: ${tenants.join(', ') || 'geen'}).`);
  }
  const ruleIds = opts.rules ? opts.rules.split(',').map((r) => r.trim()).filter(Boolean) : undefined;
  const unknown = unknownRuleIds(ruleIds ?? []);
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Onbekende regel: ${unknown.join(', ')}. Regels: ${signalRules.map((r) => r.id).join(', ')}.`);
  }
  if (tenants.length === 0) {
    throw new AppError('NOT_FOUND', 'Deze database heeft nog geen gemeenten: laad eerst gegevens, bijvoorbeeld de demo met `koers seed`.');
  }
  await refreshRuleStatistics(database.db);
  for (const tenantId of opts.tenant ? [opts.tenant] : tenants) {
    const progress = createProgress(`Signaalregels ${tenantId}`);
    const started = Date.now();
    const ctx = { traceId: randomUUID().replaceAll('-', ''), parentSpanId: null, actor: null, tenantId };
    const run = await withTenant(database.db, tenantId, (tx) =>
      runSignals(tx, ctx, { trigger: 'cli', ...(ruleIds ? { ruleIds } : {}), onRule: (done, total) => progress(done, total) }),
    );
    for (const r of run.rules) say(`  ${r.ruleId}: ${r.found} gevonden, ${r.opened} nieuw, ${r.changed} gewijzigd, ${r.solved} opgelost`);
    say(`${tenantId}: signaalregels geëvalueerd in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
