import { sql, type RawBuilder } from 'kysely';

// The resident's area and that area's social team, as scalar subqueries: evaluated per found
// subject by primary key. A join would let the planner scan every resident to decorate a handful
// of rows (a correlated scalar subquery is never flattened into such a join).

/** `(select area_code …)` of the resident in `residentIdColumn`. */
export function areaOf(residentIdColumn: string): RawBuilder<string | null> {
  return sql<string | null>`(select r.area_code from residents r where r.id = ${sql.ref(residentIdColumn)})`;
}

/** `(select team_id …)`: the social team of the resident's area. */
export function areaTeamOf(residentIdColumn: string): RawBuilder<string | null> {
  return sql<string | null>`(select ta.team_id from residents r join team_areas ta on ta.area_code = r.area_code where r.id = ${sql.ref(residentIdColumn)})`;
}
