// The monthly steering report (sturingsgesprek) of a domain: the KPI table (trend, target,
// status), the mini-BRAP and the action points. The figures are stored as a snapshot when the report
// is generated; finalising freezes the explanations and action points into it as well, so the
// report of last month stays exactly what was discussed.

import type { Tx } from '../../db/tenancy.js';
import { AppError, notFound } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { findingsSteeringSummary, type FindingsSteeringSummary } from '../controls/finding.service.js';
import { getForecast, listSavedScenarios, reportForecastDate, type SavedScenario } from '../participatiewet/pw.forecast.service.js';
import { computeBrap, type BrapLine } from './insights.brap.js';
import { domains } from './insights.kpis.js';
import {
  findReport,
  findReportByMonth,
  insertActionPoint,
  insertReport,
  listActionPointsFor,
  listExplanations,
  listReports,
  lockActionPoint,
  lockReport,
  markFinalised,
  replaceSnapshot,
  updateActionPoint,
  upsertExplanation,
} from './insights.repository.js';
import { buildPanels, domainName, type Point } from './insights.service.js';
import type { TrafficLight } from './insights.status.js';
import type { ActionPointStatus, Domain } from './insights.tables.js';

export interface ReportKpi {
  id: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  breakdownName: string;
  trend: Point[];
  current: Point;
  target: number | null;
  status: TrafficLight;
  areas: { scope: string; name: string; value: number | null; display: string; suppressed: boolean }[];
}

export interface Snapshot {
  domain: Domain;
  month: string;
  months: string[];
  hasData: boolean;
  kpis: ReportKpi[];
  brap: BrapLine[];
  /** Participatiewet only: the BUIG forecast as it was when the report was made. */
  pwForecast?: PwForecastSummary | null;
  /** The control findings of the domain's process in the report's year and their open follow-up (aggregates only). */
  controlFindings?: FindingsSteeringSummary;
  /** Frozen when the report is finalised. */
  explanations?: ExplanationView[];
  actionPoints?: ActionPointView[];
  pwScenarios?: SavedScenario[];
}

/** The BUIG forecast in a Participatiewet steering report (aggregates only). */
export interface PwForecastSummary {
  year: number;
  lastActualMonth: string;
  inflowPerMonth: number;
  outflowRate: number;
  actualCents: number;
  forecastCents: number;
  yearTotalCents: number;
  budgetCents: number | null;
  balanceCents: number | null;
}

export interface ExplanationView {
  code: string;
  text: string;
  writtenBy: string;
  writtenAt: string;
}

export interface ActionPointView {
  id: string;
  text: string;
  owner: string;
  status: ActionPointStatus;
  agreedMonth: string;
  agreedInThisReport: boolean;
  followedUpInThisReport: boolean;
}

export interface SteeringReport {
  id: string;
  domain: Domain;
  domainName: string;
  month: string;
  generatedAt: string;
  generatedBy: string;
  finalisedAt: string | null;
  finalisedBy: string | null;
  hasData: boolean;
  months: string[];
  kpis: ReportKpi[];
  brap: (BrapLine & { explanation: ExplanationView | null })[];
  actionPoints: ActionPointView[];
  /** Participatiewet: the BUIG forecast at generation, and the scenarios saved with this month's report. */
  pwForecast: PwForecastSummary | null;
  pwScenarios: SavedScenario[];
  /** "Opvolging controlbevindingen": findings of the year by assessment, open and overdue follow-up actions (null in reports made before it existed). */
  controlFindings: FindingsSteeringSummary | null;
}

const findingProcessOf: Record<Domain, 'wmo' | 'jeugd' | 'participatiewet'> = { wmo: 'wmo', jeugd: 'jeugd', pw: 'participatiewet' };

export const actionPointStatusLabels: Record<ActionPointStatus, string> = { open: 'open', in_progress: 'loopt', done: 'afgerond', cancelled: 'vervallen' };

