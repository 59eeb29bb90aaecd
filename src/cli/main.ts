import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_WEB_ROOT, buildApp } from '../app.js';
import { describeDatabase, openConfiguredDatabase, openConfiguredReplica } from '../db/connect.js';
import { BackupRefusedError, backupPglite, backupPostgres, restorePglite, restorePostgres, type RowCounts } from '../db/backup.js';
import { DatabaseInUseError } from '../db/data-dir-lock.js';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemo, demoUsers, DEMO_PASSWORD } from '../demo/seed.js';
import { seedLimburg } from './seed-limburg.js';
import { settleAfterBulkLoad } from '../db/maintenance.js';
import type { PopulationSize } from '../demo/population.js';
import { ConfigError, loadConfig, type Config } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { addAuditCommands } from './audit.js';
import { addExchangeCommands } from './exchange.js';
import { schemaFolderProblems } from '../modules/exchange/exchange.schemas.js';
import { addProgrammeCommands } from './programme.js';
import { addSignalCommands } from './signals.js';
import { addJobCommands, jobRegistry, jobSchedules } from './jobs.js';
import { startJobRunner } from '../platform/jobs/job.runner.js';
import { createProgress } from './progress.js';
import { ensureWebBundle } from './web-bundle.js';

const say = (line: string) => process.stderr.write(`${line}\n`);
// Set when a command ends in a refusal; PGlite's WASM runtime resets process.exitCode on close,
// so the exit status is applied explicitly after the command has finished.
let failed = false;
/** A command's own exit code other than 1 (e.g. 2: `berichten check` without schemas). */
let exitWith = 0;

function parseSeedNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31) throw new InvalidArgumentError('moet een geheel getal ≥ 0 zijn');
  return n;
}

function parseScale(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('moet een getal groter dan 0 en hoogstens 1 zijn');
  return n;
}

async function openAndMigrate(config: Config): Promise<Database> {
  say(`Database: ${describeDatabase(config)}`);
  const database = await openConfiguredDatabase(config);
  const { applied } = await migrateToLatest(database.db);
  say(applied.length ? `Migraties toegepast: ${applied.join(', ')}` : 'Database is bij (geen nieuwe migraties).');
  return database;
}

