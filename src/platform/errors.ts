/** The closed set of error codes Koers answers with; the edge maps each to one HTTP status. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  /** Signed in with the administrator's one-time password: only choosing an own password is allowed. */
  PASSWORD_CHANGE_REQUIRED: 403,
  /** The role allows it, but the employee has no relation with this resident (break-glass possible). */
  NO_RELATION: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** The request body is larger than the server accepts (`bodyLimit` in app.ts). */
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  /** Dotted path of the field in the request, e.g. `bsn` or `address.postcode`. */
  field: string;
  message: string;
}

/** The one application error. `message` is Dutch: it is shown to the user as it is. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

/** The one message above the field errors of every refused input. */
export const VALIDATION_MESSAGE = 'De invoer is niet geldig. Controleer de gemarkeerde velden.';
/** Refused input: one Dutch message per field, shown next to that field. */
export const validationFailed = (fields: FieldError[]): AppError => new AppError('VALIDATION_FAILED', VALIDATION_MESSAGE, fields);
/** Refused input on one field. */
export const invalid = (field: string, message: string): AppError => validationFailed([{ field, message }]);

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} is niet gevonden.`);
export const forbidden = (): AppError =>
  new AppError('FORBIDDEN', 'U heeft geen toegang tot deze gegevens of handeling.');
