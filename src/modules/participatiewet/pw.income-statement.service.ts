// Entering the monthly income statement (inkomstenopgave) for a benefit: the offset is computed with the
// exemptions as data (pw.income.ts, the norm period of the municipality's current norm table) and stored
// with the items. Rules (PW-CONTRACT, issue #11):
// - one statement per month: a second one is refused (with "al betaald" when the month was paid);
// - a first statement for a month already paid that lowers what was due makes a DRAFT recovery claim
//   (source 'inkomstenopgave') for the difference between what was paid for that month and what was due
//   (net, after the vakantietoeslag reserve); one that raises it is paid by the next correction run;
// - the month lies within the benefit (not before its start, not after its end) and not in the future.
// ASSUMPTION: "paid" is the sum of pw_payments.cents for the month; recovery instalments offset in that
// month's run are not added to it, so the draft claim errs on the low side when instalments ran.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { formatCents as euro } from '../allocations/commitment.js';
import { residentIdColumnOf, type ResidentSubject } from '../residents/resident.guard.js';
import { INCOME_KINDS, incomeToOffset, type IncomeContext, type IncomeKind, type Person } from './pw.income.js';
import { listSubmissionRows, submissionRowToView } from './pw.income-submission.repository.js';
import { dueFor, validateStatementInput, type BasisAmounts, type StatementInput } from './pw.income-statement.js';
import { basisFor, findBenefit, findBenefitResidentId, findStatement, insertStatement, listStatementRows, lockBenefit, paidFor } from './pw.income-statement.repository.js';
import { fullYearsOn, hasReachedAowAge, type AgeBand, type HouseholdInput } from './pw.leefvorm.js';
import type { Rekenblad } from './pw.means-test.js';
import type { NormPeriod } from './pw.norms.data.js';
import { findNormPeriod } from './pw.norms.js';
import { currentNormTable } from './pw.norms.service.js';
import { createDraftClaim } from './pw.recovery.service.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
export const monthName = (period: string): string => `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;

export const benefitSubject: ResidentSubject = { label: 'Uitkering', residentOf: findBenefitResidentId, residentOfQuery: (id) => residentIdColumnOf('pw_benefits', id) };

type Basis = NonNullable<Awaited<ReturnType<typeof basisFor>>>;
export const amountsOf = (b: Basis): BasisAmounts => ({ normInclVtCents: Number(b.norm_incl_vt_cents), fixedOffsetCents: Number(b.fixed_offset_cents), vtBasisPoints: b.vt_basis_points });

function band(birthDate: string, date: string, period: NormPeriod): AgeBand {
  if (hasReachedAowAge(birthDate, date, period)) return 'aow';
  return fullYearsOn(birthDate, date) < 21 ? 'jong' : 'volwassen';
}

/**
 * The household the offset is computed for: the one of the calculation the basis was made with; for a
 * migrated basis (no calculation) the benefit's leefvorm and the resident's birth date, without a partner
 * birth date (a partner's work exemption is then refused, as the facts to check it are missing).
 */
function incomeContext(basis: Basis, benefit: { norm: HouseholdInput['leefvorm']; birth_date: string }, date: string, period: NormPeriod): IncomeContext {
  const calc = basis.calculation as Rekenblad | null;
  const household: HouseholdInput = calc?.input?.household ?? {
    leefvorm: benefit.norm,
    applicantBirthDate: String(benefit.birth_date).slice(0, 10),
    partnerBirthDate: null,
    dependentChildren: benefit.norm === 'alleenstaande-ouder',
    youngestChildAge: null,
    inInrichting: false,
    housemates: [],
  };
  const partner = household.partnerBirthDate;
  return {
    household,
    ages: { aanvrager: fullYearsOn(household.applicantBirthDate, date), partner: partner === null ? null : fullYearsOn(partner, date) },
    bands: { aanvrager: band(household.applicantBirthDate, date, period), partner: partner === null ? null : band(partner, date, period) },
  };
}

export interface StatementOutcome {
  period: string;
  incomeCents: number;
  offsetCents: number;
  /** What is due for the month with this statement (before recovery instalments). */
  dueNetCents: number;
  paidCents: number | null;
  /** The draft claim made because the month was paid with more than is now due. */
  draftClaim: { id: string; reference: string; cents: number } | null;
  /** Paid less than is now due: the next correction run pays the difference. */
  correctionCents: number;
  lines: { code: string; label: string; cents: number; article: string }[];
  notes: string[];
}

/** Command: enters the statement for a month; audits it; may make a draft recovery claim. `source` 'inwoner': a resident's submission the consultant confirmed. */
export async function enterIncomeStatement(tx: Tx, ctx: Actor, benefitId: string, input: StatementInput, source: 'medewerker' | 'inwoner' = 'medewerker'): Promise<StatementOutcome> {
  const startTime = new Date();
  const today = todayInAmsterdam();
  validateStatementInput(input, today);
  await lockBenefit(tx, benefitId);
  const benefit = await findBenefit(tx, benefitId);
  if (!benefit) throw notFound('Uitkering');
  const period = input.period;
  const start = String(benefit.start_date).slice(0, 10);
  const end = benefit.end_date === null ? null : String(benefit.end_date).slice(0, 10);
  if (period < `${start.slice(0, 8)}01`) throw invalid('period', `De uitkering begon op ${start}; een opgave over ${monthName(period)} kan niet.`);
  if (end !== null && period > end) throw invalid('period', `De uitkering is beëindigd per ${end}; een opgave over ${monthName(period)} kan niet.`);
  const paid = await paidFor(tx, benefitId, period);
  if (await findStatement(tx, benefitId, period)) {
    throw new AppError(
      'CONFLICT',
      paid.count > 0
        ? `Over ${monthName(period)} is al een inkomstenopgave vastgelegd en die maand is al betaald. Een wijziging loopt via een heronderzoek of een vordering, niet via een tweede opgave.`
        : `Over ${monthName(period)} is al een inkomstenopgave vastgelegd. Een tweede opgave voor dezelfde maand kan niet.`,
    );
  }
  const basis = await basisFor(tx, benefitId, period);
  if (!basis) throw invalid('period', `Voor ${monthName(period)} is geen rekenbasis van de uitkering vastgelegd; leg eerst het besluit of de wijziging vast.`);

  const table = await currentNormTable(tx, ctx.tenantId);
  const normPeriod = findNormPeriod(table, period, 'period');
  const context = incomeContext(basis, benefit, period, normPeriod);
  const items = input.items.map((i) => ({ kind: i.kind, person: i.person, cents: i.cents }));
  items.forEach((item, i) => {
    if (item.person === 'partner' && context.household.leefvorm !== 'gehuwden') throw invalid(`items[${i}].person`, 'Inkomen van een partner kan alleen bij gehuwden of samenwonenden.');
  });
  const exemptions: Record<Person, null | { rule: 'art31n' | 'art31r' | 'art31y'; monthsUsedBefore: number }> = {
    aanvrager: input.workExemptions?.aanvrager ?? null,
    partner: input.workExemptions?.partner ?? null,
  };
  const offset = incomeToOffset(items, exemptions, context, normPeriod);
  const incomeCents = items.reduce((s, i) => s + i.cents, 0);
  await insertStatement(tx, { tenantId: ctx.tenantId, benefitId, period, receivedOn: input.receivedOn ?? today, incomeCents, offsetCents: offset.offsetCents, items: offset.lines, enteredBy: ctx.actorId, source });

  const due = dueFor(amountsOf(basis), offset.offsetCents);
  let draftClaim: StatementOutcome['draftClaim'] = null;
  let correctionCents = 0;
  if (paid.count > 0) {
    const overpaid = paid.cents - due.netCents;
    if (overpaid > 0) {
      const claim = await createDraftClaim(tx, ctx, {
        residentId: benefit.resident_id,
        benefitId,
        ground: 'te-veel-betaald',
        source: 'inkomstenopgave',
        principalCents: overpaid,
        periodFrom: period,
        periodTo: period,
        reason: `Inkomstenopgave over ${monthName(period)} na betaling ontvangen: betaald ${euro(paid.cents)}, recht ${euro(due.netCents)} (in aanmerking te nemen inkomen ${euro(offset.offsetCents)}). Te veel betaald: ${euro(overpaid)}. Beoordeel of de inlichtingenplicht is geschonden (dan art. 58 lid 1 Pw).`,
      });
      draftClaim = { ...claim, cents: overpaid };
    } else if (overpaid < 0) {
      correctionCents = -overpaid;
    }
  }
  await recordProcessing(tx, ctx, {
    name: 'inkomstenopgave.vastleggen',
    activity: ACTIVITY,
    subjects: [{ type: 'resident', id: benefit.resident_id }],
    startTime,
    attributes: { uitkering: benefit.reference, maand: period.slice(0, 7), te_verrekenen_cent: offset.offsetCents },
  });
  return { period, incomeCents, offsetCents: offset.offsetCents, dueNetCents: due.netCents, paidCents: paid.count > 0 ? paid.cents : null, draftClaim, correctionCents, lines: offset.lines, notes: offset.notes };
}

/** Query: the benefit with its statements, newest month first; audits the read. */
export async function listIncomeStatements(tx: Tx, ctx: AuditContext, benefitId: string) {
  const startTime = new Date();
  const benefit = await findBenefit(tx, benefitId);
  if (!benefit) throw notFound('Uitkering');
  const rows = await listStatementRows(tx, benefitId);
  const submissions = (await listSubmissionRows(tx, benefitId)).map((r) => submissionRowToView(r, (kind) => INCOME_KINDS[kind as IncomeKind]?.label ?? kind));
  await recordProcessing(tx, ctx, { name: 'inkomstenopgaven.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: benefit.resident_id }], startTime });
  return {
    benefit: {
      id: benefit.id,
      reference: benefit.reference,
      residentId: benefit.resident_id,
      norm: benefit.norm,
      startDate: String(benefit.start_date).slice(0, 10),
      endDate: benefit.end_date === null ? null : String(benefit.end_date).slice(0, 10),
      endReason: benefit.end_reason,
      nextReexaminationOn: String(benefit.next_reexamination_on).slice(0, 10),
      lastReexaminationOn: benefit.last_reexamination_on === null ? null : String(benefit.last_reexamination_on).slice(0, 10),
      monthlyCents: Number(benefit.monthly_cents),
    },
    statements: rows.map((r) => ({
      period: String(r.period).slice(0, 10),
      receivedOn: String(r.received_on).slice(0, 10),
      incomeCents: Number(r.income_cents),
      offsetCents: Number(r.offset_cents),
      items: (r.items ?? []) as unknown[],
      source: r.source,
      enteredBy: r.display_name,
      enteredAt: new Date(r.entered_at).toISOString(),
    })),
    submissions,
  };
}
