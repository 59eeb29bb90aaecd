import { z } from 'zod';
import { uuidParam } from '../../platform/http/schemas.js';

const cents = (what: string) => z.number().int().describe(`${what} (eurocent)`);
const hidden = (what: string) => z.number().int().nullable().describe(`${what}; null wanneer onderdrukt (minder dan 10 inwoners)`);

export const yearQuerySchema = z.object({ year: z.coerce.number({ message: 'Het jaar moet een getal zijn.' }).int('Het jaar moet een heel getal zijn.').min(2000, 'Kies een jaar vanaf 2000.').max(2100, 'Kies een jaar tot en met 2100.').optional().describe('Begrotingsjaar (standaard dit jaar)') });

export const lineParamsSchema = z.object({ code: z.string().regex(/^[0-9A-Za-z.\-]{1,20}$/, 'Een code heeft 1 tot 20 tekens: cijfers, letters, punt of streepje.').describe('BBV-taakveld') });
export const providerParamsSchema = lineParamsSchema.extend({ providerId: uuidParam('Aanbieder') });

export const budgetLineSchema = z.object({
  code: z.string().describe('BBV-taakveld'),
  name: z.string(),
  year: z.number().int(),
  budgetCents: cents('Budget'),
  committedCents: cents('Verplichtingen uit toewijzingen voor het jaar'),
  remainingCents: cents('Budget min verplichtingen'),
  allocations: z.number().int().describe('Toewijzingen met een verplichting of declaratie in het jaar'),
  realisedCents: cents('Realisatie: goedgekeurde declaraties voor maanden van het jaar'),
  remainingCommitmentCents: cents('Het deel van de verplichtingen voor de open maanden (vanaf firstOpenMonth)'),
  inflowCents: cents('Verwachte kosten van nieuwe toewijzingen in de open maanden (tempo van de laatste 12 maanden)'),
  forecastCents: cents('Prognose jaareinde: realisatie verstreken maanden + resterende verplichtingen + instroom'),
  differenceCents: cents('Budget min prognose; negatief is een verwachte overschrijding'),
  firstOpenMonth: z.string().describe('Eerste maand die nog niet verstreken is (jjjj-mm); zie docs/finance-forecast.md'),
});

export const lineProvidersSchema = z.object({
  line: budgetLineSchema,
  providers: z.array(
    z.object({
      providerId: z.uuid(),
      providerName: z.string(),
      suppressed: z.boolean().describe('Minder dan 10 inwoners (of af te leiden uit de andere aanbieders): aantallen en bedragen niet getoond'),
      residents: hidden('Inwoners met een toewijzing'),
      allocations: hidden('Toewijzingen'),
      committedCents: hidden('Verplichtingen'),
      realisedCents: hidden('Realisatie'),
      remainingCommitmentCents: hidden('Resterende verplichtingen'),
      inflowCents: hidden('Verwachte instroom'),
      forecastCents: hidden('Prognose jaareinde'),
    }),
  ),
});

export const providerAllocationsSchema = z.object({
  line: budgetLineSchema,
  provider: z.object({ id: z.uuid(), name: z.string() }),
  suppressed: z.boolean().describe('De aanbieder heeft minder dan 10 inwoners op deze post: de toewijzingen worden niet afzonderlijk getoond'),
  allocations: z.array(
    z.object({
      id: z.uuid(),
      reference: z.string().describe('Anonieme verwijzing naar de toewijzing'),
      resident: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('Alleen bij een relatie met de inwoner (DESIGN.md §5); anders null'),
      product: z.string(),
      start: z.string().nullable(),
      end: z.string().nullable(),
      committedCents: cents('Verplichting voor het jaar'),
      realisedCents: cents('Realisatie'),
      remainingCommitmentCents: cents('Resterende verplichting'),
      forecastCents: cents('Prognose jaareinde'),
    }),
  ),
});
