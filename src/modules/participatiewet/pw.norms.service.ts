// The municipality's Participatiewet norm table as data: the latest stored version is the one the
// calculation uses (currentNormTable); the functional administrator adds half years as a new version
// (addNormVersion). Version 1 is the table Koers ships (PW_NORM_TABLE); a municipality that has no
// version yet gets it stored on first use, so that every calculation names a version that is stored.
// The amounts are national figures, not personal data: reading them is not a processing of anyone's data.

import type { Tx } from '../../db/tenancy.js';
import { AppError, invalid, type FieldError } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { recordChange } from '../admin/admin.changes.js';
import { PW_NORM_TABLE, type NormTable } from './pw.norms.data.js';
import { validateNormTable } from './pw.norms.js';
import { insertVersionRow, latestVersionRow, listVersionRows, versionRowByTableVersion } from './pw.norms.repository.js';
import type { AddNormsBody } from './pw.norms.schema.js';

export const SHIPPED_NOTE = `Meegeleverde normtabel ${PW_NORM_TABLE.version}: de bedragen van 2025 (bron per periode in de tabel).`;

interface StoredTable {
  number: number;
  table: NormTable;
}

/** Stores the shipped table as version 1 when the municipality has none; harmless when it has. */
export async function ensureShippedNormTable(tx: Tx, tenantId: string): Promise<void> {
  if (await latestVersionRow(tx)) return;
  await insertVersionRow(tx, { tenantId, version: 1, data: PW_NORM_TABLE, importedBy: null, note: SHIPPED_NOTE }, true);
}

async function latest(tx: Tx, tenantId: string): Promise<StoredTable> {
  let row = await latestVersionRow(tx);
  if (!row) {
    await ensureShippedNormTable(tx, tenantId);
    row = await latestVersionRow(tx);
  }
  if (!row) throw new AppError('INTERNAL', 'De normtabel kon niet worden geladen.');
  return { number: row.version, table: row.data as NormTable };
}

/** The norm table the calculation uses now: the municipality's latest version. */
export async function currentNormTable(tx: Tx, tenantId: string): Promise<NormTable> {
  return (await latest(tx, tenantId)).table;
}

/** The stored table a calculation names (Rekenblad.tableVersion), to reproduce it; refused when not stored. */
export async function normTableOfVersion(tx: Tx, tenantId: string, tableVersion: string): Promise<NormTable> {
  await latest(tx, tenantId);
  const row = await versionRowByTableVersion(tx, tableVersion);
  if (!row) throw invalid('tableVersion', `De normtabel met versie ${tableVersion} is bij deze gemeente niet vastgelegd.`);
  return row.data as NormTable;
}

/** The current table (with its number) and every version with who stored it, when and why. */
export async function normsOverview(tx: Tx, tenantId: string) {
  const current = await latest(tx, tenantId);
  const rows = await listVersionRows(tx);
  return {
    current: { ...current.table, number: current.number },
    versions: rows.map((r) => ({
      version: r.version,
      tableVersion: r.table_version,
      note: r.note,
      importedBy: r.imported_by === null ? null : { id: r.imported_by, displayName: r.display_name ?? '' },
      importedAt: new Date(r.imported_at).toISOString(),
      periods: r.period_ids,
    })),
  };
}

const LIST_ITEM = /^(periods|assetLimits)\[(\d+)\](.*)$/;

/**
 * The validator judges the whole new table (old periods plus new ones); the administrator sent only the
 * new ones. A field of the whole table is named as the field of the request, and the message says which
 * period and leefvorm it is about.
 */
function asRequestField(error: FieldError, table: NormTable, previous: NormTable): FieldError {
  const match = LIST_ITEM.exec(error.field);
  if (!match) return error;
  const [, list, index, rest] = match as unknown as [string, 'periods' | 'assetLimits', string, string];
  const offset = list === 'periods' ? previous.periods.length : previous.assetLimits.length;
  const at = Number(index);
  if (at < offset) return { field: list, message: error.message };
  const field = `${list}[${at - offset}]${rest}`;
  if (list === 'assetLimits') {
    const year = table.assetLimits[at]?.year;
    return { field, message: `Vermogensgrenzen ${year}: ${error.message}` };
  }
  const id = table.periods[at]?.id ?? '';
  const leefvorm = /^\.norms\.([^.]+)/.exec(rest)?.[1];
  if (error.message.includes(id) && (!leefvorm || error.message.includes(leefvorm))) return { field, message: error.message };
  return { field, message: `${id}${leefvorm ? `, ${leefvorm}` : ''}: ${error.message}` };
}

/**
 * Adds one or more half years (and the asset limits of a new year) to the current table, as a new
 * version. The whole new table is validated; on any error nothing is stored.
 */
export async function addNormVersion(tx: Tx, ctx: Actor, body: AddNormsBody) {
  if (body.periods.length === 0) throw invalid('periods', 'Voeg minstens één half jaar toe.');
  const previous = await latest(tx, ctx.tenantId);
  const number = previous.number + 1;
  const table: NormTable = {
    version: `${body.periods.at(-1)!.validFrom}.${number}`,
    periods: [...previous.table.periods, ...(body.periods as NormTable['periods'])],
    assetLimits: [...previous.table.assetLimits, ...body.assetLimits],
  };
  try {
    validateNormTable(table);
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') {
      throw new AppError(error.code, error.message, error.fields.map((f) => asRequestField(f, table, previous.table)));
    }
    throw error;
  }
  await insertVersionRow(tx, { tenantId: ctx.tenantId, version: number, data: table, importedBy: ctx.actorId, note: body.note });
  const added = body.periods.map((p) => p.id);
  await recordChange(tx, ctx, {
    section: 'pw_norms',
    subject: `Bijstandsnormen versie ${number}`,
    action: `${added.length === 1 ? 'half jaar' : 'halve jaren'} toegevoegd: ${added.join(', ')} (${body.note})`,
    before: { version: previous.number, tableVersion: previous.table.version, periods: previous.table.periods.map((p) => p.id) },
    after: { version: number, tableVersion: table.version, periods: table.periods.map((p) => p.id), assetLimitYears: table.assetLimits.map((a) => a.year) },
  });
  return normsOverview(tx, ctx.tenantId);
}
