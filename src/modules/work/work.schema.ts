import { z } from 'zod';

export const workCountsSchema = z.object({
  callbacks: z.number().int().nullable().describe('Open terugbelverzoeken voor mij of mijn teams; leeg als uw rol ze niet heeft'),
  callbacksOverdue: z.number().int().nullable().describe('Waarvan over tijd'),
  cases: z.number().int().nullable().describe('Mijn open zaken'),
  casesOverdue: z.number().int().nullable().describe('Waarvan de wettelijke termijn verstreken is'),
  signals: z.number().int().nullable().describe('Mijn open signalen'),
  approvals: z.number().int().nullable().describe('Beschikkingen en wijzigingen die op goedkeuring wachten (teamleider)'),
  requests: z.number().int().nullable().describe('Open verzoeken van aanbieders (315/317) voor mijn teams (teamleider)'),
  total: z.number().int().describe('Alles wat op mijn actie wacht: terugbelverzoeken, signalen, goedkeuringen en verzoeken van aanbieders'),
});

export const teamCaseloadSchema = z
  .array(
  z.object({
    teamId: z.uuid(),
    team: z.string(),
    members: z.array(
      z.object({
        userId: z.uuid(),
        displayName: z.string(),
        open: z.number().int().describe('Open zaken'),
        overdue: z.number().int().describe('Zaken over de wettelijke termijn'),
        dueSoon: z.number().int().describe('Zaken met een termijn die binnen vijf werkdagen afloopt'),
      }),
    ),
  }),
  )
  .describe('Per team de andere medewerkers (niet de teamleider zelf); teams zonder andere medewerkers ontbreken');
