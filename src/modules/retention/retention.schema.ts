import { z } from 'zod';
import { isValidBsn } from '../../platform/elfproef.js';
import { isoDateSchema, isoMonthSchema } from '../../platform/http/schemas.js';

// Request and response shapes of the retention API (/api/retention). Dutch messages per field.

const bsn = z
  .string({ message: 'Vul het BSN van de inwoner in (9 cijfers).' })
  .trim()
  .regex(/^\d{9}$/, { message: 'Een BSN bestaat uit 9 cijfers.', abort: true })
  .refine(isValidBsn, 'Dit BSN klopt niet (elfproef).');

export const listBodySchema = z.object({ month: isoMonthSchema('Kies de maand van de lijst als jjjj-mm.').describe('De maand van de vernietigingslijst (jjjj-mm)') });

export const approveBodySchema = z.object({
  capacity: z.enum(['archivaris', 'eigenaar'], { message: 'Kies in welke rol u goedkeurt: archivaris of eigenaar van het zaaktype.' }).describe('De rol waarin u goedkeurt'),
});

export const holdBodySchema = z.object({
  bsn,
  kind: z.enum(['bezwaar', 'beroep', 'verzoek-betrokkene', 'overig'], { message: 'Kies de grond: bezwaar, beroep, verzoek van betrokkene of overig.' }),
  reason: z.string({ message: 'Vul de reden in (minstens 10 tekens).' }).trim().min(10, 'Vul de reden in (minstens 10 tekens).').max(1000, 'De reden is te lang (hoogstens 1000 tekens).'),
});

export const requestBodySchema = z.object({
  bsn,
  receivedOn: isoDateSchema('datum van ontvangst'),
  note: z.string({ message: 'Vul een toelichting in, bijvoorbeeld hoe het verzoek binnenkwam.' }).trim().min(1, 'Vul een toelichting in, bijvoorbeeld hoe het verzoek binnenkwam.').max(1000, 'De toelichting is te lang (hoogstens 1000 tekens).'),
});

const ruleSchema = z.object({
  code: z.string(),
  selectielijstNr: z.string(),
  object: z.string(),
  result: z.string(),
  law: z.string(),
  termYears: z.number(),
  termWeeks: z.number(),
  processTerm: z.string(),
  ownerRole: z.string(),
});

export const retentionRuleSchema = ruleSchema.extend({ objectKind: z.string(), valuation: z.string(), destroyOnRequest: z.boolean(), source: z.string() });

export const retentionListSummarySchema = z.object({ id: z.uuid(), month: z.string(), status: z.enum(['concept', 'goedgekeurd', 'uitgevoerd']), createdAt: z.string(), items: z.number(), destroyed: z.number() });

const approvalSchema = z.object({ userId: z.uuid(), name: z.string(), at: z.string() }).nullable();

export const retentionListSchema = z.object({
  id: z.uuid(),
  month: z.string(),
  status: z.enum(['concept', 'goedgekeurd', 'uitgevoerd']),
  approvals: z.object({ archivaris: approvalSchema, eigenaar: approvalSchema }),
  items: z.array(
    z.object({
      itemId: z.uuid(),
      objectType: z.enum(['zaak', 'uitkering', 'aanvraag', 'heronderzoek', 'vordering', 'gesprek', 'schuldhulp']),
      objectId: z.uuid(),
      dueOn: z.string(),
      basis: z.enum(['termijn', 'verzoek']),
      status: z.enum(['open', 'vernietigd']),
      clockStart: z.string(),
      destroyAfter: z.string(),
      rule: ruleSchema,
    }),
  ),
});

export const destroyOutcomeSchema = z.object({
  destroyed: z.number(),
  skipped: z.array(z.object({ itemId: z.uuid(), reason: z.string() })),
  failed: z.array(z.object({ itemId: z.uuid(), message: z.string() })),
});

export const destructionSchema = z.object({
  id: z.uuid(), itemId: z.uuid(), objectType: z.string(), objectId: z.uuid(), ruleCode: z.string(), selectielijstNr: z.string(),
  clockStart: z.string(), destroyAfter: z.string(), basis: z.enum(['termijn', 'verzoek']), archivistId: z.uuid(), ownerId: z.uuid(), destroyedBy: z.uuid(), destroyedAt: z.string(),
});

export const holdSchema = z.object({ id: z.uuid(), residentId: z.uuid(), bsn: z.string(), name: z.string(), kind: z.string(), reason: z.string(), placedAt: z.string(), liftedAt: z.string().nullable() });
export const requestSchema = z.object({ id: z.uuid(), residentId: z.uuid(), bsn: z.string(), name: z.string(), receivedOn: z.string(), dueOn: z.string(), note: z.string() });

/** The id of what was just registered (a hold, a request) or lifted. */
export const retentionIdSchema = z.object({ id: z.uuid() });
