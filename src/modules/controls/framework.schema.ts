import { z } from 'zod';
import { controlFrequencies, controlKinds, impactTypes, ownerRoles, processes } from './framework.model.js';

// Request and response shapes of the control framework API (/api/control/frameworks).

const note = z
  .string({ message: 'Vul een toelichting in.' })
  .trim()
  .min(3, 'Vul een toelichting in (minstens 3 tekens), bijvoorbeeld de reden van de wijziging.')
  .max(500, 'De toelichting is te lang (hoogstens 500 tekens).');

export const processParamsSchema = z.object({
  process: z.enum(processes, { message: `Onbekend proces; kies uit ${processes.join(', ')}.` }).describe('Het proces van het kader'),
});
export const controlParamsSchema = processParamsSchema.extend({ code: z.string().min(1).max(40).describe('De code van de beheersmaatregel') });

export const updateControlBodySchema = z.object({
  owner: z.enum(ownerRoles, { message: 'Kies een rol als eigenaar.' }).optional().describe('De rol die de maatregel uitvoert'),
  frequency: z.enum(controlFrequencies, { message: `Kies een frequentie: ${controlFrequencies.join(', ')}.` }).optional(),
  note,
});
export type UpdateControlBody = z.infer<typeof updateControlBodySchema>;

export const importFrameworkQuerySchema = z.object({ note });

const person = z.object({ id: z.uuid(), displayName: z.string() }).nullable().describe('Leeg bij het standaardkader dat Koers meelevert');

export const frameworkSummarySchema = z.object({
  process: z.enum(processes),
  name: z.string(),
  current: z
    .object({
      version: z.number().int(),
      note: z.string(),
      createdAt: z.string(),
      createdBy: person,
      steps: z.number().int(),
      risks: z.number().int(),
      controls: z.number().int(),
      automatedControls: z.number().int(),
    })
    .nullable()
    .describe('Leeg als de gemeente dit kader nog niet heeft geladen'),
});
export const frameworksOverviewSchema = z.array(frameworkSummarySchema);

const controlSchema = z.object({
  code: z.string(),
  description: z.string(),
  kind: z.enum(controlKinds),
  frequency: z.enum(controlFrequencies),
  owner: z.string().describe('De rol (code) die de maatregel uitvoert'),
  ownerLabel: z.string(),
  norm: z.string().describe('De wettelijke of beleidsnorm die de maatregel toetst'),
  impactType: z.enum(impactTypes).describe('fout of onzekerheid (rechtmatigheidsverantwoording)'),
  automatedControlId: z.string().nullable().describe('De geautomatiseerde controle die de maatregel uitvoert; leeg bij een handmatige'),
});

export const frameworkDetailSchema = z.object({
  process: z.enum(processes),
  name: z.string(),
  version: z.number().int(),
  steps: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      follows: z.array(z.string()),
      risks: z.array(z.object({ code: z.string(), description: z.string(), controls: z.array(controlSchema) })),
    }),
  ),
  versions: z.array(z.object({ version: z.number().int(), note: z.string(), createdAt: z.string(), createdBy: person })).describe('Alle versies, nieuwste eerst'),
  automatedControlIds: z.array(z.string()),
});
