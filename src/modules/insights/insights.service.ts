// Dashboards: the stored monthly aggregates of a domain, suppressed (insights.privacy.ts), with
// targets and traffic lights. The steering report reads its KPI table through the same function,
// so a figure on the dashboard and in the report for the same month and area is the same number.

import type { Tx } from '../../db/tenancy.js';
import { AppError } from '../../platform/errors.js';
import { recordChange } from '../admin/admin.changes.js';
import { addMonths } from './insights.refresh.js';
import { domains, findKpi, kpiValue, kpisOfDomain, type KpiDefinition, type KpiUnit } from './insights.kpis.js';
import { cellKey, suppressCells, SUPPRESSED_DISPLAY, type Cell, type PrivacyRule } from './insights.privacy.js';
import { aggregatesVersion, listAreas, listBudgetLineNames, listCategoryLabels, listTargets, readKpiValues, upsertTarget } from './insights.repository.js';
import { trafficLight, type TrafficLight } from './insights.status.js';
import type { Domain } from './insights.tables.js';

export const TREND_MONTHS = 12;
export const NO_AREA = '-';

export interface Point {
  month: string;
  value: number | null;
  display: string;
  suppressed: boolean;
  target: number | null;
}

export interface ScopeSeries {
  scope: string;
  name: string;
  points: Point[];
}

export interface KpiSeries {
  breakdown: string;
  breakdownName: string;
  /** The target of the selected month's year. */
  target: number | null;
  status: TrafficLight;
  /** The total first, then each area. */
  scopes: ScopeSeries[];
}

export interface KpiPanel {
  id: string;
  key: string;
  name: string;
  explanation: string;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  breakdownLabel: string | null;
  series: KpiSeries[];
}

export interface Dashboard {
  domain: Domain;
  domainName: string;
  month: string;
  months: string[];
  hasData: boolean;
  kpis: KpiPanel[];
}

const monthOf = (start: string) => start.slice(0, 7);

export function domainName(domain: Domain): string {
  return domains.find((d) => d.id === domain)!.name;
}

