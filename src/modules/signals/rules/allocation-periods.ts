import { sql } from 'kysely';

/** The period an allocation runs, from its current (not superseded) segments. A CTE body. */
export const allocationPeriods = sql`
  select s.allocation_id, min(s.start_date) as start_on, max(s.end_date) as end_on
  from allocation_segments s
  where s.superseded_at is null
  group by s.allocation_id
`;
