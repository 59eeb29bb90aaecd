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
