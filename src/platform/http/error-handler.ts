import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, errorStatus, type ErrorCode, type FieldError, VALIDATION_MESSAGE } from '../errors.js';
import { maskBsnLike } from './trace.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldError[]; requestId: string };
}

/**
 * A safety net for input that slipped past validation and the services' own checks: the PostgreSQL
 * error codes that mean "bad input" answer 400/409 with a Dutch message, never the driver's text.
 */
const databaseInputErrors: Record<string, { code: ErrorCode; message: string }> = {
  '23503': { code: 'CONFLICT', message: 'Een gegeven verwijst naar iets dat niet (meer) bestaat of niet bij deze gemeente hoort.' },
  '23502': { code: 'BAD_REQUEST', message: 'Een verplicht gegeven ontbreekt.' },
  '23514': { code: 'BAD_REQUEST', message: 'Een gegeven valt buiten de toegestane waarden.' },
  '22P05': { code: 'BAD_REQUEST', message: 'De invoer bevat een teken dat niet kan worden opgeslagen.' },
  '22021': { code: 'BAD_REQUEST', message: 'De invoer bevat een teken dat niet kan worden opgeslagen.' },
  '22003': { code: 'BAD_REQUEST', message: 'Een getal in de invoer is te groot of te klein.' },
  '22007': { code: 'BAD_REQUEST', message: 'Een datum of tijd in de invoer is ongeldig.' },
  '22008': { code: 'BAD_REQUEST', message: 'Een datum of tijd in de invoer valt buiten het toegestane bereik.' },
  '22P02': { code: 'BAD_REQUEST', message: 'Een gegeven in de invoer heeft een ongeldige opmaak.' },
};

function fieldPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').replaceAll('/', '.') || '(invoer)';
}

/**
 * fastify's `frameworkErrors`: a malformed URL or a path parameter over `maxParamLength` fails before
 * routing, outside the error handler; answer it in the one error shape, without echoing the path.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body: ErrorBody = { error: { code: 'BAD_REQUEST', message: 'Het adres van het verzoek is ongeldig of te lang.', requestId: request.id } };
  void reply.status(errorStatus.BAD_REQUEST).header('x-request-id', request.id).send(body);
}

/** One error shape for every failure; an unknown error is logged and answered as INTERNAL. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (code: ErrorCode, message: string, fields?: FieldError[]) => {
      const body: ErrorBody = { error: { code, message, ...(fields?.length ? { fields } : {}), requestId: request.id } };
      return reply.status(errorStatus[code]).send(body);
    };
    if (error instanceof AppError) return send(error.code, error.message, error.fields);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((v) => ({ field: fieldPath(v.instancePath), message: v.message ?? 'Ongeldige waarde' }));
      return send('VALIDATION_FAILED', VALIDATION_MESSAGE, fields);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return send('INTERNAL', 'Er ging iets mis aan onze kant. Probeer het later opnieuw.');
    }
    // A unique constraint that a concurrent request won: the pre-checks in services give nicer messages.
    if ((error as { code?: string }).code === '23505') return send('CONFLICT', 'Dit gegeven bestaat al.');
    const databaseError = databaseInputErrors[(error as { code?: string }).code ?? ''];
    if (databaseError) {
      request.log.warn({ err: { name: error.name, code: error.code } }, 'database refused the input');
      return send(databaseError.code, databaseError.message);
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send('PAYLOAD_TOO_LARGE', 'Het verzoek is te groot. Stuur minder of kortere gegevens.');
    if (error.statusCode === 429) return send('RATE_LIMITED', 'Te veel pogingen. Wacht een minuut en probeer het opnieuw.');
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send('BAD_REQUEST', 'Stuur de gegevens als JSON (Content-Type: application/json).');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send('BAD_REQUEST', 'Het verzoek kon niet worden verwerkt: de opmaak is ongeldig.');
    }
    // Never the driver's `detail`/`where`: a failing row could contain personal data such as a BSN.
    request.log.error({ err: { name: error.name, message: maskBsnLike(error.message), code: error.code, stack: error.stack } }, 'unhandled error');
    return send('INTERNAL', 'Er ging iets mis aan onze kant. Probeer het later opnieuw.');
  });
}
