import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { openDatabase } from './database.js';
import { COMMIT_FOLLOWS, createStatementNames, HELD_WITH_BEGIN, MAX_PREPARED_PARAMETERS, MAX_PREPARED_STATEMENTS, MAX_LITERAL_TEXT, MAX_PREPARED_TEXT, preparable, reduceRoundTripsOf, stringLiteral } from './pg-round-trips.js';
import type { DB } from './schema.js';
import { pinTenant, withTenant } from './tenancy.js';

// Issue #17 §2: fewer round trips and parses per request on a PostgreSQL server. The begin travels with
// the tenant pin, and parameterised queries are named prepared statements. Only the pg driver has
// this (PGlite answers in-process), so these run on PostgreSQL.

describe('statement names', () => {
  it('the same text gets the same name; bulk statements, long texts and texts past the bound get none', () => {
    const nameOf = createStatementNames();
    const first = nameOf('select $1', 1);
    expect(first).toMatch(/^koers_\d+$/);
    expect(nameOf('select $1', 1)).toBe(first);
    expect(nameOf('select $1, $2', 2)).not.toBe(first);
    expect(nameOf('select 1', 0)).toBeUndefined();
    expect(nameOf('insert …', MAX_PREPARED_PARAMETERS + 1)).toBeUndefined();
    expect(nameOf(`select $1 ${'x'.repeat(MAX_PREPARED_TEXT)}`, 1)).toBeUndefined();
    for (let i = 0; nameOf(`select $1 as c${i}`, 1) !== undefined; i++) expect(i).toBeLessThan(MAX_PREPARED_STATEMENTS);
    expect(nameOf('select $1 as not_yet_seen', 1)).toBeUndefined();
    expect(nameOf('select $1', 1)).toBe(first);
  });
});

describe('what goes with the begin as EXECUTE of a PREPAREd statement', () => {
  it('statements PREPARE takes, after comments, spaces and parentheses; not explain, call or two statements', () => {
    for (const text of ['select $1', '  /* c */ (select $1)', '\n  with x as (select $1) select * from x', '/* koers */ insert into t values ($1)', 'UPDATE t set v = $1', 'delete from t where v = $1', 'values ($1)', 'merge into t using s on true when matched then do nothing']) {
      expect(preparable(text), text).toBe(true);
    }
    for (const text of ['explain select $1', 'call f($1)', 'selectx $1', 'select $1; select 2', "select ';' || $1", '-- select\nselect $1']) expect(preparable(text), text).toBe(false);
  });
});

let database: TestDatabase;
const TENANT = 'GM0935';
const onPostgres = process.env.DATABASE_URL !== undefined;

describe('string literals without parameters', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('read back exactly what was given, whatever standard_conforming_strings is', async () => {
    const values = ["O'Brien", '\\', "\\'", "'); select 1; --", '$$ $x$', '\\x41 \\u00e9 \\n', 'é 🙂', '', "''''"];
    for (const conforming of ['on', 'off']) {
      const echoed = await database.db.connection().execute(async (c) => {
        await sql.raw(`set standard_conforming_strings = ${conforming}`).execute(c);
        try {
          return await Promise.all(values.map(async (v) => (await sql<{ v: string }>`select ${stringLiteral(v)}::text as v`.execute(c)).rows[0]!.v));
        } finally {
          await sql`reset standard_conforming_strings`.execute(c);
        }
      });
      expect(echoed).toEqual(values);
    }
    expect(() => stringLiteral('a\0b')).toThrow(/NUL/);
  });
});

