import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * Process state kept per database: one process may hold more than one (the benches, test files that
 * share a worker), and one database's state must never stand in for another's. Gone with the database.
 */
export function perDatabase<V>(create: () => V): (db: Kysely<DB>) => V {
  const values = new WeakMap<Kysely<DB>, V>();
  return (db) => {
    let value = values.get(db);
    if (value === undefined) {
      value = create();
      values.set(db, value);
    }
    return value;
  };
}