async function buildSnapshot(tx: Tx, domain: Domain, month: string): Promise<Snapshot> {
  const law = domains.find((d) => d.id === domain)!.law;
  const { panels, months, hasData } = await buildPanels(tx, { domain, month });
  const kpis = panels.flatMap((panel) =>
    panel.series.map((s): ReportKpi => {
      const total = s.scopes[0]!;
      return {
        id: panel.id,
        name: panel.name,
        unit: panel.unit,
        direction: panel.direction,
        breakdownName: s.breakdownName,
        trend: total.points,
        current: total.points.at(-1)!,
        target: s.target,
        status: s.status,
        areas: s.scopes.slice(1).map((a) => {
          const p = a.points.at(-1)!;
          return { scope: a.scope, name: a.name, value: p.value, display: p.display, suppressed: p.suppressed };
        }),
      };
    }),
  );
  const snapshot: Snapshot = { domain, month, months, hasData, kpis, brap: await computeBrap(tx, { law, month }) };
  if (domain === 'pw') snapshot.pwForecast = await pwForecastSummary(tx, month);
  snapshot.controlFindings = await findingsSteeringSummary(tx, { process: findingProcessOf[domain], year: Number(month.slice(0, 4)), today: todayInAmsterdam() });
  return snapshot;
}

/** The forecast of the report month's year with the figures up to that month (or up to now for the current month). */
async function pwForecastSummary(tx: Tx, month: string): Promise<PwForecastSummary> {
  const { forecast } = await getForecast(tx, { today: reportForecastDate(month, todayInAmsterdam()), year: Number(month.slice(0, 4)) });
  return {
    year: forecast.year,
    lastActualMonth: forecast.lastActualMonth,
    inflowPerMonth: forecast.rates.inflowPerMonth,
    outflowRate: forecast.rates.outflowRate,
    actualCents: forecast.actualCents,
    forecastCents: forecast.forecastCents,
    yearTotalCents: forecast.yearTotalCents,
    budgetCents: forecast.budgetCents,
    balanceCents: forecast.balanceCents,
  };
}

/** Generates (or, while not finalised, regenerates) the report of a domain and month. */
export async function generateSteeringReport(tx: Tx, input: { tenantId: string; userId: string; domain: Domain; month: string }): Promise<string> {
  const existing = await findReportByMonth(tx, input.domain, input.month);
  if (existing?.finalised_at) throw new AppError('CONFLICT', 'Dit verslag is vastgesteld en wordt niet opnieuw gemaakt.');
  const snapshot = await buildSnapshot(tx, input.domain, input.month);
  if (existing) {
    await replaceSnapshot(tx, { id: existing.id, snapshot, userId: input.userId });
    return existing.id;
  }
  return insertReport(tx, { tenantId: input.tenantId, domain: input.domain, month: input.month, snapshot, userId: input.userId });
}

async function liveExplanations(tx: Tx, reportId: string): Promise<ExplanationView[]> {
  return (await listExplanations(tx, reportId)).map((e) => ({ code: e.budget_line_code, text: e.explanation, writtenBy: e.display_name, writtenAt: e.written_at.toISOString() }));
}

async function liveActionPoints(tx: Tx, report: { id: string; domain: Domain; month: string }): Promise<ActionPointView[]> {
  return (await listActionPointsFor(tx, { reportId: report.id, domain: report.domain, month: report.month })).map((a) => ({
    id: a.id,
    text: a.text,
    owner: a.owner,
    status: a.status,
    agreedMonth: a.agreed_month,
    agreedInThisReport: a.agreed_in_report_id === report.id,
    followedUpInThisReport: a.followed_up_in_report_id === report.id,
  }));
}

