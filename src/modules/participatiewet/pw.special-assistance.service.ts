// Bijzondere bijstand (art. 35 Pw, issue #12 §2): the application and its automated intake, and the
// consultant's decision. On receipt Koers opens the case (PW-BB, decision within 8 weeks), checks
// completeness (what the category asks for, and the bank account) and, when something is missing,
// starts the hersteltermijn (Awb 4:5, 4:15: the term is suspended from the day after the request), computes
// the draagkracht (pw.special-assistance.capacity.ts), checks the voorliggende voorziening and the
// collective insurance, and proposes an outcome with its reasons. A consultant decides: following the
// proposal is one click, changing it needs a reason (AVG art. 22: no fully automated decision).

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { addDays, addMonths } from '../../platform/calendar.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { formatCents as euro } from '../allocations/commitment.js';
import { caseTermState, changeStatus, openCase, resumeCase, suspendCase } from '../cases/case.service.js';
import { readSettings } from '../decisions/approval-settings.service.js';
import { uploadSubject } from '../documents/document.service.js';
import { requestDocuments } from '../portal/portal.service.js';
import { residentIdColumnOf, type ResidentSubject } from '../residents/resident.guard.js';
import { residentForMessage, residentIdentity } from '../residents/resident.service.js';
import { fullName } from '../residents/resident.names.js';
import { specialAssistanceLetterHtml, specialAssistanceLetterTitle } from './pw.special-assistance.letter.js';
import { limitFor } from './pw.assets.js';
import { checkIban } from './pw.iban.js';
import { applicableNorm } from './pw.leefvorm.js';
import { findAssetLimits, findNormPeriod } from './pw.norms.js';
import { currentNormTable } from './pw.norms.service.js';
import { calculateCapacity, SPECIAL_ASSISTANCE_POLICY_DEFAULTS, type CapacityPolicy, type CapacityResult } from './pw.special-assistance.capacity.js';
import {
  earlierApplicationRows,
  findApplicationResidentId,
  findApplicationRow,
  findBySubmissionKey,
  findCategoryRow,
  insertApplicationRow,
  intakeFigures,
  listCategoryRows,
  listOpenApplicationRows,
  lockApplicationRow,
  updateApplicationRow,
  upsertCategoryRow,
  type SpecialAssistanceRow,
} from './pw.special-assistance.repository.js';
import type { CategoryInput, CategoryView, SpecialAssistanceDecisionBody, SpecialAssistanceSubmission, SpecialAssistanceView, SupplementBody } from './pw.special-assistance.schema.js';
import type { GivenDocument, MissingItem, RequiredDocument } from './pw.special-assistance.tables.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';

/** The case type of an application for bijzondere bijstand: decision within 8 weeks (Awb 4:13 with the Pw). */
export const SPECIAL_ASSISTANCE_CASE_TYPE = {
  code: 'PW-BB',
  name: 'Aanvraag bijzondere bijstand',
  law: 'participatiewet',
  research_term: null,
  decision_term: 'P8W',
  legal_basis: 'Participatiewet art. 35 (bijzondere bijstand), 43; Awb art. 4:5 (hersteltermijn), 4:13 en 4:15',
} as const;

/** Settings keys (table `settings`) of the draagkracht policy and the intake; defaults when none is set. */
export const SPECIAL_ASSISTANCE_SETTINGS = {
  periodMonths: 'bb_draagkracht_period_months',
  referenceBasisPoints: 'bb_reference_basis_points',
  incomeShareBasisPoints: 'bb_income_share_basis_points',
  assetShareBasisPoints: 'bb_asset_share_basis_points',
  thresholdCents: 'bb_threshold_cents',
  applyThreshold: 'bb_apply_threshold',
  recoveryTermDays: 'bb_recovery_term_days',
  maxCostAgeMonths: 'bb_max_cost_age_months',
} as const;
const RECOVERY_TERM_DAYS_DEFAULT = 14;
const MAX_COST_AGE_MONTHS_DEFAULT = 3;
/** Costs applied for beforehand lie at most this far ahead. */
const MAX_MONTHS_AHEAD = 12;

const IBAN_ITEM: MissingItem = { code: 'iban', label: 'Rekeningnummer (IBAN) en naam van de rekeninghouder' };
const BANK_STATEMENT: RequiredDocument = { code: 'bankafschrift', label: 'Bankafschriften van de laatste maand' };

/**
 * The cost categories a municipality starts with ([K]: typical categories from domain-facts §6; a
 * municipality changes them as data). Every category asks for the last month's bank statements.
 */
