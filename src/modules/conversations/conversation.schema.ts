import { z } from 'zod';
import { isoDateSchema } from '../../platform/http/schemas.js';
import { todayInAmsterdam } from '../../platform/time.js';

/** The six dimensions of Positieve Gezondheid (iPH), in the order of the spinnenweb. */
export const dimensions = ['bodilyFunctions', 'mentalWellbeing', 'meaningfulness', 'qualityOfLife', 'participation', 'dailyFunctioning'] as const;
export type Dimension = (typeof dimensions)[number];

export const dimensionLabels: Record<Dimension, string> = {
  bodilyFunctions: 'Lichaamsfuncties',
  mentalWellbeing: 'Mentaal welbevinden',
  meaningfulness: 'Zingeving',
  qualityOfLife: 'Kwaliteit van leven',
  participation: 'Meedoen',
  dailyFunctioning: 'Dagelijks functioneren',
};

/** The "ik"-statement of the simple tool, shown beside each mark. */
export const dimensionStatements: Record<Dimension, string> = {
  bodilyFunctions: 'Ik voel me gezond en fit',
  mentalWellbeing: 'Ik voel me vrolijk',
  meaningfulness: 'Ik heb vertrouwen in mijn eigen toekomst',
  qualityOfLife: 'Ik geniet van mijn leven',
  participation: 'Ik heb goed contact met andere mensen',
  dailyFunctioning: 'Ik kan goed voor mezelf zorgen',
};

/** The self-reliance ladder, from what the resident can do to a tailored provision. */
export const ladderSteps = ['own_strength', 'network', 'community', 'tailored'] as const;
export type LadderStepId = (typeof ladderSteps)[number];

export const ladderStepLabels: Record<LadderStepId, string> = {
  own_strength: 'Eigen kracht',
  network: 'Netwerk',
  community: 'Voorliggend veld',
  tailored: 'Maatwerk',
};

const dimensionScoreSchema = (dimension: Dimension) => {
  const label = dimensionLabels[dimension].toLowerCase();
  return z
    .object(
      {
        score: z
          .number({ message: `Vul een cijfer van 0 tot en met 10 in voor ${label}.` })
          .int(`Het cijfer voor ${label} is een heel getal.`)
          .min(0, `Het cijfer voor ${label} is minimaal 0.`)
          .max(10, `Het cijfer voor ${label} is maximaal 10.`)
          .describe(`Cijfer 0–10 dat de inwoner zelf geeft ("${dimensionStatements[dimension]}")`),
        wantsToTalk: z
          .boolean({ message: 'Geef aan of de inwoner hierover wil praten (ja of nee).' })
          .default(false)
          .describe('"Hier wil ik over praten": de inwoner wil dit onderwerp in het gesprek bespreken'),
      },
      { message: `Vul het cijfer voor ${label} in.` },
    )
    .describe(dimensionLabels[dimension]);
};

export const scoresSchema = z
  .object(
    Object.fromEntries(dimensions.map((d) => [d, dimensionScoreSchema(d)])) as {
      [D in Dimension]: ReturnType<typeof dimensionScoreSchema>;
    },
    { message: 'Vul de cijfers voor de zes dimensies in.' },
  )
  .describe('Per dimensie van Positieve Gezondheid het cijfer van de inwoner en of die erover wil praten');
export type Scores = z.infer<typeof scoresSchema>;

const optionalUuid = (message: string) => z.uuid(message).nullable().optional();

export const createConversationSchema = z.object({
  heldOn: isoDateSchema('gespreksdatum')
    .refine((v) => v >= '2000-01-01', 'De gespreksdatum ligt te ver in het verleden.')
    .refine((v) => v <= todayInAmsterdam(), 'De gespreksdatum ligt in de toekomst.')
    .describe('Datum waarop het gesprek is gevoerd (JJJJ-MM-DD)'),
  caseId: optionalUuid('Het zaak-id is ongeldig.').describe('Zaak van deze inwoner waar het gesprek bij hoort (optioneel)'),
  correctsId: optionalUuid('Het id van het te corrigeren gesprek is ongeldig.').describe(
    'Eerder gesprek dat dit gesprek corrigeert; gesprekken worden nooit gewijzigd of verwijderd',
  ),
  scores: scoresSchema,
  ladder: z
    .object(
      {
        step: z
          .enum(ladderSteps, { message: 'Kies een trede: eigen kracht, netwerk, voorliggend veld of maatwerk.' })
          .describe('Gekozen trede: own_strength (eigen kracht), network (netwerk), community (voorliggend veld), tailored (maatwerk)'),
        rationale: z
          .string({ message: 'Vul de onderbouwing van de gekozen trede in.' })
          .trim()
          .min(1, 'Vul de onderbouwing van de gekozen trede in.')
          .max(4000, 'De onderbouwing is te lang (maximaal 4000 tekens).')
          .describe('Waarom deze trede: wat de inwoner zelf, het netwerk en het voorliggend veld kunnen'),
      },
      { message: 'Kies een trede van de zelfredzaamheidsladder en onderbouw die.' },
    )
    .describe('Zelfredzaamheidsladder: eigen kracht → netwerk → voorliggend veld → maatwerk'),
  agreements: z
    .array(
      z
        .string({ message: 'Een afspraak is een tekst.' })
        .trim()
        .min(1, 'Een afspraak mag niet leeg zijn.')
        .max(500, 'Een afspraak is te lang (maximaal 500 tekens).'),
      { message: 'Vul minstens één afspraak in.' },
    )
    .min(1, 'Vul minstens één afspraak in.')
    .max(30, 'Leg maximaal 30 afspraken vast.')
    .describe('Gemaakte afspraken, elk een korte tekst; minstens één'),
});
export type CreateConversationInput = z.infer<typeof createConversationSchema>;

export const conversationSchema = z.object({
  id: z.uuid(),
  residentId: z.uuid().describe('Inwoner met wie het gesprek is gevoerd'),
  caseId: z.uuid().nullable().describe('Zaak, als het gesprek bij een zaak hoort'),
  correctsId: z.uuid().nullable().describe('Het gesprek dat dit gesprek corrigeert'),
  correctedById: z.uuid().nullable().describe('Het latere gesprek dat dit gesprek corrigeert; dan geldt dat gesprek'),
  heldOn: z.string().describe('Gespreksdatum'),
  conductedBy: z.object({ userId: z.uuid(), username: z.string(), displayName: z.string().describe('Naam van de medewerker') }).describe('Medewerker die het gesprek voerde'),
  scores: z.object(
    Object.fromEntries(dimensions.map((d) => [d, z.object({ score: z.number().int(), wantsToTalk: z.boolean() }).describe(dimensionLabels[d])])) as {
      [D in Dimension]: z.ZodObject<{ score: z.ZodNumber; wantsToTalk: z.ZodBoolean }>;
    },
  ),
  ladder: z.object({
    step: z.enum(ladderSteps),
    stepLabel: z.string().describe('Naam van de trede'),
    rationale: z.string(),
  }),
  agreements: z.array(z.string()),
  createdAt: z.string().describe('Moment van vastleggen'),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationDetailSchema = conversationSchema.extend({
  previous: conversationSchema.nullable().describe('Het vorige geldende gesprek met dezelfde inwoner, om te vergelijken'),
});
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;

export const conversationListSchema = z.object({
  items: z.array(conversationSchema).describe('Gesprekken, nieuwste eerst'),
});
