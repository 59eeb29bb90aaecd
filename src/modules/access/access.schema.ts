import { z } from 'zod';

export const channels = ['telefoon', 'balie', 'e-mail', 'web'] as const;

export const teamSchema = z.object({ id: z.uuid(), name: z.string(), kind: z.enum(['area_team', 'kcc', 'specialist']), areas: z.array(z.string()) });
export const consultantSchema = z.object({ id: z.uuid(), username: z.string(), displayName: z.string() });

export const contactPersonSchema = z.object({
  current: z
    .object({ consultantId: z.uuid(), username: z.string(), displayName: z.string(), since: z.string(), reason: z.string() })
    .nullable()
    .describe('De vaste contactpersoon; leeg als er (nog) geen is'),
  history: z.array(z.object({ consultant: z.string(), assignedBy: z.string(), assignedAt: z.string(), endedAt: z.string().nullable(), reason: z.string() })),
});

export const assignContactPersonSchema = z.object({
  consultantId: z.uuid('Kies een consulent.').describe('De consulent die vaste contactpersoon wordt'),
  reason: z.string({ message: 'Geef een reden op.' }).trim().min(3, 'Geef een reden op (minstens 3 tekens).').max(500, 'De reden is te lang.').describe('Waarom (eerste toewijzing of wisseling)'),
});

export const registerContactSchema = z
  .object({
    channel: z.enum(channels, { message: 'Kies telefoon, balie, e-mail of web.' }).describe('Kanaal'),
    subject: z.string({ message: 'Vul het onderwerp in.' }).trim().min(3, 'Vul het onderwerp in (minstens 3 tekens).').max(200, 'Het onderwerp is te lang.'),
    note: z.string().trim().max(4000, 'De notitie is te lang.').default(''),
    productId: z.uuid('Ongeldig product.').nullable().optional().describe('Product uit de catalogus waar het over ging'),
    outcome: z.enum(['answered', 'routed'], { message: 'Kies: beantwoord in de eerste lijn, of doorgezet.' }).describe('Beantwoord in de eerste lijn of doorgezet'),
    routeTo: z
      .enum(['contact_person', 'area_team'], { message: 'Kies de contactpersoon of het gebiedsteam.' })
      .optional()
      .describe('Bij doorzetten: naar de vaste contactpersoon of het gebiedsteam van de wijk'),
    callbackDueAt: z.iso.datetime({ offset: true, message: 'Geef het terugbelmoment als datum en tijd.' }).optional().describe('Uiterlijk terugbellen (standaard: volgende werkdag 17:00)'),
  })
  .refine((c) => c.outcome === 'answered' || c.routeTo !== undefined, { message: 'Kies waarheen het contact wordt doorgezet.', path: ['routeTo'] });
export type RegisterContactInput = z.infer<typeof registerContactSchema>;

export const contactSchema = z.object({
  id: z.uuid(),
  channel: z.enum(channels),
  subject: z.string(),
  note: z.string(),
  outcome: z.enum(['answered', 'routed']),
  registeredAt: z.string(),
  registeredBy: z.string(),
  routedTo: z.string().nullable().describe('Team of persoon waarnaar doorgezet'),
  callback: z.object({ id: z.uuid(), dueAt: z.string(), doneAt: z.string().nullable() }).nullable(),
});

export const callbackSchema = z.object({
  id: z.uuid(),
  dueAt: z.string(),
  residentId: z.uuid().nullable(),
  residentName: z.string().nullable().describe('Naam van de inwoner'),
  subject: z.string(),
  channel: z.enum(channels),
  note: z.string().describe('De notitie van de KCC-medewerker'),
  registeredAt: z.string(),
  registeredBy: z.string().describe('Wie het contact vastlegde (naam)'),
  team: z.string().nullable(),
  overdue: z.boolean(),
});
