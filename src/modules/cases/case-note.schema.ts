import { z } from 'zod';

export const NOTE_MAX = 4000;

export const createCaseNoteSchema = z.object({
  body: z
    .string({ message: 'Schrijf een notitie.' })
    .trim()
    .min(1, 'Schrijf een notitie.')
    .max(NOTE_MAX, `De notitie is te lang: hoogstens ${NOTE_MAX} tekens.`)
    .describe('De tekst van de notitie (hoogstens 4.000 tekens)'),
});
export type CreateCaseNoteInput = z.infer<typeof createCaseNoteSchema>;

export const caseNoteSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  body: z.string(),
  author: z.object({ id: z.uuid(), name: z.string() }).describe('Wie de notitie schreef'),
  createdAt: z.string().describe('Moment van vastleggen (ISO 8601)'),
});
export type CaseNote = z.infer<typeof caseNoteSchema>;
