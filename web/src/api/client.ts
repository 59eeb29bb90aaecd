import type { ErrorBody, FieldError } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

/** JSON over fetch with the session cookie; failures become ApiError with the API's Dutch message. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Koers is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.');
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    // A proxy or a crash may answer without Koers' error body: every part is read as optional.
    const error = (body as Partial<ErrorBody> | undefined)?.error as Partial<ErrorBody['error']> | undefined;
    throw new ApiError(response.status, error?.code ?? 'UNKNOWN', error?.message ?? `Onverwachte fout (${response.status}).`, error?.fields ?? []);
  }
  return body as T;
}
