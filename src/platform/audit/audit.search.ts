// The auditor's search of the Logboek Dataverwerkingen: by resident (name or BSN), employee, period
// and activity, a page at a time or in full for an export, and a resident's complete log for an
// inzageverzoek (AVG art. 15). Every one of these reads is itself appended to the log; nothing
// here changes or removes a record (the hash chain of migration 0010 only grows).
import { residentIdByBsn, residentIdsByName, residentIdentity, residentNames } from '../../modules/residents/resident.service.js';
import type { Tx } from '../../db/tenancy.js';
import { isValidBsn } from '../elfproef.js';
import { notFound } from '../errors.js';
import { startOfDayInAmsterdam } from '../time.js';
import { countAuditRecords, searchAuditRecords, type AuditQuery } from './audit.repository.js';
import type { AuditFilters } from './audit.schema.js';
import { auditRowToRecord, recordProcessing, type AuditContext, type AuditRecord, type DataSubject } from './audit.service.js';

/** At most this many residents match a name; a longer list asks for a more precise name. */
const MAX_NAME_MATCHES = 50;
/** An export holds at most this many records; the filters narrow a larger result. */
export const EXPORT_LIMIT = 20000;

export interface AuditSearchRecord extends AuditRecord {
  residentName: string | null;
}

export interface AuditSearchResult {
  items: AuditSearchRecord[];
  total: number;
  page: number;
  pageSize: number;
  residents: { id: string; fullName: string }[];
}

const nextDay = (date: string) => new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1)).toISOString().slice(0, 10);

async function toQuery(tx: Tx, filters: AuditFilters): Promise<{ query: AuditQuery; residentIds: string[] | null; searchKind: 'bsn' | 'naam' | 'geen' }> {
  let residentIds: string[] | null = null;
  let searchKind: 'bsn' | 'naam' | 'geen' = 'geen';
  if (filters.resident !== undefined) {
    if (/^\d{9}$/.test(filters.resident) && isValidBsn(filters.resident)) {
      const id = await residentIdByBsn(tx, filters.resident);
      residentIds = id ? [id] : [];
      searchKind = 'bsn';
    } else {
      residentIds = await residentIdsByName(tx, filters.resident, MAX_NAME_MATCHES);
      searchKind = 'naam';
    }
  }
  return {
    residentIds,
    searchKind,
    query: {
      ...(residentIds ? { residentIds } : {}),
      ...(filters.employee ? { employee: filters.employee } : {}),
      ...(filters.from ? { from: startOfDayInAmsterdam(filters.from) } : {}),
      ...(filters.to ? { until: startOfDayInAmsterdam(nextDay(filters.to)) } : {}),
      ...(filters.activity ? { activity: filters.activity } : {}),
    },
  };
}

// The search is a processing of the residents whose records the auditor gets to see. A search that
// shows no resident's record is still logged, against the log itself, so no search goes unrecorded.
const LOG_ITSELF: DataSubject = { type: 'logboek', id: 'zoekopdracht' };

function searchedFor(filters: AuditFilters, kind: string, total: number): Record<string, string | number | boolean> {
  // Which filters were used, never their values: a BSN or a name does not belong in the log's attributes.
  return {
    zoekwijze: kind,
    medewerker: filters.employee !== undefined,
    ...(filters.from ? { vanaf: filters.from } : {}),
    ...(filters.to ? { totEnMet: filters.to } : {}),
    ...(filters.activity ? { activiteit: filters.activity } : {}),
    resultaten: total,
  };
}

async function withResidentNames(tx: Tx, rows: Awaited<ReturnType<typeof searchAuditRecords>>): Promise<AuditSearchRecord[]> {
  const names = await residentNames(tx, rows.filter((r) => r.data_subject_type === 'resident').map((r) => r.data_subject_id));
  return rows.map((row) => ({ ...auditRowToRecord(row), residentName: row.data_subject_type === 'resident' ? (names.get(row.data_subject_id) ?? null) : null }));
}

