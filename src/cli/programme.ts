import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Database } from '../db/database.js';
import { withTenant } from '../db/tenancy.js';
import { programmeTemplate } from '../modules/programme/programme.template.js';
import { programmeToWorkbook } from '../modules/programme/programme.workbook.js';
import { getProgrammeOverview, importProgrammeFile, overviewToProgrammeData } from '../modules/programme/programme.service.js';
import { listTenants } from '../modules/tenants/tenant.service.js';
import { AppError } from '../platform/errors.js';
import type { Config } from '../platform/config.js';

type Runner = <O>(action: (config: Config, database: Database, opts: O, file: string) => Promise<void>) => (file: string, opts: O) => Promise<void>;

const say = (line: string) => process.stderr.write(`${line}\n`);
const tenantOption = () => new Option('--tenant <code>', 'CBS-gemeentecode').default('GM0935');

async function requireTenant(database: Database, tenantId: string): Promise<void> {
  const tenants = await listTenants(database.db);
  if (!tenants.some((t) => t.id === tenantId)) {
    throw new AppError('NOT_FOUND', `Gemeente ${tenantId} bestaat niet op deze installatie (wel: ${tenants.map((t) => t.id).join(', ') || 'geen'}).`);
  }
}

/** `koers programme import|export|template`: the roadmap in and out of spreadsheets. */
export function addProgrammeCommands(program: Command, run: Runner): void {
  const programme = program.command('programme').description('Programma (routekaart): importeren, exporteren, sjabloon');

  programme
    .command('import')
    .description('Laadt een programma uit een xlsx- of CSV-bestand; bij een fout in een rij wordt niets geladen')
    .argument('<file>', 'xlsx- of CSV-bestand (zie `koers programme template`)')
    .addOption(tenantOption())
    .option('--replace', 'vervang het bestaande programma van deze gemeente', false)
    .action(
      run(async (_config, database, opts: { tenant: string; replace: boolean }, file) => {
        await requireTenant(database, opts.tenant);
        const outcome = await withTenant(database.db, opts.tenant, (tx) =>
          importProgrammeFile(tx, { tenantId: opts.tenant, content: readFileSync(file), fileName: path.basename(file), replace: opts.replace, actor: 'koers-cli' }),
        );
        if (!outcome.ok) {
          const lines = outcome.issues.map((i) => `  ${i.sheet}, rij ${i.row}${i.column ? `, kolom '${i.column}'` : ''}: ${i.message}`);
          throw new AppError('VALIDATION_FAILED', [`Niets geïmporteerd: ${outcome.issues.length} fout(en) in ${path.basename(file)}:`, ...lines].join('\n'));
        }
        say(`Programma geladen voor ${opts.tenant}: ${outcome.lines} programmalijnen, ${outcome.themes} thema's, ${outcome.activities} activiteiten, ${outcome.letters} raadsinformatiebrieven.`);
      }),
    );

  programme
    .command('template')
    .description('Schrijft een leeg xlsx-sjabloon met toelichting en voorbeeldrijen')
    .argument('<file>', 'doelbestand (.xlsx)')
    .action(async (file: string) => {
      writeFileSync(file, await programmeTemplate());
      say(`Sjabloon geschreven naar ${file}`);
    });

  programme
    .command('export')
    .description('Schrijft het huidige programma van een gemeente naar xlsx (zelfde indeling als import)')
    .argument('<file>', 'doelbestand (.xlsx)')
    .addOption(tenantOption())
    .action(
      run(async (_config, database, opts: { tenant: string }, file) => {
        await requireTenant(database, opts.tenant);
        const overview = await withTenant(database.db, opts.tenant, (tx) => getProgrammeOverview(tx));
        writeFileSync(file, await programmeToWorkbook(overviewToProgrammeData(overview)));
        say(`Programma van ${opts.tenant} geschreven naar ${file}`);
      }),
    );
}
