// The complete planned life of one case: melding, onderzoek, suspensions and extensions, the
// aanvraag and the beschikking with its lines, or an ending without one. What lies after `today`
// is cut off when writing (rows.ts). Every draw here is in the order of the original single pass.

import { addDays, addWorkingDays, daysBetween } from '../../platform/calendar.js';
import { addTerm } from '../../modules/cases/deadline.js';
import type { SeedCalendar } from './calendar.js';
import type { Catalogue } from './context.js';
import { DIRECT_OUTCOMES, LINES_PER_DECISION, OUTCOMES } from './distributions.js';
import { minDate } from './helpers.js';
import { expectedAnnual, planLines, providerFor } from './market.js';
import { CLOSED_REASONS, DIRECT_ACCESS_SUSPENSION, DIRECT_CLOSED_REASON, EXTENSION_REASONS, SUSPENSION_REASONS, WITHDRAWN_REASONS } from './texts.js';
import type { CasePlan, Outcome, ProductInfo, ResidentInfo, Scenario, SeedRun, Staff } from './types.js';

export interface PlanContext {
  run: SeedRun;
  catalogue: Catalogue;
  calendar: SeedCalendar;
  /** Expected annual cents above which a decision needs four-eyes approval. */
  threshold: number;
}

/** The complete planned life of a case; what lies after `today` is cut off when writing. */
export function planCase(ctx: PlanContext, client: ResidentInfo, clientIndex: number, consultant: Staff, notifiedOn: string, scenario: Scenario, direct: boolean): CasePlan {
  const { random, newId, today } = ctx.run;
  const isDirect = direct || scenario === 'direct_ending';
  const outcome: Outcome = scenario === 'natural' ? random.weighted(isDirect ? DIRECT_OUTCOMES : OUTCOMES) : 'decision';
  const plan: CasePlan = {
    id: newId(),
    clientIndex,
    consultant,
    notifiedOn,
    direct: null,
    onderzoekOn: ctx.calendar.workingDayOnOrAfter(addDays(notifiedOn, random.int(1, 5))),
    suspension: null,
    extension: null,
    outcome,
    endedOn: null,
    endedReason: '',
    appliedOn: null,
    decisionOn: null,
    approvedOn: null,
    requiresApproval: false,
    expectedCents: 0,
    deliveryForm: 'zin',
    closedOn: null,
    lines: [],
    conversationOn: null,
  };
  let firstProduct: ProductInfo | null = null;
  if (isDirect && ctx.catalogue.directProducts.length > 0) firstProduct = planDirectAccess(ctx, plan, scenario, notifiedOn);
  else planResearch(ctx, plan, scenario, notifiedOn);
  if (plan.appliedOn) planDecision(ctx, plan, plan.appliedOn, scenario, client.age, firstProduct);
  const limit = [plan.appliedOn, plan.endedOn, today].filter((d): d is string => d !== null).reduce(minDate);
  const held = addDays(plan.onderzoekOn, random.int(0, 10));
  plan.conversationOn = plan.onderzoekOn <= today && plan.onderzoekOn < limit ? (held < limit ? held : plan.onderzoekOn) : null;
  return plan;
}

/** Direct access (taakgerichte uitvoering): support starts at once, the research waits. Returns the product. */
function planDirectAccess(ctx: PlanContext, plan: CasePlan, scenario: Scenario, notifiedOn: string): ProductInfo {
  const { random, today } = ctx.run;
  const { directProducts } = ctx.catalogue;
  const product = random.chance(0.7) ? (directProducts.find((p) => p.code === 'WMO-BG-01') ?? directProducts[0]!) : random.pick(directProducts);
  const start = scenario === 'direct_ending' ? addDays(today, -91 + random.int(1, 12)) : addDays(notifiedOn, random.int(0, 5));
  if (scenario === 'direct_ending') plan.notifiedOn = addDays(start, -random.int(0, 3));
  plan.onderzoekOn = addDays(plan.notifiedOn, random.int(1, 3));
  const option = providerFor(ctx.catalogue, random, product, start, start);
  plan.direct = { product, providerId: option?.providerId ?? '', start };
  const windowEnd = addDays(addTerm(start, `P${product.maxWeeks}W`), -1);
  if (!option) plan.direct = null;
  if (plan.outcome === 'decision') {
    const resume = scenario === 'direct_ending' ? addDays(today, random.int(1, 5)) : addDays(start, random.int(56, 80));
    plan.suspension = { from: plan.onderzoekOn, resume, reason: DIRECT_ACCESS_SUSPENSION };
    plan.appliedOn = addDays(resume, random.int(1, 3));
  } else {
    const ended = addDays(start, plan.outcome === 'closed' ? random.int(42, 88) : random.int(14, 60));
    plan.suspension = { from: plan.onderzoekOn, resume: addDays(ended, 1), reason: DIRECT_ACCESS_SUSPENSION };
    plan.endedOn = minDate(ended, windowEnd);
    plan.endedReason = plan.outcome === 'closed' ? DIRECT_CLOSED_REASON : random.pick(WITHDRAWN_REASONS);
  }
  return product;
}

