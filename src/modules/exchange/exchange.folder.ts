// The folder exchange (KOERS_BERICHTEN_IN / KOERS_BERICHTEN_UIT, a subfolder per municipality): the
// job picks up *.xml from `<in>/<GMxxxx>/`, receives each in a savepoint of its own, and moves it to
// `verwerkt/` (accepted) or `geweigerd/` (refused, or rejected by the standard) with a
// `<file>.resultaat.json` next to it; pending outgoing messages are written to `<uit>/<GMxxxx>/` and
// marked downloaded. Files are moved when every message of the run has been handled, just before the
// run's transaction commits: a run that fails leaves its files where they were, to be picked up again.

import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Tx } from '../../db/tenancy.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { receiveFile, type FileOutcome } from './exchange.files.js';
import type { SchemaSet } from './exchange.schemas.js';
import { exportPendingMessages, writeFileAtomic } from './exchange.transport.js';

export interface FolderSettings {
  inDir: string | undefined;
  outDir: string | undefined;
  /** Files per run (the rest waits for the next run). */
  limit?: number;
}

export interface FolderRunResult {
  received: number;
  refused: number;
  written: number;
}

/** The *.xml files waiting in a folder, oldest name first (temporary files starting with a dot are skipped). */
export function waitingFiles(dir: string, limit: number): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name.toLowerCase().endsWith('.xml'))
    .map((e) => e.name)
    .sort()
    .slice(0, limit)
    .map((name) => path.join(dir, name));
}

/** A name in `dir` that is not taken yet (a second file with the same name gets a suffix). */
function freeName(dir: string, name: string): string {
  if (!existsSync(path.join(dir, name))) return name;
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  for (let i = 2; ; i++) if (!existsSync(path.join(dir, `${base}-${i}${ext}`))) return `${base}-${i}${ext}`;
}

const resultFile = (o: FileOutcome, at: Date) =>
  JSON.stringify(o.outcome === 'refused' ? { bestand: path.basename(o.file), verwerktOp: at.toISOString(), uitkomst: 'geweigerd', reden: o.error.message, code: o.error.code, weigeringId: o.refusalId } : { bestand: path.basename(o.file), verwerktOp: at.toISOString(), uitkomst: o.outcome, ...o.result }, null, 2);

/** Moves a handled file to verwerkt/ or geweigerd/, with its result next to it. */
export function settleFile(o: FileOutcome, at: Date): string {
  const target = path.join(path.dirname(o.file), o.outcome === 'accepted' ? 'verwerkt' : 'geweigerd');
  const name = freeName(target, path.basename(o.file));
  writeFileAtomic(path.join(target, `${name}.resultaat.json`), `${resultFile(o, at)}\n`);
  renameSync(o.file, path.join(target, name));
  return path.join(target, name);
}

/** One run for one municipality, in the job's transaction. */
export async function runFolderExchange(uow: { tx: Tx; audit: AuditContext }, schemas: SchemaSet | undefined, settings: FolderSettings, now: Date): Promise<FolderRunResult> {
  const tenantId = uow.audit.tenantId;
  const result: FolderRunResult = { received: 0, refused: 0, written: 0 };
  if (settings.inDir) {
    const outcomes: FileOutcome[] = [];
    for (const file of waitingFiles(path.join(settings.inDir, tenantId), settings.limit ?? 100)) {
      if (!statSync(file, { throwIfNoEntry: false })) continue;
      outcomes.push(await receiveFile({ tx: uow.tx }, uow.audit, schemas, { file, channel: 'folder', now }));
    }
    for (const o of outcomes) {
      settleFile(o, now);
      if (o.outcome === 'refused') result.refused += 1;
      else result.received += 1;
    }
  }
  if (settings.outDir) {
    const { files } = await exportPendingMessages(uow.tx, uow.audit, { dir: path.join(settings.outDir, tenantId), now });
    result.written = files.length;
  }
  return result;
}
