import { createRequire } from 'node:module';
import { sql, type RawBuilder } from 'kysely';
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
 *    A first statement with parameters goes with it as in 1c, or else gets the `begin` sent just
 *    before it, so the order on the connection is always the same as without this. A transaction that
 *    sends nothing before its `commit` or `rollback` sends nothing at all. The same for a transaction
 *    opened with settings (`start transaction read only`, as a read's unit of work is: the opening
 *    that is held and sent is that text).
 * 1a. **The tenant pin travels with what follows it.** A statement without parameters that starts with
 *    HELD_WITH_BEGIN, sent right after a held `begin` (the pin, `pinTenant`), is held too: it is
 *    answered at once with an empty result and sent in front of the next statement, in the same message
 *    when that one has no parameters (`begin; pin; statement`), just before it otherwise. Its result
 *    must not be needed. A batch of the processing log (pin, then one statement with its commit) is
 *    then one message.
 * 1b. **`commit` travels with the statement before it, when that statement asks for it.** A statement
 *    without parameters that starts with COMMIT_FOLLOWS is sent as `statement;commit` in one message
 *    (the last statement of a processing-log batch, and of a read's unit of work opened read-write:
 *    unit-of-work.ts); the `commit` Kysely sends next is answered here. If the statement fails, the
 *    commit in the message does not run (PostgreSQL skips the rest of a message after an error) and
 *    the caller's rollback goes to the server as usual.
 *    Elsewhere (PGlite) the marker is only a comment and the commit goes on its own: the same result.
 * 1c. **A first statement with parameters travels with the `begin` too, once its connection knows it.**
 *    A simple-protocol message carries no parameters, so such a statement goes as `EXECUTE name(…)` of
 *    a statement prepared on the connection with SQL `PREPARE`, its values as literals (`E'…'`, or
 *    `null`), which the server turns into the prepared statement's parameter types exactly as it does
 *    the text of a bound parameter: `begin[;pin];EXECUTE koers_sql_N('…', …)` is one message. The first
 *    time on a connection the `PREPARE` goes with the `begin` instead (`begin[;pin];PREPARE koers_sql_N
 *    AS …`, as the last statement, so an error in that message means it was not prepared) and the
 *    `EXECUTE` follows: two messages, as without this. A prepared statement outlives a rollback, so an
 *    error later leaves the connection's list right. Only for statements that get a name (2) and values
 *    that are text or null (`pg` turns dates, numbers, arrays and objects into text the same way for
 *    both) up to MAX_LITERAL_TEXT characters, in a text `PREPARE` takes (`preparable`); anything else
 *    goes as in 1.
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
/** The most characters of values a first statement may carry as literals in the opening message (1c). */
export const MAX_LITERAL_TEXT = 16_000;
/** What opens a transaction, as Kysely sends it: `begin`, or `start transaction` with its settings. */
const OPENING = /^(?:begin|start transaction(?: isolation level (?:serializable|repeatable read|read committed|read uncommitted))?(?: read only| read write)?)$/;

/**
 * Starts a statement after which the caller commits at once (see 1b above). It must have no
 * parameters; values go in as literals (`stringLiteral`).
 */
export const COMMIT_FOLLOWS = '/* koers: commit follows */ ';

/**
 * Starts a statement whose result is not needed and that may wait for the transaction's next one
 * (see 1a above): the tenant pin. It must have no parameters.
 */
export const HELD_WITH_BEGIN = '/* koers: held with begin */ ';

/**
 * A string as an SQL literal that reads the same whatever `standard_conforming_strings` is: `E'…'`
 * with every quote and backslash doubled, so no character of the value can end the literal. For
 * values that must travel without parameters (a statement sent in one message with another).
 */
export function stringLiteral(value: string): RawBuilder<string> {
  return sql.raw(quotedString(value));
}

