import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { BackupRefusedError } from './backup.errors.js';
import { lockDataDir } from './data-dir-lock.js';
import { openDatabase } from './database.js';
import type { DB } from './schema.js';

/** Rows per table, by table name: what a backup contained, or what a restore loaded. */
export type RowCounts = Record<string, number>;

export { BackupRefusedError };

const TABLES = `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'r' order by c.relname`;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every table's row count, as seen by the connection (a superuser or BYPASSRLS role sees all rows). */
async function countRows(query: (text: string) => Promise<{ rows: Record<string, unknown>[] }>): Promise<RowCounts> {
  const counts: RowCounts = {};
  for (const { name } of (await query(TABLES)).rows as { name: string }[]) {
    counts[name] = Number(((await query(`select count(*)::int as n from public.${quoteIdent(name)}`)).rows[0] as { n: number }).n);
  }
  return counts;
}

export const countTableRows = (db: Kysely<DB>): Promise<RowCounts> => countRows((text) => sql.raw(text).execute(db) as Promise<{ rows: Record<string, unknown>[] }>);

/** The tables whose count differs, as 'table: expected → got'. */
function differences(expected: RowCounts, got: RowCounts): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(got)])].sort();
  return names.filter((t) => (expected[t] ?? 0) !== (got[t] ?? 0)).map((t) => `${t}: ${expected[t] ?? 0} → ${got[t] ?? 0}`);
}

function refuseIfDifferent(what: string, expected: RowCounts, got: RowCounts): void {
  const diff = differences(expected, got);
  // Equal counts for every table: an empty or partial copy (0 residents) is refused, not written.
  if (diff.length > 0) throw new BackupRefusedError(`${what} geweigerd: aantallen rijen wijken af (bron → kopie): ${diff.join('; ')}.`);
}

const tempNext = (file: string) => path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);

// ---------------------------------------------------------------- PGlite

/**
 * Backs up a PGlite data folder to a gzip tarball. Holds the folder's lock, so it refuses while a
 * server runs (two processes on one folder lose writes); the dump is loaded again in memory and its
 * rows counted before the file is written under its name.
 */
export async function backupPglite(dataDir: string, file: string): Promise<RowCounts> {
  if (!existsSync(dataDir)) throw new BackupRefusedError(`Geen PGlite-database in ${dataDir}.`);
  const database = await openDatabase({ kind: 'pglite', dataDir });
  let counts: RowCounts;
  let dump: Blob;
  try {
    counts = await countTableRows(database.db);
    dump = await database.dump!();
  } finally {
    await database.close();
  }
  const check = await openDatabase({ kind: 'pglite', snapshot: dump });
  try {
    refuseIfDifferent('Back-up', counts, await countTableRows(check.db));
  } finally {
    await check.close();
  }
  const temp = tempNext(file);
  writeFileSync(temp, Buffer.from(await dump.arrayBuffer()));
  renameSync(temp, file);
  return counts;
}

/**
 * Restores a PGlite backup into a data folder: new or empty, or with `force` replacing what is there
 * (the old folder is removed only after the restored one is complete). Refuses while the folder is in use.
 */
export async function restorePglite(file: string, dataDir: string, force: boolean): Promise<RowCounts> {
  mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const unlock = await lockDataDir(path.resolve(dataDir));
  try {
    const snapshot = readBackup(file);
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0 && !force) {
      throw new BackupRefusedError(`${dataDir} is niet leeg: kies een nieuwe map, of vervang de database met --force.`);
    }
    const check = await openDatabase({ kind: 'pglite', snapshot });
    const expected = await countTableRows(check.db).finally(() => check.close());
    const next = `${dataDir}.restore-${process.pid}`;
    rmSync(next, { recursive: true, force: true });
    const restored = await openDatabase({ kind: 'pglite', dataDir: next, snapshot });
    try {
      refuseIfDifferent('Herstel', expected, await countTableRows(restored.db));
    } catch (error) {
      await restored.close();
      rmSync(next, { recursive: true, force: true });
      throw error;
    }
    await restored.close();
    const old = `${dataDir}.replaced-${process.pid}`;
    if (existsSync(dataDir)) renameSync(dataDir, old);
    renameSync(next, dataDir);
    rmSync(old, { recursive: true, force: true });
    return expected;
  } finally {
    await unlock();
  }
}

