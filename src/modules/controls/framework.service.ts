// The municipality's control frameworks: per process the latest stored version is the one that counts.
// Koers ships five (framework.data.ts); a municipality without any loads them with "standaardkaders
// laden" (the demo seed does so too). An import or an edit of a control stores a whole new version after
// the one validator (checkFramework) has judged it; on any error nothing is stored. The frameworks hold
// no personal data: reading them is no processing of anyone's data, but every change is recorded in the
// administrator's change log (admin_changes, section control_frameworks) as other configuration is.

import type { Tx } from '../../db/tenancy.js';
import { roleLabels, type Role } from '../../platform/auth/roles.js';
import { AppError, notFound, validationFailed } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { recordChange } from '../admin/admin.changes.js';
import { automatedControlIds } from './automated-control-ids.js';
import { SHIPPED_FRAMEWORKS } from './framework.data.js';
import { checkFramework, processes, processLabels, type ContentError, type ControlProcess, type FrameworkContent } from './framework.model.js';
import { contentRows, insertVersion, latestVersionRows, versionRows } from './framework.repository.js';
import type { UpdateControlBody } from './framework.schema.js';

export const SHIPPED_NOTE = 'Standaardkader van Koers (versie 1), te bewerken door de gemeente.';

const who = (id: string | null, name: string | null) => (id === null ? null : { id, displayName: name ?? '' });

/** Every process with the latest version of its framework (null when the municipality has none yet). */
export async function frameworksOverview(tx: Tx) {
  const rows = new Map((await latestVersionRows(tx)).map((r) => [r.process, r]));
  return processes.map((process) => {
    const r = rows.get(process);
    return {
      process,
      name: processLabels[process],
      current: r
        ? { version: r.version, note: r.note, createdAt: new Date(r.created_at).toISOString(), createdBy: who(r.created_by, r.display_name), steps: r.steps, risks: r.risks, controls: r.controls, automatedControls: r.automated }
        : null,
    };
  });
}

/**
 * Stores the shipped framework as version 1 of every process that has none; harmless for the others.
 * With an actor (the "standaardkaders laden" action) the change is recorded; the seed has none.
 */
export async function loadShippedFrameworks(tx: Tx, tenantId: string, actor: Actor | null = null) {
  const present = new Set((await latestVersionRows(tx)).map((r) => r.process));
  const loaded: ControlProcess[] = [];
  for (const process of processes) {
    if (present.has(process)) continue;
    await insertVersion(tx, { tenantId, process, version: 1, note: SHIPPED_NOTE, createdBy: actor?.actorId ?? null, content: SHIPPED_FRAMEWORKS[process] });
    loaded.push(process);
  }
  if (actor && loaded.length > 0) {
    await recordChange(tx, actor, {
      section: 'control_frameworks',
      subject: 'Standaardkaders',
      action: `Standaardkaders geladen: ${loaded.map((p) => processLabels[p]).join(', ')}.`,
      before: null,
      after: { processes: loaded, version: 1 },
    });
  }
  return frameworksOverview(tx);
}

/** The latest version of a process's framework; 404 when the municipality has none. */
export async function currentFramework(tx: Tx, process: ControlProcess): Promise<{ version: number; content: FrameworkContent }> {
  const versions = await versionRows(tx, process);
  const latest = versions[0];
  if (!latest) throw new AppError('NOT_FOUND', `Het controlkader ${processLabels[process]} is nog niet geladen; laad eerst de standaardkaders.`);
  return { version: latest.version, content: await contentRows(tx, process, latest.version) };
}