export const DEFAULT_CATEGORIES: (CategoryInput & { code: string })[] = [
  {
    code: 'eigen-risico',
    name: 'Eigen risico zorgverzekering',
    description: 'Het verplichte eigen risico van uw zorgverzekering dat u zelf moet betalen.',
    voorliggend: 'Collectieve zorgverzekering van de gemeente (vergoedt het eigen risico bij het uitgebreide pakket)',
    collectiveInsurance: true,
    fastTrack: true,
    applyBeforeCosts: false,
    requiredDocuments: [{ code: 'overzicht-zorgverzekeraar', label: 'Overzicht van de zorgverzekeraar met het eigen risico' }, BANK_STATEMENT],
    active: true,
  },
  {
    code: 'medische-kosten',
    name: 'Medische kosten',
    description: 'Zorg of hulpmiddelen die de zorgverzekering niet vergoedt, zoals een bril of tandarts.',
    voorliggend: 'Zorgverzekeringswet (basisverzekering) en de aanvullende verzekering',
    collectiveInsurance: true,
    fastTrack: false,
    applyBeforeCosts: false,
    requiredDocuments: [{ code: 'factuur', label: 'Factuur of nota' }, { code: 'afwijzing-verzekeraar', label: 'Brief van de zorgverzekeraar dat zij dit niet vergoedt' }, BANK_STATEMENT],
    active: true,
  },
  {
    code: 'bewindvoering',
    name: 'Kosten beschermingsbewind',
    description: 'De kosten van uw bewindvoerder, als de kantonrechter bewind heeft ingesteld.',
    voorliggend: null,
    collectiveInsurance: false,
    fastTrack: true,
    applyBeforeCosts: false,
    requiredDocuments: [{ code: 'beschikking-kantonrechter', label: 'Uitspraak van de kantonrechter' }, { code: 'factuur', label: 'Factuur van de bewindvoerder' }, BANK_STATEMENT],
    active: true,
  },
  {
    code: 'duurzame-gebruiksgoederen',
    name: 'Wasmachine, koelkast of bed',
    description: 'Spullen die u lang gebruikt en die kapot zijn of die u nog niet heeft. Vraag dit aan voordat u iets koopt.',
    voorliggend: null,
    collectiveInsurance: false,
    fastTrack: false,
    applyBeforeCosts: true,
    requiredDocuments: [{ code: 'offerte', label: 'Offerte of prijsopgave' }, BANK_STATEMENT],
    active: true,
  },
  {
    code: 'verhuiskosten',
    name: 'Verhuis- en inrichtingskosten',
    description: 'Kosten van een noodzakelijke verhuizing en het inrichten van uw woning. Vraag dit aan voordat u verhuist.',
    voorliggend: null,
    collectiveInsurance: false,
    fastTrack: false,
    applyBeforeCosts: true,
    requiredDocuments: [{ code: 'offerte', label: 'Offerte of prijsopgave' }, { code: 'huurcontract', label: 'Huurcontract van de nieuwe woning' }, BANK_STATEMENT],
    active: true,
  },
  {
    code: 'rechtsbijstand',
    name: 'Griffierecht en eigen bijdrage rechtsbijstand',
    description: 'Kosten van de rechtbank of de eigen bijdrage voor een advocaat.',
    voorliggend: 'Raad voor Rechtsbijstand (toevoeging met verlaagde eigen bijdrage)',
    collectiveInsurance: false,
    fastTrack: false,
    applyBeforeCosts: false,
    requiredDocuments: [{ code: 'factuur', label: 'Nota van de rechtbank of de advocaat' }, BANK_STATEMENT],
    active: true,
  },
  {
    code: 'kosten-kinderen',
    name: 'Kosten voor school of sport van kinderen',
    description: 'Schoolspullen, een laptop voor school of de contributie van een sportclub.',
    voorliggend: 'Kindgebonden budget, Stichting Leergeld en het Jeugdfonds Sport & Cultuur',
    collectiveInsurance: false,
    fastTrack: false,
    applyBeforeCosts: false,
    requiredDocuments: [{ code: 'factuur', label: 'Factuur of nota' }, BANK_STATEMENT],
    active: true,
  },
  {
    code: 'uitvaartkosten',
    name: 'Uitvaartkosten',
    description: 'De kosten van een uitvaart die niet uit een verzekering of de nalatenschap betaald kunnen worden.',
    voorliggend: 'Uitvaartverzekering en de nalatenschap',
    collectiveInsurance: false,
    fastTrack: false,
    applyBeforeCosts: false,
    requiredDocuments: [{ code: 'factuur', label: 'Factuur van de uitvaartonderneming' }, { code: 'nalatenschap', label: 'Overzicht van de nalatenschap' }, BANK_STATEMENT],
    active: true,
  },
];

