import { Option, type Command } from 'commander';
import type { Config } from '../platform/config.js';
import type { Database } from '../db/database.js';
import type { AuditHeadOptions, AuditVerifyOptions } from './audit.js';
import type { DatabaseRunner } from './exchange.js';
import type { JobStatusOptions } from './jobs.js';
import type { SignalRunOptions } from './signals.js';

// The definitions of `koers audit`, `jobs`, `signals`, `programme` and `berichten`. Each command loads
// its work (the module of the same name) only when it runs, so `koers --help` stays quick.

type Runner = <O>(action: (database: Database, opts: O) => Promise<void>) => (opts: O) => Promise<void>;
type FileRunner = <O>(action: (config: Config, database: Database, opts: O, file: string) => Promise<void>) => (file: string, opts: O) => Promise<void>;
type ConfigRunner = <O>(action: (config: Config, opts: O) => Promise<void>) => (opts: O) => Promise<void>;

/** `--tenant` for a command about one municipality (the programme: Maastricht unless named). */
const tenantOption = () => new Option('--tenant <code>', 'CBS-gemeentecode').default('GM0935');
/** `--tenant` for a command that runs for every municipality unless one is named. */
const anyTenantOption = () => new Option('--tenant <code>', 'CBS-gemeentecode (standaard: alle)');

/** `koers audit verify` and `koers audit head`: tamper evidence of the Logboek Dataverwerkingen. */
export function addAuditCommands(program: Command, run: Runner): void {
  const audit = program.command('audit').description('Logboek dataverwerkingen: manipulatie aantoonbaar');
  audit
    .command('verify')
    .description('Controleert de hashketen van het logboek per gemeente (exitcode 1 bij een breuk)')
    .addOption(anyTenantOption())
    .addOption(new Option('--anchor <file>', 'ankerbestand van `koers audit head --json`: de keten moet die koppen nog bevatten'))
    .action(
      run<AuditVerifyOptions>(async (database, opts) => {
        const { runAuditVerify } = await import('./audit.js');
        for (const line of await runAuditVerify(database, opts)) process.stdout.write(`${line}\n`);
      }),
    );
  audit
    .command('head')
    .description('Toont de kop van de keten per gemeente (volgnummer, hash, tijd) om buiten de database te bewaren')
    .option('--json', 'als JSON (het ankerbestand voor `audit verify --anchor`)')
    .action(
      run<AuditHeadOptions>(async (database, opts) => {
        const { runAuditHead } = await import('./audit.js');
        process.stdout.write(`${await runAuditHead(database, opts)}\n`);
      }),
    );
}

/** `koers jobs`: the background jobs per municipality. */
export function addJobCommands(program: Command, run: Runner): void {
  program
    .command('jobs')
    .description('Achtergrondtaken per gemeente: schema, volgende run en hoe de laatste ging (exitcode 1 als een laatste run mislukte)')
    .addOption(anyTenantOption())
    .option('--json', 'als JSON')
    .action(
      run<JobStatusOptions>(async (database, opts) => {
        const { runJobStatus } = await import('./jobs.js');
        await runJobStatus(database, opts);
      }),
    );
}

/** `koers signals run`: evaluate the signal rules now. */
export function addSignalCommands(program: Command, run: Runner): void {
  program
    .command('signals')
    .description('Signaallijsten')
    .command('run')
    .description('Evalueert de signaalregels nu (alle gemeenten, of één met --tenant)')
    .addOption(anyTenantOption())
    .addOption(new Option('--rules <ids>', 'alleen deze regels, komma-gescheiden'))
    .action(
      run<SignalRunOptions>(async (database, opts) => {
        const { runSignalsFromCli } = await import('./signals.js');
        await runSignalsFromCli(database, opts);
      }),
    );
}

/** `koers programme import|export|template`: the roadmap in and out of spreadsheets. */
export function addProgrammeCommands(program: Command, run: FileRunner): void {
  const programme = program.command('programme').description('Programma (routekaart): importeren, exporteren, sjabloon');

  programme
    .command('import')
    .description('Laadt een programma uit een xlsx- of CSV-bestand; bij een fout in een rij wordt niets geladen')
    .argument('<file>', 'xlsx- of CSV-bestand (zie `koers programme template`)')
    .addOption(tenantOption())
    .option('--replace', 'vervang het bestaande programma van deze gemeente', false)
    .action(
      run(async (_config, database, opts: { tenant: string; replace: boolean }, file) => {
        const { runProgrammeImport } = await import('./programme.js');
        await runProgrammeImport(database, opts, file);
      }),
    );

  programme
    .command('template')
    .description('Schrijft een leeg xlsx-sjabloon met toelichting en voorbeeldrijen')
    .argument('<file>', 'doelbestand (.xlsx)')
    .action(async (file: string) => {
      const { runProgrammeTemplate } = await import('./programme.js');
      await runProgrammeTemplate(file);
    });

  programme
    .command('export')
    .description('Schrijft het huidige programma van een gemeente naar xlsx (zelfde indeling als import)')
    .argument('<file>', 'doelbestand (.xlsx)')
    .addOption(tenantOption())
    .action(
      run(async (_config, database, opts: { tenant: string }, file) => {
        const { runProgrammeExport } = await import('./programme.js');
        await runProgrammeExport(database, opts, file);
      }),
    );
}

/**
 * `koers berichten check FILE…`: exit 0 when every message passes, 1 when one does not, 2 without schemas.
 * `koers berichten import --tenant GMxxxx FILE|DIR…`: receives messages; exit 0 when all are accepted, 1 otherwise.
 * `koers berichten export --tenant GMxxxx --out DIR`: writes the pending outgoing messages and marks them downloaded.
 */
export function addExchangeCommands(program: Command, withConfig: ConfigRunner, fail: (code: number) => void, withDatabase: DatabaseRunner): void {
  const messages = program.command('berichten').description('iWmo- en iJw-3.2-berichten met aanbieders');
  messages
    .command('check')
    .description('Controleert berichten technisch tegen de XSD\'s van de iStandaarden (map KOERS_ISTANDAARDEN_DIR)')
    .argument('<bestanden...>', 'XML-berichten')
    .action((files: string[]) =>
      withConfig<undefined>(async (config) => {
        const { runMessageCheck } = await import('./exchange.js');
        runMessageCheck(config, files, fail);
      })(undefined),
    );

  messages
    .command('import')
    .description('Verwerkt berichten van aanbieders (bestanden of mappen met *.xml) zoals de API ze verwerkt, met retourberichten; exitcode 1 als er een niet is aangenomen')
    .option('--tenant <code>', 'gemeente, bijvoorbeeld GM0935')
    .argument('[bestanden...]', 'XML-berichten of mappen')
    .action(async (paths: string[], opts: { tenant?: string }) => {
      const { runMessageImport } = await import('./exchange.js');
      await runMessageImport(paths, opts, fail, withDatabase);
    });

  messages
    .command('export')
    .description('Schrijft de klaarstaande berichten aan aanbieders als bestanden (bijvoorbeeld JW301_K000000123.xml) en markeert ze als opgehaald')
    .option('--tenant <code>', 'gemeente, bijvoorbeeld GM0935')
    .option('--out <map>', 'doelmap')
    .action(async (opts: { tenant?: string; out?: string }) => {
      const { runMessageExport } = await import('./exchange.js');
      await runMessageExport(opts, fail, withDatabase);
    });
}
