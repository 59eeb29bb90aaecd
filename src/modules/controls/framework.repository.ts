import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { FrameworkContent } from './framework.model.js';

// The stored versions of the control frameworks (migration 0034). Rows are only added: the application
// role has no update or delete on these tables.

/** The latest version of every process that has one, with its counts. */
export async function latestVersionRows(tx: Tx) {
  return tx
    .selectFrom('control_framework_versions as v')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'v.created_by').onRef('u.tenant_id', '=', 'v.tenant_id'))
    .select([
      'v.process',
      'v.version',
      'v.note',
      'v.created_at',
      'v.created_by',
      'u.display_name',
      sql<number>`(select count(*)::int from control_framework_steps s where s.process = v.process and s.version = v.version)`.as('steps'),
      sql<number>`(select count(*)::int from control_framework_risks r where r.process = v.process and r.version = v.version)`.as('risks'),
      sql<number>`(select count(*)::int from control_framework_controls c where c.process = v.process and c.version = v.version)`.as('controls'),
      sql<number>`(select count(*)::int from control_framework_controls c where c.process = v.process and c.version = v.version and c.automated_control_id is not null)`.as('automated'),
    ])
    .where('v.version', '=', (eb) => eb.selectFrom('control_framework_versions as w').select((w) => w.fn.max('w.version').as('m')).whereRef('w.process', '=', 'v.process'))
    .execute();
}

/** Every version of one process, newest first, with who stored it (no one for the shipped framework). */
export async function versionRows(tx: Tx, process: string) {
  return tx
    .selectFrom('control_framework_versions as v')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'v.created_by').onRef('u.tenant_id', '=', 'v.tenant_id'))
    .select(['v.version', 'v.note', 'v.created_at', 'v.created_by', 'u.display_name'])
    .where('v.process', '=', process)
    .orderBy('v.version', 'desc')
    .execute();
}

/** The content of one stored version, in the order it was stored. */
export async function contentRows(tx: Tx, process: string, version: number): Promise<FrameworkContent> {
  const [steps, risks, controls] = await Promise.all([
    tx.selectFrom('control_framework_steps').select(['code', 'name', 'follows']).where('process', '=', process).where('version', '=', version).orderBy('position').execute(),
    tx.selectFrom('control_framework_risks').select(['code', 'step_code', 'description']).where('process', '=', process).where('version', '=', version).orderBy('position').execute(),
    tx
      .selectFrom('control_framework_controls')
      .select(['code', 'risk_code', 'description', 'kind', 'frequency', 'owner_role', 'norm', 'impact_type', 'automated_control_id'])
      .where('process', '=', process)
      .where('version', '=', version)
      .orderBy('position')
      .execute(),
  ]);
  return {
    steps: steps.map((s) => ({ code: s.code, name: s.name, follows: s.follows })),
    risks: risks.map((r) => ({ code: r.code, stepCode: r.step_code, description: r.description })),
    controls: controls.map((c) => ({
      code: c.code,
      riskCode: c.risk_code,
      description: c.description,
      kind: c.kind as FrameworkContent['controls'][number]['kind'],
      frequency: c.frequency as FrameworkContent['controls'][number]['frequency'],
      owner: c.owner_role,
      norm: c.norm,
      impactType: c.impact_type as FrameworkContent['controls'][number]['impactType'],
      automatedControlId: c.automated_control_id,
    })),
  };
}

/**
 * Stores a validated version with all its rows. The version number is taken by the primary key: a
 * concurrent store of the same number fails (409) and nothing of it remains (one transaction).
 */
export async function insertVersion(tx: Tx, row: { tenantId: string; process: string; version: number; note: string; createdBy: string | null; content: FrameworkContent }): Promise<void> {
  const key = { tenant_id: row.tenantId, process: row.process, version: row.version };
  await tx.insertInto('control_framework_versions').values({ ...key, note: row.note, created_by: row.createdBy }).execute();
  const { steps, risks, controls } = row.content;
  await tx.insertInto('control_framework_steps').values(steps.map((s, i) => ({ ...key, code: s.code, position: i + 1, name: s.name, follows: s.follows }))).execute();
  if (risks.length > 0) await tx.insertInto('control_framework_risks').values(risks.map((r, i) => ({ ...key, code: r.code, step_code: r.stepCode, position: i + 1, description: r.description }))).execute();
  if (controls.length > 0) {
    await tx
      .insertInto('control_framework_controls')
      .values(
        controls.map((c, i) => ({
          ...key,
          code: c.code,
          risk_code: c.riskCode,
          position: i + 1,
          description: c.description,
          kind: c.kind,
          frequency: c.frequency,
          owner_role: c.owner,
          norm: c.norm,
          impact_type: c.impactType,
          automated_control_id: c.automatedControlId,
        })),
      )
      .execute();
  }
}
