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

/**
 * The origin shown (fact "herkomst") for an allocation without a case: granted on a provider's
 * request (iWmo/iJw 315/317, a legal referrer's youth care) without a beschikking. Such an
 * allocation has no consultant of its own: the signal goes to the resident's area team.
 */
export const FROM_REQUEST = sql<string>`'verzoek van de aanbieder (zonder beschikking)'`;
