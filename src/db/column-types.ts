import type { ColumnType } from 'kysely';

// Column types that the table types of several modules share; each module's `*.tables.ts` uses these
// and `schema.ts` assembles the modules' tables into `DB`.

/** A `timestamptz` column: read as a Date, written as a Date or an ISO string; defaults where omitted. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A `numeric` column: read as a string (no precision lost), written as a number or a string. */
export type Numeric = ColumnType<string, number | string, number | string>;

/** An amount in euro cents in a `bigint`/`numeric` column: read as a string, written as a number or string. */
export type Cents = Numeric;

/** A `date` column: read as 'yyyy-mm-dd' (both drivers are configured so), written as the same. */
export type DateString = string;

/** A `jsonb` object column: read as an object, written as its JSON text. */
export type Json = ColumnType<Record<string, unknown>, string, string>;

/** The laws of the social domain, as stored in the `law` columns of case types, products and budget lines. */
export type Law = 'wmo' | 'jeugdwet' | 'participatiewet' | 'wgs';

/** The unit of a product, a tariff and an allocation's volume. */
export type Unit = 'minute' | 'hour' | 'day_part' | 'day' | 'piece' | 'euro';

/** Per what period a volume counts. */
export type Frequency = 'per_day' | 'per_week' | 'per_month' | 'total';
