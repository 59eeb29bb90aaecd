import { z } from 'zod';

// "Hulp bij geldzaken" in Mijn gemeente (issue #12 §4): the resident asks for debt help online.

const yesNo = (what: string) => z.boolean({ message: `Kies ja of nee: ${what}` });

export const debtHelpRequestSchema = z
  .object({
    submissionKey: z.string({ message: 'Het formulier mist zijn verzendsleutel: laad de pagina opnieuw.' }).regex(/^[A-Za-z0-9_-]{8,64}$/, 'Ongeldige verzendsleutel.').describe('Eén sleutel per formulier: tweemaal verzenden geeft één aanmelding'),
    situation: z
      .string({ message: 'Vertel in een paar woorden wat er aan de hand is.' })
      .trim()
      .min(3, 'Vertel in een paar woorden wat er aan de hand is.')
      .max(2000, 'Ten hoogste 2000 tekens.')
      .describe('Wat er aan de hand is, in de woorden van de inwoner'),
    threatEviction: yesNo('moet u misschien uit uw huis?').describe('Dreigende ontruiming van de woning'),
    threatUtilityCutoff: yesNo('wordt uw gas, stroom of water misschien afgesloten?').describe('Dreigende afsluiting van gas, elektriciteit, warmte of drinkwater'),
    threatInsuranceTermination: yesNo('stopt uw zorgverzekering misschien?').describe('Dreigende opzegging van de zorgverzekering'),
    contactBy: z.enum(['telefoon', 'e-mail'], { message: 'Kies hoe wij u bereiken: telefoon of e-mail.' }),
    phone: z.string().trim().optional().describe('Telefoonnummer; verplicht bij telefoon'),
    email: z.string().trim().optional().describe('E-mailadres; verplicht bij e-mail'),
    contactTime: z.enum(['ochtend', 'middag', 'maakt-niet-uit'], { message: 'Kies wanneer wij u het beste kunnen bereiken.' }),
  })
  .superRefine((v, ctx) => {
    if (v.contactBy === 'telefoon' && !/^\+?[0-9][0-9 -]{8,18}$/.test(v.phone ?? '')) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Vul uw telefoonnummer in, bijvoorbeeld 06 12345678.' });
    }
    if (v.contactBy === 'e-mail' && !/^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(v.email ?? '') ) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'Vul uw e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.' });
    }
    if ((v.email ?? '').length > 254) ctx.addIssue({ code: 'custom', path: ['email'], message: 'Dit e-mailadres is te lang.' });
  })
  .describe('Hulp bij geldzaken vragen');

export const portalDebtHelpSchema = z.object({
  id: z.uuid(),
  registeredOn: z.string().describe('Datum van de aanvraag (jjjj-mm-dd)'),
  open: z.boolean().describe('De aanvraag of de hulp loopt nog'),
  urgent: z.boolean().describe('Er dreigt een ontruiming, afsluiting of opzegging: contact binnen 3 werkdagen'),
  contactBy: z.string().nullable().describe('De laatste dag waarop de gemeente contact opneemt voor het eerste gesprek (jjjj-mm-dd); leeg na het eerste gesprek'),
  status: z.string().describe('Hoe het ervoor staat, in eenvoudige woorden'),
  next: z.string().describe('Wat er nu gebeurt, in eenvoudige woorden'),
  online: z.boolean().describe('Zelf online aangevraagd'),
});

export const portalDebtHelpListSchema = z.object({ items: z.array(portalDebtHelpSchema) }).describe('Hulp bij geldzaken');

export const portalDebtHelpReceiptSchema = portalDebtHelpSchema.describe('Ontvangstbevestiging');

export type DebtHelpRequest = z.infer<typeof debtHelpRequestSchema>;
export type PortalDebtHelp = z.infer<typeof portalDebtHelpSchema>;
