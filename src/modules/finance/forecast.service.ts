// Realisation and year-end forecast per budget line, per provider on a line, and per allocation of
// one provider on a line. The figures come from forecast.ts on facts gathered set-based by
// forecast.repository.ts; a line's figures are always the sum of its providers'.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing } from '../../platform/audit/audit.service.js';
import { notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { PRIVACY_THRESHOLD } from '../insights/insights.kpis.js';
import { suppressCells, type Cell } from '../insights/insights.privacy.js';
import { addFigures, forecastAllocation, forecastGroup, yearCalendar, ZERO_FIGURES, type AllocationYearFacts, type ForecastFigures, type NewAllocationFacts, type YearCalendar } from './forecast.js';
import { findAllocationDetails, findAllocationYearFacts, findLines, findNewAllocations, findProviderNames, type ForecastScope } from './forecast.repository.js';

interface ProviderGroup {
  facts: (AllocationYearFacts & { allocationId: string; residentId: string })[];
  recent: NewAllocationFacts[];
}

interface Gathered {
  calendar: YearCalendar;
  /** Line code → provider id → its allocations and new allocations. */
  lines: Map<string, Map<string, ProviderGroup>>;
}

async function gather(tx: Tx, scope: ForecastScope): Promise<Gathered> {
  const facts = await findAllocationYearFacts(tx, scope);
  const recent = await findNewAllocations(tx, scope);
  const lines = new Map<string, Map<string, ProviderGroup>>();
  const group = (line: string, provider: string): ProviderGroup => {
    const providers = lines.get(line) ?? new Map<string, ProviderGroup>();
    lines.set(line, providers);
    const g = providers.get(provider) ?? { facts: [], recent: [] };
    providers.set(provider, g);
    return g;
  };
  for (const r of facts) {
    group(r.budget_line_code, r.provider_id).facts.push({
      allocationId: r.allocation_id,
      residentId: r.resident_id,
      commitmentCents: Number(r.commitment),
      realisedPassedCents: Number(r.realised_passed),
      realisedOpenCents: Number(r.realised_open),
      validDays: Number(r.valid_days),
      validOpenDays: Number(r.valid_open_days),
    });
  }
  for (const r of recent) group(r.budget_line_code, r.provider_id).recent.push({ commitmentCents: Number(r.commitment), validDays: Number(r.valid_days) });
  return { calendar: yearCalendar(scope.year, scope.firstOpenMonth), lines };
}

const lineFigures = (providers: Map<string, ProviderGroup> | undefined, calendar: YearCalendar): ForecastFigures =>
  [...(providers?.values() ?? [])].map((g) => forecastGroup(g.facts, g.recent, calendar)).reduce(addFigures, ZERO_FIGURES);

/** The forecast figures of every budget line with allocations (or recent ones), e.g. for the mini-BRAP. */
export async function forecastPerLine(tx: Tx, scope: ForecastScope): Promise<Map<string, ForecastFigures>> {
  const { calendar, lines } = await gather(tx, scope);
  return new Map([...lines].map(([code, providers]) => [code, lineFigures(providers, calendar)]));
}

/** The first open month when the figures are asked for on `today`: the current month has not passed. */
export const firstOpenMonthOn = (today: string): string => today.slice(0, 7);

export interface BudgetLineView {
  code: string;
  name: string;
  year: number;
  budgetCents: number;
  committedCents: number;
  remainingCents: number;
  allocations: number;
  realisedCents: number;
  remainingCommitmentCents: number;
  inflowCents: number;
  forecastCents: number;
  differenceCents: number;
  firstOpenMonth: string;
}

function lineView(line: { code: string; name: string; budget: string | number | null }, year: number, firstOpenMonth: string, f: ForecastFigures): BudgetLineView {
  const budgetCents = Number(line.budget ?? 0);
  return {
    code: line.code,
    name: line.name,
    year,
    budgetCents,
    committedCents: f.committedCents,
    remainingCents: budgetCents - f.committedCents,
    allocations: f.allocations,
    realisedCents: f.realisedCents,
    remainingCommitmentCents: f.remainingCommitmentCents,
    inflowCents: f.inflowCents,
    forecastCents: f.forecastCents,
    differenceCents: budgetCents - f.forecastCents,
    firstOpenMonth,
  };
}

/** Per budget line for one year: budget, commitments, realisation, forecast for the year end and the difference. Aggregates only. */
export async function listBudgetLines(tx: Tx, input: { year: number; today: string }): Promise<BudgetLineView[]> {
  const firstOpenMonth = firstOpenMonthOn(input.today);
  const { calendar, lines } = await gather(tx, { year: input.year, firstOpenMonth });
  return (await findLines(tx, input.year)).map((l) => lineView(l, input.year, firstOpenMonth, lineFigures(lines.get(l.code), calendar)));
}

export interface ProviderView {
  providerId: string;
  providerName: string;
  /** Fewer than 10 residents (or derivable from the others): counts and amounts are not shown. */
  suppressed: boolean;
  residents: number | null;
  allocations: number | null;
  committedCents: number | null;
  realisedCents: number | null;
  remainingCommitmentCents: number | null;
  inflowCents: number | null;
  forecastCents: number | null;
}

const PRIVACY_KPI = 'finance.providers';

/**
 * The providers on a line whose figures are shown, by the dashboards' rule (insights.privacy.ts):
 * a provider with fewer than 10 residents on the line is suppressed, and more are when the line's
 * total would give a suppressed provider away.
 */
function suppressedProviders(year: number, perProvider: { providerId: string; residents: number }[]): Set<string> {
  const cell = (scope: string, subjects: number): Cell => ({ kpiId: PRIVACY_KPI, breakdown: '', month: String(year), scope, numerator: 0, denominator: 0, subjects });
  const total = perProvider.reduce((n, p) => n + p.residents, 0);
  const cells = [...perProvider.map((p) => cell(p.providerId, p.residents)), cell('total', total)];
  const hidden = suppressCells(cells, new Map([[PRIVACY_KPI, { threshold: PRIVACY_THRESHOLD, counts: ['subjects'], hasBreakdown: false }]]));
  return new Set(perProvider.filter((p) => hidden.has(`${PRIVACY_KPI}||${year}|${p.providerId}`)).map((p) => p.providerId));
}

async function lineProviders(tx: Tx, input: { code: string; year: number; today: string }) {
  const firstOpenMonth = firstOpenMonthOn(input.today);
  const [line] = await findLines(tx, input.year, [input.code]);
  if (!line) throw notFound('De begrotingspost');
  const { calendar, lines } = await gather(tx, { year: input.year, firstOpenMonth, lineCodes: [input.code] });
  const groups = lines.get(input.code) ?? new Map<string, ProviderGroup>();
  const perProvider = [...groups].map(([providerId, g]) => ({ providerId, group: g, residents: new Set(g.facts.map((f) => f.residentId)).size, figures: forecastGroup(g.facts, g.recent, calendar) }));
  const hidden = suppressedProviders(input.year, perProvider);
  return { line: lineView(line, input.year, firstOpenMonth, lineFigures(groups, calendar)), calendar, perProvider, hidden };
}

/** A budget line's providers with their allocations, commitments, realisation and forecast; small providers suppressed. */
export async function listLineProviders(tx: Tx, input: { code: string; year: number; today: string }): Promise<{ line: BudgetLineView; providers: ProviderView[] }> {
  const { line, perProvider, hidden } = await lineProviders(tx, input);
  const names = await findProviderNames(tx, perProvider.map((p) => p.providerId));
  const providers = perProvider.map(({ providerId, residents, figures }): ProviderView => {
    const suppressed = hidden.has(providerId);
    const shown = <T>(value: T): T | null => (suppressed ? null : value);
    return {
      providerId,
      providerName: names.get(providerId) ?? 'Onbekende aanbieder',
      suppressed,
      residents: shown(residents),
      allocations: shown(figures.allocations),
      committedCents: shown(figures.committedCents),
      realisedCents: shown(figures.realisedCents),
      remainingCommitmentCents: shown(figures.remainingCommitmentCents),
      inflowCents: shown(figures.inflowCents),
      forecastCents: shown(figures.forecastCents),
    };
  });
  providers.sort((a, b) => a.providerName.localeCompare(b.providerName, 'nl') || a.providerId.localeCompare(b.providerId));
  return { line, providers };
}

export interface ProviderAllocationView {
  id: string;
  /** Anonymous reference, the same for every reader. */
  reference: string;
  /** Only when the reader has a relation with the resident that opens their care data. */
  resident: { id: string; name: string } | null;
  product: string;
  start: string | null;
  end: string | null;
  committedCents: number;
  realisedCents: number;
  remainingCommitmentCents: number;
  forecastCents: number;
}

export const allocationReference = (id: string): string => `TW-${id.slice(0, 8).toUpperCase()}`;

/**
 * The allocations of one provider on a line in a year, with their figures. Suppressed like the
 * provider's row (then no allocations are listed); a resident is named only for a reader with a
 * relation. The residents listed are logged as processed (pseudonymised or named).
 */
export async function listProviderAllocations(
  tx: Tx,
  ctx: Actor,
  input: { code: string; providerId: string; year: number; today: string },
): Promise<{ line: BudgetLineView; provider: { id: string; name: string }; suppressed: boolean; allocations: ProviderAllocationView[] }> {
  const startTime = new Date();
  const { line, calendar, perProvider, hidden } = await lineProviders(tx, input);
  const names = await findProviderNames(tx, [input.providerId]);
  const providerName = names.get(input.providerId);
  const entry = perProvider.find((p) => p.providerId === input.providerId);
  if (!providerName && !entry) throw notFound('De aanbieder');
  const provider = { id: input.providerId, name: providerName ?? 'Onbekende aanbieder' };
  if (!entry || hidden.has(input.providerId)) return { line, provider, suppressed: Boolean(entry), allocations: [] };
  const details = new Map((await findAllocationDetails(tx, ctx.actorId, entry.group.facts.map((f) => f.allocationId))).map((d) => [d.id, d]));
  const allocations = entry.group.facts.map((f): ProviderAllocationView => {
    const d = details.get(f.allocationId);
    const figures = forecastAllocation(f, calendar);
    return {
      id: f.allocationId,
      reference: allocationReference(f.allocationId),
      resident: d?.resident_name ? { id: f.residentId, name: d.resident_name } : null,
      product: d?.product ?? '',
      start: d?.start_date ?? null,
      end: d?.end_date ?? null,
      committedCents: f.commitmentCents,
      ...figures,
    };
  });
  const subjects = entry.group.facts.map((f) => ({ type: 'resident' as const, id: f.residentId }));
  if (subjects.length > 0) {
    await recordProcessing(tx, ctx, {
      name: 'toewijzingen.financieel.raadplegen',
      activity: 'financiele-sturing-sociaal-domein',
      subjects,
      startTime,
      attributes: { begrotingspost: input.code, jaar: input.year, herkenbaar: allocations.filter((a) => a.resident).length },
    });
  }
  return { line, provider, suppressed: false, allocations };
}
