/** Field-level problems as the API reports them. */
export interface FieldError {
  field: string;
  message: string;
}

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

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: FieldError[] };
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
    const error = (body as ErrorBody | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'UNKNOWN', error?.message ?? `Onverwachte fout (${response.status}).`, error?.fields ?? []);
  }
  return body as T;
}

export interface Me {
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  tenant: string;
  tenantName: string;
}

export interface Tenant {
  id: string;
  name: string;
  region: string | null;
}

export interface ResidentSummary {
  id: string;
  fullName: string;
  birthDate: string;
  bsnMasked: string;
  address: string;
  areaName: string | null;
}

export interface Resident {
  id: string;
  bsn: string;
  givenName: string;
  surnamePrefix: string | null;
  familyName: string;
  fullName: string;
  birthDate: string;
  gender: 'M' | 'V' | 'X';
  address: { street: string; houseNumber: number; houseLetter: string | null; houseNumberAddition: string | null; postcode: string; city: string };
  area: { code: string; name: string } | null;
  household: { id: string; members: { id: string; fullName: string; birthDate: string }[] };
  /** `care`: whether this relation opens decisions, allocations and conversations (not the KCC's first line). */
  access: { relation: 'contact_person' | 'case' | 'area_team' | 'first_line' | 'break_glass'; label: string; care: boolean } | null;
}