function formatValue(unit: KpiUnit, value: number | null): string {
  if (value === null) return '–';
  const nl = (digits: number) => new Intl.NumberFormat('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  if (unit === 'aantal') return nl(0);
  if (unit === 'procent') return `${nl(1)}%`;
  if (unit === 'euro') return `€ ${nl(2)}`;
  return `${nl(1)} dagen`;
}

/** Values are rounded once, here, so every screen, export and report shows the same number. */
function roundValue(unit: KpiUnit, value: number | null): number | null {
  if (value === null) return null;
  const factor = unit === 'aantal' ? 1 : unit === 'euro' ? 100 : 10;
  return Math.round(value * factor) / factor;
}

interface DomainFigures {
  cells: Map<string, Cell>;
  suppressed: Set<string>;
  scopes: { code: string; name: string }[];
  breakdowns: Map<string, string[]>;
}

// Suppression over a domain's whole window is the expensive part of a read; its result only changes
// when the aggregates or targets change, so it is kept per tenant, domain, window and version.
const cache = new Map<string, DomainFigures>();
const CACHE_LIMIT = 100;

async function domainFigures(tx: Tx, domain: Domain, first: string, last: string, version: string): Promise<DomainFigures> {
  const key = `${domain}|${first}|${last}|${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const kpis = kpisOfDomain(domain);
  const [stored, areas] = await Promise.all([readKpiValues(tx, { kpiIds: kpis.map((k) => k.id), first, last }), listAreas(tx)]);
  const scopes = [{ code: 'total', name: 'Totaal' }, ...areas];
  if (stored.some((c) => c.scope === NO_AREA)) scopes.push({ code: NO_AREA, name: 'Gebied onbekend' });
  const cells = new Map(stored.map((c) => [cellKey(c), c]));
  const breakdowns = new Map<string, string[]>();
  for (const kpi of kpis) breakdowns.set(kpi.id, [...new Set(['', ...stored.filter((c) => c.kpiId === kpi.id).map((c) => c.breakdown)])].sort());
  // Every area and breakdown gets a cell in every month (zero when nothing was counted), so a
  // missing area is suppressed and counted like any other small one.
  for (const kpi of kpis) {
    for (let month = first; month <= last; month = addMonths(month, 1)) {
      for (const breakdown of breakdowns.get(kpi.id)!) {
        for (const scope of scopes) {
          const k = cellKey({ kpiId: kpi.id, breakdown, month, scope: scope.code });
          if (!cells.has(k)) cells.set(k, { kpiId: kpi.id, breakdown, month, scope: scope.code, numerator: 0, denominator: 0, subjects: 0 });
        }
      }
    }
  }
  const rules = new Map<string, PrivacyRule>(kpis.map((k) => [k.id, { ...k.privacy, hasBreakdown: k.breakdown !== null }]));
  const suppressed = suppressCells([...cells.values()], rules, [[`${domain}.inflow`, `${domain}.outflow`]]);
  const figures = { cells, suppressed, scopes, breakdowns };
  remember(cache, key, figures);
  return figures;
}

function remember<T>(map: Map<string, T>, key: string, value: T): void {
  if (map.size >= CACHE_LIMIT) map.delete(map.keys().next().value!);
  map.set(key, value);
}

const panelCache = new Map<string, { panels: KpiPanel[]; months: string[]; hasData: boolean }>();

function point(kpi: KpiDefinition, figures: DomainFigures, at: { breakdown: string; month: string; scope: string }, target: number | null): Point {
  const key = cellKey({ kpiId: kpi.id, ...at });
  const cell = figures.cells.get(key)!;
  if (figures.suppressed.has(key)) return { month: monthOf(at.month), value: null, display: SUPPRESSED_DISPLAY, suppressed: true, target };
  const value = roundValue(kpi.unit, kpiValue(kpi.unit, cell.numerator, cell.denominator));
  return { month: monthOf(at.month), value, display: formatValue(kpi.unit, value), suppressed: false, target };
}

async function breakdownNames(tx: Tx, kpis: readonly KpiDefinition[]): Promise<(kpi: KpiDefinition, code: string) => string> {
  const needsLines = kpis.some((k) => k.key === 'budget_exhaustion');
  const needsCategories = kpis.some((k) => k.key === 'cost_per_client');
  const lines = needsLines ? new Map((await listBudgetLineNames(tx)).map((l) => [l.code, `${l.code} ${l.name}`])) : new Map<string, string>();
  const categories = needsCategories ? await listCategoryLabels(tx) : new Map<string, string>();
  return (kpi, code) => {
    if (code === '') return kpi.breakdown ? 'Alle' : '';
    if (kpi.key === 'budget_exhaustion') return lines.get(code) ?? code;
    return `Categorie ${code}${categories.has(code) ? ` (${categories.get(code)})` : ''}`;
  };
}

async function targetsFor(tx: Tx, months: string[]): Promise<(kpiId: string, month: string) => number | null> {
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  const rows = await listTargets(tx, years);
  const byKey = new Map(rows.map((r) => [`${r.kpi_id}|${r.year}`, Number(r.target)]));
  return (kpiId, month) => byKey.get(`${kpiId}|${month.slice(0, 4)}`) ?? null;
}

/** The default month of a dashboard or report: the last complete month. */
export function lastCompleteMonth(today: string): string {
  return monthOf(addMonths(`${today.slice(0, 7)}-01`, -1));
}

/** The panels of some KPIs of one domain for the 12 months ending in `month` ('yyyy-mm'). */
export async function buildPanels(
  tx: Tx,
  input: { domain: Domain; month: string; kpis?: readonly KpiDefinition[]; onlyTotalBreakdown?: boolean },
): Promise<{ panels: KpiPanel[]; months: string[]; hasData: boolean }> {
  const last = `${input.month}-01`;
  const first = addMonths(last, -(TREND_MONTHS - 1));
  const kpis = input.kpis ?? kpisOfDomain(input.domain);
  // The version (tenant, last recompute, last target change) keys the caches, so a read after a
  // change never sees stale figures. Names of budget lines and categories are taken as stable.
  const version = await aggregatesVersion(tx);
  const panelKey = `${version}|${input.domain}|${input.month}|${kpis.map((k) => k.id).join(',')}|${input.onlyTotalBreakdown ? 1 : 0}`;
  const cached = panelCache.get(panelKey);
  if (cached) return cached;
  const built = await buildPanelsUncached(tx, { ...input, kpis }, first, last, version);
  remember(panelCache, panelKey, built);
  return built;
}

async function buildPanelsUncached(
  tx: Tx,
  input: { domain: Domain; kpis: readonly KpiDefinition[]; onlyTotalBreakdown?: boolean },
  first: string,
  last: string,
  version: string,
): Promise<{ panels: KpiPanel[]; months: string[]; hasData: boolean }> {
  const figures = await domainFigures(tx, input.domain, first, last, version);
  const kpis = input.kpis;
  const monthStarts = Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(first, i));
  const target = await targetsFor(tx, monthStarts);
  const nameOf = await breakdownNames(tx, kpis);
  const panels = kpis.map((kpi): KpiPanel => {
    const codes = input.onlyTotalBreakdown ? [''] : figures.breakdowns.get(kpi.id)!;
    const series = codes.map((breakdown): KpiSeries => {
      const scopes = figures.scopes.map((s) => ({
        scope: s.code,
        name: s.name,
        points: monthStarts.map((month) => point(kpi, figures, { breakdown, month, scope: s.code }, target(kpi.id, month))),
      }));
      const current = scopes[0]!.points.at(-1)!;
      return { breakdown, breakdownName: nameOf(kpi, breakdown), target: current.target, status: trafficLight(current.value, current.target, kpi.direction), scopes };
    });
    return { id: kpi.id, key: kpi.key, name: kpi.name, explanation: kpi.explanation, unit: kpi.unit, direction: kpi.direction, breakdownLabel: input.onlyTotalBreakdown ? null : kpi.breakdown, series };
  });
  const hasData = [...figures.cells.values()].some((c) => c.numerator > 0 || c.subjects > 0);
  return { panels, months: monthStarts.map(monthOf), hasData };
}

export async function getDashboard(tx: Tx, input: { domain: Domain; month: string }): Promise<Dashboard> {
  const { panels, months, hasData } = await buildPanels(tx, input);
  return { domain: input.domain, domainName: domainName(input.domain), month: input.month, months, hasData, kpis: panels };
}

/** The portfolio holder's few KPIs, per domain; a domain without data says so. */
export async function getPortfolioDashboard(tx: Tx, input: { month: string }): Promise<{ month: string; months: string[]; domains: Dashboard[] }> {
  const out: Dashboard[] = [];
  let months: string[] = [];
  for (const d of domains) {
    const kpis = kpisOfDomain(d.id).filter((k) => k.portfolio);
    const built = await buildPanels(tx, { domain: d.id, month: input.month, kpis, onlyTotalBreakdown: true });
    months = built.months;
    out.push({ domain: d.id, domainName: d.name, month: input.month, months: built.months, hasData: built.hasData, kpis: built.hasData ? built.panels : [] });
  }
  return { month: input.month, months, domains: out };
}

export interface TargetView {
  kpiId: string;
  name: string;
  domain: Domain;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  year: number;
  target: number | null;
}

export async function listKpiTargets(tx: Tx, input: { year: number }): Promise<TargetView[]> {
  const rows = await listTargets(tx, [input.year]);
  const byId = new Map(rows.map((r) => [r.kpi_id, Number(r.target)]));
  return domains.flatMap((d) =>
    kpisOfDomain(d.id).map((k) => ({ kpiId: k.id, name: k.name, domain: k.domain, unit: k.unit, direction: k.direction, year: input.year, target: byId.get(k.id) ?? null })),
  );
}

export async function setKpiTarget(tx: Tx, input: { tenantId: string; userId: string; kpiId: string; year: number; target: number }): Promise<TargetView> {
  const kpi = findKpi(input.kpiId);
  if (!kpi) throw new AppError('NOT_FOUND', 'Deze kpi bestaat niet.');
  if (kpi.unit === 'procent' && (input.target < 0 || input.target > 100)) {
    throw new AppError('VALIDATION_FAILED', 'Controleer de norm.', [{ field: 'target', message: 'Een percentage ligt tussen 0 en 100.' }]);
  }
  const before = (await listTargets(tx, [input.year])).find((t) => t.kpi_id === kpi.id)?.target;
  await upsertTarget(tx, input);
  const previous = before === undefined ? null : Number(before);
  if (previous !== input.target) {
    const text = (n: number | null) => (n === null ? 'geen' : `${String(n).replace('.', ',')}${kpi.unit === 'procent' ? ' %' : ''}`);
    await recordChange(tx, { tenantId: input.tenantId, actorId: input.userId }, {
      section: 'kpi_targets',
      subject: `${kpi.name} (${input.year})`,
      action: `Norm gewijzigd van ${text(previous)} naar ${text(input.target)}.`,
      before: { kpiId: kpi.id, year: input.year, target: previous },
      after: { kpiId: kpi.id, year: input.year, target: input.target },
    });
  }
  return { kpiId: kpi.id, name: kpi.name, domain: kpi.domain, unit: kpi.unit, direction: kpi.direction, year: input.year, target: input.target };
}
