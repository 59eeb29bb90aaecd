import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { withTenant } from '../db/tenancy.js';
import { programmeTemplate } from '../modules/programme/programme.template.js';
import { programmeToWorkbook } from '../modules/programme/programme.workbook.js';
import { getProgrammeOverview, importProgrammeFile, overviewToProgrammeData } from '../modules/programme/programme.service.js';
import { listTenants } from '../modules/tenants/tenant.service.js';
import { AppError } from '../platform/errors.js';

const say = (line: string) => process.stderr.write(`${line}\n`);

async function requireTenant(database: Database, tenantId: string): Promise<void> {
  const tenants = await listTenants(database.db);
  if (!tenants.some((t) => t.id === tenantId)) {
    throw new AppError('NOT_FOUND', `Gemeente ${tenantId} bestaat niet op deze installatie (wel: ${tenants.map((t) => t.id).join(', ') || 'geen'}).`);
  }
}

/** `koers programme import FILE`: loads a programme from xlsx or CSV; a faulty row loads nothing. */
export async function runProgrammeImport(database: Database, opts: { tenant: string; replace: boolean }, file: string): Promise<void> {
  await requireTenant(database, opts.tenant);
  const outcome = await withTenant(database.db, opts.tenant, (tx) =>
    importProgrammeFile(tx, { tenantId: opts.tenant, content: readFileSync(file), fileName: path.basename(file), replace: opts.replace, actor: 'koers-cli' }),
  );
  if (!outcome.ok) {
    const lines = outcome.issues.map((i) => `  ${i.sheet}, rij ${i.row}${i.column ? `, kolom '${i.column}'` : ''}: ${i.message}`);
    throw new AppError('VALIDATION_FAILED', [`Niets geïmporteerd: ${outcome.issues.length} fout(en) in ${path.basename(file)}:`, ...lines].join('\n'));
  }
  say(`Programma geladen voor ${opts.tenant}: ${outcome.lines} programmalijnen, ${outcome.themes} thema's, ${outcome.activities} activiteiten, ${outcome.letters} raadsinformatiebrieven.`);
}

/** `koers programme template FILE`: an empty xlsx template with notes and example rows. */
export async function runProgrammeTemplate(file: string): Promise<void> {
  writeFileSync(file, await programmeTemplate());
  say(`Sjabloon geschreven naar ${file}`);
}

/** `koers programme export FILE`: a municipality's current programme as xlsx (the import's layout). */
export async function runProgrammeExport(database: Database, opts: { tenant: string }, file: string): Promise<void> {
  await requireTenant(database, opts.tenant);
  const overview = await withTenant(database.db, opts.tenant, (tx) => getProgrammeOverview(tx));
  writeFileSync(file, await programmeToWorkbook(overviewToProgrammeData(overview)));
  say(`Programma van ${opts.tenant} geschreven naar ${file}`);
}
