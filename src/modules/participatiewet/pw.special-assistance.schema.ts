import { z } from 'zod';
import { isoDateSchema as date } from '../../platform/http/schemas.js';

const cents = (label: string) =>
  z.number({ message: `Vul ${label} in als bedrag in hele centen.` }).int(`Vul ${label} in als bedrag in hele centen.`).min(0, `${label} kan niet negatief zijn.`).max(100_000_000, `${label} is onwaarschijnlijk hoog.`);

const documentCode = z.string().regex(/^[a-z0-9-]{2,40}$/, 'Onbekende soort document.');

export const householdSchema = z.object({
  leefvorm: z.enum(['alleenstaande', 'alleenstaande-ouder', 'gehuwden'], { message: 'Kies alleenstaande, alleenstaande ouder of gehuwd/samenwonend.' }),
  partnerBirthDate: date('geboortedatum van uw partner').nullable(),
  children: z.number({ message: 'Vul het aantal kinderen in.' }).int('Vul een heel getal in.').min(0, 'Het aantal kinderen kan niet negatief zijn.').max(20, 'Ten hoogste 20 kinderen.'),
});

/** An application for bijzondere bijstand: from the e-service (resident) or entered at the desk (balie). */
export const specialAssistanceSubmissionSchema = z.object({
  submissionKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Ongeldige verzendsleutel.').optional().describe('Eén sleutel per formulier: tweemaal verzenden geeft één aanvraag'),
  categoryCode: z.string({ message: 'Kies waarvoor u de kosten maakt.' }).regex(/^[a-z0-9-]{2,40}$/, 'Kies waarvoor u de kosten maakt.'),
  description: z.string({ message: 'Beschrijf de kosten.' }).trim().min(3, 'Beschrijf de kosten in een paar woorden.').max(2000, 'Ten hoogste 2000 tekens.'),
  costsCents: cents('het bedrag').min(1, 'Vul een bedrag groter dan nul in.'),
  costDate: date('datum van de kosten').describe('Factuurdatum, of de verwachte datum bij kosten die vooraf worden aangevraagd'),
  household: householdSchema,
  monthlyIncomeCents: cents('het netto inkomen per maand'),
  assetsCents: cents('het vermogen'),
  hasCollectiveInsurance: z.boolean({ message: 'Geef aan of u via de gemeente verzekerd bent (collectieve zorgverzekering).' }),
  iban: z.string().trim().max(42, 'Het IBAN is te lang.').optional().describe('Rekening waarop de bijstand wordt betaald'),
  accountHolder: z.string().trim().min(1, 'Vul de naam van de rekeninghouder in.').max(70, 'Ten hoogste 70 tekens.').optional(),
  documents: z.array(z.object({ code: documentCode, documentId: z.uuid('Ongeldig document.').nullable() })).max(20, 'Ten hoogste 20 documenten.').describe('De gevraagde documenten die zijn meegestuurd of aan de balie getoond'),
  consultantId: z.uuid('Kies een consulent.').optional().describe('Behandelend consulent (standaard: uzelf, of bij de e-dienst de vaste contactpersoon)'),
});
export type SpecialAssistanceSubmission = z.infer<typeof specialAssistanceSubmissionSchema>;

export const supplementSchema = z.object({
  documents: z.array(z.object({ code: documentCode, documentId: z.uuid('Ongeldig document.').nullable() })).min(1, 'Geef aan welk document is ontvangen.').max(20),
  iban: z.string().trim().max(42).optional(),
  accountHolder: z.string().trim().min(1).max(70).optional(),
});
export type SupplementBody = z.infer<typeof supplementSchema>;

export const specialAssistanceDecisionSchema = z.discriminatedUnion(
  'outcome',
  [
    z.object({ outcome: z.literal('voorstel-volgen') }),
    z.object({
      outcome: z.literal('toekennen'),
      grantCents: cents('het toegekende bedrag').min(1, 'Een toekenning is meer dan nul.'),
      reason: z.string({ message: 'Licht toe waarom u afwijkt van het voorstel.' }).trim().min(5, 'Licht toe waarom u afwijkt van het voorstel.').max(2000),
    }),
    z.object({ outcome: z.literal('afwijzen'), reason: z.string({ message: 'Geef de reden van de afwijzing.' }).trim().min(5, 'Geef de reden van de afwijzing.').max(2000) }),
  ],
  { message: 'Kies: voorstel volgen, toekennen of afwijzen.' },
);
export type SpecialAssistanceDecisionBody = z.infer<typeof specialAssistanceDecisionSchema>;

const lineSchema = z.object({ code: z.string(), label: z.string(), cents: z.number().int(), article: z.string() });

export const categorySchema = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  voorliggend: z.string().nullable(),
  collectiveInsurance: z.boolean(),
  fastTrack: z.boolean(),
  applyBeforeCosts: z.boolean(),
  requiredDocuments: z.array(z.object({ code: z.string(), label: z.string() })),
  active: z.boolean(),
});
export type CategoryView = z.infer<typeof categorySchema>;

