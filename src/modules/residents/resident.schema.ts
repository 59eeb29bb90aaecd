import { z } from 'zod';
import { isoDateSchema } from '../../platform/http/schemas.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { isValidBsn } from './bsn.js';

const POSTCODE = /^([1-9][0-9]{3})\s?([A-Za-z]{2})$/;

/** '6211ab' and '6211 AB' are the same postcode; stored as '6211 AB'. */
export function normalisePostcode(value: string): string {
  const match = POSTCODE.exec(value.trim());
  return match ? `${match[1]} ${match[2]!.toUpperCase()}` : value;
}

export const bsnSchema = z
  .string({ message: 'Vul het BSN in.' })
  .trim()
  .regex(/^[0-9]{9}$/, { message: 'Het BSN bestaat uit precies 9 cijfers.', abort: true })
  .refine(isValidBsn, 'Dit BSN is ongeldig: het voldoet niet aan de elfproef.')
  .describe('Burgerservicenummer (9 cijfers, elfproef)');

const name = (label: string) =>
  z
    .string({ message: `Vul de ${label} in.` })
    .trim()
    .min(1, `Vul de ${label} in.`)
    .max(200, `De ${label} is te lang (maximaal 200 tekens).`);

export const createResidentSchema = z.object({
  bsn: bsnSchema,
  givenName: name('voornaam').describe('Voornaam of voornamen'),
  surnamePrefix: z
    .string()
    .trim()
    .max(20, 'Het tussenvoegsel is te lang.')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .describe('Tussenvoegsel, bijvoorbeeld "van der"'),
  familyName: name('achternaam').describe('Achternaam'),
  birthDate: isoDateSchema('geboortedatum')
    .refine((v) => v >= '1900-01-01', 'De geboortedatum ligt te ver in het verleden.')
    .refine((v) => v <= todayInAmsterdam(), 'De geboortedatum ligt in de toekomst.')
    .describe('Geboortedatum (JJJJ-MM-DD)'),
  gender: z
    .enum(['M', 'V', 'X'], { message: 'Kies een geslacht: M, V of X.' })
    .describe('Geslacht: M (man), V (vrouw), X (onbekend/anders)'),
  street: name('straatnaam').describe('Straatnaam'),
  houseNumber: z.coerce
    .number({ message: 'Vul het huisnummer in.' })
    .int('Het huisnummer is een geheel getal.')
    .min(1, 'Het huisnummer is minimaal 1.')
    .max(99999, 'Het huisnummer is maximaal 99999.')
    .describe('Huisnummer'),
  houseLetter: z
    .string()
    .trim()
    .regex(/^[A-Za-z]?$/, 'De huisletter is één letter.')
    .transform((v) => (v === '' ? null : v.toUpperCase()))
    .nullable()
    .optional()
    .describe('Huisletter'),
  houseNumberAddition: z
    .string()
    .trim()
    .max(4, 'De toevoeging is maximaal 4 tekens.')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .describe('Huisnummertoevoeging'),
  postcode: z
    .string({ message: 'Vul de postcode in.' })
    .regex(POSTCODE, 'De postcode heeft de vorm 1234 AB.')
    .transform(normalisePostcode)
    .describe('Postcode, bijvoorbeeld 6211 AB'),
  city: name('woonplaats').describe('Woonplaats'),
  areaCode: z.string().trim().max(20).nullable().optional().describe('Code van het gebied (wijk), bijvoorbeeld WK093500'),
  householdId: z.uuid('Het huishouden-id is ongeldig.').nullable().optional().describe('Bestaand huishouden om bij aan te sluiten; leeg voor een nieuw huishouden'),
});
export type CreateResidentInput = z.infer<typeof createResidentSchema>;

export const searchQuerySchema = z.object({
  q: z
    .string({ message: 'Vul een zoekterm in.' })
    .trim()
    .min(2, 'Vul minstens 2 tekens in.')
    .max(100, 'De zoekterm is te lang.')
    .describe('Naam, straat (eventueel met huisnummer), postcode (ook alleen de cijfers, eventueel met huisnummer), geboortedatum (dd-mm-jjjj of jjjj-mm-dd); BSN alleen via POST /api/residents/search'),
  limit: z.coerce
    .number()
    .int('Het maximum is een geheel getal.')
    .min(1, 'Het maximum is minimaal 1.')
    .max(50, 'Het maximum is 50.')
    .default(20)
    .describe('Maximaal aantal resultaten (1–50, standaard 20)'),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const residentSummarySchema = z.object({
  id: z.uuid(),
  fullName: z.string().describe('Volledige naam'),
  birthDate: z.string().describe('Geboortedatum'),
  bsnMasked: z.string().describe('BSN met alleen de laatste 4 cijfers zichtbaar'),
  address: z.string().describe('Adres op één regel'),
  areaName: z.string().nullable().describe('Gebied (wijk)'),
});
export type ResidentSummary = z.infer<typeof residentSummarySchema>;

export const residentSchema = z.object({
  id: z.uuid(),
  bsn: z.string(),
  givenName: z.string(),
  surnamePrefix: z.string().nullable(),
  familyName: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  gender: z.enum(['M', 'V', 'X']),
  address: z.object({
    street: z.string(),
    houseNumber: z.number().int(),
    houseLetter: z.string().nullable(),
    houseNumberAddition: z.string().nullable(),
    postcode: z.string(),
    city: z.string(),
  }),
  area: z.object({ code: z.string(), name: z.string() }).nullable(),
  household: z.object({
    id: z.uuid(),
    members: z.array(z.object({ id: z.uuid(), fullName: z.string(), birthDate: z.string() })).describe('Andere leden van het huishouden'),
  }),
  access: z
    .object({
      relation: z.enum(['contact_person', 'case', 'area_team', 'first_line', 'break_glass']),
      label: z.string(),
      care: z.boolean().describe('Of deze relatie de zorginhoudelijke delen opent (beschikkingen, toewijzingen, gesprekken); de eerste lijn (KCC) niet'),
    })
    .nullable()
    .describe('Waarom u dit dossier mag inzien (relatie met de inwoner); null direct na registratie'),
});

export const breakGlassSchema = z.object({
  reason: z
    .string({ message: 'Geef de reden waarom u dit dossier moet inzien.' })
    .trim()
    .min(10, 'Geef een reden van minstens 10 tekens: de privacyfunctionaris leest hem terug.')
    .max(500, 'De reden is te lang (maximaal 500 tekens).')
    .describe('Waarom u zonder relatie toegang nodig heeft (wordt gelogd)'),
});

export const accessGrantSchema = z.object({
  id: z.uuid(),
  residentId: z.uuid(),
  userId: z.uuid(),
  username: z.string(),
  reason: z.string(),
  grantedAt: z.string().describe('Tijdstip van de doorbraak (ISO 8601)'),
  expiresAt: z.string().describe('Toegang vervalt op dit tijdstip (ISO 8601)'),
  renewalOf: z.uuid().nullable().describe('De nog geldige doorbraak die hiermee is verlengd (zelfde medewerker en inwoner); null bij een eerste doorbraak'),
  renewalCount: z.number().int().min(0).describe('Hoeveelste verlenging in de reeks (0 bij een eerste doorbraak)'),
});
export type Resident = z.infer<typeof residentSchema>;

export const searchResultSchema = z.object({
  items: z.array(residentSummarySchema),
  kind: z.enum(['name', 'address', 'postcode', 'birthDate', 'bsn']).describe('Hoe de zoekterm is opgevat: naam; adres (begin van een straatnaam, eventueel met huisnummer, als geen naam past); postcode (ook alleen de cijfers); geboortedatum; BSN'),
});
