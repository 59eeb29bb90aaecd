import { z } from 'zod';
import { uuidParam } from '../../platform/http/schemas.js';

export const messageIdParams = z.object({ id: uuidParam('Bericht') });

export const messageListQuery = z.object({
  residentId: z.uuid('Geef een geldig inwoner-id (uuid).').optional().describe('Alleen de berichten over deze inwoner'),
  providerId: z.uuid('Geef een geldig aanbieder-id (uuid).').optional().describe('Alleen de berichten met deze aanbieder'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Hoeveel berichten (1–500), nieuwste eerst'),
});

const problemSchema = z.object({ line: z.number().int().nullable(), path: z.string().nullable(), message: z.string() });

export const messageSummarySchema = z.object({
  id: z.uuid(),
  standard: z.enum(['iwmo', 'ijw']),
  messageNumber: z.number().int().describe('Berichtnummer, bijvoorbeeld 301 (toewijzing)'),
  label: z.string().describe('Zoals medewerkers het noemen: "iWmo 301 Toewijzing"'),
  direction: z.enum(['out', 'in']).describe('out: door de gemeente verstuurd; in: van de aanbieder ontvangen'),
  provider: z.object({ id: z.uuid(), name: z.string(), agbCode: z.string() }),
  resident: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  identification: z.string().describe('BerichtIdentificatie'),
  datedOn: z.string().describe('Dagtekening (jjjj-mm-dd)'),
  xsdStatus: z.enum(['valid', 'invalid', 'not_checked']).describe('Technische controle tegen de XSD: goed, fout of niet gecontroleerd'),
  problems: z.array(problemSchema),
  status: z.enum(['ready', 'downloaded', 'received', 'rejected', 'accepted']),
  createdAt: z.string(),
  downloadedAt: z.string().nullable(),
  inReplyTo: z.uuid().nullable().describe('Het bericht waarop dit een antwoord of retour is'),
  providerRetour: z
    .object({
      refused: z.boolean().describe('De aanbieder keurde (een deel van) het bericht af: een retourcode anders dan 0200'),
      codes: z.array(z.object({ level: z.enum(['header', 'client', 'product']), index: z.number().int().nullable(), code: z.string(), text: z.string() })),
    })
    .nullable()
    .describe('De retour van de aanbieder (302 op een 301, 320 op een 319), als die binnen is'),
});

export const messageListSchema = z.object({
  items: z.array(messageSummarySchema),
  xsdConfigured: z.boolean().describe('Of Koers de XSD\'s van de iStandaarden heeft (KOERS_ISTANDAARDEN_DIR)'),
});

export const outboxResultSchema = z.object({
  messages: z.number().int().describe('Aangemaakte toewijzingsberichten (301)'),
  toewijzingen: z.number().int().describe('Toewijzingen in die berichten'),
  invalid: z.number().int().describe('Berichten die de technische controle niet doorstonden (niet verstuurbaar)'),
  xsdChecked: z.boolean(),
});

export const receiveResultSchema = z.object({
  messageId: z.uuid(),
  label: z.string().describe('Het ontvangen bericht, bijvoorbeeld "iWmo 305 Start zorg"'),
  status: z.enum(['accepted', 'rejected']).describe('accepted: beoordeeld (producten kunnen nog retourcodes hebben); rejected: technisch of in de kop afgekeurd'),
  xsdStatus: z.enum(['valid', 'invalid', 'not_checked']),
  problems: z.array(problemSchema).describe('Fouten van de technische controle'),
  retour: z.object({ id: z.uuid(), label: z.string() }).nullable().describe('Het retourbericht (306/308) dat klaarstaat voor de aanbieder'),
  retourCodes: z.array(
    z.object({
      level: z.enum(['header', 'client', 'product']),
      index: z.number().int().nullable().describe('Welk product (0 = eerste), bij productniveau'),
      code: z.string(),
      text: z.string().describe('De betekenis volgens de standaard'),
      note: z.string().optional().describe('Bij 0001: welke regel niet klopt'),
    }),
  ),
  products: z.object({ total: z.number().int(), accepted: z.number().int() }),
  answers: z.number().int().optional().describe('315: verzoeken die Koers meteen afwees met een 319 (inwoner woont hier niet, leeftijdsgrens, geen contract)'),
  inReplyTo: z.uuid().optional().describe('302/320: het bericht van de gemeente waarop dit de retour is'),
  refusedByProvider: z.boolean().optional().describe('302/320: of de aanbieder (een deel van) het bericht afkeurde'),
});

export const requestIdParams = z.object({ id: uuidParam('Verzoek') });

export const requestListQuery = z.object({
  status: z.enum(['open', 'pending_approval', 'granted', 'refused']).optional().describe('Alleen verzoeken met deze status (pending_approval: toekenning wacht op vier ogen)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const refusalBody = z.object({
  reason: z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9'], 'Kies een reden van afwijzing (1–9).').describe('LDT_RedenAfwijzingVerzoek'),
  note: z.string().trim().max(1000).optional().describe('Toelichting voor het dossier (gaat niet mee in het bericht)'),
});

const requestProductSchema = z.object({
  kind: z.enum(['new', 'change', 'unchanged']),
  category: z.string().nullable(),
  code: z.string().nullable(),
  productName: z.string().nullable(),
  budgetLine: z.string().nullable(),
  allocationNumber: z.number().int().nullable(),
  allocationId: z.uuid().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  volume: z.number().nullable(),
  unitCode: z.string().nullable(),
  frequencyCode: z.string().nullable(),
});

export const requestSchema = z.object({
  id: z.uuid(),
  standard: z.enum(['iwmo', 'ijw']),
  label: z.string(),
  kind: z.enum(['allocation', 'change']).describe('allocation: verzoek om toewijzing (315); change: verzoek om wijziging (317)'),
  status: z.enum(['open', 'pending_approval', 'granted', 'refused']).describe('pending_approval: de toekenning is voorgesteld en wacht op een teamleider (vier ogen)'),
  reference: z.string().describe('ReferentieAanbieder'),
  provider: z.object({ id: z.uuid(), name: z.string(), agbCode: z.string() }),
  resident: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  referrer: z.object({ type: z.string(), name: z.string().nullable(), code: z.string().nullable() }).nullable(),
  changeReason: z.string().nullable(),
  comment: z.string().nullable(),
  findings: z.array(z.object({ code: z.string(), text: z.string() })).describe('Wat Koers bij ontvangst vond, voor het team'),
  refusalReason: z.string().nullable(),
  refusalNote: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  messageId: z.uuid(),
  answerMessageId: z.uuid().nullable().describe('De 319 bij een afwijzing'),
  proposal: z.object({ by: z.string(), at: z.string(), byViewer: z.boolean().describe('Door wie dit opvraagt: die keurt niet zelf goed') }).nullable().describe('Vier ogen: wie de toekenning voorstelde en wanneer'),
  expectedAnnualCents: z.number().int().nullable().describe('Verwachte kosten over een jaar (eurocenten), bij een voorgestelde of toegekende aanvraag'),
  products: z.array(requestProductSchema),
});

export const requestListSchema = z.object({ items: z.array(requestSchema) });

export const grantResultSchema = z.object({
  pendingApproval: z.boolean().describe('true: boven de vier-ogengrens voorgesteld; een andere teamleider kent toe. Er is nog niets toegewezen of verstuurd.'),
  expectedAnnualCents: z.number().int().describe('Verwachte kosten over een jaar (eurocenten)'),
  allocationIds: z.array(z.uuid()),
  outbox: outboxResultSchema,
});

export const refusalResultSchema = z.object({ answerMessageId: z.uuid() });

export const refusalListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Hoeveel geweigerde berichten (1–500), nieuwste eerst'),
});

export const refusalListSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      receivedAt: z.string(),
      channel: z.enum(['api', 'folder', 'cli', 'upload']).describe('Hoe het binnenkwam: API van de aanbieder, map, opdrachtregel of upload op de pagina'),
      sender: z.string().nullable().describe('De afzender (AGB-code) zoals in de kop, als die te lezen was'),
      provider: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('De aanbieder van het machineaccount, bij de API'),
      fileName: z.string().nullable(),
      reason: z.string().describe('Waarom het bericht is geweigerd'),
      sizeBytes: z.number().int(),
      sha256: z.string().nullable().describe('SHA-256 van het bericht (hex); leeg als het te groot was om te lezen'),
      excerptComplete: z.boolean().describe('Of het hele bericht is bewaard (anders het begin, 64 kB)'),
    }),
  ),
});
