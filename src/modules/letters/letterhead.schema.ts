import { z } from 'zod';

const text = (max: number, what: string) => z.string().trim().min(1, `Vul ${what} in.`).max(max, `${what.charAt(0).toUpperCase()}${what.slice(1)} is te lang (hoogstens ${max} tekens).`);

export const saveLetterheadSchema = z
  .object({
    name: text(120, 'de naam van de gemeente').describe('Naam op het briefpapier, bijvoorbeeld "Gemeente Maastricht"'),
    returnAddress: text(300, 'het retouradres').describe('Retouradres (postbus of bezoekadres, meerdere regels mag)'),
    phone: text(40, 'het telefoonnummer').regex(/^[0-9 +()-]+$/, 'Een telefoonnummer bevat alleen cijfers, spaties, +, - en haakjes.').describe('Telefoonnummer, bijvoorbeeld 14 043'),
    website: text(200, 'de website').regex(/^(https?:\/\/)?[a-z0-9.-]+\.[a-z]{2,}(\/[^\s]*)?$/i, 'Vul een websiteadres in, bijvoorbeeld www.gemeentemaastricht.nl.').describe('Website van de gemeente'),
    logo: z
      .string()
      .max(300_000, 'Het logo is te groot: hoogstens 200 kB.')
      .nullable()
      .optional()
      .describe('Logo als data-URL (PNG of JPEG, hoogstens 200 kB); null verwijdert het logo, weglaten houdt het huidige'),
    cakMonthlyCents: z
      .number({ message: 'Vul het bedrag in centen in.' })
      .int('Vul het bedrag in hele centen in.')
      .min(0, 'Het bedrag kan niet negatief zijn.')
      .max(100_000, 'Het bedrag is te hoog.')
      .nullable()
      .describe('Eigen bijdrage Wmo (abonnementstarief CAK) per maand in centen, zoals dit jaar vastgesteld; null: de brief noemt geen bedrag'),
  })
  .strict();
export type SaveLetterheadInput = z.infer<typeof saveLetterheadSchema>;

export const letterheadSchema = z.object({
  name: z.string(),
  returnAddress: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  logo: z.string().nullable().describe('Logo als data-URL, of null'),
  cakMonthlyCents: z.number().int().nullable(),
  version: z.number().int().describe('Versie; 0 als het briefpapier nog niet is ingesteld'),
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
});
