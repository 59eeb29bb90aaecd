// The legality statement (rechtmatigheidsverantwoording, issue #13 §4): per book year and per law the
// expenditure, the errors and uncertainties found by the controls (assessed findings plus the projected
// error of the samples), compared with the council's verantwoordingsgrens; the findings above the
// reporting tolerance with their explanation and measures. The controller stores a version (a snapshot
// with its sha256, never overwritten) and signs it off once. The statement names no resident: findings
// are shown by number, title, reason and amount only, so reading it is no processing of personal data.
// The year data (grens and tolerance) are configuration: every change is in admin_changes.
import { createHash } from 'node:crypto';
import type { Tx } from '../../db/tenancy.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { recordChange } from '../admin/admin.changes.js';
import { automatedControls } from './automated/index.js';
import type { ControlProcess } from './findings.tables.js';
import {
  assessedFindings,
  commitmentsPerLaw,
  declaredPerStandard,
  exceptionsToAssess,
  findStatement,
  findYear,
  insertStatement,
  listStatements,
  pwPaid,
  samplesOfYear,
  signOffStatement,
  upsertYear,
} from './legality.repository.js';
import { legalityProcesses, type LegalityStatement, type LegalityYearBody } from './legality.schema.js';

export const processLabels: Record<ControlProcess, string> = { wmo: 'Wmo 2015', jeugd: 'Jeugdwet', participatiewet: 'Participatiewet', 'beschermd-wonen': 'Beschermd wonen', 'wsw-mtb': 'Wsw / MTB' };
const sourceLabels = {
  declaraties: 'Realisatie: goedgekeurde declaraties (debet min credit) met een productperiode in het jaar',
  betalingen: 'Realisatie: betalingen bijstand over de maanden van het jaar',
  verplichtingen: 'Verplichtingen van het jaar (geen realisatie in Koers)',
  geen: 'Koers heeft voor dit proces geen uitgaven',
} as const;

const missingYear = (year: number) => new AppError('NOT_FOUND', `Stel eerst de verantwoordingsgrens voor ${year} vast.`);

/** The council's grens and tolerance of the year; 404 with the Dutch instruction when not set. */
export async function getLegalityYear(tx: Tx, year: number) {
  const row = await findYear(tx, year);
  if (!row) throw missingYear(year);
  return { year: row.year, thresholdPct: Number(row.threshold_pct), reportingToleranceCents: Number(row.reporting_tolerance_cents), source: row.source, setBy: row.display_name, setAt: new Date(row.set_at).toISOString() };
}

/** Sets the year data (validated by the schema and by the table), recorded in the change log. */
export async function setLegalityYear(tx: Tx, ctx: Actor, year: number, body: LegalityYearBody) {
  const before = await findYear(tx, year);
  await upsertYear(tx, { tenantId: ctx.tenantId, year, thresholdPct: body.thresholdPct, toleranceCents: body.reportingToleranceCents, source: body.source, setBy: ctx.actorId });
  await recordChange(tx, ctx, {
    section: 'legality_years',
    subject: `Verantwoordingsgrens ${year}`,
    action: `Verantwoordingsgrens ${year} ${before ? 'gewijzigd' : 'vastgesteld'}: ${body.thresholdPct} % van de lasten, rapporteringstolerantie ${body.reportingToleranceCents} cent (${body.source}).`,
    before: before ? { thresholdPct: Number(before.threshold_pct), reportingToleranceCents: Number(before.reporting_tolerance_cents), source: before.source } : null,
    after: { thresholdPct: body.thresholdPct, reportingToleranceCents: body.reportingToleranceCents, source: body.source },
  });
  return getLegalityYear(tx, year);
}

const lawProcess: Record<string, ControlProcess> = { wmo: 'wmo', iwmo: 'wmo', jeugdwet: 'jeugd', ijw: 'jeugd', participatiewet: 'participatiewet' };
const controlProcessesById = new Map(automatedControls.map((c) => [c.id as string, c.processes as readonly ControlProcess[]]));

