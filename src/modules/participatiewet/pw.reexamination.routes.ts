import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { benefitSubject } from './pw.income-statement.service.js';
import { recordedReexaminationSchema, reexaminationsSchema } from './pw.reexamination.schema.js';
import { reexaminationLetterHtml } from './pw.reexamination.letter.js';
import { listReexaminations, reexaminationSubject, recordReexamination, type ReexaminationInput } from './pw.reexamination.service.js';

const tags = ['Participatiewet'];
const benefitParam = z.object({ id: uuidParam('Uitkering') });

const bodySchema = z.object({
  heldOn: z.string({ message: 'Vul de datum van het heronderzoek in.' }),
  riskProfile: z.string({ message: 'Kies een risicoprofiel.' }),
  checks: z.array(z.object({ code: z.string(), done: z.boolean({ message: 'Geef aan of deze controle is gedaan.' }), note: z.string().optional() }), { message: 'Vul de controles in.' }),
  outcome: z.string({ message: 'Kies de uitkomst.' }),
  change: z.object({ validFrom: z.string({ message: 'Kies de maand waarvan de wijziging geldt.' }), entitlement: z.record(z.string(), z.unknown(), { message: 'Vul de gegevens voor de berekening in.' }) }).optional(),
  end: z.object({ endDate: z.string({ message: 'Vul de einddatum in.' }), endReason: z.string({ message: 'Geef de reden.' }) }).optional(),
  overpayment: z.object({ cents: z.number({ message: 'Vul het bedrag in hele centen in.' }), periodFrom: z.string(), periodTo: z.string(), reason: z.string(), ground: z.string().optional() }).optional(),
  note: z.string().optional(),
});

/** Re-examinations (heronderzoek) of a benefit, their outcome and the letter that goes with a change or an end. */
export async function pwReexaminationRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/pw/benefits/:id/reexaminations',
    {
      schema: { tags, summary: 'De heronderzoeken van een uitkering, met de controlelijst en de termijn per risicoprofiel', params: benefitParam, response: { 200: reexaminationsSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { permission: 'pw:read', activity: 'zaakbehandeling-sociaal-domein', name: 'heronderzoeken.raadplegen', subject: benefitSubject, scope: 'care' }),
    },
    async (request) => inTenant(db, request, (tx, ctx) => listReexaminations(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/pw/benefits/:id/reexaminations',
    {
      schema: {
        tags,
        summary: 'Een heronderzoek vastleggen: de controles, de uitkomst (ongewijzigd, wijziging met nieuwe berekening, beëindiging) en eventueel te veel betaalde bijstand als conceptvordering',
        params: benefitParam,
        body: bodySchema,
        response: { 201: recordedReexaminationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requireResidentAccess(db, { permission: 'pw:write', activity: 'zaakbehandeling-sociaal-domein', name: 'heronderzoek.vastleggen', subject: benefitSubject, scope: 'care' }),
    },
    async (request, reply) =>
      reply.code(201).send(
        await asActor(db, request, async (tx, ctx) => {
          const { id } = await recordReexamination(tx, ctx, request.params.id, request.body as unknown as ReexaminationInput);
          return { id, ...(await listReexaminations(tx, ctx, request.params.id)) };
        }),
      ),
  );

  api.get(
    '/api/pw/reexaminations/:id/letter.html',
    {
      schema: { tags, summary: 'De brief bij een heronderzoek dat de bijstand wijzigt of beëindigt (met bezwaarclausule)', params: z.object({ id: uuidParam('Heronderzoek') }), produces: ['text/html'] },
      onRequest: requireResidentAccess(db, { permission: 'pw:read', activity: 'zaakbehandeling-sociaal-domein', name: 'heronderzoek.brief', subject: reexaminationSubject, scope: 'care' }),
    },
    async (request, reply) => reply.type('text/html; charset=utf-8').send(await inTenant(db, request, (tx, ctx) => reexaminationLetterHtml(db, tx, ctx, request.params.id))),
  );
}
