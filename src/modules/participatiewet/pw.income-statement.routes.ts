import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { INCOME_KIND_LIST, INCOME_KINDS, type IncomeKind } from './pw.income.js';
import { statementOutcomeSchema, statementsSchema } from './pw.recovery.schema.js';
import type { StatementInput } from './pw.income-statement.js';
import { benefitSubject, enterIncomeStatement, listIncomeStatements } from './pw.income-statement.service.js';
import { confirmIncomeSubmission } from './pw.income-submission.service.js';

const tags = ['Participatiewet'];
const idParam = z.object({ id: uuidParam('Uitkering') });
const exemption = z.object({ rule: z.enum(['art31n', 'art31r', 'art31y'], { message: 'Kies een vrijlating uit de lijst.' }), monthsUsedBefore: z.number({ message: 'Vul het aantal al gebruikte maanden in.' }) }).nullable().optional();

export const statementBodySchema = z.object({
  period: z.string({ message: 'Kies de maand van de opgave.' }).describe('De maand als eerste dag, jjjj-mm-01'),
  receivedOn: z.string().optional().describe('Datum van ontvangst; zonder: vandaag'),
  items: z
    .array(z.object({ kind: z.string({ message: 'Kies een soort inkomen.' }), person: z.string({ message: 'Kies aanvrager of partner.' }), cents: z.number({ message: 'Vul het bedrag in hele centen in.' }) }), { message: 'Geef de inkomsten als lijst op.' })
    .describe('De inkomsten van die maand (leeg: geen inkomsten)'),
  workExemptions: z.object({ aanvrager: exemption, partner: exemption }).optional(),
});

/** The monthly income statement of a benefit: read and entered by Participatiewet casework. */
export async function pwIncomeStatementRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/pw/income-kinds',
    { schema: { tags, summary: 'De soorten inkomen van de inkomstenopgave, met hun behandeling en artikel' }, onRequest: requirePermission('pw:read') },
    async () => INCOME_KIND_LIST.map((kind: IncomeKind) => ({ kind, ...INCOME_KINDS[kind] })),
  );

  api.get(
    '/api/pw/benefits/:id/income-statements',
    {
      schema: { tags, summary: 'De uitkering met haar inkomstenopgaven, nieuwste maand eerst', params: idParam, response: { 200: statementsSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { permission: 'pw:read', activity: 'zaakbehandeling-sociaal-domein', name: 'inkomstenopgaven.raadplegen', subject: benefitSubject, scope: 'care' }),
    },
    async (request) => inTenant(db, request, (tx, ctx) => listIncomeStatements(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/pw/benefits/:id/income-statements',
    {
      schema: {
        tags,
        summary: 'Inkomstenopgave over een maand vastleggen: Koers berekent het te verrekenen inkomen met de vrijlatingen; een late opgave over een betaalde maand die het recht verlaagt, wordt een conceptvordering',
        params: idParam,
        body: statementBodySchema,
        response: { 201: statementOutcomeSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requireResidentAccess(db, { permission: 'pw:write', activity: 'zaakbehandeling-sociaal-domein', name: 'inkomstenopgave.vastleggen', subject: benefitSubject, scope: 'care' }),
    },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => enterIncomeStatement(tx, ctx, request.params.id, request.body as unknown as StatementInput))),
  );

  api.post(
    '/api/pw/benefits/:id/income-submissions/:submissionId/confirm',
    {
      schema: {
        tags,
        summary: 'Wat de inwoner in Mijn gemeente doorgaf, na controle bevestigen: het wordt de inkomstenopgave van die maand (bron: inwoner) en telt dan mee voor de betaling',
        params: idParam.extend({ submissionId: uuidParam('Doorgegeven opgave') }),
        body: z.object({ workExemptions: statementBodySchema.shape.workExemptions }),
        response: { 201: statementOutcomeSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requireResidentAccess(db, { permission: 'pw:write', activity: 'zaakbehandeling-sociaal-domein', name: 'inkomstenopgave.vastleggen', subject: benefitSubject, scope: 'care' }),
    },
    async (request, reply) =>
      reply.code(201).send(await asActor(db, request, (tx, ctx) => confirmIncomeSubmission(tx, ctx, request.params.id, request.params.submissionId, request.body as { workExemptions?: StatementInput['workExemptions'] }))),
  );
}
