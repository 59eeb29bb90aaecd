// Early signals (vroegsignalering): an arrears file from housing corporations, energy and water companies
// and health insurers is read strictly (debt.arrears-csv.ts), matched to residents by address, and turned
// into one outreach per household with the contact term, on the worklist of the area team. Nothing is
// imported when any row is broken; rows whose address matches no resident are listed in the result and
// kept with the import. See docs/debt-help.md.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { teamForArea } from '../access/access.service.js';
import { residentIdColumnOf, type ResidentSubject } from '../residents/resident.guard.js';
import { householdsAtAddresses, residentNames } from '../residents/resident.service.js';
import { parseArrearsCsv, type ArrearsIssue } from './debt.arrears-csv.js';
import {
  findImportRow,
  findOutreachResidentId,
  insertArrears,
  insertArrearsImport,
  insertOutreach,
  listArrearsOfOutreach,
  listImportRows,
  listOutreachRows,
  lockOpenOutreachOfHouseholds,
  lockOutreachRow,
  outreachCounts,
  setOutreachOutcome,
  type OutreachRow,
} from './debt.repository.js';
import { ACTIVITY } from './debt.service.js';
import type { OutreachOutcome, UnmatchedArrearsRow } from './debt.tables.js';
import { debtTerms, termDueDate, termStatus } from './debt.terms.js';

/** For the access guard: a route's `:id` that names an outreach. */
export const outreachSubject: ResidentSubject = { label: 'Signaal', residentOf: findOutreachResidentId, residentOfQuery: (id) => residentIdColumnOf('debt_outreach', id) };

export type ImportResult =
  | { ok: false; issues: ArrearsIssue[] }
  | { ok: true; import: { id: string; fileName: string; importedAt: string; rows: number; matchedRows: number; outreachCreated: number; outreachExtended: number; unmatched: UnmatchedArrearsRow[] } };

/**
 * Command: imports an arrears file. All or nothing: with any broken row the answer lists every issue
 * (row and column) and nothing is stored. Matched rows become arrears of the household's open outreach,
 * or of a new outreach with the contact term counted from `today` (the day the signal came in).
 * Audited per matched resident.
 */
export async function importArrears(tx: Tx, ctx: Actor, input: { fileName: string; content: string }, today = todayInAmsterdam()): Promise<ImportResult> {
  const startTime = new Date();
  const parsed = parseArrearsCsv(input.content, today);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const matches = await householdsAtAddresses(tx, parsed.rows.map((r) => ({ key: r.row, postcode: r.postcode, houseNumber: r.houseNumber, addition: r.addition })));
  const matched = parsed.rows.filter((r) => matches.has(r.row));
  const unmatched = parsed.rows
    .filter((r) => !matches.has(r.row))
    .map((r) => ({ row: r.row, bron: r.source, postcode: `${r.postcode.slice(0, 4)} ${r.postcode.slice(4)}`, huisnummer: String(r.houseNumber), toevoeging: r.addition }));

  const households = new Map<string, { residentId: string; areaCode: string | null }>();
  for (const r of matched) {
    const m = matches.get(r.row)!;
    if (!households.has(m.householdId)) households.set(m.householdId, { residentId: m.residentId, areaCode: m.areaCode });
  }
  const open = await lockOpenOutreachOfHouseholds(tx, [...households.keys()]);
  const teams = new Map<string, string | null>();
  for (const { areaCode } of households.values()) if (areaCode && !teams.has(areaCode)) teams.set(areaCode, (await teamForArea(tx, areaCode))?.id ?? null);
  const contactDue = termDueDate(debtTerms['vroegsignaal-contact'].spec, today);
  const newHouseholds = [...households.entries()].filter(([householdId]) => !open.has(householdId));
  const imported = await insertArrearsImport(tx, { tenant_id: ctx.tenantId, file_name: input.fileName, imported_by: ctx.actorId, row_count: parsed.rows.length, matched_rows: matched.length, outreach_count: newHouseholds.length, unmatched });
  const created = await insertOutreach(
    tx,
    newHouseholds.map(([householdId, h]) => ({ tenant_id: ctx.tenantId, import_id: imported.id, resident_id: h.residentId, household_id: householdId, area_code: h.areaCode, team_id: h.areaCode ? (teams.get(h.areaCode) ?? null) : null, signalled_on: today, contact_due: contactDue })),
  );
  const outreachOf = new Map([...open, ...created.map((c) => [c.household_id, c.id] as const)]);
  await insertArrears(
    tx,
    matched.map((r) => ({
      tenant_id: ctx.tenantId,
      import_id: imported.id,
      outreach_id: outreachOf.get(matches.get(r.row)!.householdId)!,
      row_number: r.row,
      source: r.source,
      creditor_kind: r.creditorKind,
      amount_cents: r.amountCents,
      months_in_arrears: r.months,
      reference_date: r.referenceDate,
    })),
  );
  const residents = [...households.values()].map((h) => ({ type: 'resident' as const, id: h.residentId }));
  if (residents.length > 0) {
    await recordProcessing(tx, ctx, { name: 'vroegsignalering.importeren', activity: ACTIVITY, subjects: residents, startTime, attributes: { rijen: parsed.rows.length, gekoppeld: matched.length, nietGevonden: unmatched.length } });
  }
  return {
    ok: true,
    import: {
      id: imported.id,
      fileName: input.fileName,
      importedAt: new Date(imported.imported_at).toISOString(),
      rows: parsed.rows.length,
      matchedRows: matched.length,
      outreachCreated: created.length,
      outreachExtended: households.size - created.length,
      unmatched,
    },
  };
}

