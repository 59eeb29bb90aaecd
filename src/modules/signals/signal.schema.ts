import { z } from 'zod';
import { INT4_MAX } from '../../platform/http/schemas.js';
import { domains, severities } from './signal.rule.js';
import { signalStatuses } from './signal.tables.js';

export const dueFilters = ['verlopen', 'vandaag', 'week'] as const;
const statusMessage = 'Kies nieuw, in_behandeling, afgehandeld, onterecht of opgelost.';

export const worklistQuerySchema = z.object({
  scope: z.enum(['mine', 'team'], { message: 'Kies mijn signalen (mine) of een team (team).' }).default('mine').describe('Mijn signalen of die van een team'),
  teamId: z.uuid('Kies een geldig team.').optional().describe('Het team (verplicht bij scope=team; u moet lid zijn)'),
  rule: z.string().trim().max(60, 'De regel is te lang.').optional().describe('Alleen signalen van deze regel (id)'),
  severity: z.enum(severities, { message: 'Kies laag, middel, hoog of kritiek.' }).optional().describe('Alleen deze ernst'),
  domain: z.enum(domains, { message: 'Kies wmo-jeugd, participatiewet of schuldhulp.' }).optional().describe('Alleen dit domein'),
  area: z.string().trim().max(20, 'De wijkcode is te lang.').optional().describe('Alleen signalen over inwoners in dit gebied (wijkcode)'),
  status: z
    .enum([...signalStatuses, 'open'], { message: `${statusMessage} Of open (nieuw en in behandeling).` })
    .default('open')
    .describe('Status; standaard open (nieuw en in behandeling)'),
  due: z.enum(dueFilters, { message: 'Kies verlopen, vandaag of week.' }).optional().describe('Termijn: verlopen, uiterlijk vandaag of binnen een week'),
  limit: z.coerce.number({ message: 'Geef een aantal.' }).int('Geef een geheel aantal.').min(1, 'Minstens 1.').max(200, 'Hoogstens 200 per pagina.').default(50),
  offset: z.coerce.number({ message: 'Geef een getal.' }).int('Geef een geheel getal.').min(0, 'Niet negatief.').max(INT4_MAX, 'Dit getal is te groot.').default(0),
});
export type WorklistQuery = z.infer<typeof worklistQuerySchema>;

const ruleRefSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(severities),
  domain: z.enum(domains),
});

export const signalSchema = z.object({
  id: z.uuid(),
  rule: ruleRefSchema,
  status: z.enum(signalStatuses),
  subject: z.object({ type: z.enum(['resident', 'case', 'allocation', 'callback', 'benefit']), id: z.uuid() }).describe('Waar het signaal over gaat'),
  resident: z
    .object({ id: z.uuid(), name: z.string().describe('Naam, of "inwoner (geen relatie)" zonder relatie met de inwoner'), related: z.boolean() })
    .nullable(),
  area: z.object({ code: z.string(), name: z.string() }).nullable(),
  facts: z.record(z.string(), z.unknown()).describe('De feiten die uitleggen waarom het signaal er is'),
  dueOn: z.string().describe('Uiterlijk oppakken op (yyyy-mm-dd)'),
  overdue: z.boolean(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  closedNote: z.string().nullable(),
  assignee: z.object({ team: z.object({ id: z.uuid(), name: z.string() }).nullable(), user: z.object({ id: z.uuid(), name: z.string() }).nullable() }),
});

export const worklistSchema = z.object({
  items: z.array(signalSchema),
  total: z.number().int().describe('Aantal signalen dat aan de filters voldoet'),
  countsPerRule: z.array(z.object({ rule: ruleRefSchema, count: z.number().int() })).describe('Aantal per regel binnen dezelfde filters (zonder regelfilter)'),
  countsPerArea: z.array(z.object({ area: z.object({ code: z.string(), name: z.string() }), count: z.number().int() })).describe('Aantal per gebied binnen dezelfde filters (zonder gebiedsfilter)'),
});

export const signalEventSchema = z.object({
  kind: z.enum(['geopend', 'feiten_gewijzigd', 'toegewezen', 'status', 'opgelost']),
  at: z.string(),
  actor: z.string().nullable().describe('Medewerker; leeg bij de automatische evaluatie'),
  fromStatus: z.enum(signalStatuses).nullable(),
  toStatus: z.enum(signalStatuses).nullable(),
  assignee: z.string().nullable(),
  note: z.string().nullable(),
});

export const signalDetailSchema = signalSchema.extend({
  explanation: z.string(),
  law: z.string(),
  suggestedAction: z.string(),
  history: z.array(signalEventSchema),
});

export const ruleSchema = z.object({
  id: z.string(),
  title: z.string(),
  explanation: z.string(),
  law: z.string(),
  domain: z.enum(domains),
  severity: z.enum(severities),
  owner: z.object({ teamKind: z.string(), role: z.string() }),
  suggestedAction: z.string(),
  dueInDays: z.number().int(),
  schedule: z.enum(['nachtelijk', 'termijn']).describe('Nachtelijk, of ook elk uur (termijnregels)'),
});

export const teamOptionSchema = z.object({ id: z.uuid(), name: z.string(), open: z.number().int().describe('Open signalen van het team') });

export const assignSchema = z
  .object({
    ids: z.array(z.uuid('Ongeldig signaal-id.'), { message: 'Kies de signalen.' }).min(1, 'Kies minstens één signaal.').max(500, 'Hoogstens 500 signalen tegelijk.').describe('De signalen'),
    userId: z.uuid('Kies een geldige medewerker.').nullable().optional().describe('Medewerker aan wie de signalen worden toegewezen'),
    teamId: z.uuid('Kies een geldig team.').nullable().optional().describe('Team aan wie de signalen worden toegewezen'),
  })
  .refine((a) => Boolean(a.userId) || Boolean(a.teamId), { message: 'Kies een medewerker of een team.', path: ['userId'] });
export type AssignInput = z.infer<typeof assignSchema>;

export const assignResultSchema = z.object({ assigned: z.number().int().describe('Aantal toegewezen signalen') });

export const handleSchema = z.object({
  note: z.string({ message: 'Schrijf kort wat er gedaan is.' }).trim().min(3, 'Schrijf kort wat er gedaan is (minstens 3 tekens).').max(2000, 'De notitie is te lang.').describe('Wat er gedaan is'),
});

export const rejectSchema = z.object({
  reason: z
    .string({ message: 'Geef de reden waarom het signaal onterecht is.' })
    .trim()
    .min(5, 'Geef de reden waarom het signaal onterecht is (minstens 5 tekens).')
    .max(2000, 'De reden is te lang.')
    .describe('Waarom het signaal onterecht is; het blijft gesloten tot de feiten veranderen'),
});

export const runRequestSchema = z.object({
  rules: z.array(z.string().trim().min(1, 'Lege regel-id.'), { message: 'Geef een lijst met regel-id’s.' }).optional().describe('Alleen deze regels (standaard alle)'),
});

export const runSummarySchema = z.object({
  id: z.uuid(),
  startedAt: z.string(),
  finishedAt: z.string(),
  rules: z.array(z.object({ ruleId: z.string(), found: z.number().int(), opened: z.number().int(), changed: z.number().int(), solved: z.number().int() })),
});