/** The text of `stringLiteral`'s literal, for SQL that is put together as text (a test's `EXECUTE`). */
export function quotedString(value: string): string {
  if (value.includes('\0')) throw new Error('A string literal cannot hold a NUL character');
  return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

// How `pg` turns a parameter's value into what it sends (text, a Buffer for binary, or null): the same
// function, so a value as a literal is the text a bound parameter would carry.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(value: unknown): string | Buffer | null };

/**
 * The values as the argument list of an `EXECUTE`, or undefined when one cannot go as a literal (binary,
 * a NUL character) or together they are longer than MAX_LITERAL_TEXT.
 */
export function literalArguments(values: readonly unknown[]): string | undefined {
  const literals: string[] = [];
  let length = 0;
  for (const value of values) {
    const text = prepareValue(value);
    if (text === null) {
      literals.push('null');
      continue;
    }
    if (typeof text !== 'string' || text.includes('\0') || (length += text.length) > MAX_LITERAL_TEXT) return undefined;
    literals.push(quotedString(text));
  }
  return literals.join(',');
}

/**
 * Whether SQL `PREPARE` takes this text as it is (1c): a select, insert, update, delete, merge, values
 * or table statement, possibly with a `with` or in parentheses (not `explain`, `call` and the like),
 * and no `;`, which could end the prepared statement inside the message where a bound statement's
 * text with two statements is refused.
 */
export function preparable(text: string): boolean {
  return !text.includes(';') && /^(?:\s|\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\/|\()*(?:select|insert|update|delete|merge|values|table|with)\b/i.test(text);
}

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
  /** The opening of the transaction (`begin` or `start transaction …`), held until its first statement (1). */
  let beginHeld: string | undefined;
  let heldWithBegin: string | undefined;
  let committed = false;
  /** The statements prepared on this connection with SQL `PREPARE` (1c). */
  const preparedHere = new Set<string>();
  const patched: Query = (...args) => {
    const [text, values] = args;
    const plain = typeof text === 'string' && args.length <= 2 && (values === undefined || Array.isArray(values));
    const withoutValues = plain && (values === undefined || (values as unknown[]).length === 0);
    if (committed) {
      committed = false;
      if (plain && text === 'commit') return Promise.resolve(EMPTY('COMMIT'));
      return Promise.reject(new Error('The transaction was committed with its last statement (COMMIT_FOLLOWS): only its commit may follow'));
    }
    if (withoutValues && text.startsWith(COMMIT_FOLLOWS)) {
      const statements = [...(beginHeld === undefined ? [] : [beginHeld, ...(heldWithBegin === undefined ? [] : [heldWithBegin])]), text, 'commit'];
      beginHeld = undefined;
      heldWithBegin = undefined;
      return (query(statements.join(';')) as Promise<QueryResult[]>).then((results) => {
        committed = true;
        return results[statements.length - 2]!;
      });
    }
    if (withoutValues && beginHeld === undefined && OPENING.test(text)) {
      beginHeld = text;
      return Promise.resolve(EMPTY('BEGIN'));
    }
    if (beginHeld !== undefined) {
      if (withoutValues && heldWithBegin === undefined && text.startsWith(HELD_WITH_BEGIN)) {
        heldWithBegin = text;
        return Promise.resolve(EMPTY('SELECT'));
      }
      const opening = heldWithBegin === undefined ? beginHeld : `${beginHeld};${heldWithBegin}`;
      beginHeld = undefined;
      heldWithBegin = undefined;
      if (plain && (text === 'commit' || text === 'rollback')) return Promise.resolve(EMPTY(text.toUpperCase()));
      if (withoutValues) {
        // One message, several statements: the answer is the list of their results; Kysely wants the last.
        return (query(`${opening};${text}`) as Promise<QueryResult | QueryResult[]>).then((result) => (Array.isArray(result) ? result[result.length - 1]! : result));
      }
      const name = plain && options.preparedStatements && Array.isArray(values) && preparable(text) ? nameOf(text, values.length) : undefined;
      const literals = name === undefined ? undefined : literalArguments(values as unknown[]);
      if (name !== undefined && literals !== undefined) {
        const prepared = `koers_sql_${name.slice('koers_'.length)}`;
        const execute = `EXECUTE ${prepared}(${literals})`;
        if (preparedHere.has(prepared)) return (query(`${opening};${execute}`) as Promise<QueryResult[]>).then((results) => results[results.length - 1]!);
        // The text ends on a line of its own: a closing line comment in it cannot swallow what follows.
        return (query(`${opening};PREPARE ${prepared} AS ${text}\n`) as Promise<unknown>).then(() => {
          preparedHere.add(prepared);
          return query(execute);
        });
      }
      // Queued on the connection before what follows; if it fails, the next statement fails too
      // (a failed begin: it runs alone; a failed pin: in an aborted transaction, which refuses it).
      (query(opening) as Promise<unknown>).catch(() => {});
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