async function seed(database: Database, config: Config, size: PopulationSize, seedNumber: number, existing: 'keep' | 'refuse') {
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

/** The iStandaarden XSD folder, when configured, must be complete: checked before the server starts. */
function checkSchemaFolder(config: Config) {
  if (!config.istandaardenDir) {
    say('Let op: KOERS_ISTANDAARDEN_DIR is niet gezet; iWmo/iJw-berichten worden niet tegen de XSD\'s gecontroleerd.');
    return;
  }
  const problems = schemaFolderProblems(config.istandaardenDir);
  if (problems.length) throw new ConfigError(`KOERS_ISTANDAARDEN_DIR: ${problems.join('; ')}`);
}

async function serve(database: Database, config: Config, port: number) {
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

/**
 * Wraps a command's action: configuration parsed first, a configuration error ends with its message
 * (exit 2); an embedded database another process holds (a running server) ends with its message (exit 1).
 */
function withConfig<O>(action: (config: Config, opts: O) => Promise<void>) {
  return async (opts: O) => {
    try {
      await action(loadConfig(), opts);
    } catch (error) {
      if (error instanceof ConfigError) {
        say(error.message);
        process.exit(2);
      }
      if (error instanceof DatabaseInUseError || error instanceof BackupRefusedError) {
        say(error.message);
        process.exit(1);
      }
      throw error;
    }
  };
}

const program = new Command()
  .name('koers')
  .description('Koers — het sociaal domein van de gemeente in één systeem')
  .showHelpAfterError();

const portOption = new Option('-p, --port <port>', 'poort (standaard $PORT of 3000)').argParser((v) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('moet een poortnummer zijn');
  return n;
});

program
  .command('serve')
  .description('Migreert de database en start de server (API en webapplicatie)')
  .addOption(portOption)
  .action(
    withConfig(async (config, opts: { port?: number }) => {
      const database = await openAndMigrate(config);
      await serve(database, config, opts.port ?? config.port);
    }),
  );

program
  .command('demo')
  .description('Zoals serve, maar laadt eerst de demogemeenten, demogebruikers en inwoners (size demo)')
  .addOption(portOption)
  .option('--seed <n>', 'seed voor de gegenereerde data', parseSeedNumber, 1)
  .action(
    withConfig(async (config, opts: { port?: number; seed: number }) => {
      if (!config.demo) throw new ConfigError('Demo-modus staat uit (productie of KOERS_DEMO=false): gebruik `koers serve`.');
      const database = await openAndMigrate(config);
      await seed(database, config, 'demo', opts.seed, 'keep');
      say(`Demogebruikers (wachtwoord "${DEMO_PASSWORD}"): ${demoUsers.map((u) => u.username).join(', ')}`);
      await serve(database, config, opts.port ?? config.port);
    }),
  );

program
  .command('migrate')
  .description('Voert alle openstaande databasemigraties uit (alleen vooruit)')
  .action(
    withConfig(async (config, _opts: unknown) => {
      const database = await openAndMigrate(config);
      await database.close();
    }),
  );

program
  .command('seed')
  .description('Laadt synthetische demodata; in demo-modus ook de demogebruikers')
  .addOption(new Option('--size <size>', 'omvang van de dataset (limburg: de 31 Limburgse gemeenten)').choices(['small', 'demo', 'maastricht', 'limburg']).default('demo'))
  .option('--seed <n>', 'seed voor de gegenereerde data (zelfde seed = zelfde data)', parseSeedNumber, 1)
  .option('--scale <fraction>', 'alleen limburg: deel van de echte bevolking (1 = 1,13 miljoen inwoners)', parseScale, 1)
  .option('--municipalities <codes>', 'alleen limburg: alleen deze gemeenten, bijv. GM0935,GM0888', (v: string) => v.split(',').map((c) => c.trim().toUpperCase()))
  .action(
    withConfig(async (config, opts: { size: PopulationSize | 'limburg'; seed: number; scale: number; municipalities?: string[] }) => {
      // Synthetic residents never belong in a production register.
      if (!config.demo) throw new ConfigError('Demo-modus staat uit (productie of KOERS_DEMO=false): demodata laden is niet toegestaan.');
      const database = await openAndMigrate(config);
      try {
        if (opts.size === 'limburg') await seedLimburg(database, { seed: opts.seed, scale: opts.scale, municipalities: opts.municipalities }, say);
        else await seed(database, config, opts.size, opts.seed, 'refuse');
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        say(error.message);
        failed = true;
      } finally {
        await database.close();
      }
    }),
  );

const pgdata = (config: Config) => path.resolve(config.dataDir, 'pgdata');
const backupUrl = (config: Config) => config.backupDatabaseUrl ?? config.databaseUrl;

function sayCounts(counts: RowCounts) {
  for (const [table, rows] of Object.entries(counts)) say(`  ${table}: ${rows}`);
}

program
  .command('backup')
  .description('Schrijft een back-up (PGlite: gzip-archief van de datamap; PostgreSQL: pg_dump -Fc) en controleert de aantallen rijen')
  .argument('<file>', 'doelbestand')
  .action((file: string) =>
    withConfig(async (config) => {
      const url = backupUrl(config);
      say(`Back-up van ${url ? describeDatabase({ ...config, databaseUrl: url }) : describeDatabase(config)} naar ${file}`);
      const counts = url ? await backupPostgres(url, file) : await backupPglite(pgdata(config), file);
      say(`Back-up geschreven naar ${file}; rijen per tabel (gecontroleerd in de back-up):`);
      sayCounts(counts);
    })(undefined),
  );

program
  .command('restore')
  .description('Herstelt een back-up in een lege database (PGlite: een nieuwe of lege datamap) en controleert de aantallen rijen')
  .argument('<file>', 'back-upbestand van `koers backup`')
  .option('--force', 'PGlite: vervang een bestaande datamap', false)
  .action((file: string, opts: { force: boolean }) =>
    withConfig(async (config) => {
      const url = backupUrl(config);
      const counts = url ? await restorePostgres(file, url) : await restorePglite(file, pgdata(config), opts.force);
      say(`Hersteld uit ${file}; rijen per tabel:`);
      sayCounts(counts);
    })(undefined),
  );

/**
 * Runs one command against the migrated database and closes it; a refusal the user can act on
 * (an AppError: unknown municipality, existing programme, unknown rule) ends with its message.
 */
async function withDatabase(config: Config, work: (database: Database) => Promise<void>): Promise<void> {
  const database = await openAndMigrate(config);
  try {
    await work(database);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    say(error.message);
    failed = true;
  } finally {
    await database.close();
  }
}

addProgrammeCommands(program, (action) => (file, opts) =>
  withConfig<undefined>((config) => withDatabase(config, (database) => action(config, database, opts, file)))(undefined),
);

addSignalCommands(program, (action) => (opts) => withConfig<undefined>((config) => withDatabase(config, (database) => action(database, opts)))(undefined));
addJobCommands(program, (action) => (opts) => withConfig<undefined>((config) => withDatabase(config, (database) => action(database, opts)))(undefined));
addAuditCommands(program, (action) => (opts) => withConfig<undefined>((config) => withDatabase(config, (database) => action(database, opts)))(undefined));

addExchangeCommands(
  program,
  withConfig,
  (code) => {
    exitWith = code;
  },
  (action) => withConfig<undefined>((config) => withDatabase(config, (database) => action(config, database)))(undefined),
);

await program.parseAsync(process.argv);
if (exitWith) process.exit(exitWith);
if (failed) process.exit(1);
