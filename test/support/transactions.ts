import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';

export interface TransactionCount {
  /** Transactions begun with `db.transaction()` (`withTenant`: the session lookup, jobs, a second unit). */
  readonly callback: number;
  /** Transactions begun with `db.startTransaction()` (a request's unit of work). */
  readonly controlled: number;
  readonly total: number;
  stop(): void;
}

/**
 * Counts the transactions (BEGINs) opened through `db` until `stop()`: every transaction Koers opens
 * goes through one of these two Kysely methods.
 */
export function countTransactions(db: Kysely<DB>): TransactionCount {
  const transaction = db.transaction;
  const startTransaction = db.startTransaction;
  let callback = 0;
  let controlled = 0;
  db.transaction = function counted(this: Kysely<DB>) {
    callback += 1;
    return transaction.call(this);
  } as typeof db.transaction;
  db.startTransaction = function counted(this: Kysely<DB>) {
    controlled += 1;
    return startTransaction.call(this);
  } as typeof db.startTransaction;
  return {
    get callback() {
      return callback;
    },
    get controlled() {
      return controlled;
    },
    get total() {
      return callback + controlled;
    },
    stop: () => {
      db.transaction = transaction;
      db.startTransaction = startTransaction;
    },
  };
}
