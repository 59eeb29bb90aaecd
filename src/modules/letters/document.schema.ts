import { z } from 'zod';

export const documentSchema = z.object({
  id: z.string().uuid(),
  caseId: z.string().uuid(),
  decisionId: z.string().uuid().nullable().describe('De beschikking waar de brief bij hoort'),
  documentRequestId: z.string().uuid().nullable().describe('Het verzoek om documenten waar de brief bij hoort'),
  kind: z.enum(['decision_letter', 'request_letter']).describe('Soort document: decision_letter = besluitbrief (beschikking), request_letter = verzoek om aanvullende gegevens'),
  title: z.string(),
  mediaType: z.string(),
  size: z.number().int().describe('Grootte in bytes'),
  sha256: z.string().describe('SHA-256 van de inhoud (hex)'),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const caseDocumentsSchema = z.object({
  documents: z.array(documentSchema),
  missingLetters: z
    .array(z.object({ decisionId: z.string().uuid(), lastError: z.string().nullable().describe('Waarom het maken mislukte; null: de brief wordt nog gemaakt') }))
    .describe('Definitieve beschikkingen waarvan de brief (nog) niet is opgeslagen'),
});

export const storedDocumentSchema = z.object({ id: z.string().uuid().describe('Het opgeslagen document') });