/** For the access guard: a route's `:id` that names an application for bijzondere bijstand (its case id). */
export const specialAssistanceSubject: ResidentSubject = { label: 'Aanvraag bijzondere bijstand', residentOf: findApplicationResidentId, residentOfQuery: (id) => residentIdColumnOf('special_assistance_applications', id, 'case_id') };

type CategoryRow = NonNullable<Awaited<ReturnType<typeof findCategoryRow>>>;

function categoryView(row: CategoryRow): CategoryView {
  return {
    code: row.code,
    name: row.name,
    description: row.description,
    voorliggend: row.voorliggend,
    collectiveInsurance: row.collective_insurance,
    fastTrack: row.fast_track,
    applyBeforeCosts: row.apply_before_costs,
    requiredDocuments: row.required_documents,
    active: row.active,
  };
}

/** Read: the cost categories (only the active ones for the e-service). Not personal data. */
export async function listCategories(tx: Tx, onlyActive: boolean): Promise<CategoryView[]> {
  return (await listCategoryRows(tx, onlyActive)).map(categoryView);
}

/** Command: adds or changes a cost category (policy, data). */
export async function saveCategory(tx: Tx, ctx: Actor, code: string, input: CategoryInput): Promise<CategoryView> {
  if (!/^[a-z0-9-]{2,40}$/.test(code)) throw invalid('code', 'Een code bestaat uit 2 tot 40 kleine letters, cijfers en streepjes.');
  const codes = input.requiredDocuments.map((d) => d.code);
  const twice = codes.find((c, i) => codes.indexOf(c) !== i);
  if (twice) throw invalid('requiredDocuments', `Het document '${twice}' staat er twee keer in.`);
  await upsertCategoryRow(tx, {
    tenant_id: ctx.tenantId,
    code,
    name: input.name,
    description: input.description,
    voorliggend: input.voorliggend,
    collective_insurance: input.collectiveInsurance,
    fast_track: input.fastTrack,
    apply_before_costs: input.applyBeforeCosts,
    required_documents: JSON.stringify(input.requiredDocuments),
    active: input.active,
    updated_by: ctx.actorId,
  });
  return categoryView((await findCategoryRow(tx, code))!);
}

function settingInt(values: Map<string, string>, key: string, fallback: number): number {
  const raw = values.get(key);
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}

/** The municipality's draagkracht policy and intake terms, from its settings. */
export async function readSpecialAssistancePolicy(tx: Tx): Promise<{ policy: CapacityPolicy; recoveryTermDays: number; maxCostAgeMonths: number }> {
  const s = SPECIAL_ASSISTANCE_SETTINGS;
  const d = SPECIAL_ASSISTANCE_POLICY_DEFAULTS;
  const values = await readSettings(tx, Object.values(s));
  return {
    policy: {
      periodMonths: settingInt(values, s.periodMonths, d.periodMonths),
      referenceBasisPoints: settingInt(values, s.referenceBasisPoints, d.referenceBasisPoints),
      incomeShareBasisPoints: settingInt(values, s.incomeShareBasisPoints, d.incomeShareBasisPoints),
      assetShareBasisPoints: settingInt(values, s.assetShareBasisPoints, d.assetShareBasisPoints),
      thresholdCents: settingInt(values, s.thresholdCents, d.thresholdCents),
      applyThreshold: values.has(s.applyThreshold) ? values.get(s.applyThreshold) === 'true' : d.applyThreshold,
    },
    recoveryTermDays: settingInt(values, s.recoveryTermDays, RECOVERY_TERM_DAYS_DEFAULT),
    maxCostAgeMonths: settingInt(values, s.maxCostAgeMonths, MAX_COST_AGE_MONTHS_DEFAULT),
  };
}

function missingOf(required: RequiredDocument[], given: GivenDocument[], hasIban: boolean): MissingItem[] {
  const have = new Set(given.map((g) => g.code));
  const missing: MissingItem[] = required.filter((r) => !have.has(r.code)).map((r) => ({ code: r.code, label: r.label }));
  if (!hasIban) missing.push(IBAN_ITEM);
  return missing;
}