export const categoryInputSchema = z.object({
  name: z.string({ message: 'Vul een naam in.' }).trim().min(2, 'Vul een naam in.').max(100),
  description: z.string().trim().max(1000, 'Ten hoogste 1000 tekens.'),
  voorliggend: z.string().trim().min(2).max(300).nullable(),
  collectiveInsurance: z.boolean(),
  fastTrack: z.boolean(),
  applyBeforeCosts: z.boolean(),
  requiredDocuments: z.array(z.object({ code: documentCode, label: z.string().trim().min(2, 'Vul een omschrijving van het document in.').max(100) })).max(10, 'Ten hoogste 10 documenten.'),
  active: z.boolean(),
});
export type CategoryInput = z.infer<typeof categoryInputSchema>;

export const specialAssistanceViewSchema = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  residentId: z.uuid(),
  caseStatus: z.string(),
  channel: z.enum(['e-dienst', 'balie']),
  category: z.object({ code: z.string(), name: z.string(), voorliggend: z.string().nullable() }),
  description: z.string(),
  costsCents: z.number().int(),
  costDate: z.string(),
  household: householdSchema,
  monthlyIncomeCents: z.number().int(),
  assetsCents: z.number().int(),
  hasCollectiveInsurance: z.boolean(),
  iban: z.string().nullable(),
  accountHolder: z.string().nullable(),
  documents: z.array(z.object({ code: z.string(), label: z.string(), given: z.boolean(), documentId: z.string().nullable() })),
  submittedAt: z.string(),
  completeOnArrival: z.boolean(),
  missing: z.array(z.object({ code: z.string(), label: z.string() })),
  decisionDueOn: z.string().nullable(),
  recoveryTermEndsOn: z.string().nullable().describe('Einde van de hersteltermijn (Awb 4:5) zolang er iets ontbreekt'),
  calculation: z.object({ lines: z.array(lineSchema), capacityCents: z.number().int(), grantCents: z.number().int(), necessaryCostsCents: z.number().int() }),
  proposal: z.object({ outcome: z.enum(['toekennen', 'afwijzen', 'aanvullen']), grantCents: z.number().int(), reasons: z.array(z.string()), fastTrack: z.boolean() }),
  decision: z.object({
    status: z.enum(['open', 'toegekend', 'afgewezen']),
    grantCents: z.number().int().nullable(),
    reason: z.string().nullable(),
    followedProposal: z.boolean().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
  }),
});
export type SpecialAssistanceView = z.infer<typeof specialAssistanceViewSchema>;

export const openSpecialAssistanceSchema = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  residentId: z.uuid(),
  residentName: z.string(),
  categoryName: z.string(),
  channel: z.enum(['e-dienst', 'balie']),
  costsCents: z.number().int(),
  submittedAt: z.string(),
  proposalOutcome: z.enum(['toekennen', 'afwijzen', 'aanvullen']),
  proposalGrantCents: z.number().int(),
  fastTrack: z.boolean(),
  missingCount: z.number().int(),
});

export const intakeFiguresSchema = z.object({
  months: z.array(
    z.object({
      month: z.string(),
      submitted: z.number().int().nullable(),
      completeShare: z.number().nullable().describe('Aandeel dat compleet binnenkwam (leeg bij minder dan 10 aanvragen)'),
      decided: z.number().int().nullable(),
      medianDaysToDecision: z.number().nullable(),
      fastTrack: z.number().int().nullable(),
    }),
  ),
  suppressedBelow: z.number().int(),
});

/** The resident's form as sent from the e-service (the consultant is chosen by Koers). */
export const eServiceSubmissionSchema = specialAssistanceSubmissionSchema.omit({ consultantId: true }).extend({
  submissionKey: z.string({ message: 'Het formulier mist zijn verzendsleutel: laad de pagina opnieuw.' }).regex(/^[A-Za-z0-9_-]{8,64}$/, 'Ongeldige verzendsleutel.'),
});

export const eServiceStartSchema = z.object({
  categories: z.array(z.object({ code: z.string(), name: z.string(), description: z.string(), applyBeforeCosts: z.boolean(), requiredDocuments: z.array(z.object({ code: z.string(), label: z.string() })) })),
  draft: z.object({ step: z.string(), data: z.record(z.string(), z.unknown()), savedAt: z.string() }).nullable(),
  prefill: z
    .object({ leefvorm: z.enum(['alleenstaande', 'alleenstaande-ouder', 'gehuwden']), iban: z.string().nullable(), accountHolder: z.string().nullable(), monthlyIncomeCents: z.number().int(), source: z.string() })
    .nullable()
    .describe('Wat de gemeente al weet (een lopende bijstandsuitkering)'),
});

export const eServiceDraftSchema = z.object({
  step: z.string().regex(/^[a-z-]{2,40}$/, 'Onbekende stap.'),
  data: z.record(z.string(), z.unknown()).refine((d) => {
    try {
      return JSON.stringify(d).length <= 60_000;
    } catch {
      return false; // nested too deep to write down: not a form
    }
  }, 'Het formulier is te groot om te bewaren.'),
});

export const eServiceReceiptSchema = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  submittedAt: z.string(),
  complete: z.boolean(),
  missing: z.array(z.object({ code: z.string(), label: z.string() })),
  recoveryTermEndsOn: z.string().nullable(),
  decisionDueOn: z.string().nullable(),
});

export const eServiceSavedSchema = z.object({ savedAt: z.string() });
