import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { isTenantId, withTenant } from '../db/tenancy.js';
import { schemasFor } from '../modules/exchange/exchange.config.js';
import { checkMessageFiles } from '../modules/exchange/exchange.check.js';
import { describeOutcome, receiveFile, type FileOutcome } from '../modules/exchange/exchange.files.js';
import { waitingFiles } from '../modules/exchange/exchange.folder.js';
import { exportPendingMessages } from '../modules/exchange/exchange.transport.js';
import type { Config } from '../platform/config.js';
import { listTenantIds } from '../platform/jobs/job.runner.js';
import { systemAuditContext } from '../platform/unit-of-work.js';
import { createProgress } from './progress.js';

/** Runs an action against the migrated database (which holds the PGlite folder lock while it is open). */
export type DatabaseRunner = (action: (config: Config, database: Database) => Promise<void>) => Promise<void>;

const say = (line: string) => process.stderr.write(`${line}\n`);
const print = (line: string) => process.stdout.write(`${line}\n`);

/** A usage error: the message, exit 2, before the database is opened. */
class UsageError extends Error {}

function checkTenant(tenant: string | undefined): string {
  if (!tenant) throw new UsageError('Geef de gemeente op met --tenant, bijvoorbeeld --tenant GM0935.');
  if (!isTenantId(tenant)) throw new UsageError(`--tenant ${tenant}: een gemeentecode is GM gevolgd door vier cijfers, bijvoorbeeld GM0935.`);
  return tenant;
}

async function requireTenant(database: Database, tenant: string): Promise<void> {
  const tenants = await listTenantIds(database.db);
  if (!tenants.includes(tenant)) throw new UsageError(`Gemeente ${tenant} bestaat niet op deze installatie (wel: ${tenants.join(', ') || 'geen'}).`);
}

/** The message files named on the command line: files as given, folders' *.xml (not their subfolders). */
export function messageFilesOf(paths: string[]): string[] {
  if (paths.length === 0) throw new UsageError('Geef een of meer berichten (XML-bestanden) of mappen op.');
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`${p} bestaat niet.`);
    if (statSync(p).isDirectory()) files.push(...waitingFiles(p, Number.MAX_SAFE_INTEGER));
    else files.push(p);
  }
  if (files.length === 0) throw new UsageError(`Geen XML-bestanden gevonden in ${paths.join(', ')}.`);
  return files;
}

/** The summary of an import: counts, and the refused files with their reasons or retour codes. */
export function importSummary(outcomes: FileOutcome[]): string[] {
  const count = (o: FileOutcome['outcome']) => outcomes.filter((x) => x.outcome === o).length;
  const lines = [
    `${outcomes.length} ${outcomes.length === 1 ? 'bericht' : 'berichten'}: ${count('accepted')} aangenomen, ${count('rejected')} afgekeurd (met retourbericht), ${count('duplicate')} dubbel, ${count('refused')} geweigerd.`,
  ];
  return lines;
}

/** Runs a command's work; a usage error ends with its message and exit code 2. */
async function usage(fail: (code: number) => void, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(error.message);
    fail(2);
  }
}

/** `koers berichten check FILE…`: exit 0 when every message passes, 1 when one does not, 2 without schemas. */
export function runMessageCheck(config: Config, files: string[], fail: (code: number) => void): void {
  const outcome = checkMessageFiles(config.istandaardenDir, files.map((file) => ({ name: file, read: () => readFileSync(file) })));
  for (const line of outcome.lines) process.stdout.write(`${line}\n`);
  if (outcome.exitCode !== 0) fail(outcome.exitCode);
}

/** `koers berichten import --tenant GMxxxx FILE|DIR…`: receives messages; exit 0 when all are accepted, 1 otherwise. */
export async function runMessageImport(paths: string[], opts: { tenant?: string }, fail: (code: number) => void, withDatabase: DatabaseRunner): Promise<void> {
  await usage(fail, async () => {
    const tenant = checkTenant(opts.tenant);
    const files = messageFilesOf(paths);
    await withDatabase(async (config, database) => {
      await usage(fail, async () => {
        await requireTenant(database, tenant);
        const schemas = schemasFor(config.istandaardenDir);
        const progress = createProgress('Berichten verwerken');
        const outcomes: FileOutcome[] = [];
        const audit = systemAuditContext(tenant);
        for (const [i, file] of files.entries()) {
          const outcome = await receiveFile(database.db, audit, schemas, { file, channel: 'cli', now: new Date() });
          outcomes.push(outcome);
          print(describeOutcome(outcome));
          progress(i + 1, files.length);
        }
        for (const line of importSummary(outcomes)) print(line);
        if (outcomes.some((o) => o.outcome !== 'accepted')) fail(1);
      });
    });
  });
}

/** `koers berichten export --tenant GMxxxx --out DIR`: writes the pending outgoing messages and marks them downloaded. */
export async function runMessageExport(opts: { tenant?: string; out?: string }, fail: (code: number) => void, withDatabase: DatabaseRunner): Promise<void> {
  await usage(fail, async () => {
    const tenant = checkTenant(opts.tenant);
    if (!opts.out) throw new UsageError('Geef de doelmap op met --out, bijvoorbeeld --out ./uit.');
    if (existsSync(opts.out) && !statSync(opts.out).isDirectory()) throw new UsageError(`--out ${opts.out} is een bestand, geen map.`);
    const out = path.resolve(opts.out);
    await withDatabase(async (_config, database) => {
      await usage(fail, async () => {
        await requireTenant(database, tenant);
        const progress = createProgress('Berichten schrijven');
        const { files } = await withTenant(database.db, tenant, (tx) => exportPendingMessages(tx, systemAuditContext(tenant), { dir: out, now: new Date(), onProgress: progress }));
        for (const file of files) print(file);
        print(files.length ? `${files.length} ${files.length === 1 ? 'bericht' : 'berichten'} geschreven naar ${out} en gemarkeerd als opgehaald.` : 'Geen berichten die klaarstaan.');
      });
    });
  });
}