async function checkGivenDocuments(tx: Tx, residentId: string, required: RequiredDocument[], given: GivenDocument[], field: string): Promise<void> {
  const known = new Set([...required.map((r) => r.code), 'overig']);
  for (const [i, g] of given.entries()) {
    if (!known.has(g.code)) throw invalid(`${field}[${i}].code`, `Dit document wordt bij deze kosten niet gevraagd ('${g.code}').`);
    // A document named by id must be one of this resident's own: never another's (same answer as unknown).
    if (g.documentId !== null && (await uploadSubject.residentOf(tx, g.documentId)) !== residentId) throw invalid(`${field}[${i}].documentId`, 'Dit document is niet gevonden.');
  }
}

interface Proposal {
  outcome: 'toekennen' | 'afwijzen' | 'aanvullen';
  grantCents: number;
  reasons: string[];
}

/** The proposal from the calculation, the category's rules and what is missing. Pure. */
export function proposeOutcome(input: {
  calculation: CapacityResult;
  category: { name: string; voorliggend: string | null; collectiveInsurance: boolean; applyBeforeCosts: boolean };
  hasCollectiveInsurance: boolean;
  costDate: string;
  today: string;
  maxCostAgeMonths: number;
  missing: MissingItem[];
}): Proposal {
  const reasons: string[] = [];
  let refuse = false;
  if (input.category.collectiveInsurance && input.hasCollectiveInsurance) {
    refuse = true;
    reasons.push(`De inwoner is via de gemeente collectief verzekerd; die verzekering vergoedt ${input.category.name.toLowerCase()} (art. 35 lid 3 Pw). Controleer de polis.`);
  }
  if (input.category.applyBeforeCosts && input.costDate < input.today) {
    refuse = true;
    reasons.push(`${input.category.name} vraagt u aan vóórdat u de kosten maakt; de kosten zijn gemaakt op ${input.costDate} (beleidsregel).`);
  }
  if (!input.category.applyBeforeCosts && input.costDate < addMonths(input.today, -input.maxCostAgeMonths)) {
    refuse = true;
    reasons.push(`De aanvraag komt meer dan ${input.maxCostAgeMonths} maanden na de datum van de kosten (${input.costDate}) (beleidsregel).`);
  }
  reasons.push(...input.calculation.reasons);
  if (input.category.voorliggend) reasons.push(`Controleer eerst de voorliggende voorziening: ${input.category.voorliggend}.`);
  const grant = refuse ? 0 : input.calculation.grantCents;
  if (input.missing.length > 0) {
    reasons.unshift(`Er ontbreekt nog: ${input.missing.map((m) => m.label.toLowerCase()).join('; ')}.`);
    return { outcome: 'aanvullen', grantCents: grant, reasons };
  }
  return { outcome: refuse || input.calculation.outcome === 'afwijzen' ? 'afwijzen' : 'toekennen', grantCents: grant, reasons };
}

/** The draagkracht of the household for these costs, with the earlier applications in the period. */
async function calculate(tx: Tx, tenantId: string, input: { residentId: string; birthDate: string; costsCents: number; costDate: string; household: SpecialAssistanceSubmission['household']; monthlyIncomeCents: number; assetsCents: number; coveredElsewhereCents: number; excludeCaseId?: string }, policy: CapacityPolicy, today: string): Promise<CapacityResult> {
  const table = await currentNormTable(tx, tenantId);
  const period = findNormPeriod(table, today, 'costDate');
  const h = input.household;
  if (h.leefvorm === 'gehuwden' && h.partnerBirthDate === null) throw invalid('household.partnerBirthDate', 'Vul de geboortedatum van uw partner in.');
  // Draagkracht is measured against the norm without kostendelersnorm: no housemates counted.
  const norm = applicableNorm(
    { leefvorm: h.leefvorm, applicantBirthDate: input.birthDate, partnerBirthDate: h.leefvorm === 'gehuwden' ? h.partnerBirthDate : null, dependentChildren: h.children > 0, youngestChildAge: null, inInrichting: false, housemates: [] },
    today,
    period,
  );
  const limit = limitFor(h.leefvorm, findAssetLimits(table, today, 'costDate'));
  const earlier = (await earlierApplicationRows(tx, input.residentId, addMonths(input.costDate, -12))).filter((r) => r.case_id !== input.excludeCaseId);
  const periodStart = addMonths(input.costDate, -policy.periodMonths);
  const capacityUsed = earlier
    .filter((r) => r.decision_status === 'toegekend' && r.cost_date > periodStart)
    .reduce((sum, r) => sum + Math.max(0, Number((r.calculation as { necessaryCostsCents?: number }).necessaryCostsCents ?? 0) - Number(r.decided_grant_cents ?? 0)), 0);
  return calculateCapacity(
    {
      costsCents: input.costsCents,
      coveredElsewhereCents: input.coveredElsewhereCents,
      monthlyIncomeCents: input.monthlyIncomeCents,
      assetsCents: input.assetsCents,
      referenceNormCents: norm.normInclVtCents,
      assetLimitCents: limit.cents,
      earlierCostsCents: earlier.reduce((sum, r) => sum + Number(r.costs_cents), 0),
      capacityUsedCents: capacityUsed,
    },
    policy,
  );
}