/** The research period up to the aanvraag (or the ending without one), per scenario. */
function planResearch(ctx: PlanContext, plan: CasePlan, scenario: Scenario, notifiedOn: string): void {
  const { random, today } = ctx.run;
  switch (scenario) {
    case 'near_research':
      plan.notifiedOn = addDays(today, -(42 - random.int(1, 5)));
      plan.onderzoekOn = addDays(plan.notifiedOn, random.int(1, 3));
      plan.appliedOn = addDays(today, random.int(1, 7));
      break;
    case 'overdue_research':
      plan.notifiedOn = addDays(today, -(42 + random.int(5, 12))); // overdue even after an Atw shift
      plan.onderzoekOn = addDays(plan.notifiedOn, random.int(1, 3));
      plan.appliedOn = addDays(today, random.int(1, 7));
      break;
    case 'near_decision':
      plan.appliedOn = addDays(today, -random.int(10, 13));
      plan.notifiedOn = addDays(plan.appliedOn, -random.int(20, 35));
      plan.onderzoekOn = addDays(plan.notifiedOn, random.int(1, 3));
      break;
    case 'suspended_open': {
      plan.notifiedOn = addDays(today, -random.int(10, 30));
      plan.onderzoekOn = addDays(plan.notifiedOn, random.int(1, 3));
      const from = addDays(today, -random.int(1, 8));
      const suspendFrom = from < plan.onderzoekOn ? plan.onderzoekOn : from;
      plan.suspension = { from: suspendFrom, resume: addDays(today, random.int(7, 21)), reason: random.pick(SUSPENSION_REASONS) };
      plan.appliedOn = addDays(plan.suspension.resume, random.int(1, 10));
      break;
    }
    case 'extended_open':
      plan.appliedOn = addDays(today, -random.int(9, 12));
      plan.notifiedOn = addDays(plan.appliedOn, -random.int(20, 35));
      plan.onderzoekOn = addDays(plan.notifiedOn, random.int(1, 3));
      plan.extension = { on: addDays(plan.appliedOn, random.int(5, 8)), term: 'P4W', reason: random.pick(EXTENSION_REASONS) };
      break;
    default:
      planNaturalResearch(ctx, plan, notifiedOn);
  }
}

/** ≈7 % of research periods run late, ≈5 % are suspended for a while (see distributions.ts). */
function planNaturalResearch(ctx: PlanContext, plan: CasePlan, notifiedOn: string): void {
  const { random } = ctx.run;
  if (plan.outcome === 'decision') {
    const roll = random.next();
    const researchDays = roll < 0.75 ? random.int(14, 38) : roll < 0.93 ? random.int(38, 42) : random.int(43, 63);
    let applied = addDays(notifiedOn, researchDays);
    if (random.chance(0.05)) {
      const from = addDays(notifiedOn, random.int(5, Math.max(5, Math.min(20, researchDays - 1))));
      const length = random.int(7, 28);
      plan.suspension = { from, resume: addDays(from, length), reason: random.pick(SUSPENSION_REASONS) };
      applied = addDays(applied, length);
    }
    plan.appliedOn = applied < plan.onderzoekOn ? plan.onderzoekOn : applied;
  } else {
    plan.endedOn = addDays(plan.onderzoekOn, plan.outcome === 'closed' ? random.int(7, 35) : random.int(2, 30));
    plan.endedReason = plan.outcome === 'closed' ? random.pick(CLOSED_REASONS) : random.pick(WITHDRAWN_REASONS);
  }
}

/** From the aanvraag: an extension now and then, the beschikking with its lines, approval and closing. */
function planDecision(ctx: PlanContext, plan: CasePlan, appliedOn: string, scenario: Scenario, age: number, firstProduct: ProductInfo | null): void {
  const { random, today } = ctx.run;
  if (!plan.extension && scenario === 'natural' && random.chance(0.02)) {
    plan.extension = { on: addDays(appliedOn, random.int(5, 10)), term: random.pick(['P2W', 'P4W']), reason: random.pick(EXTENSION_REASONS) };
  }
  const roll = random.next();
  let decisionDays = roll < 0.9 ? random.int(1, 11) : roll < 0.96 ? random.int(12, 14) : random.int(15, 25);
  if (plan.extension) decisionDays = 14 + random.int(1, plan.extension.term === 'P2W' ? 13 : 27);
  if (scenario === 'near_decision' || scenario === 'extended_open') decisionDays = daysBetween(appliedOn, today) + random.int(1, 5);
  plan.decisionOn = ctx.calendar.workingDayOnOrAfter(addDays(appliedOn, decisionDays));
  // A four-eyes approval takes one to three working days; periods start after it either way.
  const approvalOn = addWorkingDays(plan.decisionOn, random.int(1, 3));
  const lineCount = random.weighted(LINES_PER_DECISION);
  plan.lines = planLines(ctx.catalogue, random, age, lineCount, firstProduct, approvalOn);
  plan.expectedCents = plan.lines.reduce((sum, l) => sum + expectedAnnual(ctx.catalogue, l), 0);
  plan.requiresApproval = plan.expectedCents > ctx.threshold;
  plan.approvedOn = plan.requiresApproval ? approvalOn : plan.decisionOn;
  plan.deliveryForm = plan.lines.every((l) => ['hour', 'day_part'].includes(l.product.unit)) && random.chance(0.06) ? 'pgb' : 'zin';
  plan.closedOn = addDays(plan.approvedOn, random.int(1, 21));
}
