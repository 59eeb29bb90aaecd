// Residents and households of one province municipality, set-based: one `insert … select … from
// generate_series` per batch of households, every value drawn from md5 (sql-random.ts), so a batch can be
// re-run or resumed and gives the same rows. Names come from the lists of population.ts.

import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { normaliseForSearch } from '../../modules/residents/resident.names.js';
import { DUTCH_FAMILY_NAMES, DUTCH_GIVEN_NAMES, INTERNATIONAL_NAMES, LIMBURG_FAMILY_NAMES, POSTCODE_PAIRS, splitSurname } from '../population.js';
import { between, draw, md5Of, uuidFromMd5 } from './sql-random.js';

/** Household sizes 1–6: 40 / 33 / 11 / 11 / 4 / 1 %, a mean of 2.09 persons (Limburg is about 2.1). */
export const MAX_HOUSEHOLD = 6;
const householdSize = (u: RawBuilder<number>) =>
  sql<number>`(case when ${u} < 0.40 then 1 when ${u} < 0.73 then 2 when ${u} < 0.84 then 3 when ${u} < 0.95 then 4 when ${u} < 0.99 then 5 else 6 end)`;

/** The area of a household for the load: its code, streets and PC4s. */
export interface AreaPlan {
  code: string;
  streets: readonly string[];
  postcodes: readonly number[];
  /** The first household number of the area; areas hold consecutive households. */
  firstHousehold: number;
}

export interface ResidentBatch {
  tenantId: string;
  /** 'seed:tenant', the base of every md5 draw. */
  base: string;
  city: string;
  areas: readonly AreaPlan[];
  /** Household numbers [from, to). */
  from: number;
  to: number;
  /** The last household of the municipality and how many of its members are loaded (the population is exact). */
  lastHousehold: number;
  lastHouseholdSize: number;
  /** The municipality's first BSN index: household h, member m gets index bsnOffset + 6·h + m − 1. */
  bsnOffset: number;
  /** yyyy-mm-dd; ages are whole years on this date. */
  referenceDate: string;
}

const normalised = (name: string) => [name, normaliseForSearch(name)] as const;
const family = (full: string) => {
  const { prefix, name } = splitSurname(full);
  return [prefix, name, normaliseForSearch(full), normaliseForSearch(name)] as const;
};

/** The name lists as one jsonb value, indexed by the statement. */
const NAME_POOLS = JSON.stringify({
  // Limburg names first (70 % of Dutch households), then general Dutch names.
  dutchFamily: [...LIMBURG_FAMILY_NAMES, ...DUTCH_FAMILY_NAMES].map(family),
  limburgCount: LIMBURG_FAMILY_NAMES.length,
  cohorts: DUTCH_GIVEN_NAMES.map((c) => ({ before: Number.isFinite(c.bornBefore) ? c.bornBefore : 9999, male: c.male.map(normalised), female: c.female.map(normalised) })),
  origins: Object.values(INTERNATIONAL_NAMES).map((p) => ({ male: p.male.map(normalised), female: p.female.map(normalised), family: p.family.map(family) })),
  pairs: POSTCODE_PAIRS,
});

const householdDraws = (base: string, h: RawBuilder<unknown>) => ({ a: md5Of(base, 'hh', h), b: md5Of(base, 'hx', h) });

/**
 * The number of households that holds exactly `population` residents, and how many members of the last
 * one are loaded: household sizes are drawn per household number, so this is one aggregate.
 */
export async function householdsFor(tx: Tx, base: string, population: number): Promise<{ households: number; lastSize: number }> {
  if (population === 0) return { households: 0, lastSize: 0 };
  const { a } = householdDraws(base, sql`h`);
  const { rows } = await sql<{ h: number; cum: string; size: number }>`
    with s as (select h, ${householdSize(draw('a', 0))} as size from (select h, ${a} as a from generate_series(0, ${population - 1}::int) h) x),
    c as (select h, size, sum(size) over (order by h) as cum from s)
    select h, cum, size from c where cum >= ${population} order by h limit 1`.execute(tx);
  const row = rows[0]!;
  return { households: row.h + 1, lastSize: population - (Number(row.cum) - row.size) };
}