/**
 * Command: receives an application (e-service or desk) and runs the intake: opens the case, checks
 * completeness (and starts the hersteltermijn when something is missing), computes the draagkracht and
 * proposes an outcome. A form posted twice with the same submission key gives the first application.
 */
export async function submitSpecialAssistance(
  tx: Tx,
  ctx: Actor,
  input: SpecialAssistanceSubmission & { residentId: string; channel: 'e-dienst' | 'balie'; consultantId: string },
): Promise<{ id: string; created: boolean }> {
  const startTime = new Date();
  if (input.submissionKey) {
    const existing = await findBySubmissionKey(tx, input.residentId, input.submissionKey);
    if (existing) return { id: existing, created: false };
  }
  const resident = await residentIdentity(tx, input.residentId);
  if (!resident) throw notFound('Inwoner');
  const category = await findCategoryRow(tx, input.categoryCode);
  if (!category || !category.active) throw invalid('categoryCode', 'Kies waarvoor u de kosten maakt uit de lijst.');
  const today = todayInAmsterdam();
  if (category.apply_before_costs) {
    if (input.costDate > addMonths(today, MAX_MONTHS_AHEAD)) throw invalid('costDate', `De verwachte datum ligt meer dan ${MAX_MONTHS_AHEAD} maanden vooruit.`);
  } else if (input.costDate > today) {
    throw invalid('costDate', 'De datum van de kosten ligt in de toekomst. Vul de datum van de factuur in.');
  }
  if (input.costDate < addMonths(today, -60)) throw invalid('costDate', 'De datum van de kosten ligt meer dan vijf jaar terug.');
  let iban: string | null = null;
  if (input.iban !== undefined && input.iban !== '') {
    const checked = checkIban(input.iban);
    if (!checked.valid) throw invalid('iban', checked.message);
    iban = checked.iban;
  }
  if (iban !== null && !input.accountHolder) throw invalid('accountHolder', 'Vul de naam van de rekeninghouder in.');
  const given = input.documents.map((d) => ({ code: d.code, documentId: d.documentId }));
  await checkGivenDocuments(tx, input.residentId, category.required_documents, given, 'documents');

  const { policy, recoveryTermDays, maxCostAgeMonths } = await readSpecialAssistancePolicy(tx);
  const calculation = await calculate(tx, ctx.tenantId, { residentId: input.residentId, birthDate: resident.birthDate, costsCents: input.costsCents, costDate: input.costDate, household: input.household, monthlyIncomeCents: input.monthlyIncomeCents, assetsCents: input.assetsCents, coveredElsewhereCents: 0 }, policy, today);
  const missing = missingOf(category.required_documents, given, iban !== null);
  const proposal = proposeOutcome({
    calculation,
    category: { name: category.name, voorliggend: category.voorliggend, collectiveInsurance: category.collective_insurance, applyBeforeCosts: category.apply_before_costs },
    hasCollectiveInsurance: input.hasCollectiveInsurance,
    costDate: input.costDate,
    today,
    maxCostAgeMonths,
    missing,
  });

  const { id } = await openCase(tx, ctx, { residentId: input.residentId, caseTypeCode: SPECIAL_ASSISTANCE_CASE_TYPE.code, notifiedOn: today, consultantId: input.consultantId });
  await changeStatus(tx, ctx, { id, to: 'aanvraag', on: today, reason: input.channel === 'e-dienst' ? 'Aanvraag bijzondere bijstand ontvangen via de e-dienst' : 'Aanvraag bijzondere bijstand ontvangen aan de balie' });
  const recoveryEnds = missing.length > 0 ? addDays(today, recoveryTermDays) : null;
  if (recoveryEnds !== null) {
    // Awb 4:15 lid 1 sub a: suspended from the day after the request to supplement.
    await suspendCase(tx, ctx, { id, from: addDays(today, 1), reason: `Hersteltermijn tot en met ${recoveryEnds} (Awb 4:5): ${missing.map((m) => m.label).join('; ')}` });
    // The request for documents, which the resident sees in "Mijn aanvragen" and answers with an upload.
    await requestDocuments(tx, ctx, { caseId: id, description: `Voor uw aanvraag bijzondere bijstand hebben wij nog nodig: ${missing.map((m) => m.label.toLowerCase()).join('; ')}.`, dueOn: recoveryEnds });
  }
  await insertApplicationRow(tx, {
    tenant_id: ctx.tenantId,
    case_id: id,
    resident_id: input.residentId,
    channel: input.channel,
    submission_key: input.submissionKey ?? null,
    category_code: category.code,
    description: input.description,
    costs_cents: input.costsCents,
    cost_date: input.costDate,
    household: JSON.stringify(input.household),
    monthly_income_cents: input.monthlyIncomeCents,
    assets_cents: input.assetsCents,
    has_collective_insurance: input.hasCollectiveInsurance,
    iban,
    account_holder: iban === null ? null : (input.accountHolder ?? null),
    documents: JSON.stringify(given),
    submitted_by: input.channel === 'balie' ? ctx.actorId : null,
    complete_on_arrival: missing.length === 0,
    missing: JSON.stringify(missing),
    recovery_term_ends_on: recoveryEnds,
    calculation: JSON.stringify(calculation),
    proposal_outcome: proposal.outcome,
    proposal_grant_cents: proposal.grantCents,
    proposal_reasons: JSON.stringify(proposal.reasons),
    fast_track: category.fast_track && proposal.outcome === 'toekennen',
  });
  await recordProcessing(tx, ctx, { name: 'bijzondere-bijstand.aanvragen', activity: ACTIVITY, subjects: [{ type: 'resident', id: input.residentId }], startTime, attributes: { kanaal: input.channel, compleet: missing.length === 0 } });
  return { id, created: true };
}