export async function getSteeringReport(tx: Tx, id: string): Promise<SteeringReport> {
  const row = await findReport(tx, id);
  if (!row) throw notFound('Het sturingsverslag');
  const snapshot = row.snapshot as Snapshot;
  const explanations = snapshot.explanations ?? (await liveExplanations(tx, row.id));
  const actionPoints = snapshot.actionPoints ?? (await liveActionPoints(tx, { id: row.id, domain: row.domain, month: row.month }));
  const pwScenarios = row.domain !== 'pw' ? [] : (snapshot.pwScenarios ?? (await listSavedScenarios(tx, { month: row.month.slice(0, 7) })));
  return {
    id: row.id,
    domain: row.domain,
    domainName: domainName(row.domain),
    month: row.month,
    generatedAt: row.generated_at.toISOString(),
    generatedBy: row.generated_by_name ?? '',
    finalisedAt: row.finalised_at?.toISOString() ?? null,
    finalisedBy: row.finalised_by_name ?? null,
    hasData: snapshot.hasData,
    months: snapshot.months,
    kpis: snapshot.kpis,
    brap: snapshot.brap.map((b) => ({ ...b, explanation: explanations.find((e) => e.code === b.code) ?? null })),
    actionPoints,
    pwForecast: snapshot.pwForecast ?? null,
    pwScenarios,
    controlFindings: snapshot.controlFindings ?? null,
  };
}

export async function listSteeringReports(tx: Tx, input: { domain?: Domain }) {
  return (await listReports(tx, input.domain)).map((r) => ({
    id: r.id,
    domain: r.domain,
    domainName: domainName(r.domain),
    month: r.month,
    generatedAt: r.generated_at.toISOString(),
    finalisedAt: r.finalised_at?.toISOString() ?? null,
  }));
}

async function openReport(tx: Tx, id: string) {
  const report = await lockReport(tx, id);
  if (!report) throw notFound('Het sturingsverslag');
  if (report.finalised_at) throw new AppError('CONFLICT', 'Dit verslag is vastgesteld en kan niet meer worden gewijzigd.');
  return report;
}

export async function finaliseSteeringReport(tx: Tx, input: { id: string; userId: string }): Promise<void> {
  const report = await openReport(tx, input.id);
  const row = (await findReport(tx, input.id))!;
  const snapshot: Snapshot = {
    ...(row.snapshot as Snapshot),
    explanations: await liveExplanations(tx, input.id),
    actionPoints: await liveActionPoints(tx, { id: report.id, domain: report.domain, month: report.month }),
    ...(report.domain === 'pw' ? { pwScenarios: await listSavedScenarios(tx, { month: report.month.slice(0, 7) }) } : {}),
  };
  await markFinalised(tx, { id: input.id, snapshot, userId: input.userId });
}

export async function explainBudgetLine(tx: Tx, input: { tenantId: string; userId: string; reportId: string; code: string; text: string }): Promise<void> {
  await openReport(tx, input.reportId);
  const row = (await findReport(tx, input.reportId))!;
  if (!(row.snapshot as Snapshot).brap.some((b) => b.code === input.code)) throw notFound('Deze begrotingspost in het verslag');
  await upsertExplanation(tx, { tenantId: input.tenantId, reportId: input.reportId, code: input.code, text: input.text, userId: input.userId });
}

export async function addActionPoint(tx: Tx, input: { tenantId: string; userId: string; reportId: string; text: string; owner: string }): Promise<string> {
  const report = await openReport(tx, input.reportId);
  return insertActionPoint(tx, { tenantId: input.tenantId, domain: report.domain, text: input.text, owner: input.owner, reportId: report.id, userId: input.userId });
}

/** Records the status of an action point in the meeting of report `reportId` (its follow-up). */
export async function followUpActionPoint(tx: Tx, input: { id: string; reportId: string; status: ActionPointStatus }): Promise<void> {
  const report = await openReport(tx, input.reportId);
  const point = await lockActionPoint(tx, input.id);
  if (!point) throw notFound('Het actiepunt');
  if (point.domain !== report.domain) throw new AppError('CONFLICT', 'Dit actiepunt hoort bij een ander domein.');
  await updateActionPoint(tx, { id: input.id, status: input.status, followedUpIn: point.agreed_in_report_id === report.id ? null : report.id });
}