/** The process an unassessed exception counts for: its subject's law, else its control's only process, else the run's scope. */
function processOfException(row: { control_id: string; scope: string; law: string | null }): ControlProcess {
  const byLaw = row.law ? lawProcess[row.law] : undefined;
  if (byLaw) return byLaw;
  const processes = controlProcessesById.get(row.control_id) ?? [];
  if (processes.length === 1) return processes[0]!;
  if (row.scope !== 'alle' && (legalityProcesses as readonly string[]).includes(row.scope)) return row.scope as ControlProcess;
  return processes[0] ?? 'wmo';
}

/** A percentage of an amount in whole cents (half up). */
const pctOf = (pct: number, cents: number) => Math.round((cents * Math.round(pct * 1000)) / 100_000);

/**
 * The projected error of a sample (ratio estimator): errors found / amount sampled × population amount.
 * The errors found are already counted as errors; the rest of the projection counts as uncertainty.
 */
export function projectSample(s: { populationAmountCents: number; sampledCents: number; errorCents: number }) {
  const projected = s.sampledCents > 0 ? Math.round((s.errorCents / s.sampledCents) * s.populationAmountCents) : 0;
  return { projectedErrorCents: projected, extraUncertaintyCents: Math.max(0, projected - s.errorCents) };
}

/** Computes the statement of the year from the data as it is now. */
export async function computeStatement(tx: Tx, year: number): Promise<LegalityStatement> {
  const settings = await findYear(tx, year);
  if (!settings) throw missingYear(year);
  const thresholdPct = Number(settings.threshold_pct);
  const toleranceCents = Number(settings.reporting_tolerance_cents);
  const [declared, paid, commitments, findings, samples, toAssess] = await Promise.all([
    declaredPerStandard(tx, year),
    pwPaid(tx, year),
    commitmentsPerLaw(tx, year),
    assessedFindings(tx, year),
    samplesOfYear(tx, year),
    exceptionsToAssess(tx, year),
  ]);

  const expenditure = (process: ControlProcess): { cents: number; source: keyof typeof sourceLabels } => {
    const committed = (law: string) => commitments.find((c) => c.law === law);
    const fromDeclarations = (standard: 'iwmo' | 'ijw', law: string) => {
      const d = declared.find((r) => r.standard === standard);
      if (d && d.lines > 0) return { cents: Number(d.cents), source: 'declaraties' as const };
      const c = committed(law);
      return c ? { cents: Number(c.cents), source: 'verplichtingen' as const } : { cents: 0, source: 'geen' as const };
    };
    if (process === 'wmo') return fromDeclarations('iwmo', 'wmo');
    if (process === 'jeugd') return fromDeclarations('ijw', 'jeugdwet');
    if (process === 'participatiewet') {
      if (paid.payments > 0) return { cents: Number(paid.cents), source: 'betalingen' };
      const c = committed('participatiewet');
      return c ? { cents: Number(c.cents), source: 'verplichtingen' } : { cents: 0, source: 'geen' };
    }
    return { cents: 0, source: 'geen' };
  };

  const sampleRows = samples.map((s) => {
    const numbers = { populationAmountCents: Number(s.population_amount_cents), sampledCents: Number(s.sampled_cents), errorCents: Number(s.error_cents) };
    return { number: s.number, title: s.title, process: s.process, populationAmountCents: numbers.populationAmountCents, sampledAmountCents: numbers.sampledCents, errorCents: numbers.errorCents, ...projectSample(numbers) };
  });

  const processes = legalityProcesses.map((process) => {
    const spent = expenditure(process);
    const own = findings.filter((f) => f.process === process);
    const errorsCents = own.filter((f) => f.assessment === 'fout').reduce((sum, f) => sum + Number(f.amount_cents), 0);
    const projectedUncertaintyCents = sampleRows.filter((s) => s.process === process).reduce((sum, s) => sum + s.extraUncertaintyCents, 0);
    const uncertaintiesCents = own.filter((f) => f.assessment === 'onzekerheid').reduce((sum, f) => sum + Number(f.amount_cents), 0) + projectedUncertaintyCents;
    const open = toAssess.filter((e) => processOfException(e) === process);
    const thresholdCents = pctOf(thresholdPct, spent.cents);
    const totalCents = errorsCents + uncertaintiesCents;
    return {
      process,
      label: processLabels[process],
      expenditureCents: spent.cents,
      expenditureSource: spent.source,
      expenditureSourceLabel: sourceLabels[spent.source],
      errorsCents,
      uncertaintiesCents,
      projectedUncertaintyCents,
      totalCents,
      thresholdCents,
      aboveThreshold: totalCents > thresholdCents,
      toAssess: { exceptions: open.reduce((n, e) => n + e.exceptions, 0), amountCents: open.reduce((n, e) => n + Number(e.cents), 0) },
    };
  });

  const sum = (key: 'expenditureCents' | 'errorsCents' | 'uncertaintiesCents') => processes.reduce((n, p) => n + p[key], 0);
  const expenditureCents = sum('expenditureCents');
  const totalThreshold = pctOf(thresholdPct, expenditureCents);
  const totalFound = sum('errorsCents') + sum('uncertaintiesCents');
  return {
    year,
    thresholdPct,
    reportingToleranceCents: toleranceCents,
    source: settings.source,
    processes,
    total: {
      expenditureCents,
      errorsCents: sum('errorsCents'),
      uncertaintiesCents: sum('uncertaintiesCents'),
      totalCents: totalFound,
      thresholdCents: totalThreshold,
      aboveThreshold: totalFound > totalThreshold,
      toAssess: { exceptions: processes.reduce((n, p) => n + p.toAssess.exceptions, 0), amountCents: processes.reduce((n, p) => n + p.toAssess.amountCents, 0) },
    },
    samples: sampleRows,
    findingsAboveTolerance: findings
      .filter((f) => Number(f.amount_cents) >= toleranceCents && Number(f.amount_cents) > 0)
      .map((f) => ({ number: f.number, process: f.process, source: f.source, controlId: f.control_id, title: f.title, assessment: f.assessment, reason: f.reason, amountCents: Number(f.amount_cents), actions: f.actions })),
  };
}

