import { sql, type RawBuilder } from 'kysely';

// Deterministic pseudo-randomness inside one SQL statement. An md5 of "seed:tenant:label:key" gives 32 hex
// digits, i.e. four independent 32-bit draws; the same seed always gives the same rows, whatever the
// batch size, the order of evaluation or the database (md5 is the same on PostgreSQL and PGlite, unlike
// random() under setseed(), whose order of evaluation a plan may change).

/** The md5 of `base:label:key…` as a text expression; `base` is a bound parameter. */
export function md5Of(base: string, label: string, ...keys: RawBuilder<unknown>[]): RawBuilder<string> {
  const parts = keys.map((k) => sql`|| ':' || ${k}::text`);
  return sql<string>`md5(${base}::text || ${':' + label} ${sql.join(parts, sql` `)})`;
}

/** The draw number `slot` (0–3) of an md5 column as a fraction in [0, 1). */
export function draw(md5Column: string, slot: 0 | 1 | 2 | 3): RawBuilder<number> {
  return sql<number>`(('x' || substr(${sql.ref(md5Column)}, ${sql.lit(slot * 8 + 1)}, 8))::bit(32)::bigint / 4294967296.0)`;
}

/** An integer from `min` to `max` (inclusive) from a fraction expression. */
export function between(fraction: RawBuilder<number>, min: number, max: number): RawBuilder<number> {
  return sql<number>`(${sql.lit(min)} + floor(${fraction} * ${sql.lit(max - min + 1)})::int)`;
}

/**
 * An id from an md5 expression, as a valid RFC 9562 UUID: version 4 and variant 10xx set in the hex
 * digits (positions 13 and 17), so the API's uuid checks accept it. A bare md5::uuid has random version
 * and variant digits, and most of those ids were refused with 400 (and answered with 500 where a
 * response held one).
 */
export function uuidFromMd5(md5: RawBuilder<string>): RawBuilder<string> {
  return sql<string>`overlay(overlay(${md5} placing '4' from 13) placing '8' from 17)::uuid`;
}