async function lockOpen(tx: Tx, caseId: string): Promise<SpecialAssistanceRow> {
  const row = await lockApplicationRow(tx, caseId);
  if (!row) throw notFound('Aanvraag bijzondere bijstand');
  if (row.decision_status !== 'open') throw new AppError('CONFLICT', 'Over deze aanvraag is al besloten.');
  return row;
}

/**
 * Command: documents (or the bank account) received after the request to supplement. Recomputes what is
 * missing and the proposal; when complete, the hersteltermijn ends (the suspension counts at least one day).
 */
export async function supplementSpecialAssistance(tx: Tx, ctx: Actor, caseId: string, body: SupplementBody): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockOpen(tx, caseId);
  const category = (await findCategoryRow(tx, row.category_code))!;
  await checkGivenDocuments(tx, row.resident_id, category.required_documents, body.documents, 'documents');
  let iban = row.iban;
  let holder = row.account_holder;
  if (body.iban !== undefined && body.iban !== '') {
    const checked = checkIban(body.iban);
    if (!checked.valid) throw invalid('iban', checked.message);
    if (!body.accountHolder) throw invalid('accountHolder', 'Vul de naam van de rekeninghouder in.');
    iban = checked.iban;
    holder = body.accountHolder;
  }
  const given = [...row.documents];
  for (const d of body.documents) if (!given.some((g) => g.code === d.code && g.documentId === d.documentId)) given.push(d);
  const missing = missingOf(category.required_documents, given, iban !== null);
  const today = todayInAmsterdam();
  const { maxCostAgeMonths } = await readSpecialAssistancePolicy(tx);
  const proposal = proposeOutcome({
    calculation: row.calculation as unknown as CapacityResult,
    category: { name: category.name, voorliggend: category.voorliggend, collectiveInsurance: category.collective_insurance, applyBeforeCosts: category.apply_before_costs },
    hasCollectiveInsurance: row.has_collective_insurance,
    costDate: row.cost_date,
    today: row.submitted_at.toISOString().slice(0, 10),
    maxCostAgeMonths,
    missing,
  });
  if (missing.length === 0 && row.missing.length > 0) {
    const term = await caseTermState(tx, caseId);
    if (term.current?.result.status === 'suspended') {
      const started = term.lastSuspensionStart ?? today;
      // Supplemented after the suspension began: it ends today. On or before its first day (it starts the
      // day after the request): the case rule needs an end after the start, so it counts one day.
      await resumeCase(tx, ctx, { id: caseId, on: today > started ? today : addDays(started, 1), reason: 'Aanvraag aangevuld' });
    }
  }
  await updateApplicationRow(tx, caseId, {
    documents: JSON.stringify(given),
    iban,
    account_holder: holder,
    missing: JSON.stringify(missing),
    recovery_term_ends_on: missing.length === 0 ? null : row.recovery_term_ends_on,
    proposal_outcome: proposal.outcome,
    proposal_grant_cents: proposal.grantCents,
    proposal_reasons: JSON.stringify(proposal.reasons),
    fast_track: category.fast_track && proposal.outcome === 'toekennen',
  });
  await recordProcessing(tx, ctx, { name: 'bijzondere-bijstand.aanvullen', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return { id: caseId };
}

/**
 * Command: the consultant's decision. Following the proposal is one click; a different outcome or amount
 * needs a reason. A person always decides (AVG art. 22); the database refuses a decision without one.
 */
export async function decideSpecialAssistance(tx: Tx, ctx: Actor, caseId: string, body: SpecialAssistanceDecisionBody): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockOpen(tx, caseId);
  let outcome: 'toegekend' | 'afgewezen';
  let grant: number | null;
  let reason: string | null;
  if (body.outcome === 'voorstel-volgen') {
    if (row.proposal_outcome === 'aanvullen') {
      throw new AppError('CONFLICT', 'De aanvraag is nog niet compleet: er is geen voorstel om te volgen. Wacht op de aanvulling, of wijs af omdat de aanvraag niet is aangevuld (Awb 4:5).');
    }
    outcome = row.proposal_outcome === 'toekennen' ? 'toegekend' : 'afgewezen';
    grant = outcome === 'toegekend' ? Number(row.proposal_grant_cents) : null;
    reason = null;
  } else if (body.outcome === 'toekennen') {
    if (body.grantCents > Number(row.costs_cents)) throw invalid('grantCents', `Ten hoogste de gevraagde kosten (${euro(Number(row.costs_cents))}).`);
    outcome = 'toegekend';
    grant = body.grantCents;
    reason = body.reason;
  } else {
    outcome = 'afgewezen';
    grant = null;
    reason = body.reason;
  }
  const followed = body.outcome === 'voorstel-volgen' || (row.proposal_outcome === 'toekennen' ? outcome === 'toegekend' && grant === Number(row.proposal_grant_cents) : row.proposal_outcome === 'afwijzen' && outcome === 'afgewezen');
  const today = todayInAmsterdam();
  await changeStatus(tx, ctx, { id: caseId, to: 'besluit', on: today, reason: outcome === 'toegekend' ? `Bijzondere bijstand toegekend: ${euro(grant!)}` : 'Bijzondere bijstand afgewezen' });
  await updateApplicationRow(tx, caseId, { decision_status: outcome, decided_grant_cents: grant, decision_reason: reason, followed_proposal: followed, decided_by: ctx.actorId, decided_at: new Date() });
  await recordProcessing(tx, ctx, { name: 'bijzondere-bijstand.besluiten', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime, attributes: { uitkomst: outcome, voorstelGevolgd: followed } });
  return { id: caseId };
}

