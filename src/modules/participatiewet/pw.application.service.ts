// The Participatiewet application (aanvraag levensonderhoud) up to the decision: register the report and
// the application (a case of type PW-LO with the search period for under 27s), enter household, income
// and assets and see the rekenblad, record an advance, and decide with four eyes above a threshold.
// A grant writes the benefit, its first basis (with the rekenblad, reproducible) and turns the advance
// into an established claim offset by the first payment run; a refusal leaves a draft claim.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { residentIdColumnOf, type ResidentSubject } from '../residents/resident.guard.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { addMonths, daysInMonth } from '../../platform/calendar.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { changeStatus, getCase, openCase } from '../cases/case.service.js';
import { residentForMessage, residentIdentity } from '../residents/resident.service.js';
import { fullName } from '../residents/resident.names.js';
import { pwDecisionLetterHtml, pwDecisionLetterTitle } from './pw.decision-letter.js';
import { currentLetterhead } from '../letters/letterhead.service.js';
import { formatCents as euro } from '../allocations/commitment.js';
import { checkIban } from './pw.iban.js';
import { calculateEntitlement, type EntitlementInput, type Rekenblad } from './pw.means-test.js';
import { findNormPeriod, roundDiv } from './pw.norms.js';
import { currentNormTable, normTableOfVersion } from './pw.norms.service.js';
import {
  findApplicationResidentId,
  findApplicationRow,
  insertApplication,
  insertBenefit,
  insertBenefitBasis,
  insertClaim,
  insertClaimEntry,
  listApplicationIdsForResident,
  listBenefitsForResident,
  listOpenApplicationRows,
  lockApplicationRow,
  updateApplication,
  type ApplicationRow,
} from './pw.application.repository.js';
import { advanceDueOn, checkAdvance, checkApplicationDate, earliestApplicationOn, firstOfMonth, PW_APPLICATION_TERMS, PW_SETTINGS, searchPeriodEndsOn } from './pw.application.rules.js';
import type { ApplicationView, CalculationBody, DecisionBody, RegisterApplicationInput } from './pw.application.schema.js';
import { readSetting } from '../decisions/approval-settings.service.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';

/** For the access guard: a route's `:id` that names an application (its case id). */
export const applicationSubject: ResidentSubject = { label: 'Aanvraag', residentOf: findApplicationResidentId, residentOfQuery: (id) => residentIdColumnOf('pw_applications', id, 'case_id') };

function rekenbladOf(row: ApplicationRow): Rekenblad | null {
  return row.rekenblad as unknown as Rekenblad | null;
}

async function toView(tx: Tx, ctx: AuditContext, row: ApplicationRow): Promise<ApplicationView> {
  const kase = await getCase(tx, ctx, row.case_id);
  const decisionTerm = kase.appliedOn ? kase.deadlines.current?.result : undefined;
  const undecided = row.decision_status === 'open' || row.decision_status === 'voorgesteld';
  const r = rekenbladOf(row);
  return {
    caseId: row.case_id,
    reference: row.reference,
    residentId: row.resident_id,
    caseStatus: row.case_status,
    reportedOn: row.reported_on,
    appliedOn: row.applied_on,
    searchPeriodEndsOn: row.search_period_ends_on,
    earliestApplicationOn: earliestApplicationOn(row.reported_on, row.search_period_ends_on),
    decisionDueOn: undecided ? (decisionTerm?.dueDate ?? null) : null,
    decisionTermStatus: undecided ? (decisionTerm?.status ?? null) : null,
    advanceDueOn: row.applied_on && undecided && row.advance_cents === null ? advanceDueOn(row.applied_on) : null,
    calculationInput: row.calculation_input,
    rekenblad: r
      ? {
          lines: r.lines,
          outcome: r.outcome,
          reasons: r.reasons,
          notes: r.notes,
          normInclVtCents: r.normInclVtCents,
          offsetIncomeCents: r.offsetIncomeCents,
          monthlyPaymentCents: r.monthlyPaymentCents,
          normPeriodId: r.normPeriodId,
          tableVersion: r.tableVersion,
          peildatum: r.input.peildatum,
        }
      : null,
    advance: row.advance_cents === null || row.advance_paid_on === null ? null : { cents: Number(row.advance_cents), paidOn: row.advance_paid_on },
    decision: {
      status: row.decision_status,
      outcome: row.outcome,
      grantFrom: row.grant_from,
      refusalReason: row.refusal_reason,
      iban: row.iban,
      accountHolder: row.account_holder,
      requiresApproval: row.requires_approval,
      proposedBy: row.proposed_by_name,
      decidedBy: row.decided_by_name,
      benefitId: row.benefit_id,
      advanceClaimId: row.advance_claim_id,
    },
  };
}

