import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { withTenant } from '../src/db/tenancy.js';
import { generateDeclarationMessages, numberToewijzingen } from '../src/demo/declaration-messages.js';
import { receiveMessage } from '../src/modules/exchange/exchange.inbox.js';
import { SchemaSet } from '../src/modules/exchange/exchange.schemas.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { benchDatabase, round, type BenchOptions } from './support.js';

const TENANT = 'GM0935';
// Rows per INSERT: 20 columns × 1,000 stays under the 32,767 parameters PGlite's protocol takes.
const CHUNK = 1000;
const COLUMNS = [
  'tenant_id', 'declaration_id', 'position', 'standard', 'provider_id', 'bsn', 'reference', 'previous_reference', 'allocation_number', 'category_code',
  'product_code', 'period_start', 'period_end', 'volume', 'unit_code', 'tariff_cents', 'amount_cents', 'debit_credit', 'status', 'retour_codes',
] as const;

function schemaSet(): SchemaSet | undefined {
  const dir = process.env.KOERS_ISTANDAARDEN_DIR ?? path.resolve(import.meta.dirname, '../../shared/standards/istandaarden');
  return existsSync(path.join(dir, 'iwmo-3.2/WMO323.xsd')) ? SchemaSet.open(dir) : undefined;
}

/**
 * Declarations: a year of 323s (monthly per provider and law, for every toewijzing of the data set,
 * about 5 % of the lines with an error) processed by the inbox's own code, one transaction per
 * message as a request would; against a plain INSERT of as many rows into a copy of the line table.
 */
export async function declarationsBench(options: BenchOptions) {
  // Without the demo's own year of declarations: this run sends that year itself.
  const database = await benchDatabase(options, { providerMessages: false });
  const concurrency = database.kind === 'pglite' ? 1 : Number(process.env.KOERS_BENCH_CONCURRENCY ?? availableParallelism());
  const schemas = schemaSet();
  const today = todayInAmsterdam();
  const [year, month] = today.split('-').map(Number) as [number, number];
  // The twelve complete months before this one.
  const from = `${month === 1 ? year - 2 : year - 1}-${String(month === 1 ? 12 : month).padStart(2, '0')}`;
  const prefix = `B${Date.now().toString(36).slice(-5)}`;
  const messages = await withTenant(database.db, TENANT, async (tx) => {
    const numbered = await numberToewijzingen(tx, TENANT);
    if (numbered) process.stderr.write(`${numbered} toewijzingen genummerd\n`);
    return generateDeclarationMessages(tx, { municipalityCode: '0935', from, months: 12, errorRate: 0.05, seed: options.seed, prefix, date: today });
  });
  // As autovacuum would after the seed's bulk load: statistics of the tables the intake reads.
  await sql`analyze allocation_segments, allocations, products, residents, provider_tariffs, providers, exchange_messages, declaration_messages, declaration_lines, declarations`.execute(database.db);
  const lines = messages.reduce((n, m) => n + m.lines, 0);
  process.stderr.write(`${messages.length} berichten, ${lines} regels (XSD ${schemas ? 'aan' : 'uit'})\n`);

  const audit = { traceId: '0'.repeat(32), parentSpanId: null, actor: null, tenantId: TENANT };
  let approved = 0;
  let next = 0;
  const started = performance.now();
  // Providers' systems send at the same time (each API call its own transaction); on PostgreSQL as
  // many at once as the server has cores, PGlite has one connection.
  const intake = async () => {
    for (let i = next++; i < messages.length; i = next++) {
      const m = messages[i]!;
      const result = await withTenant(database.db, TENANT, (tx) => receiveMessage({ tx, audit, actorId: null }, schemas, m.xml, new Date()));
      if (result.status !== 'accepted') throw new Error(`${m.agbCode} ${m.month}: ${JSON.stringify(result.retourCodes.slice(0, 3))} ${JSON.stringify(result.problems.slice(0, 3))}`);
      approved += result.products.accepted;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, intake));
  const processMs = performance.now() - started;
  process.stderr.write(`${approved} regels goedgekeurd (${round((100 * approved) / lines)} %)\n`);

  // The same rows, as plainly inserted as can be: one transaction, multi-row INSERTs into a table with
  // the line table's columns and defaults (an ordinary, WAL-logged table as the intake writes to; no
  // indexes, constraints or policies). The temporary table of before skipped the WAL: also reported.
  const { rows } = await withTenant(database.db, TENANT, (tx) =>
    sql<Record<(typeof COLUMNS)[number], unknown>>`
      select ${sql.join(COLUMNS.map((c) => sql.ref(`l.${c}`)))} from declaration_lines l
      join declaration_messages d on d.tenant_id = l.tenant_id and d.id = l.declaration_id
      join exchange_messages e on e.tenant_id = d.tenant_id and e.id = d.message_id
      where e.identification like ${`${prefix}%`}
    `.execute(tx),
  );
  if (rows.length !== lines) throw new Error(`${rows.length} regels teruggelezen, ${lines} verwacht`);
  const plainInsert = (table: string, temporary = false) =>
    database.db.transaction().execute(async (tx) => {
      if (temporary) await sql`create temp table ${sql.table(table)} (like declaration_lines including defaults) on commit drop`.execute(tx);
      const start = performance.now();
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        await sql`insert into ${sql.table(table)} (${sql.join(COLUMNS.map((c) => sql.ref(c)))}) values ${sql.join(chunk.map((r) => sql`(${sql.join(COLUMNS.map((c) => sql`${r[c]}`))})`))}`.execute(tx);
      }
      return performance.now() - start;
    });
  await sql`create table bench_declaration_lines (like declaration_lines including defaults)`.execute(database.db);
  const insertMs = await plainInsert('bench_declaration_lines').finally(() => sql`drop table bench_declaration_lines`.execute(database.db));
  const tempInsertMs = await plainInsert('bench_declaration_lines_temp', true);
  schemas?.close();
  await database.close();
  const linesPerS = lines / (processMs / 1000);
  const insertPerS = lines / (insertMs / 1000);
  return {
    bench: 'declarations',
    size: options.size,
    db: database.kind,
    messages: messages.length,
    lines,
    concurrency,
    lines_per_s: Math.round(linesPerS),
    insert_lines_per_s: Math.round(insertPerS),
    insert_temp_lines_per_s: Math.round(lines / (tempInsertMs / 1000)),
    ratio: round(insertPerS / linesPerS),
  };
}
