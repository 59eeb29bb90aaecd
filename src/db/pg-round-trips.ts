import type pg from 'pg';

/**
 * Fewer round trips and less parsing per request on a PostgreSQL server (issue #17 §2: "prepared
 * statements where they help"). Every request runs its work in a tenant transaction: `begin`, the
 * statement that pins role and municipality, the queries, `commit`. On a server each of those is a
 * network round trip, and each parameterised query is parsed and planned again. Two changes to the
 * `pg` client under Kysely, both invisible to the code above it:
 *
 * 1. **`begin` travels with the next statement.** Kysely sends `begin` on its own; here it is held
 *    and sent in front of the transaction's first statement when that statement has no parameters
 *    (the tenant pin, see `pinTenant`), as one simple-protocol message: `begin; select set_config…`.
 *    A first statement with parameters gets the `begin` sent just before it, so the order on the
 *    connection is always the same as without this. A transaction that sends nothing before its
 *    `commit` or `rollback` sends nothing at all.
 * 2. **Named prepared statements.** A query with parameters is sent as a named statement, so the
 *    server parses it once per connection and may keep its plan (PostgreSQL's plan cache). The name
 *    is the same for the same text in every connection of the process. Bounded: statements longer
 *    than MAX_PREPARED_TEXT or with more than MAX_PREPARED_PARAMETERS parameters (bulk inserts, long
 *    `in` lists) stay unnamed, and after MAX_PREPARED_STATEMENTS distinct texts new ones do too, so a
 *    connection never holds more than that many.
 *
 * Prepared statements cannot be used through a pooler in transaction mode (PgBouncer before 1.21);
 * `DATABASE_PREPARED_STATEMENTS=off` turns 2 off. After a migration that changes a table's columns,
 * a process that started before it answers `cached plan must not change result type` for a prepared
 * `select *` on that table: run migrations before starting the new version's processes, as a deploy
 * does anyway (docs/scaling.md).
 */
export interface RoundTripOptions {
  preparedStatements: boolean;
}

export const MAX_PREPARED_STATEMENTS = 500;
export const MAX_PREPARED_TEXT = 8_000;
export const MAX_PREPARED_PARAMETERS = 100;

type QueryResult = pg.QueryResult;
type Query = (...args: unknown[]) => unknown;

/** Statement names per text, shared by the connections of one pool. */
export function createStatementNames(): (text: string, parameterCount: number) => string | undefined {
  const names = new Map<string, string>();
  return (text, parameterCount) => {
    if (parameterCount === 0 || parameterCount > MAX_PREPARED_PARAMETERS || text.length > MAX_PREPARED_TEXT) return undefined;
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PREPARED_STATEMENTS) {
      name = `koers_${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
}

const EMPTY = (command: string): QueryResult => ({ command, rowCount: null, rows: [], fields: [], oid: 0 }) as unknown as QueryResult;

/** Wraps `client.query` of one pooled connection; called once per new connection. */
export function reduceRoundTrips(client: pg.Client, options: RoundTripOptions, nameOf: ReturnType<typeof createStatementNames>): void {
  const query = client.query.bind(client) as Query;
  let beginHeld = false;
  const patched: Query = (...args) => {
    const [text, values] = args;
    const plain = typeof text === 'string' && args.length <= 2 && (values === undefined || Array.isArray(values));
    if (plain && text === 'begin' && (values === undefined || (values as unknown[]).length === 0) && !beginHeld) {
      beginHeld = true;
      return Promise.resolve(EMPTY('BEGIN'));
    }
    if (beginHeld) {
      beginHeld = false;
      if (plain && (text === 'commit' || text === 'rollback')) return Promise.resolve(EMPTY(text.toUpperCase()));
      if (plain && (values === undefined || (values as unknown[]).length === 0)) {
        // One message, two statements: the answer is the list of both results; Kysely wants the last.
        return (query(`begin;${text}`) as Promise<QueryResult | QueryResult[]>).then((result) => (Array.isArray(result) ? result[result.length - 1]! : result));
      }
      // Queued on the connection before what follows; a failed begin fails the next statement too.
      (query('begin') as Promise<unknown>).catch(() => {});
    }
    if (plain && options.preparedStatements && Array.isArray(values)) {
      const name = nameOf(text, values.length);
      if (name) return query({ name, text, values });
    }
    return query(...args);
  };
  (client as unknown as { query: Query }).query = patched;
}

/** Every connection the pool opens from now on gets `reduceRoundTrips`, with statement names shared by the pool. */
export function reduceRoundTripsOf(pool: pg.Pool, options: RoundTripOptions): void {
  const nameOf = createStatementNames();
  pool.on('connect', (client) => reduceRoundTrips(client, options, nameOf));
}