async function versions(tx: Tx, year: number) {
  return (await listStatements(tx, year)).map((s) => ({
    year: s.year,
    version: s.version,
    contentSha256: s.content_sha256,
    createdBy: s.created_by_name,
    createdAt: new Date(s.created_at).toISOString(),
    signedOffBy: s.signed_off_by_name,
    signedOffAt: s.signed_off_at ? new Date(s.signed_off_at).toISOString() : null,
  }));
}

/** Read: the statement of the year as computed now, with its stored versions. */
export async function legalityOverview(tx: Tx, year: number) {
  return { statement: await computeStatement(tx, year), versions: await versions(tx, year) };
}

/** JSON with its object keys sorted: the same content always gives the same text and hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Command: stores the statement as computed now as the next version (never overwriting an earlier one). */
export async function storeStatement(tx: Tx, ctx: Actor, year: number) {
  const content = await computeStatement(tx, year);
  const text = canonicalJson(content);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const version = await insertStatement(tx, { tenantId: ctx.tenantId, year, content: text, sha256, createdBy: ctx.actorId });
  return (await versions(tx, year)).find((v) => v.version === version)!;
}

/** Command: the controller signs a stored version off, once (409 the second time). */
export async function signOffStatementVersion(tx: Tx, ctx: Actor, year: number, version: number) {
  const row = await findStatement(tx, year, version);
  if (!row) throw notFound(`Versie ${version} van de rechtmatigheidsverantwoording ${year}`);
  if (!(await signOffStatement(tx, year, version, ctx.actorId, new Date()))) throw new AppError('CONFLICT', `Versie ${version} van de rechtmatigheidsverantwoording ${year} is al afgetekend.`);
  return (await versions(tx, year)).find((v) => v.version === version)!;
}

/** Read: a stored version with its snapshot, exactly as stored. */
export async function storedStatement(tx: Tx, year: number, version: number) {
  const row = await findStatement(tx, year, version);
  if (!row) throw notFound(`Versie ${version} van de rechtmatigheidsverantwoording ${year}`);
  const meta = (await versions(tx, year)).find((v) => v.version === version)!;
  return { ...meta, content: row.content as unknown as LegalityStatement };
}