async function loadRow(tx: Tx, caseId: string): Promise<ApplicationRow> {
  const row = await findApplicationRow(tx, caseId);
  if (!row) throw notFound('Aanvraag');
  return row;
}

/** Read: one application with its terms, rekenblad and decision; audited as a read (through the case). */
export async function getApplication(tx: Tx, ctx: AuditContext, caseId: string): Promise<ApplicationView> {
  return toView(tx, ctx, await loadRow(tx, caseId));
}

/**
 * Read: the applications still waiting for a decision of the residents the user has a care relation
 * with (the consultant's and team lead's work list); every resident shown is logged.
 */
export async function listOpenApplications(tx: Tx, ctx: AuditContext) {
  const startTime = new Date();
  const userId = ctx.actor?.userId;
  if (!userId) return [];
  const rows = await listOpenApplicationRows(tx, userId, startTime);
  if (rows.length > 0) {
    await recordProcessing(tx, ctx, { name: 'bijstandsaanvragen.raadplegen', activity: ACTIVITY, subjects: [...new Set(rows.map((r) => r.resident_id))].map((id) => ({ type: 'resident' as const, id })), startTime });
  }
  return rows.map((r) => ({
    caseId: r.case_id,
    reference: r.reference,
    residentId: r.resident_id,
    residentName: r.resident_name,
    consultantName: r.consultant_name,
    reportedOn: r.reported_on,
    appliedOn: r.applied_on,
    decisionStatus: r.decision_status as 'open' | 'voorgesteld',
    advanceCents: r.advance_cents === null ? null : Number(r.advance_cents),
  }));
}

