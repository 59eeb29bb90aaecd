import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../errors.js';

// NUL and the other control characters (C0 except tab, line feed and carriage return; DEL; C1):
// PostgreSQL refuses NUL in text (a 500 before this guard), and none belongs in anything a person types.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const CONTROL_CHARACTER_MESSAGE = 'Bevat een ongeldig teken (een stuurteken zoals een nul-teken). Verwijder het en probeer het opnieuw.';

/** Deeper than any form Koers has: beyond it the input is refused (walking it would exhaust the stack: a 500). */
export const MAX_INPUT_DEPTH = 32;
export const TOO_DEEP_MESSAGE = 'De invoer is te diep genest om te verwerken.';

function collect(value: unknown, path: string, found: FieldError[], depth = 0): void {
  if (found.length >= 20) return;
  if (depth > MAX_INPUT_DEPTH) {
    found.push({ field: '(invoer)', message: TOO_DEEP_MESSAGE });
    return;
  }
  if (typeof value === 'string') {
    if (CONTROL.test(value)) found.push({ field: path || '(invoer)', message: CONTROL_CHARACTER_MESSAGE });
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (CONTROL.test(key)) found.push({ field: '(veldnaam)', message: CONTROL_CHARACTER_MESSAGE });
    collect(child, childPath, found, depth + 1);
    if (found.some((f) => f.message === TOO_DEEP_MESSAGE)) return;
  }
}

/**
 * preValidation hook for every route: rejects control characters anywhere in the path parameters,
 * the query string and the body (values and keys) with 400 and a Dutch message per field.
 */
export async function rejectControlCharacters(request: FastifyRequest): Promise<void> {
  const found: FieldError[] = [];
  collect(request.params, '', found);
  collect(request.query, '', found);
  collect(request.body, '', found);
  if (found.length) throw new AppError('VALIDATION_FAILED', 'De invoer bevat een ongeldig teken. Controleer de gemarkeerde velden.', found);
}