/** Inserts the residents of households [from, to); returns the number inserted (0 for a batch already there). */
export async function insertResidentBatch(tx: Tx, batch: ResidentBatch): Promise<number> {
  const { a, b } = householdDraws(batch.base, sql`h`);
  const member = md5Of(batch.base, 'p', sql`h`, sql`m`);
  const areas = JSON.stringify(batch.areas.map((area) => ({ code: area.code, streets: area.streets, postcodes: area.postcodes, first: area.firstHousehold })));
  const starts = `{${batch.areas.map((area) => area.firstHousehold).join(',')}}`;
  const result = await sql`
    with pools as (select ${NAME_POOLS}::jsonb as j, ${areas}::jsonb as areas),
    raw as materialized (
      select h, ${a} as a, ${b} as b, width_bucket(h, ${starts}::int[]) - 1 as area_index
      from generate_series(${batch.from}::int, ${batch.to - 1}::int) h
    ),
    hh as materialized (
      select raw.*,
        ${householdSize(draw('a', 0))} as size,
        -- 'single', 'couple' (two adults, maybe with children) or 'parent' (one adult with children)
        case when ${householdSize(draw('a', 0))} = 1 then 'single' when ${draw('a', 1)} < 0.8 then 'couple' else 'parent' end as kind,
        ${draw('a', 2)} as age_draw, ${draw('a', 3)} as age_fine,
        ${draw('b', 0)} < 0.1 as international, ${between(draw('b', 1), 0, Object.keys(INTERNATIONAL_NAMES).length - 1)} as origin,
        ${draw('b', 2)} as family_draw, ${draw('b', 3)} as family_fine
      from raw
    ),
    heads as materialized (
      select hh.*,
        case
          when kind = 'single' then case when age_draw < 0.12 then ${between(sql`age_fine`, 18, 24)} when age_draw < 0.37 then ${between(sql`age_fine`, 25, 44)}
            when age_draw < 0.65 then ${between(sql`age_fine`, 45, 64)} when age_draw < 0.87 then ${between(sql`age_fine`, 65, 79)} else ${between(sql`age_fine`, 80, 99)} end
          when size = 2 and kind = 'couple' then case when age_draw < 0.05 then ${between(sql`age_fine`, 20, 24)} when age_draw < 0.30 then ${between(sql`age_fine`, 25, 44)}
            when age_draw < 0.62 then ${between(sql`age_fine`, 45, 64)} when age_draw < 0.90 then ${between(sql`age_fine`, 65, 79)} else ${between(sql`age_fine`, 80, 95)} end
          else ${between(sql`age_fine`, 26, 55)}
        end as head_age,
        areas -> area_index as area, j
      from hh, pools
    ),
    people as materialized (
      select heads.*, m, ${member} as p, ${md5Of(batch.base, 'q', sql`h`, sql`m`)} as q
      from heads cross join lateral generate_series(1, case when h = ${batch.lastHousehold} then ${batch.lastHouseholdSize}::int else size end) m
    ),
    aged as materialized (
      select people.*,
        case
          when m = 1 then head_age
          when m = 2 and kind <> 'parent' then greatest(18, head_age + ${between(draw('p', 0), -4, 4)})
          else greatest(0, head_age - 44) + floor(${draw('p', 0)} * (greatest(0, least(22, head_age - 19) - greatest(0, head_age - 44)) + 1))::int
        end as age,
        case
          when m = 1 and kind = 'parent' then case when ${draw('p', 1)} < 0.82 then 'V' else 'M' end
          when m = 1 then case when ${draw('p', 1)} < 0.002 then 'X' when ${draw('p', 1)} < (case when head_age >= 65 then 0.65 else 0.5 end) then 'V' else 'M' end
          when m = 2 and kind <> 'parent' then case when ${draw('p', 1)} < 0.48 then 'V' else 'M' end
          else case when ${draw('p', 1)} < 0.5 then 'V' else 'M' end
        end as gender,
        -- A partner keeps their own name in half the households.
        (m = 2 and kind <> 'parent' and ${draw('p', 3)} < 0.5) as own_name
      from people
    ),
    dated as materialized (
      select aged.*,
        ((${batch.referenceDate}::date - make_interval(years => age))::date - ${between(draw('p', 2), 0, 364)}) as birth_date
      from aged
    ),
    named as materialized (
      select dated.*,
        case when international then j -> 'origins' -> origin -> 'family' -> floor(fam_fine * jsonb_array_length(j -> 'origins' -> origin -> 'family'))::int
          else j -> 'dutchFamily' -> (case when fam_choice < 0.7
            then floor(fam_fine * (j ->> 'limburgCount')::int)::int
            else (j ->> 'limburgCount')::int + floor(fam_fine * (jsonb_array_length(j -> 'dutchFamily') - (j ->> 'limburgCount')::int))::int end)
        end as family,
        case when international then j -> 'origins' -> origin -> (case when gender = 'M' then 'male' else 'female' end)
          else (select c -> (case when gender = 'M' then 'male' else 'female' end) from jsonb_array_elements(j -> 'cohorts') c
                where extract(year from birth_date) < (c ->> 'before')::int limit 1)
        end as given_pool
      from dated
      cross join lateral (select case when own_name then ${draw('q', 1)} else family_draw end as fam_choice,
        case when own_name then ${draw('q', 2)} else family_fine end as fam_fine) f
    )
    insert into residents (tenant_id, id, bsn, given_name, surname_prefix, family_name, birth_date, gender, street, house_number,
      house_letter, postcode, city, area_code, household_id, search_text)
    select ${batch.tenantId}, ${uuidFromMd5(sql.raw(`md5(p)`))}, bsn, given ->> 0, family ->> 0, family ->> 1, birth_date, gender, street, house_number,
      null, postcode, ${batch.city}, area ->> 'code', ${uuidFromMd5(sql.raw(`md5(a)`))},
      (given ->> 1) || ' ' || (family ->> 2) || ' ' || (family ->> 3)
    from (
      select named.*, given_pool -> floor(${draw('q', 0)} * jsonb_array_length(given_pool))::int as given,
        street, house_number,
        (area -> 'postcodes' ->> (street_index % jsonb_array_length(area -> 'postcodes')))
          || ' ' || (j -> 'pairs' ->> ((street_index * 37 + (house_number - 1) / 30 + area_index * 101) % jsonb_array_length(j -> 'pairs'))::int) as postcode,
        ${bsnSql(sql`${batch.bsnOffset}::bigint + 6 * h + m - 1`)} as bsn
      from named
      cross join lateral (select (h - (area ->> 'first')::int) % jsonb_array_length(area -> 'streets') as street_index) si
      cross join lateral (select area -> 'streets' ->> street_index as street,
        (h - (area ->> 'first')::int) / jsonb_array_length(area -> 'streets') + 1 as house_number) addr
    ) rows
    on conflict (tenant_id, bsn) do nothing`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The BSN with a given index (0 … 8,999,999), fictitious and elfproef-valid: the index is scattered by an
 * affine permutation of the 9,000,000 indexes, split into a stem (digits 2–7) and a choice j among the
 * nine valid eighth digits; the ninth is the check digit. A bijection onto 9,000,000 of the numbers
 * 900000000–999999999 (about all elfproef-valid ones whose eighth digit is not the one excluded).
 */
export function bsnSql(index: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`(
    select (900000000 + stem * 100 + d8 * 10 + (s + 2 * d8) % 11)::text
    from (select stem, s, case when j < bad then j else j + 1 end as d8
      from (select stem, j, s, (6 * (110 + 10 - s % 11)) % 11 as bad
        from (select p / 9 as stem, p % 9 as j,
            81 + 8 * (p / 9 / 100000 % 10) + 7 * (p / 9 / 10000 % 10) + 6 * (p / 9 / 1000 % 10) + 5 * (p / 9 / 100 % 10)
              + 4 * (p / 9 / 10 % 10) + 3 * (p / 9 % 10) as s
          from (select ((${index}) * 7777777 + 1234567) % 9000000 as p) perm) digits) choice) valid)`;
}
