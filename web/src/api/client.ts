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

async function refusal(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const error = (body as Partial<ErrorBody> | undefined)?.error as Partial<ErrorBody['error']> | undefined;
  return new ApiError(response.status, error?.code ?? 'UNKNOWN', error?.message ?? `Onverwachte fout (${response.status}).`, error?.fields ?? []);
}

/**
 * A file the API answers to a POST (an export whose filters travel in the body, never in the URL).
 * Returns the file and the name the server gives it.
 */
export async function postForFile(path: string, body: unknown): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Koers is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.');
  }
  if (!response.ok) throw await refusal(response);
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'bestand';
  return { blob: await response.blob(), fileName };
}

/** Saves a blob as a download with the given name. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Sends a form with files as multipart/form-data (streamed by the browser) and reads the JSON answer. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' }, body: form });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Koers is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.');
  }
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as T;
}

/** Sends a file as the request body (its own content type) and reads the JSON answer. */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const type = file.type || (file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/octet-stream');
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': type, accept: 'application/json' }, body: file });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Koers is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.');
  }
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as T;
}