/** One framework as one reads it: steps → risks → controls, with every version. */
export async function frameworkDetail(tx: Tx, process: ControlProcess) {
  const { version, content } = await currentFramework(tx, process);
  const versions = await versionRows(tx, process);
  return {
    process,
    name: processLabels[process],
    version,
    steps: content.steps.map((s) => ({
      ...s,
      risks: content.risks
        .filter((r) => r.stepCode === s.code)
        .map((r) => ({
          code: r.code,
          description: r.description,
          controls: content.controls.filter((c) => c.riskCode === r.code).map(({ riskCode: _riskCode, ...c }) => ({ ...c, ownerLabel: roleLabels[c.owner as Role] ?? c.owner })),
        })),
    })),
    versions: versions.map((v) => ({ version: v.version, note: v.note, createdAt: new Date(v.created_at).toISOString(), createdBy: who(v.created_by, v.display_name) })),
    automatedControlIds: [...automatedControlIds],
  };
}

const listNames = { steps: 'steps', risks: 'risks', controls: 'controls' } as const;
/** A content error as a field error of the API: `controls[3].owner`. */
export const asFieldError = (e: ContentError) => ({ field: e.index < 0 ? listNames[e.list] : `${listNames[e.list]}[${e.index}].${e.field}`, message: e.message.charAt(0).toUpperCase() + e.message.slice(1) });

/**
 * Stores `content` as the next version of the process's framework, after validation; `errorsOf` turns the
 * validator's errors into the caller's (sheet/row/column for an import). Nothing is stored on an error.
 */
export async function storeFrameworkVersion(
  tx: Tx,
  ctx: Actor,
  input: { process: ControlProcess; content: FrameworkContent; note: string; action: string },
  errorsOf: (errors: ContentError[]) => { field: string; message: string }[] = (errors) => errors.map(asFieldError),
) {
  const errors = checkFramework(input.content);
  if (errors.length > 0) throw validationFailed(errorsOf(errors));
  const versions = await versionRows(tx, input.process);
  const previous = versions[0]?.version ?? 0;
  const version = previous + 1;
  await insertVersion(tx, { tenantId: ctx.tenantId, process: input.process, version, note: input.note, createdBy: ctx.actorId, content: input.content });
  const { steps, risks, controls } = input.content;
  await recordChange(tx, ctx, {
    section: 'control_frameworks',
    subject: `Controlkader ${processLabels[input.process]} versie ${version}`,
    action: `${input.action} (${input.note})`,
    before: previous === 0 ? null : { version: previous },
    after: { version, steps: steps.length, risks: risks.length, controls: controls.length },
  });
  return frameworkDetail(tx, input.process);
}

/** Changes a control's owner and/or frequency: a new version of the framework. */
export async function updateControl(tx: Tx, ctx: Actor, process: ControlProcess, code: string, body: UpdateControlBody) {
  const { content } = await currentFramework(tx, process);
  const index = content.controls.findIndex((c) => c.code === code);
  const control = content.controls[index];
  if (!control) throw notFound(`Beheersmaatregel ${code} in het controlkader ${processLabels[process]}`);
  const changed = { ...control, ...(body.owner === undefined ? {} : { owner: body.owner }), ...(body.frequency === undefined ? {} : { frequency: body.frequency }) };
  const parts: string[] = [];
  if (changed.owner !== control.owner) parts.push(`eigenaar ${roleLabels[control.owner as Role] ?? control.owner} → ${roleLabels[changed.owner as Role] ?? changed.owner}`);
  if (changed.frequency !== control.frequency) parts.push(`frequentie ${control.frequency} → ${changed.frequency}`);
  if (parts.length === 0) throw validationFailed([{ field: 'owner', message: 'Er is niets gewijzigd: kies een andere eigenaar of frequentie.' }]);
  const controls = content.controls.map((c, i) => (i === index ? changed : c));
  return storeFrameworkVersion(tx, ctx, { process, content: { ...content, controls }, note: body.note, action: `Beheersmaatregel ${code}: ${parts.join('; ')}` }, (errors) =>
    errors.map((e) => (e.list === 'controls' && e.index === index ? { field: e.field, message: asFieldError(e).message } : asFieldError(e))),
  );
}