describe.runIf(onPostgres)('on a PostgreSQL server', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  /** A Kysely on the test database whose pool counts what reaches the server, message by message. */
  function counted(preparedStatements: boolean) {
    const sent: string[] = [];
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    // Registered first, so it sees what the round-trip reduction passes on.
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
        const [first] = args;
        sent.push(typeof first === 'string' ? first : `[${(first as { name?: string }).name ?? 'unnamed'}] ${(first as { text?: string }).text ?? ''}`);
        return query(...args);
      };
    });
    reduceRoundTripsOf(pool, { preparedStatements });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, sent };
  }

  it('a tenant transaction sends its begin together with the tenant pin: one message fewer, same result', async () => {
    const { db, sent } = counted(true);
    try {
      const tenant = await withTenant(db, TENANT, async (tx) => {
        const { rows } = await sql<{ tenant: string; role: string; one: number }>`
          select current_setting('koers.tenant_id') as tenant, current_user as role, ${1}::int as one`.execute(tx);
        return rows[0]!;
      });
      expect(tenant).toEqual({ tenant: TENANT, role: 'koers_app', one: 1 });
      expect(sent).toHaveLength(3);
      const opening = `begin;${HELD_WITH_BEGIN}select set_config('role', 'koers_app', true), set_config('koers.tenant_id', 'GM0935', true);`;
      expect(sent[0]!.slice(0, opening.length)).toBe(opening);
      expect(sent[0]!.slice(opening.length)).toMatch(/^PREPARE koers_sql_\d+ AS \s*select current_setting/);
      expect(sent[1]).toMatch(/^EXECUTE koers_sql_\d+\(E'1'\)$/);
      expect(sent[2]).toBe('commit');
    } finally {
      await db.destroy();
    }
  });

  it('what a transaction wrote is undone by its rollback, also when its first statement has parameters', async () => {
    const { db, sent } = counted(true);
    try {
      await expect(
        db.transaction().execute(async (tx) => {
          await sql`create temporary table round_trip_probe (v int)`.execute(tx);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      // The temporary table is gone with the rollback: the begin was sent before the create.
      const afterFirst = await db.connection().execute((c) => sql<{ t: string | null }>`select to_regclass('pg_temp.round_trip_probe')::text as t`.execute(c));
      expect(afterFirst.rows[0]!.t).toBeNull();

      await expect(
        db.transaction().execute(async (tx) => {
          await sql`select set_config('koers.probe', ${'x'}, true)`.execute(tx);
          await sql`create temporary table round_trip_probe (v int)`.execute(tx);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      const afterSecond = await db.connection().execute((c) => sql<{ t: string | null }>`select to_regclass('pg_temp.round_trip_probe')::text as t`.execute(c));
      expect(afterSecond.rows[0]!.t).toBeNull();
      // With parameters the begin goes with the statement's PREPARE, just before it.
      const i = sent.findIndex((s) => s.includes("set_config('koers.probe'"));
      expect(sent[i]).toMatch(/^begin;PREPARE koers_sql_\d+ AS select set_config\('koers.probe', \$1, true\)\n$/);
      expect(sent[i + 1]).toMatch(/^EXECUTE koers_sql_\d+\(E'x'\)$/);
    } finally {
      await db.destroy();
    }
  });

  it('a transaction that sends nothing sends no begin and no commit', async () => {
    const { db, sent } = counted(true);
    try {
      await db.transaction().execute(async () => 'nothing');
      expect(sent).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('an error in the first statement rolls the transaction back and leaves the connection usable', async () => {
    const { db } = counted(true);
    try {
      await expect(db.transaction().execute((tx) => sql`select 1/0`.execute(tx))).rejects.toThrow(/division by zero/);
      const { rows } = await sql<{ ok: number }>`select ${1}::int as ok`.execute(db);
      expect(rows[0]!.ok).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it('a parameterised query is prepared once per connection and reused; off, nothing is kept on the server', async () => {
    const prepared = async (preparedStatements: boolean) => {
      const opened = await openDatabase({ kind: 'postgresql', url: database.url!, maxConnections: 1, preparedStatements });
      try {
        for (const id of ['a', 'b', 'c']) await sql`select ${id}::text as id`.execute(opened.db);
        const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(opened.db);
        return rows.map((r) => r.statement);
      } finally {
        await opened.close();
      }
    };
    const on = await prepared(true);
    expect(on.filter((s) => s === 'select $1::text as id')).toHaveLength(1);
    expect(await prepared(false)).toEqual([]);
  });

  it('a statement marked COMMIT_FOLLOWS goes in one message with the commit; the commit Kysely sends after it is answered without a round trip', async () => {
    const { db, sent } = counted(true);
    try {
      await sql`create table if not exists round_trip_commit (v text)`.execute(db);
      sent.length = 0;
      const trx = await db.startTransaction().execute();
      await sql`select ${1}::int`.execute(trx);
      const { rows } = await sql<{ v: string }>`${sql.raw(COMMIT_FOLLOWS)}insert into round_trip_commit values (${stringLiteral('één')}) returning v`.execute(trx);
      expect(rows).toEqual([{ v: 'één' }]);
      await trx.commit().execute();
      expect(sent).toHaveLength(3);
      expect(sent[0]).toMatch(/^begin;PREPARE koers_sql_\d+ AS select \$1::int\n$/);
      expect(sent[2]).toBe(`${COMMIT_FOLLOWS}insert into round_trip_commit values (E'één') returning v;commit`);
      // Committed: another connection sees it.
      const other = new pg.Client({ connectionString: database.url });
      await other.connect();
      try {
        expect((await other.query('select v from round_trip_commit')).rows).toEqual([{ v: 'één' }]);
      } finally {
        await other.end();
      }
    } finally {
      await sql`drop table if exists round_trip_commit`.execute(db);
      await db.destroy();
    }
  });

  it('when the marked statement fails its commit does not run: the rollback undoes the transaction and the connection stays usable', async () => {
    const { db, sent } = counted(true);
    try {
      await sql`create table if not exists round_trip_commit (v int)`.execute(db);
      const trx = await db.startTransaction().execute();
      await sql`insert into round_trip_commit values (${1})`.execute(trx);
      await expect(sql`${sql.raw(COMMIT_FOLLOWS)}select 1/0`.execute(trx)).rejects.toThrow(/division by zero/);
      await trx.rollback().execute();
      expect(sent.at(-1)).toBe('rollback');
      const { rows } = await sql<{ n: string }>`select count(*) as n from round_trip_commit`.execute(db);
      expect(Number(rows[0]!.n)).toBe(0);
    } finally {
      await sql`drop table if exists round_trip_commit`.execute(db);
      await db.destroy();
    }
  });

  it('the tenant pin waits for the statement after it: with COMMIT_FOLLOWS the whole transaction is one message; with parameters the pin goes with begin, just before it', async () => {
    const { db, sent } = counted(true);
    try {
      await sql`create table if not exists round_trip_commit (v text)`.execute(db);
      await sql`grant insert, select on round_trip_commit to koers_app`.execute(db);
      sent.length = 0;
      await db.transaction().execute(async (tx) => {
        await pinTenant(tx, 'GM0935');
        await sql`${sql.raw(COMMIT_FOLLOWS)}insert into round_trip_commit select current_setting('koers.tenant_id') || '/' || current_user`.execute(tx);
      });
      expect(sent).toEqual([
        `begin;${HELD_WITH_BEGIN}select set_config('role', 'koers_app', true), set_config('koers.tenant_id', 'GM0935', true);${COMMIT_FOLLOWS}insert into round_trip_commit select current_setting('koers.tenant_id') || '/' || current_user;commit`,
      ]);
      // The insert ran under the pin, and committed.
      expect((await sql<{ v: string }>`select v from round_trip_commit`.execute(db)).rows).toEqual([{ v: 'GM0935/koers_app' }]);

      sent.length = 0;
      const seen = await db.transaction().execute(async (tx) => {
        await pinTenant(tx, 'GM1903');
        return (await sql<{ t: string }>`select current_setting('koers.tenant_id') || ${'/'} as t`.execute(tx)).rows[0]!.t;
      });
      expect(seen).toBe('GM1903/');
      expect(sent.slice(0, 2)).toEqual([
        `begin;${HELD_WITH_BEGIN}select set_config('role', 'koers_app', true), set_config('koers.tenant_id', 'GM1903', true);PREPARE koers_sql_1 AS select current_setting('koers.tenant_id') || $1 as t\n`,
        "EXECUTE koers_sql_1(E'/')",
      ]);

      // A transaction that only pins sends nothing.
      sent.length = 0;
      await db.transaction().execute((tx) => pinTenant(tx, 'GM0935'));
      expect(sent).toEqual([]);
    } finally {
      await sql`drop table if exists round_trip_commit`.execute(db);
      await db.destroy();
    }
  });

  it('a first statement with parameters goes with the begin once its connection has prepared it: values of every kind arrive as bound parameters would', async () => {
    const { db, sent } = counted(true);
    const plain = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }) });
    try {
      const when = new Date('2026-03-29T01:30:00.123Z');
      const values = [
        "O'Brien \\ \\' $$ é 🙂",
        '',
        null,
        42,
        -1.5,
        true,
        9007199254740993n,
        when,
        ['a', "b'c", null, 'd,e', '{f}'],
        { naam: "d'Artagnan", lijst: [1, 2], leeg: null },
        '9fa1b2c3-0000-4000-8000-00000000000a',
      ] as const;
      const read = (on: Kysely<DB>) =>
        on.transaction().execute(async (tx) => {
          const { rows } = await sql<Record<string, unknown>>`
            select ${values[0]}::text as a, ${values[1]}::text as b, ${values[2]}::text as c, ${values[3]}::int as d, ${values[4]}::numeric as e,
                   ${values[5]}::boolean as f, ${values[6]}::bigint as g, ${values[7]}::timestamptz as h, ${values[8]}::text[] as i,
                   ${JSON.stringify(values[9])}::jsonb as j, ${values[9]}::jsonb as k, ${values[10]}::uuid as l`.execute(tx);
          return rows[0];
        });
      const expected = await read(plain);
      expect(expected).toMatchObject({ a: values[0], b: '', c: null, d: 42, e: '-1.5', f: true, g: '9007199254740993', h: when, i: values[8], j: values[9], k: values[9], l: values[10] });
      expect(await read(db)).toEqual(expected); // prepares
      sent.length = 0;
      expect(await read(db)).toEqual(expected); // executes in the opening message
      expect(sent).toHaveLength(2);
      expect(sent[0]).toMatch(/^begin;EXECUTE koers_sql_\d+\(E'O''Brien \\\\ \\\\'' \$\$ é 🙂',E'',null,E'42',E'-1.5',E'true',E'9007199254740993',E'/);
      expect(sent[1]).toBe('commit');
    } finally {
      await plain.destroy();
      await db.destroy();
    }
  });

  it('a folded first statement that fails rolls back and stays prepared; a statement that cannot be prepared fails with its own error and is tried again', async () => {
    const { db, sent } = counted(true);
    try {
      await sql`create table if not exists round_trip_fold (v int primary key)`.execute(db);
      const insert = (v: number) => db.transaction().execute(async (tx) => (await tx.insertInto('round_trip_fold' as never).values({ v } as never).executeTakeFirst()).numInsertedOrUpdatedRows);
      expect(await insert(1)).toBe(1n);
      expect(await insert(2)).toBe(1n);
      await expect(insert(1)).rejects.toThrow(/duplicate key/);
      sent.length = 0;
      expect(await insert(3)).toBe(1n);
      expect(sent[0]).toMatch(/^begin;EXECUTE koers_sql_\d+\(E'3'\)$/);
      const updated = await db.transaction().execute(async (tx) => (await sql`update round_trip_fold set v = v + ${10} where v < ${3}`.execute(tx)).numAffectedRows);
      expect(updated).toBe(2n);
      expect((await sql<{ v: number }>`select v from round_trip_fold order by v`.execute(db)).rows.map((r) => r.v)).toEqual([3, 11, 12]);

      for (let attempt = 0; attempt < 2; attempt++) {
        sent.length = 0;
        await expect(db.transaction().execute((tx) => sql`select ${1} from round_trip_missing`.execute(tx))).rejects.toThrow(/relation "round_trip_missing" does not exist/);
        expect(sent[0]).toMatch(/^begin;PREPARE koers_sql_\d+ AS select \$1 from round_trip_missing\n$/);
        expect(sent[1]).toBe('rollback');
      }
      const names = (await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(db)).rows.map((r) => r.name);
      expect(names.filter((n) => n.startsWith('koers_sql_'))).toHaveLength(2);
    } finally {
      await sql`drop table if exists round_trip_fold`.execute(db);
      await db.destroy();
    }
  });

  it('a statement with a semicolon, binary values, values longer than the bound, or one PREPARE does not take (explain) does not go with the begin', async () => {
    const { db, sent } = counted(true);
    try {
      const run = (query: ReturnType<typeof sql<{ n: number }>>) => db.transaction().execute(async (tx) => (await query.execute(tx)).rows[0]!.n);
      for (let i = 0; i < 2; i++) expect(await run(sql<{ n: number }>`select length(${'a;b'} || ';') as n`)).toBe(4);
      expect(await run(sql<{ n: number }>`select length(${Buffer.from('xyz')}::bytea) as n`)).toBe(3);
      expect(await run(sql<{ n: number }>`select length(${'x'.repeat(MAX_LITERAL_TEXT + 1)}) as n`)).toBe(MAX_LITERAL_TEXT + 1);
      expect(await db.transaction().execute(async (tx) => (await sql<{ 'QUERY PLAN': string }>`explain select ${1}::int`.execute(tx)).rows.length)).toBeGreaterThan(0);
      expect(sent.filter((m) => m.includes('EXECUTE') || m.includes('PREPARE'))).toEqual([]);
      expect(sent.filter((m) => m === 'begin')).toHaveLength(5);
    } finally {
      await db.destroy();
    }
  });

  it('a read-only transaction opens with the pin and its first statement in one message, and PostgreSQL refuses a write in it', async () => {
    const { db, sent } = counted(true);
    try {
      await sql`create table if not exists round_trip_commit (v text)`.execute(db);
      await sql`grant insert, select on round_trip_commit to koers_app`.execute(db);
      for (let i = 0; i < 2; i++) {
        sent.length = 0;
        const read = await db.startTransaction().setAccessMode('read only').execute();
        await pinTenant(read, TENANT);
        const { rows } = await sql<{ tenant: string; ro: string }>`select current_setting('koers.tenant_id') || ${'/'} as tenant, current_setting('transaction_read_only') as ro`.execute(read);
        expect(rows).toEqual([{ tenant: `${TENANT}/`, ro: 'on' }]);
        await read.commit().execute();
        const opening = `start transaction read only;${HELD_WITH_BEGIN}select set_config('role', 'koers_app', true), set_config('koers.tenant_id', '${TENANT}', true);`;
        // The first time on the connection the PREPARE goes with the opening, then one message each.
        expect(sent.every((m, n) => (n === 0) === m.startsWith(opening))).toBe(true);
        expect(sent.map((m) => m.replace(opening, '').replace(/koers_sql_\d+/, 'koers_sql_N').replace(/ AS .*/s, ' AS …'))).toEqual(
          i === 0 ? ['PREPARE koers_sql_N AS …', "EXECUTE koers_sql_N(E'/')", 'commit'] : ["EXECUTE koers_sql_N(E'/')", 'commit'],
        );
      }
      const wrong = await db.startTransaction().setAccessMode('read only').execute();
      await pinTenant(wrong, TENANT);
      await expect(sql`insert into round_trip_commit values (${'schrijven'})`.execute(wrong)).rejects.toMatchObject({ code: '25006' });
      await wrong.rollback().execute();
      expect((await sql<{ n: string }>`select count(*) as n from round_trip_commit`.execute(db)).rows[0]!.n).toBe('0');
    } finally {
      await sql`drop table if exists round_trip_commit`.execute(db);
      await db.destroy();
    }
  });

  it('after a marked statement only its commit may follow: anything else is refused, not run outside the transaction', async () => {
    const { db } = counted(true);
    try {
      await db.connection().execute(async (c) => {
        await sql`begin`.execute(c);
        await sql`${sql.raw(COMMIT_FOLLOWS)}select 1`.execute(c);
        await expect(sql`select ${2}::int`.execute(c)).rejects.toThrow(/only its commit may follow/);
        const { rows } = await sql<{ ok: number }>`select ${3}::int as ok`.execute(c);
        expect(rows[0]!.ok).toBe(3);
      });
    } finally {
      await db.destroy();
    }
  });
});
