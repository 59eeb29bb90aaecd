import { z } from 'zod';
import { roles } from '../../platform/auth/roles.js';

/** Roles the administrator gives to employees (the resident role is for e-services, not for accounts made here). */
export const staffRoles = roles.filter((r) => r !== 'resident') as Exclude<(typeof roles)[number], 'resident'>[];
const staffRole = z.enum(staffRoles as [string, ...string[]], { message: 'Kies een bestaande rol.' });

const displayName = z.string({ message: 'Vul de naam in.' }).trim().min(2, 'Vul de naam in (minstens 2 tekens).').max(120, 'De naam is te lang (hoogstens 120 tekens).').describe('Volledige naam');
const jobTitle = z.string({ message: 'Vul de functie in.' }).trim().max(120, 'De functie is te lang (hoogstens 120 tekens).').describe('Functie');
const roleList = z.array(staffRole, { message: 'Kies minstens één rol.' }).min(1, 'Kies minstens één rol.').max(staffRoles.length).describe('Rollen');
const teamId = z.uuid({ message: 'Kies een bestaand team.' }).nullable().describe('Team (of geen)');

export const staffUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  jobTitle: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
});

export const createUserBodySchema = z.object({
  username: z
    .string({ message: 'Vul een gebruikersnaam in.' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{2,64}$/, 'Een gebruikersnaam heeft 2 tot 64 tekens: kleine letters, cijfers, punt, streepje of liggend streepje.')
    .describe('Gebruikersnaam (kleine letters)'),
  displayName,
  jobTitle: jobTitle.default(''),
  roles: roleList,
  teamId: teamId.default(null),
});

export const updateUserBodySchema = z
  .object({ displayName: displayName.optional(), jobTitle: jobTitle.optional(), roles: roleList.optional(), teamId: teamId.optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Geef aan wat er verandert.' });

export const oneTimePasswordSchema = z.object({
  user: staffUserSchema,
  oneTimePassword: z.string().describe('Eenmalig wachtwoord: wordt maar één keer getoond'),
});

export const userParamsSchema = z.object({ id: z.uuid({ message: 'Dit is geen geldig id van een medewerker.' }) });

// Teams and areas
export const teamKinds = ['area_team', 'kcc', 'specialist'] as const;
export const adminTeamSchema = z.object({ id: z.uuid(), name: z.string(), kind: z.enum(teamKinds), areas: z.array(z.string()) });
export const teamsOverviewSchema = z.object({
  teams: z.array(adminTeamSchema),
  areas: z.array(z.object({ code: z.string(), name: z.string() })),
});
const teamName = z.string({ message: 'Vul de naam van het team in.' }).trim().min(2, 'Vul de naam van het team in (minstens 2 tekens).').max(80, 'De naam is te lang (hoogstens 80 tekens).');
export const createTeamBodySchema = z.object({ name: teamName, kind: z.enum(teamKinds, { message: 'Kies het soort team.' }).default('area_team') });
export const renameTeamBodySchema = z.object({ name: teamName });
export const teamAreasBodySchema = z.object({
  areaCodes: z.array(z.string({ message: 'Kies bestaande wijken.' }).max(20), { message: 'Kies de wijken van het team.' }).max(500).describe('Codes van de wijken van dit team'),
});
export const teamParamsSchema = z.object({ id: z.uuid({ message: 'Dit is geen geldig id van een team.' }) });

// Four-eyes settings, in cents
const MAX_SETTING_CENTS = 1_000_000_000;
const settingCents = (what: string) =>
  z
    .number({ message: `Vul ${what} in als bedrag.` })
    .int(`Vul ${what} in hele centen in.`)
    .min(0, `${what[0]!.toUpperCase()}${what.slice(1)} kan niet negatief zijn.`)
    .max(MAX_SETTING_CENTS, `${what[0]!.toUpperCase()}${what.slice(1)} is te hoog (hoogstens € 10.000.000).`);
export const settingsSchema = z.object({
  approvalThresholdCents: z.number().describe('Vierogengrens: beschikkingen vanaf dit bedrag per jaar (in centen) vragen goedkeuring'),
  allocationChangeStepCents: z.number().describe('Wijzigingen van een toewijzing die de kosten zoveel (in centen) verhogen, vragen goedkeuring'),
});
export const settingsBodySchema = z
  .object({ approvalThresholdCents: settingCents('de vierogengrens').optional(), allocationChangeStepCents: settingCents('de wijzigingsstap').optional() })
  .refine((b) => b.approvalThresholdCents !== undefined || b.allocationChangeStepCents !== undefined, { message: 'Geef aan wat er verandert.' });

// Case types
export const termSchema = z.object({
  amount: z.number({ message: 'Vul de termijn in als getal.' }).int('Vul een heel getal in.').min(1, 'Een termijn is minstens 1 dag of week.').max(520, 'Deze termijn is te lang.'),
  unit: z.enum(['days', 'weeks'], { message: 'Kies dagen of weken.' }),
});
export const caseTypeTermsBodySchema = z
  .object({ researchTerm: termSchema.optional(), decisionTerm: termSchema.optional() })
  .refine((b) => b.researchTerm !== undefined || b.decisionTerm !== undefined, { message: 'Geef aan welke termijn verandert.' });
export const caseTypeParamsSchema = z.object({ code: z.string().max(60) });
export const adminCaseTypeSchema = z.object({
  code: z.string(),
  name: z.string(),
  law: z.string(),
  researchTerm: z.string().nullable().describe('ISO 8601-duur, bijvoorbeeld P6W'),
  decisionTerm: z.string().describe('ISO 8601-duur, bijvoorbeeld P8W'),
  legalBasis: z.string(),
});

// Budget lines
export const budgetYearQuerySchema = z.object({ year: z.coerce.number({ message: 'Geef een jaar.' }).int('Geef een jaar.').min(2000, 'Geef een jaar van 2000 tot en met 2100.').max(2100, 'Geef een jaar van 2000 tot en met 2100.') });
export const adminBudgetLineSchema = z.object({ code: z.string(), name: z.string(), year: z.number(), budgetCents: z.number() });
export const createdBudgetLineSchema = z.object({ code: z.string(), name: z.string() });
export const createBudgetLineBodySchema = z.object({
  code: z.string({ message: 'Vul de code in.' }).trim().regex(/^[0-9A-Za-z.\-]{1,20}$/, 'Een code heeft 1 tot 20 tekens: cijfers, letters, punt of streepje (bijvoorbeeld 6.71).'),
  name: z.string({ message: 'Vul de naam in.' }).trim().min(2, 'Vul de naam in (minstens 2 tekens).').max(120, 'De naam is te lang (hoogstens 120 tekens).'),
  law: z.enum(['wmo', 'jeugdwet', 'participatiewet', 'wgs'], { message: 'Kies een wet of geen.' }).nullable().default(null),
});
export const budgetYearParamsSchema = z.object({
  code: z.string().max(20),
  year: z.coerce.number({ message: 'Geef een jaar.' }).int('Geef een jaar.').min(2000, 'Geef een jaar van 2000 tot en met 2100.').max(2100, 'Geef een jaar van 2000 tot en met 2100.'),
});
export const budgetBodySchema = z.object({
  budgetCents: z.number({ message: 'Vul het budget in als bedrag.' }).int('Vul het budget in hele centen in.').min(0, 'Het budget kan niet negatief zijn.').max(100_000_000_000, 'Dit budget is te hoog (hoogstens € 1.000.000.000).'),
});

// The change log
export const adminSections = ['users', 'teams', 'settings', 'case_types', 'budget_lines', 'kpi_targets', 'api_tokens', 'pw_norms', 'control_frameworks', 'legality_years'] as const;
export const changesQuerySchema = z.object({ section: z.enum(adminSections, { message: 'Onbekend onderdeel.' }).optional() });
export const adminChangeSchema = z.object({
  id: z.uuid(),
  section: z.enum(adminSections),
  subject: z.string().describe('Waarover: de medewerker, het team, het zaaktype, …'),
  action: z.string().describe('Wat er veranderde, in woorden'),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  changedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  changedAt: z.string(),
});

// Machine accounts of providers (provider API)
export const machineAccountSchema = z.object({
  id: z.uuid(),
  provider: z.object({ id: z.uuid(), name: z.string(), agbCode: z.string() }),
  label: z.string().describe('Waarvoor het account is, bijvoorbeeld "Koppeling zorgsysteem"'),
  createdAt: z.string(),
  createdBy: z.string().describe('Naam van de beheerder die het aanmaakte'),
  lastUsedAt: z.string().nullable().describe('Laatst gebruikt (op de minuut nauwkeurig)'),
  revokedAt: z.string().nullable().describe('Ingetrokken op; daarna werkt het token niet meer'),
});
export const createMachineAccountBodySchema = z.object({
  providerId: z.uuid({ message: 'Kies een aanbieder.' }),
  label: z.string({ message: 'Vul een omschrijving in.' }).trim().min(2, 'Vul een omschrijving in (minstens 2 tekens).').max(120, 'De omschrijving is te lang (hoogstens 120 tekens).'),
});
export const createdMachineAccountSchema = z.object({
  account: machineAccountSchema,
  token: z.string().describe('Het token: wordt maar één keer getoond. Stuur het mee als Authorization: Bearer <token>.'),
});
export const machineAccountParamsSchema = z.object({ id: z.uuid({ message: 'Dit is geen geldig id van een machineaccount.' }) });