/** The residents searched for and the residents whose records are shown; the log itself when there are none. */
function subjectsOf(records: readonly AuditSearchRecord[], searchedFor: readonly string[] | null): DataSubject[] {
  const ids = [...(searchedFor ?? []), ...records.filter((r) => r.dataSubject.type === 'resident').map((r) => r.dataSubject.id)];
  return ids.length > 0 ? ids.map((id): DataSubject => ({ type: 'resident', id })) : [LOG_ITSELF];
}

/** One page of the log for the auditor; the search is logged. */
export async function searchProcessings(
  tx: Tx,
  ctx: AuditContext,
  input: AuditFilters & { page: number; pageSize: number },
): Promise<AuditSearchResult> {
  const startTime = new Date();
  const { query, residentIds, searchKind } = await toQuery(tx, input);
  const [total, rows] = [await countAuditRecords(tx, query), await searchAuditRecords(tx, query, { offset: (input.page - 1) * input.pageSize, limit: input.pageSize })];
  const items = await withResidentNames(tx, rows);
  const names = residentIds ? await residentNames(tx, residentIds) : new Map<string, string>();
  await recordProcessing(tx, ctx, {
    name: 'logboek.zoeken',
    activity: 'toezicht-verwerkingen',
    subjects: subjectsOf(items, residentIds),
    startTime,
    attributes: { ...searchedFor(input, searchKind, total), pagina: input.page },
  });
  return { items, total, page: input.page, pageSize: input.pageSize, residents: [...names].map(([id, fullName]) => ({ id, fullName })) };
}

/** The whole result of a search (up to EXPORT_LIMIT records) for a CSV or Excel export; the export is logged. */
export async function exportProcessings(tx: Tx, ctx: AuditContext, input: AuditFilters & { format: 'csv' | 'xlsx' }): Promise<AuditSearchRecord[]> {
  const startTime = new Date();
  const { query, residentIds, searchKind } = await toQuery(tx, input);
  const items = await withResidentNames(tx, await searchAuditRecords(tx, query, { offset: 0, limit: EXPORT_LIMIT }));
  await recordProcessing(tx, ctx, {
    name: 'logboek.exporteren',
    activity: 'toezicht-verwerkingen',
    subjects: subjectsOf(items, residentIds),
    startTime,
    attributes: { ...searchedFor(input, searchKind, items.length), formaat: input.format },
  });
  return items;
}

export interface InzageOverview {
  resident: { id: string; fullName: string; birthDate: string };
  records: AuditRecord[];
  reference: string | null;
  /** ISO moment the overview was drawn up. */
  drawnUpAt: string;
  drawnUpBy: string;
}

/**
 * A resident's complete processing log for an inzageverzoek (AVG art. 15). The request is logged
 * first (as a processing under its own activity), so the overview the resident receives shows it.
 */
export async function inzageOverview(
  tx: Tx,
  ctx: AuditContext,
  input: { residentId: string; reference?: string | undefined; format: 'pdf' | 'html'; drawnUpBy: string },
): Promise<InzageOverview> {
  const startTime = new Date();
  const resident = await residentIdentity(tx, input.residentId);
  if (!resident) throw notFound('Inwoner');
  await recordProcessing(tx, ctx, {
    name: 'logboek.inzageverzoek',
    activity: 'inzageverzoek-avg',
    subjects: [{ type: 'resident', id: resident.id }],
    startTime,
    attributes: { formaat: input.format, ...(input.reference ? { kenmerk: input.reference } : {}) },
  });
  const rows = await searchAuditRecords(tx, { residentIds: [resident.id] }, { offset: 0, limit: EXPORT_LIMIT });
  return { resident, records: rows.map(auditRowToRecord), reference: input.reference ?? null, drawnUpAt: startTime.toISOString(), drawnUpBy: input.drawnUpBy };
}
