import { z } from 'zod';

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['doorbraak.verlengd']).describe('Soort melding; doorbraak.verlengd: een medewerker verlengde een doorbraak met een nieuwe reden'),
  residentId: z.uuid().nullable(),
  accessGrantId: z.uuid().nullable().describe('De doorbraak waar de melding over gaat'),
  message: z.string(),
  createdAt: z.string().describe('Tijdstip (ISO 8601)'),
});

export const notificationListSchema = z.object({ items: z.array(notificationSchema) });
