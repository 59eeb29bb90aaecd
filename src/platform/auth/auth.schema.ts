import { z } from 'zod';

export const loginBodySchema = z.object({
  username: z
    .string({ message: 'Vul uw gebruikersnaam in.' })
    .trim()
    .min(1, 'Vul uw gebruikersnaam in.')
    .max(64, 'Gebruikersnaam is te lang.')
    .describe('Gebruikersnaam'),
  password: z
    .string({ message: 'Vul uw wachtwoord in.' })
    .min(1, 'Vul uw wachtwoord in.')
    .max(256, 'Wachtwoord is te lang.')
    .describe('Wachtwoord'),
  tenant: z
    .string()
    .regex(/^GM[0-9]{4}$/, 'Gemeentecode moet de vorm GM0000 hebben.')
    .default('GM0935')
    .describe('CBS-gemeentecode; standaard GM0935 (Maastricht)'),
});

export const meSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()).describe('Rollen van de gebruiker (DESIGN.md §5)'),
  permissions: z.array(z.string()).describe('Wat de rollen samen mogen'),
  tenant: z.string().describe('CBS-gemeentecode'),
  tenantName: z.string(),
  mustChangePassword: z.boolean().describe('Ingelogd met een eenmalig wachtwoord van de beheerder: eerst een eigen wachtwoord kiezen'),
});
export type Me = z.infer<typeof meSchema>;

export const changePasswordBodySchema = z.object({
  currentPassword: z
    .string({ message: 'Vul uw huidige wachtwoord in.' })
    .min(1, 'Vul uw huidige wachtwoord in.')
    .max(256, 'Wachtwoord is te lang.')
    .describe('Het huidige wachtwoord (ook het eenmalige wachtwoord van de beheerder)'),
  newPassword: z
    .string({ message: 'Vul een nieuw wachtwoord in.' })
    .min(1, 'Vul een nieuw wachtwoord in.')
    .max(256, 'Wachtwoord is te lang (hoogstens 256 tekens).')
    .describe('Het nieuwe wachtwoord: minstens 12 tekens, niet gelijk aan het huidige'),
});