/** Read: one application with its intake, calculation, proposal and decision; audited. */
export async function getSpecialAssistance(tx: Tx, ctx: AuditContext, caseId: string): Promise<SpecialAssistanceView> {
  const startTime = new Date();
  const row = await findApplicationRow(tx, caseId);
  if (!row) throw notFound('Aanvraag bijzondere bijstand');
  const category = (await findCategoryRow(tx, row.category_code))!;
  // The term only, not the case: this read is logged once, below (getCase would log a second read).
  const term = await caseTermState(tx, caseId);
  const open = row.decision_status === 'open';
  const given = row.documents;
  const documents = category.required_documents.map((r) => {
    const g = given.find((d) => d.code === r.code);
    return { code: r.code, label: r.label, given: g !== undefined, documentId: g?.documentId ?? null };
  });
  for (const g of given) if (!category.required_documents.some((r) => r.code === g.code)) documents.push({ code: g.code, label: 'Overig document', given: true, documentId: g.documentId });
  const calc = row.calculation as unknown as CapacityResult;
  await recordProcessing(tx, ctx, { name: 'bijzondere-bijstand.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return {
    caseId: row.case_id,
    reference: row.reference,
    residentId: row.resident_id,
    caseStatus: row.case_status,
    channel: row.channel,
    category: { code: row.category_code, name: row.category_name, voorliggend: row.voorliggend },
    description: row.description,
    costsCents: Number(row.costs_cents),
    costDate: row.cost_date,
    household: row.household,
    monthlyIncomeCents: Number(row.monthly_income_cents),
    assetsCents: Number(row.assets_cents),
    hasCollectiveInsurance: row.has_collective_insurance,
    iban: row.iban,
    accountHolder: row.account_holder,
    documents,
    submittedAt: row.submitted_at.toISOString(),
    completeOnArrival: row.complete_on_arrival,
    missing: row.missing,
    decisionDueOn: open ? (term.current?.result.dueDate ?? null) : null,
    recoveryTermEndsOn: open ? row.recovery_term_ends_on : null,
    calculation: { lines: calc.lines, capacityCents: calc.capacityAvailableCents, grantCents: calc.grantCents, necessaryCostsCents: calc.necessaryCostsCents },
    proposal: { outcome: row.proposal_outcome, grantCents: Number(row.proposal_grant_cents), reasons: row.proposal_reasons, fastTrack: row.fast_track },
    decision: {
      status: row.decision_status,
      grantCents: row.decided_grant_cents === null ? null : Number(row.decided_grant_cents),
      reason: row.decision_reason,
      followedProposal: row.followed_proposal,
      decidedBy: row.decided_by_name,
      decidedAt: row.decided_at?.toISOString() ?? null,
    },
  };
}

/** Read: open applications of residents the employee has a care relation with; every resident shown is logged. */
export async function listOpenSpecialAssistance(tx: Tx, ctx: AuditContext) {
  const startTime = new Date();
  const userId = ctx.actor?.userId;
  if (!userId) return [];
  const rows = await listOpenApplicationRows(tx, userId, startTime);
  if (rows.length > 0) {
    await recordProcessing(tx, ctx, { name: 'bijzondere-bijstand.werkvoorraad', activity: ACTIVITY, subjects: [...new Set(rows.map((r) => r.resident_id))].map((id) => ({ type: 'resident' as const, id })), startTime });
  }
  return rows.map((r) => ({
    caseId: r.case_id,
    reference: r.reference,
    residentId: r.resident_id,
    residentName: r.resident_name,
    categoryName: r.category_name,
    channel: r.channel,
    costsCents: Number(r.costs_cents),
    submittedAt: r.submitted_at.toISOString(),
    proposalOutcome: r.proposal_outcome,
    proposalGrantCents: Number(r.proposal_grant_cents),
    fastTrack: r.fast_track,
    missingCount: r.missing.length,
  }));
}

/** Counts below this are not shown (small-count suppression, as on every dashboard). */
export const SUPPRESS_BELOW = 10;

/** Read (aggregate, no personal data): per month the share complete on arrival and the days to decision. */
export async function specialAssistanceIntakeFigures(tx: Tx, from: string, to: string) {
  const rows = await intakeFigures(tx, from, to);
  return {
    months: rows.map((r) => {
      const shown = r.submitted >= SUPPRESS_BELOW;
      return {
        month: r.month,
        submitted: shown ? r.submitted : null,
        completeShare: shown ? Math.round((r.complete / r.submitted) * 1000) / 1000 : null,
        decided: r.decided >= SUPPRESS_BELOW ? r.decided : null,
        medianDaysToDecision: r.decided >= SUPPRESS_BELOW && r.median_days !== null ? Math.round(r.median_days * 10) / 10 : null,
        fastTrack: r.fast_track >= SUPPRESS_BELOW ? r.fast_track : null,
      };
    }),
    suppressedBelow: SUPPRESS_BELOW,
  };
}

/**
 * The decision letter's content for a decided application (HTML, the title, whose it is), from the view
 * the route has just read (no second read); printed and stored after the commit. The address is read for
 * the letter only, as part of that one read.
 */
export async function specialAssistanceLetter(tx: Tx, view: SpecialAssistanceView, municipality: string): Promise<{ caseId: string; residentId: string; title: string; html: string }> {
  if (view.decision.status === 'open') throw new AppError('CONFLICT', 'Er is nog niet besloten: de brief volgt op het besluit.');
  const r = (await residentForMessage(tx, view.residentId))!;
  const html = specialAssistanceLetterHtml(
    view,
    {
      fullName: fullName(r.givenName, r.surnamePrefix, r.familyName),
      address: `${r.street} ${r.houseNumber}${r.houseLetter ?? ''}${r.houseNumberAddition ? `-${r.houseNumberAddition}` : ''}`,
      postcodeCity: `${r.postcode} ${r.city}`,
    },
    todayInAmsterdam(),
    municipality,
  );
  return { caseId: view.caseId, residentId: view.residentId, title: specialAssistanceLetterTitle(view), html };
}