/** Read: the resident's Participatiewet file: applications and benefits with their current basis. */
export async function getPwFile(tx: Tx, ctx: AuditContext, residentId: string) {
  const startTime = new Date();
  const today = todayInAmsterdam();
  const applications: ApplicationView[] = [];
  for (const id of await listApplicationIdsForResident(tx, residentId)) applications.push(await toView(tx, ctx, await loadRow(tx, id)));
  const benefits = (await listBenefitsForResident(tx, residentId, today)).map((b) => ({
    id: b.id,
    reference: b.reference,
    norm: b.norm,
    monthlyCents: Number(b.monthly_cents),
    startDate: b.start_date,
    endDate: b.end_date,
    nextReexaminationOn: b.next_reexamination_on,
    caseId: b.case_id,
    iban: b.iban,
    accountHolder: b.account_holder,
    basis: b.basis
      ? { validFrom: b.basis.valid_from, normInclVtCents: Number(b.basis.norm_incl_vt_cents), fixedOffsetCents: Number(b.basis.fixed_offset_cents), vtBasisPoints: b.basis.vt_basis_points, reason: b.basis.reason }
      : null,
  }));
  await recordProcessing(tx, ctx, { name: 'bijstand-dossier.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime });
  return { applications, benefits };
}

/**
 * Command: registers the report (melding) and, when given, the application itself. For an applicant
 * under 27 the application date must follow the 4-week search period. Returns the case id.
 */
export async function registerApplication(tx: Tx, ctx: Actor, input: RegisterApplicationInput & { residentId: string }): Promise<{ id: string }> {
  const startTime = new Date();
  const resident = await residentIdentity(tx, input.residentId);
  if (!resident) throw notFound('Inwoner');
  const today = todayInAmsterdam();
  if (input.reportedOn > today) throw invalid('reportedOn', 'De meldingsdatum ligt in de toekomst.');
  const searchEnds = searchPeriodEndsOn(resident.birthDate, input.reportedOn);
  if (input.appliedOn !== undefined) checkApplicationDate({ reportedOn: input.reportedOn, appliedOn: input.appliedOn, searchEnds, today });
  const { id } = await openCase(tx, ctx, {
    residentId: input.residentId,
    caseTypeCode: PW_APPLICATION_TERMS.caseTypeCode,
    notifiedOn: input.reportedOn,
    ...(input.consultantId ? { consultantId: input.consultantId } : {}),
  });
  await insertApplication(tx, { tenant_id: ctx.tenantId, case_id: id, resident_id: input.residentId, reported_on: input.reportedOn, search_period_ends_on: searchEnds });
  if (input.appliedOn !== undefined) await changeStatus(tx, ctx, { id, to: 'aanvraag', on: input.appliedOn, reason: 'Aanvraag levensonderhoud ontvangen' });
  await recordProcessing(tx, ctx, { name: 'bijstandsaanvraag.registreren', activity: ACTIVITY, subjects: [{ type: 'resident', id: input.residentId }], startTime });
  return { id };
}

async function lockUndecided(tx: Tx, caseId: string): Promise<ApplicationRow> {
  const row = await lockApplicationRow(tx, caseId);
  if (!row) throw notFound('Aanvraag');
  if (row.decision_status !== 'open') throw new AppError('CONFLICT', row.decision_status === 'voorgesteld' ? 'Over deze aanvraag is al een besluit voorgesteld.' : 'Over deze aanvraag is al besloten.');
  return row;
}

/** Command: the application after the report (and after the search period for an applicant under 27). */
export async function submitApplication(tx: Tx, ctx: Actor, input: { caseId: string; appliedOn: string }): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockUndecided(tx, input.caseId);
  if (row.case_status !== 'melding') throw new AppError('CONFLICT', 'De aanvraag is al ontvangen.');
  checkApplicationDate({ reportedOn: row.reported_on, appliedOn: input.appliedOn, searchEnds: row.search_period_ends_on, today: todayInAmsterdam() });
  await changeStatus(tx, ctx, { id: row.case_id, to: 'aanvraag', on: input.appliedOn, reason: 'Aanvraag levensonderhoud ontvangen' });
  await recordProcessing(tx, ctx, { name: 'bijstandsaanvraag.indienen', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return { id: row.case_id };
}

/**
 * Command: stores household, income and assets and the rekenblad computed from them with the
 * municipality's current norm table. The applicant's birth date is the resident's own.
 */
export async function saveCalculation(tx: Tx, ctx: Actor, input: { caseId: string; body: CalculationBody }): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockUndecided(tx, input.caseId);
  if (!row.applied_on) throw new AppError('CONFLICT', 'Registreer eerst de aanvraag: het rekenblad hoort bij een aanvraag.');
  const resident = (await residentIdentity(tx, row.resident_id))!;
  const { peildatum, household, ...rest } = input.body;
  const entitlement: EntitlementInput = {
    peildatum: peildatum ?? row.applied_on,
    household: { ...household, applicantBirthDate: resident.birthDate },
    ...(rest as Omit<EntitlementInput, 'peildatum' | 'household'>),
  };
  const rekenblad = calculateEntitlement(entitlement, await currentNormTable(tx, ctx.tenantId));
  await updateApplication(tx, row.case_id, {
    calculation_input: JSON.stringify(entitlement),
    rekenblad: JSON.stringify(rekenblad),
    calculated_by: ctx.actorId,
    calculated_at: new Date(),
  });
  await recordProcessing(tx, ctx, { name: 'bijstandsaanvraag.rekenblad', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return { id: row.case_id };
}

/** Command: the advance (voorschot, art. 52 Pw), at most the expected monthly payment; once per application. */
export async function recordAdvance(tx: Tx, ctx: Actor, input: { caseId: string; cents: number; paidOn: string }): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockUndecided(tx, input.caseId);
  if (!row.applied_on) throw new AppError('CONFLICT', 'Registreer eerst de aanvraag: een voorschot volgt op een aanvraag.');
  if (row.advance_cents !== null) throw new AppError('CONFLICT', 'Voor deze aanvraag is al een voorschot vastgelegd.');
  const r = rekenbladOf(row);
  if (!r) throw invalid('cents', 'Maak eerst het rekenblad: het voorschot is ten hoogste de verwachte betaling per maand.');
  checkAdvance({ cents: input.cents, paidOn: input.paidOn, appliedOn: row.applied_on, today: todayInAmsterdam(), expectedMonthlyCents: r.monthlyPaymentCents });
  await updateApplication(tx, row.case_id, { advance_cents: input.cents, advance_paid_on: input.paidOn, advance_recorded_by: ctx.actorId });
  await recordProcessing(tx, ctx, { name: 'bijstandsaanvraag.voorschot', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return { id: row.case_id };
}

async function settingNumber(tx: Tx, key: string, fallback: number): Promise<number> {
  const value = Number(await readSetting(tx, key));
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}

/**
 * Command: proposes the decision. A refusal, or a grant whose monthly payment is at or below the
 * threshold, is decided at once; a higher grant waits for another team lead (four eyes).
 */
export async function proposeDecision(tx: Tx, ctx: Actor, input: { caseId: string; body: DecisionBody }): Promise<{ id: string; decided: boolean }> {
  const startTime = new Date();
  const row = await lockUndecided(tx, input.caseId);
  if (row.case_status !== 'aanvraag') throw new AppError('CONFLICT', 'Een besluit volgt op een aanvraag: registreer eerst de aanvraag.');
  const body = input.body;
  let requiresApproval = false;
  const proposal = { decision_status: 'voorgesteld' as const, proposed_by: ctx.actorId, proposed_at: new Date() };
  if (body.outcome === 'toekenning') {
    const r = rekenbladOf(row);
    if (!r) throw invalid('grantFrom', 'Maak eerst het rekenblad: een toekenning noemt het bedrag per maand en de berekening.');
    if (r.outcome === 'geen-recht') throw invalid('outcome', 'Volgens het rekenblad is er geen recht op bijstand: wijs de aanvraag af of pas de gegevens aan.');
    if (body.grantFrom < row.reported_on) throw invalid('grantFrom', 'Bijstand gaat niet in vóór de dag van de melding (art. 44 Pw).');
    if (firstOfMonth(body.grantFrom) !== firstOfMonth(r.input.peildatum)) {
      throw invalid('grantFrom', `Het rekenblad is gemaakt voor de maand van ${r.input.peildatum}; maak het rekenblad voor de maand van de ingangsdatum.`);
    }
    const iban = checkIban(body.iban);
    if (!iban.valid) throw invalid('iban', iban.message);
    requiresApproval = r.monthlyPaymentCents > (await settingNumber(tx, PW_SETTINGS.approvalThresholdKey, PW_SETTINGS.approvalThresholdDefaultCents));
    await updateApplication(tx, row.case_id, { ...proposal, requires_approval: requiresApproval, outcome: 'toekenning', grant_from: body.grantFrom, iban: iban.iban, account_holder: body.accountHolder, refusal_reason: null });
  } else {
    await updateApplication(tx, row.case_id, { ...proposal, requires_approval: false, outcome: 'afwijzing', refusal_reason: body.refusalReason, grant_from: null, iban: null, account_holder: null });
  }
  await recordProcessing(tx, ctx, { name: 'bijstandsbesluit.opstellen', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  if (!requiresApproval) await carryOut(tx, ctx, row.case_id);
  return { id: row.case_id, decided: !requiresApproval };
}

/** Command: a team lead other than the one who proposed it approves the decision (four eyes). */
export async function approveApplicationDecision(tx: Tx, ctx: Actor, caseId: string): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockApplicationRow(tx, caseId);
  if (!row) throw notFound('Aanvraag');
  if (row.decision_status !== 'voorgesteld') throw new AppError('CONFLICT', 'Dit besluit wacht niet op goedkeuring.');
  if (row.proposed_by === ctx.actorId) throw new AppError('FORBIDDEN', 'Vier ogen: wie het besluit voorstelde, keurt het niet zelf goed.');
  await recordProcessing(tx, ctx, { name: 'bijstandsbesluit.goedkeuren', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  await carryOut(tx, ctx, caseId);
  return { id: caseId };
}

/** Writes what the decision means: benefit and basis on a grant, the advance as a claim, the case decided. */
async function carryOut(tx: Tx, ctx: Actor, caseId: string): Promise<void> {
  const row = (await findApplicationRow(tx, caseId))!;
  const today = todayInAmsterdam();
  let benefitId: string | null = null;
  if (row.outcome === 'toekenning') {
    const r = rekenbladOf(row)!;
    const table = await normTableOfVersion(tx, ctx.tenantId, r.tableVersion);
    const period = findNormPeriod(table, r.input.peildatum);
    // Work income varies and is reported monthly (inkomstenopgave); the other income counts every month.
    const fixed = calculateEntitlement({ ...r.input, income: r.input.income.filter((i) => i.kind !== 'arbeid') }, table).offsetIncomeCents;
    const interval = await settingNumber(tx, PW_SETTINGS.reexaminationIntervalKey, PW_SETTINGS.reexaminationIntervalDefaultMonths);
    ({ id: benefitId } = await insertBenefit(tx, {
      tenant_id: ctx.tenantId,
      reference: `BIJ-${row.reference}`,
      resident_id: row.resident_id,
      consultant_id: row.consultant_id,
      norm: r.input.household.leefvorm,
      monthly_cents: r.monthlyPaymentCents,
      start_date: row.grant_from!,
      end_date: null,
      last_reexamination_on: null,
      next_reexamination_on: addMonths(row.grant_from!, Math.max(1, interval)),
      case_id: row.case_id,
      iban: row.iban,
      account_holder: row.account_holder,
      end_reason: null,
    }));
    // Bijstand runs from the grant date: a first month that starts later is paid for its days (pro rata per
    // calendar day), from the next month on the full amounts apply. Each row carries the rekenblad.
    const from = row.grant_from!;
    const full = { norm: r.normInclVtCents, fixed: Math.min(fixed, r.normInclVtCents) };
    const basis = (validFrom: string, amounts: { norm: number; fixed: number }) =>
      insertBenefitBasis(tx, {
        tenant_id: ctx.tenantId,
        benefit_id: benefitId!,
        valid_from: validFrom,
        norm_incl_vt_cents: amounts.norm,
        fixed_offset_cents: amounts.fixed,
        vt_basis_points: period.vakantietoeslagBasisPoints,
        reason: 'besluit',
        calculation: JSON.stringify(r),
        recorded_by: ctx.actorId,
      });
    const day = Number(from.slice(8, 10));
    if (day === 1) {
      await basis(from, full);
    } else {
      const total = daysInMonth(Number(from.slice(0, 4)), Number(from.slice(5, 7)));
      const days = total - day + 1;
      await basis(firstOfMonth(from), { norm: roundDiv(full.norm * days, total), fixed: roundDiv(full.fixed * days, total) });
      await basis(addMonths(firstOfMonth(from), 1), full);
    }
  }
  let claimId: string | null = null;
  if (row.advance_cents !== null) {
    const advance = Number(row.advance_cents);
    const granted = benefitId !== null;
    ({ id: claimId } = await insertClaim(tx, {
      tenant_id: ctx.tenantId,
      reference: `VS-${row.reference}`,
      resident_id: row.resident_id,
      benefit_id: benefitId,
      ground: 'voorschot',
      article: 'art. 52 Pw',
      source: 'voorschot',
      status: granted ? 'vastgesteld' : 'concept',
      principal_cents: advance,
      monthly_instalment_cents: granted ? advance : 0,
      period_from: null,
      period_to: null,
      reason: granted
        ? `Voorschot van ${euro(advance)} betaald op ${row.advance_paid_on}; wordt verrekend met de eerste betaling van de bijstand.`
        : `Voorschot van ${euro(advance)} betaald op ${row.advance_paid_on}; de aanvraag is afgewezen, beoordeel de terugvordering.`,
      created_by: ctx.actorId,
      established_by: granted ? ctx.actorId : null,
      established_at: granted ? new Date() : null,
    }));
    await insertClaimEntry(tx, { tenant_id: ctx.tenantId, claim_id: claimId, kind: 'vordering', cents: advance, booked_on: row.advance_paid_on!, payment_run_id: null, note: 'Voorschot art. 52 Pw', recorded_by: ctx.actorId });
  }
  await updateApplication(tx, caseId, {
    decision_status: benefitId !== null ? 'toegekend' : 'afgewezen',
    decided_by: ctx.actorId,
    decided_at: new Date(),
    benefit_id: benefitId,
    advance_claim_id: claimId,
  });
  const on = row.applied_on && row.applied_on > today ? row.applied_on : today;
  await changeStatus(tx, ctx, { id: caseId, to: 'besluit', on, reason: benefitId !== null ? 'Bijstand toegekend' : 'Aanvraag bijstand afgewezen' });
  await recordProcessing(tx, ctx, { name: benefitId !== null ? 'bijstand.toekennen' : 'bijstand.afwijzen', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime: new Date() });
}

/** The decision letter of a decided application (HTML on the letterhead) from its view, for the preview and the PDF; not audited (the caller read the view). */
export async function applicationLetterContent(tx: Tx, view: ApplicationView, municipality: string): Promise<{ caseId: string; residentId: string; title: string; html: string }> {
  if (view.decision.status !== 'toegekend' && view.decision.status !== 'afgewezen') throw new AppError('CONFLICT', 'Er is nog niet besloten: de brief volgt op het besluit.');
  const r = (await residentForMessage(tx, view.residentId))!;
  const sentOn = todayInAmsterdam();
  const html = pwDecisionLetterHtml(
    view,
    {
      fullName: fullName(r.givenName, r.surnamePrefix, r.familyName),
      address: `${r.street} ${r.houseNumber}${r.houseLetter ?? ''}${r.houseNumberAddition ? `-${r.houseNumberAddition}` : ''}`,
      postcodeCity: `${r.postcode} ${r.city}`,
    },
    sentOn,
    await currentLetterhead(tx, municipality),
  );
  return { caseId: view.caseId, residentId: view.residentId, title: pwDecisionLetterTitle(view, sentOn), html };
}

/** Read: the decision letter of a decided application as HTML (the staff's preview); audited as a read of the letter. */
export async function applicationLetter(tx: Tx, ctx: AuditContext, caseId: string, municipality: string): Promise<string> {
  const startTime = new Date();
  const letter = await applicationLetterContent(tx, await getApplication(tx, ctx, caseId), municipality);
  await recordProcessing(tx, ctx, { name: 'bijstandsbesluit.brief', activity: ACTIVITY, subjects: [{ type: 'resident', id: letter.residentId }], startTime });
  return letter.html;
}
