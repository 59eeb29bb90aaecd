import { z } from 'zod';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('Vaste foutcode, bijvoorbeeld VALIDATION_FAILED of FORBIDDEN'),
      message: z.string().describe('Uitleg in het Nederlands, geschikt om te tonen'),
      fields: z
        .array(z.object({ field: z.string(), message: z.string() }))
        .optional()
        .describe('Per veld wat er mis is (alleen bij VALIDATION_FAILED)'),
      requestId: z.string().describe('Trace-id van het verzoek; noem dit bij een melding'),
    }),
  })
  .describe('Foutmelding');

/** Standard error responses for a route's OpenAPI entry. */
export function errorResponses<const S extends readonly (400 | 401 | 403 | 404 | 409 | 429)[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((s) => [s, errorBodySchema])) as { [K in S[number]]: typeof errorBodySchema };
}

export const uuidParam = (what: string) =>
  z.uuid({ message: `${what} is geen geldig id` }).describe(`Id van ${what.toLowerCase()}`);

/** Largest value of a PostgreSQL `integer` column: integer input bound for such columns. */
export const INT4_MAX = 2_147_483_647;

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_SHAPE = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Dates Koers can hold: the calendar module and the budget years work within these years. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function yearInRange(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/**
 * A calendar date as `jjjj-mm-dd` that exists (no 2027-02-30) and lies within MIN_YEAR..MAX_YEAR.
 * Every check after the shape aborts: a later check never sees a value that failed an earlier one
 * (a refine on '2027-1-1' would throw RangeError: Invalid time value).
 */
export function isoDateSchema(label: string) {
  return z
    .string({ message: `Vul de ${label} in.` })
    .regex(DATE_SHAPE, { message: `Ongeldige ${label}: gebruik jjjj-mm-dd.`, abort: true })
    .refine(isRealDate, { message: `Deze ${label} bestaat niet.`, abort: true })
    .refine(yearInRange, { message: `De ${label} moet tussen ${MIN_YEAR} en ${MAX_YEAR} liggen.`, abort: true });
}

/** A month as `jjjj-mm` within MIN_YEAR..MAX_YEAR. */
export function isoMonthSchema(message = 'Geef een maand als jjjj-mm.') {
  return z
    .string({ message })
    .regex(MONTH_SHAPE, { message, abort: true })
    .refine(yearInRange, { message: `De maand moet tussen ${MIN_YEAR} en ${MAX_YEAR} liggen.`, abort: true });
}
