import { Command, InvalidArgumentError, Option } from 'commander';
import { BackupRefusedError } from '../db/backup.errors.js';
import { DatabaseInUseError } from '../db/data-dir-lock.js';
import type { Database } from '../db/database.js';
import type { PopulationSize } from '../demo/population.js';
import type { Config } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { addAuditCommands, addExchangeCommands, addJobCommands, addProgrammeCommands, addSignalCommands } from './commands.js';

// Only the command definitions load up front: each command loads its work when it runs (run.ts and the
// modules commands.ts names), so `koers --help` and a usage error answer without loading the app.

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

/**
 * Wraps a command's action: configuration parsed first, a configuration error ends with its message
 * (exit 2); an embedded database another process holds (a running server) ends with its message (exit 1).
 */
function withConfig<O>(action: (config: Config, opts: O) => Promise<void>) {
  return async (opts: O) => {
    const { ConfigError, loadConfig } = await import('../platform/config.js');
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
      const { openAndMigrate, serve } = await import('./run.js');
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
      const { ConfigError } = await import('../platform/config.js');
      if (!config.demo) throw new ConfigError('Demo-modus staat uit (productie of KOERS_DEMO=false): gebruik `koers serve`.');
      const { openAndMigrate, seedDemoSize, serve } = await import('./run.js');
      const database = await openAndMigrate(config);
      await seedDemoSize(database, config, opts.seed);
      await serve(database, config, opts.port ?? config.port);
    }),
  );

program
  .command('migrate')
  .description('Voert alle openstaande databasemigraties uit (alleen vooruit)')
  .action(
    withConfig(async (config, _opts: unknown) => {
      const { openAndMigrate } = await import('./run.js');
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
      const { ConfigError } = await import('../platform/config.js');
      if (!config.demo) throw new ConfigError('Demo-modus staat uit (productie of KOERS_DEMO=false): demodata laden is niet toegestaan.');
      const { openAndMigrate, seedSize } = await import('./run.js');
      const database = await openAndMigrate(config);
      try {
        await seedSize(database, config, opts);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        say(error.message);
        failed = true;
      } finally {
        await database.close();
      }
    }),
  );

program
  .command('backup')
  .description('Schrijft een back-up (PGlite: gzip-archief van de datamap; PostgreSQL: pg_dump -Fc) en controleert de aantallen rijen')
  .argument('<file>', 'doelbestand')
  .action((file: string) =>
    withConfig(async (config) => {
      const { backup } = await import('./run.js');
      await backup(config, file);
    })(undefined),
  );

program
  .command('restore')
  .description('Herstelt een back-up in een lege database (PGlite: een nieuwe of lege datamap) en controleert de aantallen rijen')
  .argument('<file>', 'back-upbestand van `koers backup`')
  .option('--force', 'PGlite: vervang een bestaande datamap', false)
  .action((file: string, opts: { force: boolean }) =>
    withConfig(async (config) => {
      const { restore } = await import('./run.js');
      await restore(config, file, opts.force);
    })(undefined),
  );

/**
 * Runs one command against the migrated database and closes it; a refusal the user can act on
 * (an AppError: unknown municipality, existing programme, unknown rule) ends with its message.
 */
async function withDatabase(config: Config, work: (database: Database) => Promise<void>): Promise<void> {
  const { openAndMigrate } = await import('./run.js');
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