/** Read: the imports (counts only, no resident named). */
export async function listArrearsImports(tx: Tx) {
  const rows = await listImportRows(tx);
  return rows.map((r) => ({ id: r.id, fileName: r.file_name, importedAt: new Date(r.imported_at).toISOString(), rows: r.row_count, matchedRows: r.matched_rows, outreachCreated: r.outreach_count, unmatchedRows: Number(r.unmatched_count) }));
}

/** Read: one import with the rows whose address matched no resident (addresses, not named residents). */
export async function getArrearsImport(tx: Tx, ctx: AuditContext, id: string) {
  const startTime = new Date();
  const row = await findImportRow(tx, id);
  if (!row) throw notFound('Import');
  // Addresses with arrears are about households nobody in Koers is known for: logged against the import.
  if (row.unmatched.length > 0) await recordProcessing(tx, ctx, { name: 'vroegsignalering.niet-gevonden-adressen', activity: ACTIVITY, subjects: [{ type: 'logboek', id: row.id }], startTime, attributes: { adressen: row.unmatched.length } });
  return { id: row.id, fileName: row.file_name, importedAt: new Date(row.imported_at).toISOString(), rows: row.row_count, matchedRows: row.matched_rows, outreachCreated: row.outreach_count, unmatched: row.unmatched };
}

async function outreachViews(tx: Tx, rows: OutreachRow[], today: string) {
  const names = await residentNames(tx, rows.map((r) => r.resident_id));
  const arrears = await listArrearsOfOutreach(tx, rows.map((r) => r.id));
  return rows.map((r) => {
    const own = arrears.filter((a) => a.outreach_id === r.id);
    return {
      id: r.id,
      residentId: r.resident_id,
      residentName: names.get(r.resident_id) ?? null,
      areaCode: r.area_code,
      team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
      signalledOn: r.signalled_on,
      contactDue: r.contact_due,
      termStatus: termStatus(r.contact_due, r.outcome && r.outcome !== 'niet-bereikt' ? r.outcome_on : null, today),
      totalCents: own.reduce((sum, a) => sum + Number(a.amount_cents), 0),
      arrears: own.map((a) => ({ source: a.source, creditorKind: a.creditor_kind, amountCents: Number(a.amount_cents), months: a.months_in_arrears, referenceDate: a.reference_date })),
      outcome: r.outcome ? { outcome: r.outcome, on: r.outcome_on!, note: r.outcome_note, by: r.outcome_by_name ?? '' } : null,
    };
  });
}

export type OutreachView = Awaited<ReturnType<typeof outreachViews>>[number];

