import { z } from 'zod';
import { isoDateSchema } from '../../platform/http/schemas.js';

export const portalMeSchema = z
  .object({
    fullName: z.string().describe('Naam van de inwoner'),
    municipality: z.object({ id: z.string().describe('CBS-code'), name: z.string().describe('Naam van de gemeente') }),
    hasRunningBenefit: z.boolean().describe('Heeft een lopende bijstandsuitkering: dan kan de inwoner inkomsten doorgeven'),
    sessionEndsAt: z.string().describe('Uiterlijk einde van de sessie (ISO 8601); eerder na 15 minuten zonder gebruik'),
  })
  .describe('De ingelogde inwoner');

export const portalCaseSummarySchema = z.object({
  id: z.uuid(),
  reference: z.string().describe('Zaaknummer'),
  title: z.string().describe('Soort aanvraag, bijvoorbeeld "Wmo-melding"'),
  status: z.string().describe('Status in eenvoudige woorden'),
  open: z.boolean().describe('Nog niet afgerond'),
  deadline: z.string().describe('Wanneer de gemeente beslist, in eenvoudige woorden'),
  notifiedOn: z.string().describe('Datum van de melding (jjjj-mm-dd)'),
  openRequests: z.number().int().describe('Verzoeken om documenten waarop de gemeente nog wacht'),
});

export const portalCasesSchema = z.object({ items: z.array(portalCaseSummarySchema) }).describe('Mijn aanvragen');

export const portalLetterSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  createdAt: z.string().describe('Datum van de brief (ISO 8601)'),
  size: z.number().int().describe('Grootte in bytes'),
});

export const portalDocumentRequestSchema = z.object({
  id: z.uuid(),
  description: z.string().describe('Welke documenten de gemeente nodig heeft'),
  dueOn: z.string().describe('Hersteltermijn: uiterlijk op deze datum (jjjj-mm-dd)'),
  dueInWords: z.string(),
  received: z.boolean().describe('De inwoner heeft na het verzoek een document gestuurd'),
  open: z.boolean().describe('Nog niet beantwoord en de termijn loopt nog'),
});

export const portalSentDocumentSchema = z.object({ id: z.uuid(), fileName: z.string(), uploadedAt: z.string() });

export const portalCaseSchema = portalCaseSummarySchema
  .extend({
    letters: z.array(portalLetterSchema),
    documentRequests: z.array(portalDocumentRequestSchema),
    sentDocuments: z.array(portalSentDocumentSchema).describe('Documenten die de inwoner zelf stuurde'),
  })
  .describe('Eén aanvraag met brieven en verzoeken om documenten');

export const documentRequestBodySchema = z.object({
  description: z.string().trim().min(5, 'Beschrijf in minstens 5 tekens welke documenten nodig zijn.').max(1000, 'Gebruik hoogstens 1000 tekens.').describe('Welke documenten nodig zijn, in eenvoudige woorden'),
  dueOn: isoDateSchema('hersteltermijn').describe('Hersteltermijn: uiterlijk op deze datum (jjjj-mm-dd)'),
});

export const documentRequestSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  description: z.string(),
  dueOn: z.string(),
  requestedAt: z.string(),
});
export const documentRequestsSchema = z.object({ items: z.array(documentRequestSchema) });

export const portalUploadedSchema = z.object({ id: z.uuid(), fileName: z.string(), uploadedAt: z.string() }).describe('Het ontvangen document');

export type PortalCase = z.infer<typeof portalCaseSchema>;
export type PortalCaseSummary = z.infer<typeof portalCaseSummarySchema>;