// ---------------------------------------------------------------- PostgreSQL

/** libpq environment for pg_dump / pg_restore: the password stays out of the process list. */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: decodeURIComponent(u.hostname),
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
  };
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new BackupRefusedError(`${command} niet gevonden: installeer de PostgreSQL-clientprogramma's (postgresql-client).`) : error),
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new BackupRefusedError(`${command} faalde (exitcode ${code}): ${stderr.trim()}`))));
  });
}

function readBackup(file: string): Blob {
  if (!existsSync(file)) throw new BackupRefusedError(`Back-upbestand ${file} bestaat niet.`);
  return new Blob([readFileSync(file)]);
}

/** Rows per table in a custom-format dump, counted from the data pg_restore would load (COPY blocks). */
export async function countDumpRows(file: string): Promise<RowCounts> {
  if (!existsSync(file)) throw new BackupRefusedError(`Back-upbestand ${file} bestaat niet.`);
  const child = spawn('pg_restore', ['--data-only', '-f', '-', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const counts: RowCounts = {};
  let table: string | undefined;
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    if (table === undefined) {
      const copy = /^COPY public\.("(?:[^"]|"")+"|\w+) .* FROM stdin;$/.exec(line);
      if (copy) {
        table = copy[1]!.startsWith('"') ? copy[1]!.slice(1, -1).replaceAll('""', '"') : copy[1]!;
        counts[table] = 0;
      }
    } else if (line === '\\.') {
      table = undefined;
    } else {
      counts[table] = counts[table]! + 1;
    }
  }
  if ((await exited) !== 0) throw new BackupRefusedError(`pg_restore kon ${file} niet lezen.`);
  return counts;
}

/** A backup role must see every row: forced row-level security hides them from the owner. */
async function requireBypassRls(client: pg.Client, what: string): Promise<void> {
  const { rows } = await client.query<{ role: string; ok: boolean }>(
    'select rolname as role, rolsuper or rolbypassrls as ok from pg_roles where rolname = current_user',
  );
  if (!rows[0]?.ok) {
    throw new BackupRefusedError(
      `${what} vraagt een rol met BYPASSRLS (of superuser); ${rows[0]?.role ?? 'deze rol'} heeft dat niet en zou door de row-level security ` +
        'een lege of onvolledige kopie maken. Gebruik KOERS_BACKUP_DATABASE_URL met de back-uprol (docs/operations.md).',
    );
  }
}

/**
 * pg_dump -Fc in the same snapshot as the row counts, then the dump's own rows counted (pg_restore)
 * and compared before the file gets its name.
 */
export async function backupPostgres(url: string, file: string): Promise<RowCounts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const temp = tempNext(file);
  try {
    await requireBypassRls(client, 'Een back-up');
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const counts = await countRows((text) => client.query(text));
    await runTool('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, '--no-password', '-f', temp], libpqEnv(url));
    await client.query('commit');
    refuseIfDifferent('Back-up', counts, await countDumpRows(temp));
    renameSync(temp, file);
    return counts;
  } finally {
    rmSync(temp, { force: true });
    await client.end();
  }
}

/** pg_restore into an empty database, in one transaction, then every table's rows compared with the dump. */
export async function restorePostgres(file: string, url: string): Promise<RowCounts> {
  const expected = await countDumpRows(file);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await requireBypassRls(client, 'Herstellen');
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from pg_tables where schemaname = 'public'`);
    if (rows[0]!.n > 0) throw new BackupRefusedError('De doeldatabase is niet leeg: herstel in een nieuwe, lege database (docs/operations.md).');
    await runTool('pg_restore', ['--exit-on-error', '--single-transaction', '--no-password', '-d', libpqEnv(url).PGDATABASE!, file], libpqEnv(url));
    refuseIfDifferent('Herstel', expected, await countRows((text) => client.query(text)));
    return expected;
  } finally {
    await client.end();
  }
}
