import { sql, type RawBuilder } from 'kysely';

/**
 * `cross join lateral (…) pe`: the period the allocation in `allocationIdColumn` runs
 * (`pe.start_on`, `pe.end_on`), from its current (not superseded) segments, looked up by index for
 * each allocation a rule has already narrowed down to.
 */
export function currentPeriodOf(allocationIdColumn: string): RawBuilder<unknown> {
  return sql`cross join lateral (
    select min(s.start_date) as start_on, max(s.end_date) as end_on
    from allocation_segments s
    where s.allocation_id = ${sql.ref(allocationIdColumn)} and s.superseded_at is null
  ) pe`;
}
