import path from 'node:path';
import { DEFAULT_WEB_ROOT, buildApp } from '../app.js';
import { backupPglite, backupPostgres, restorePglite, restorePostgres, type RowCounts } from '../db/backup.js';
import { describeDatabase, openConfiguredDatabase, openConfiguredReplica } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { settleAfterBulkLoad } from '../db/maintenance.js';
import { migrateToLatest } from '../db/migrate.js';
import type { PopulationSize } from '../demo/population.js';
import { DEMO_PASSWORD, demoUsers, seedDemo } from '../demo/seed.js';
import { schemaFolderProblems } from '../modules/exchange/exchange.schemas.js';
import { ConfigError, type Config } from '../platform/config.js';
import { startJobRunner } from '../platform/jobs/job.runner.js';
import { jobRegistry, jobSchedules } from './jobs.js';
import { createProgress } from './progress.js';
import { seedLimburg } from './seed-limburg.js';
import { ensureWebBundle } from './web-bundle.js';

// The work of `koers serve`, `demo`, `migrate`, `seed`, `backup` and `restore`. main.ts loads this module
// only when one of those commands runs, so `koers --help` and a usage error do not load the app.

const say = (line: string) => process.stderr.write(`${line}\n`);

export async function openAndMigrate(config: Config): Promise<Database> {
  say(`Database: ${describeDatabase(config)}`);
  const database = await openConfiguredDatabase(config);
  const { applied } = await migrateToLatest(database.db);
  say(applied.length ? `Migraties toegepast: ${applied.join(', ')}` : 'Database is bij (geen nieuwe migraties).');
  return database;
}

export async function seed(database: Database, config: Config, size: PopulationSize, seedNumber: number, existing: 'keep' | 'refuse') {
  const progress = new Map<string, (done: number, total: number) => void>();
  const started = Date.now();
  const report = await seedDemo(database.db, {
    size,
    seed: seedNumber,
    withUsers: config.demo,
    existing,
    istandaardenDir: config.istandaardenDir,
    onProgress: ({ tenantId, done, total }) => {
      if (!progress.has(tenantId)) progress.set(tenantId, createProgress(`Inwoners ${tenantId}`));
      progress.get(tenantId)!(done, total);
    },
    onWmoProgress: ({ tenantId, step, done, total }) => {
      const key = `${tenantId}:${step}`;
      if (!progress.has(key)) progress.set(key, createProgress(`Wmo-demodata ${tenantId}: ${step}`));
      progress.get(key)!(done, total);
    },
  });
  for (const t of report.tenants) {
    say(`${t.id}: ${t.residentsInserted} inwoners toegevoegd (totaal ${t.residentsTotal}), ${t.usersCreated} gebruikers aangemaakt`);
    const m = t.messages;
    say(
      `${t.id}: berichten start zorg 305 in ${m.startsIn} / 306 uit ${m.startRetoursOut}; declaraties 323 in ${m.declarationsIn} / 325 uit ${m.declarationAnswersOut}; ` +
        `declaratieregels ${m.linesApproved} goedgekeurd / ${m.linesRefused} afgekeurd`,
    );
  }
  // After a load, as autovacuum would later: fresh statistics, and a visibility map for index-only scans.
  const settled = report.tenants.some((t) => t.residentsInserted > 0) ? await settleAfterBulkLoad(database.db) : null;
  say(
    `Demodata (${size}, seed ${seedNumber}) geladen in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      (settled ? `, waarvan vacuum en analyze van ${settled.tables} tabellen ${(settled.ms / 1000).toFixed(1)} s` : ''),
  );
}

/** `koers seed`: the demo sizes, or the province (limburg). */
export async function seedSize(
  database: Database,
  config: Config,
  opts: { size: PopulationSize | 'limburg'; seed: number; scale: number; municipalities?: string[] | undefined },
): Promise<void> {
  if (opts.size === 'limburg') await seedLimburg(database, { seed: opts.seed, scale: opts.scale, municipalities: opts.municipalities }, say);
  else await seed(database, config, opts.size, opts.seed, 'refuse');
}

/** `koers demo`: the demo municipalities, users and residents, then the users' names. */
export async function seedDemoSize(database: Database, config: Config, seedNumber: number): Promise<void> {
  await seed(database, config, 'demo', seedNumber, 'keep');
  say(`Demogebruikers (wachtwoord "${DEMO_PASSWORD}"): ${demoUsers.map((u) => u.username).join(', ')}`);
}

/** The iStandaarden XSD folder, when configured, must be complete: checked before the server starts. */
function checkSchemaFolder(config: Config) {
  if (!config.istandaardenDir) {
    say('Let op: KOERS_ISTANDAARDEN_DIR is niet gezet; iWmo/iJw-berichten worden niet tegen de XSD\'s gecontroleerd.');
    return;
  }
  const problems = schemaFolderProblems(config.istandaardenDir);
  if (problems.length) throw new ConfigError(`KOERS_ISTANDAARDEN_DIR: ${problems.join('; ')}`);
}

export async function serve(database: Database, config: Config, port: number) {
  checkSchemaFolder(config);
  await ensureWebBundle(DEFAULT_WEB_ROOT, say);
  // The read replica serves only the server's reads; migrations, seeds and jobs stay on the primary.
  const replica = await openConfiguredReplica(config);
  const app = await buildApp({ config, database, ...(replica ? { replica } : {}) });
  // Set once the server listens; a stop signal before that has no jobs to stop.
  const started: { jobs?: Awaited<ReturnType<typeof startJobRunner>> } = {};
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'stopping');
    await started.jobs?.stop();
    await app.close();
    await replica?.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port, host: config.host });
  // Background jobs (platform/jobs): signal evaluation nightly and hourly (KOERS_SIGNALS_*), the KPI refresh
  // nightly, the provider messages every 10 minutes. Started once the server listens: PGlite runs queries on
  // this thread, so a first signal pass started earlier would hold up the start.
  say(`Koers draait op http://localhost:${port} (${database.kind})`);
  started.jobs = await startJobRunner(database.db, jobRegistry, jobSchedules(), { log: app.log });
}

const pgdata = (config: Config) => path.resolve(config.dataDir, 'pgdata');
const backupUrl = (config: Config) => config.backupDatabaseUrl ?? config.databaseUrl;

function sayCounts(counts: RowCounts) {
  for (const [table, rows] of Object.entries(counts)) say(`  ${table}: ${rows}`);
}

/** `koers backup FILE`. */
export async function backup(config: Config, file: string): Promise<void> {
  const url = backupUrl(config);
  say(`Back-up van ${url ? describeDatabase({ ...config, databaseUrl: url }) : describeDatabase(config)} naar ${file}`);
  const counts = url ? await backupPostgres(url, file) : await backupPglite(pgdata(config), file);
  say(`Back-up geschreven naar ${file}; rijen per tabel (gecontroleerd in de back-up):`);
  sayCounts(counts);
}

/** `koers restore FILE [--force]`. */
export async function restore(config: Config, file: string, force: boolean): Promise<void> {
  const url = backupUrl(config);
  const counts = url ? await restorePostgres(file, url) : await restorePglite(file, pgdata(config), force);
  say(`Hersteld uit ${file}; rijen per tabel:`);
  sayCounts(counts);
}