/** Read: the outreach worklist (residents the employee has a relation with, optionally one team); each resident shown is audited. */
export async function listOutreach(tx: Tx, ctx: Actor, filter: { teamId?: string; open?: boolean }, today = todayInAmsterdam()): Promise<OutreachView[]> {
  const startTime = new Date();
  const rows = await listOutreachRows(tx, ctx.actorId, filter);
  if (rows.length > 0) await recordProcessing(tx, ctx, { name: 'vroegsignalering.werklijst', activity: ACTIVITY, subjects: rows.map((r) => ({ type: 'resident' as const, id: r.resident_id })), startTime, attributes: { aantal: rows.length } });
  return outreachViews(tx, rows, today);
}

/** Read: one outreach (the guard checked the relation); audited. */
export async function getOutreach(tx: Tx, ctx: Actor, id: string, today = todayInAmsterdam()): Promise<OutreachView> {
  const startTime = new Date();
  const residentId = await findOutreachResidentId(tx, id);
  if (!residentId) throw notFound('Signaal');
  // The guard checked the relation (break-glass included), so the list's relation filter keeps the row.
  const rows = await listOutreachRows(tx, ctx.actorId, { id });
  if (rows.length === 0) throw notFound('Signaal');
  await recordProcessing(tx, ctx, { name: 'vroegsignalering.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime });
  return (await outreachViews(tx, rows, today))[0]!;
}

/** Command: the outcome of an outreach (once). */
export async function recordOutreachOutcome(tx: Tx, ctx: Actor, input: { id: string; outcome: OutreachOutcome; on: string; note?: string | undefined }, today = todayInAmsterdam()): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockOutreachRow(tx, input.id);
  if (!row) throw notFound('Signaal');
  if (row.outcome) throw new AppError('CONFLICT', `De uitkomst van dit contact is al vastgelegd (${row.outcome_on}).`);
  if (input.on > today) throw invalid('on', 'Deze datum ligt in de toekomst.');
  if (input.on < row.signalled_on) throw invalid('on', `De datum kan niet vóór het signaal (${row.signalled_on}) liggen.`);
  await setOutreachOutcome(tx, row.id, { outcome: input.outcome, outcome_on: input.on, outcome_note: input.note ?? null, outcome_by: ctx.actorId });
  await recordProcessing(tx, ctx, { name: 'vroegsignalering.uitkomst', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime, attributes: { uitkomst: input.outcome, binnenTermijn: input.on <= row.contact_due } });
  return { id: row.id };
}

/** The privacy threshold of the KPIs (as insights): a count below it is not shown, nor a share built on it. */
export const KPI_THRESHOLD = 10;

/** A share in percent with one decimal, or null when it would rest on a count below the threshold. */
export function suppressedShare(part: number, whole: number): { count: number | null; share: number | null } {
  if (whole < KPI_THRESHOLD || part < KPI_THRESHOLD || whole - part < KPI_THRESHOLD) return { count: part < KPI_THRESHOLD ? null : part, share: null };
  return { count: part, share: Math.round((part / whole) * 1000) / 10 };
}

/**
 * KPIs of early signalling for outreach signalled in [from, to] (aggregates, no resident): the share of
 * households reached within the contact term (of those whose term has ended or that have an outcome)
 * and the share of reached households that accepted help. Small counts are suppressed: a count below
 * 10 is not shown, and a share is shown only when both its part and the rest hold at least 10.
 */
export async function outreachKpis(tx: Tx, input: { from: string; to: string }, today = todayInAmsterdam()) {
  if (input.to < input.from) throw invalid('to', 'De einddatum ligt vóór de begindatum.');
  const c = await outreachCounts(tx, input.from, input.to, today);
  const show = (n: number) => (n < KPI_THRESHOLD ? null : n);
  return {
    from: input.from,
    to: input.to,
    threshold: KPI_THRESHOLD,
    households: show(c.total),
    open: show(c.open),
    reachedWithinTerm: suppressedShare(c.reached_in_term, c.settled),
    acceptedHelp: suppressedShare(c.accepted, c.reached),
  };
}

export type OutreachKpis = Awaited<ReturnType<typeof outreachKpis>>;
