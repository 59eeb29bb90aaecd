import { z } from 'zod';
import { documentKinds, documentMediaTypes } from './document.tables.js';

export const uploadedDocumentSchema = z.object({
  id: z.string().uuid(),
  residentId: z.string().uuid(),
  caseId: z.string().uuid().nullable().describe('De zaak; null: het document hoort bij het dossier van de inwoner'),
  kind: z.enum(documentKinds).describe('Soort document'),
  retentionClass: z.enum(['zaak', 'inwoner']).describe('Wordt vernietigd met de zaak (zaak) of met het dossier van de inwoner (inwoner)'),
  fileName: z.string().describe('De oorspronkelijke bestandsnaam'),
  mediaType: z.enum(documentMediaTypes).describe('Het soort bestand, vastgesteld uit de inhoud'),
  size: z.number().int().describe('Grootte in bytes'),
  sha256: z.string().describe('SHA-256 van de inhoud (hex)'),
  uploadedBy: z.string().describe('Wie het document toevoegde'),
  uploadedAt: z.string(),
});

export const uploadedDocumentsSchema = z.array(uploadedDocumentSchema);

/** Documents the multipart form for OpenAPI; the handler reads the stream itself (document.upload.ts). */
export const uploadFormDescription =
  'Stuur multipart/form-data met eerst het veld `kind` (aanvraag, bewijsstuk, medisch, correspondentie of overig) en dan het veld `file` (één PDF, JPEG of PNG).';
