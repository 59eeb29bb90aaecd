// Recording a re-examination (heronderzoek) of a benefit: the checks done, the outcome and its effect.
// - unchanged: only the next date is planned (the risk profile's interval, a setting);
// - change: a new rekenbasis (reason 'heronderzoek') from a fresh calculation (calculateEntitlement,
//   the Rekenblad stored with it) from a month on;
// - end: the benefit's end date and reason; no next date;
// - and, with any outcome, an overpayment found becomes a DRAFT recovery claim (source 'heronderzoek').
// The benefit's last and next re-examination dates are updated, so the signal pw-heronderzoek reads them.

import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { ResidentSubject } from '../residents/resident.guard.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { addMonths, parseDate } from '../../platform/calendar.js';
import { AppError, invalid, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { findBenefit, lockBenefit } from './pw.income-statement.repository.js';
import { calculateEntitlement, type EntitlementInput } from './pw.means-test.js';
import { findNormPeriod } from './pw.norms.js';
import { currentNormTable } from './pw.norms.service.js';
import { intervalSettingKey, REEXAMINATION_CHECKS, RISK_PROFILES } from './pw.reexamination.js';
import type { ReexaminationOutcome, RiskProfile } from './pw.reexamination.tables.js';
import { createDraftClaim, RECOVERY_GROUNDS } from './pw.recovery.service.js';
import type { RecoveryGround } from './pw.tables.js';
import { readSettings } from '../decisions/approval-settings.service.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';

export interface ReexaminationInput {
  heldOn: string;
  riskProfile: RiskProfile;
  checks: { code: string; done: boolean; note?: string }[];
  outcome: ReexaminationOutcome;
  change?: { validFrom: string; entitlement: EntitlementInput };
  end?: { endDate: string; endReason: string };
  overpayment?: { cents: number; periodFrom: string; periodTo: string; reason: string; ground?: RecoveryGround };
  note?: string;
}

const isDate = (v: unknown): v is string => {
  try {
    parseDate(v as string);
    return true;
  } catch {
    return false;
  }
};

/** The interval in months per risk profile: the municipality's setting or the default. */
export async function reexaminationIntervals(tx: Tx): Promise<Record<RiskProfile, number>> {
  const settings = await readSettings(tx, (Object.keys(RISK_PROFILES) as RiskProfile[]).map(intervalSettingKey));
  const byKey = new Map([...settings].map(([key, value]) => [key, Number(value)]));
  const out = {} as Record<RiskProfile, number>;
  for (const p of Object.keys(RISK_PROFILES) as RiskProfile[]) {
    const v = byKey.get(intervalSettingKey(p));
    out[p] = v !== undefined && Number.isInteger(v) && v >= 1 && v <= 60 ? v : RISK_PROFILES[p].defaultMonths;
  }
  return out;
}

export async function findReexaminationResidentId(tx: Tx, id: string): Promise<string | undefined> {
  return (
    await tx
      .selectFrom('pw_reexaminations as x')
      .innerJoin('pw_benefits as b', (j) => j.onRef('b.id', '=', 'x.benefit_id').onRef('b.tenant_id', '=', 'x.tenant_id'))
      .select('b.resident_id')
      .where('x.id', '=', id)
      .executeTakeFirst()
  )?.resident_id;
}

/** findReexaminationResidentId as one scalar subquery, for the resident guard. */
function reexaminationResidentIdSubquery(id: string): RawBuilder<string | null> {
  return sql<string | null>`select b.resident_id from pw_reexaminations x join pw_benefits b on b.tenant_id = x.tenant_id and b.id = x.benefit_id where x.id = ${id}`;
}

/** A re-examination's `:id` for the resident guard: the resident of its benefit. */
export const reexaminationSubject: ResidentSubject = { label: 'Heronderzoek', residentOf: findReexaminationResidentId, residentOfQuery: reexaminationResidentIdSubquery };

function validate(input: ReexaminationInput, today: string, start: string): void {
  const errors: FieldError[] = [];
  if (!isDate(input.heldOn)) errors.push({ field: 'heldOn', message: 'Vul de datum van het heronderzoek in (jjjj-mm-dd).' });
  else if (input.heldOn > today) errors.push({ field: 'heldOn', message: 'Het heronderzoek kan niet in de toekomst liggen.' });
  else if (input.heldOn < start) errors.push({ field: 'heldOn', message: `Het heronderzoek ligt voor het begin van de uitkering (${start}).` });
  if (!(input.riskProfile in RISK_PROFILES)) errors.push({ field: 'riskProfile', message: 'Kies een risicoprofiel: laag, midden of hoog.' });
  const known = new Set<string>(REEXAMINATION_CHECKS.map((c) => c.code));
  const seen = new Set<string>();
  (input.checks ?? []).forEach((c, i) => {
    if (!known.has(c.code)) errors.push({ field: `checks[${i}].code`, message: `Onbekende controle '${String(c.code)}'.` });
    else if (seen.has(c.code)) errors.push({ field: `checks[${i}].code`, message: 'Deze controle staat er twee keer in.' });
    seen.add(c.code);
    if (typeof c.done !== 'boolean') errors.push({ field: `checks[${i}].done`, message: 'Geef aan of deze controle is gedaan.' });
    if (c.note !== undefined && c.note.length > 500) errors.push({ field: `checks[${i}].note`, message: 'De toelichting is te lang (ten hoogste 500 tekens).' });
  });
  const missing = REEXAMINATION_CHECKS.filter((c) => !seen.has(c.code));
  if (missing.length > 0) errors.push({ field: 'checks', message: `Vul elke controle in; nog open: ${missing.map((c) => c.label.split(' (')[0]).join(', ')}.` });
  if (!['ongewijzigd', 'wijziging', 'beeindiging'].includes(input.outcome)) errors.push({ field: 'outcome', message: 'Kies de uitkomst: ongewijzigd, wijziging of beëindiging.' });
  if (input.outcome === 'wijziging') {
    if (!input.change) errors.push({ field: 'change', message: 'Geef bij een wijziging de nieuwe berekening en de maand waarvan zij geldt.' });
    else if (!isDate(input.change.validFrom) || !input.change.validFrom.endsWith('-01')) errors.push({ field: 'change.validFrom', message: 'Kies de maand waarvan de wijziging geldt (de eerste dag van de maand).' });
    else if (input.change.validFrom < `${start.slice(0, 8)}01`) errors.push({ field: 'change.validFrom', message: 'De wijziging kan niet ingaan voor het begin van de uitkering.' });
    const e = input.change?.entitlement as unknown as Record<string, unknown> | undefined;
    if (input.change && (typeof e !== 'object' || e === null || typeof e.household !== 'object' || !Array.isArray(e.income) || typeof e.assets !== 'object' || typeof e.workExemptions !== 'object')) {
      errors.push({ field: 'change.entitlement', message: 'Vul de gegevens voor de berekening in: huishouden, inkomsten, vrijlatingen en vermogen.' });
    }
  } else if (input.change) errors.push({ field: 'change', message: 'Een nieuwe berekening hoort alleen bij de uitkomst wijziging.' });
  if (input.outcome === 'beeindiging') {
    if (!input.end) errors.push({ field: 'end', message: 'Geef bij een beëindiging de einddatum en de reden.' });
    else {
      if (!isDate(input.end.endDate)) errors.push({ field: 'end.endDate', message: 'Vul de einddatum in (jjjj-mm-dd).' });
      else if (input.end.endDate < start) errors.push({ field: 'end.endDate', message: `De einddatum ligt voor het begin van de uitkering (${start}).` });
      const reason = input.end.endReason?.trim() ?? '';
      if (reason.length === 0 || reason.length > 500) errors.push({ field: 'end.endReason', message: 'Geef de reden van de beëindiging (ten hoogste 500 tekens).' });
    }
  } else if (input.end) errors.push({ field: 'end', message: 'Een einddatum hoort alleen bij de uitkomst beëindiging.' });
  const o = input.overpayment;
  if (o) {
    if (!Number.isSafeInteger(o.cents) || o.cents < 1) errors.push({ field: 'overpayment.cents', message: 'Het te veel betaalde bedrag moet positief zijn, in hele centen.' });
    if (!isDate(o.periodFrom)) errors.push({ field: 'overpayment.periodFrom', message: 'Vul het begin van de periode in (jjjj-mm-dd).' });
    if (!isDate(o.periodTo)) errors.push({ field: 'overpayment.periodTo', message: 'Vul het einde van de periode in (jjjj-mm-dd).' });
    else if (isDate(o.periodFrom) && o.periodTo < o.periodFrom) errors.push({ field: 'overpayment.periodTo', message: 'Het einde van de periode ligt voor het begin.' });
    if (o.ground !== undefined && !(o.ground in RECOVERY_GROUNDS)) errors.push({ field: 'overpayment.ground', message: 'Kies een grond uit de lijst.' });
    if (!o.reason || o.reason.trim().length === 0) errors.push({ field: 'overpayment.reason', message: 'Beschrijf waarom te veel is betaald.' });
  }
  if (input.note !== undefined && input.note.length > 2000) errors.push({ field: 'note', message: 'De toelichting is te lang (ten hoogste 2000 tekens).' });
  if (errors.length > 0) throw validationFailed(errors);
}

/** Command: records a re-examination with its outcome and effects; audits it. */
export async function recordReexamination(tx: Tx, ctx: Actor, benefitId: string, input: ReexaminationInput): Promise<{ id: string }> {
  const startTime = new Date();
  const today = todayInAmsterdam();
  await lockBenefit(tx, benefitId);
  const benefit = await findBenefit(tx, benefitId);
  if (!benefit) throw notFound('Uitkering');
  if (benefit.end_date !== null && benefit.end_date < today) throw new AppError('CONFLICT', `De uitkering is beëindigd per ${benefit.end_date}; een heronderzoek kan niet meer.`);
  validate(input, today, benefit.start_date);

  let basisId: string | null = null;
  if (input.outcome === 'wijziging' && input.change) {
    if (benefit.end_date !== null && input.change.validFrom > benefit.end_date) throw invalid('change.validFrom', 'De wijziging gaat in na de einddatum van de uitkering.');
    const table = await currentNormTable(tx, ctx.tenantId);
    const rekenblad = calculateEntitlement({ ...input.change.entitlement, peildatum: input.change.validFrom }, table);
    if (rekenblad.outcome === 'geen-recht') {
      throw invalid('outcome', `Volgens de berekening is er vanaf ${input.change.validFrom} geen recht meer (${rekenblad.reasons[0] ?? ''}). Kies de uitkomst beëindiging.`);
    }
    const period = findNormPeriod(table, input.change.validFrom, 'change.validFrom');
    const row = await tx
      .insertInto('pw_benefit_bases')
      .values({
        tenant_id: ctx.tenantId,
        benefit_id: benefitId,
        valid_from: input.change.validFrom,
        norm_incl_vt_cents: rekenblad.normInclVtCents,
        fixed_offset_cents: rekenblad.offsetIncomeCents,
        vt_basis_points: period.vakantietoeslagBasisPoints,
        reason: 'heronderzoek',
        calculation: JSON.stringify(rekenblad),
        recorded_by: ctx.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    basisId = row.id;
    await tx.updateTable('pw_benefits').set({ monthly_cents: rekenblad.monthlyPaymentCents, norm: rekenblad.input.household.leefvorm }).where('id', '=', benefitId).execute();
  }

  const intervals = await reexaminationIntervals(tx);
  const nextOn = input.outcome === 'beeindiging' ? null : addMonths(input.heldOn, intervals[input.riskProfile]);
  const ending = input.outcome === 'beeindiging' && input.end ? { end_date: input.end.endDate, end_reason: input.end.endReason.trim() } : {};
  await tx
    .updateTable('pw_benefits')
    .set({ last_reexamination_on: input.heldOn, ...(nextOn ? { next_reexamination_on: nextOn } : {}), ...ending })
    .where('id', '=', benefitId)
    .execute();

  let claimId: string | null = null;
  if (input.overpayment) {
    const o = input.overpayment;
    claimId = (
      await createDraftClaim(tx, ctx, {
        residentId: benefit.resident_id,
        benefitId,
        ground: o.ground ?? 'te-veel-betaald',
        source: 'heronderzoek',
        principalCents: o.cents,
        periodFrom: o.periodFrom,
        periodTo: o.periodTo,
        reason: `Heronderzoek van ${input.heldOn}: ${o.reason.trim()}`,
      })
    ).id;
  }

  const row = await tx
    .insertInto('pw_reexaminations')
    .values({
      tenant_id: ctx.tenantId,
      benefit_id: benefitId,
      held_on: input.heldOn,
      risk_profile: input.riskProfile,
      checks: JSON.stringify(
        REEXAMINATION_CHECKS.map((c) => {
          const given = input.checks.find((x) => x.code === c.code)!;
          return { code: c.code, label: c.label, done: given.done, note: given.note?.trim() || null };
        }),
      ),
      outcome: input.outcome,
      basis_id: basisId,
      end_date: input.end && input.outcome === 'beeindiging' ? input.end.endDate : null,
      end_reason: input.end && input.outcome === 'beeindiging' ? input.end.endReason.trim() : null,
      claim_id: claimId,
      next_on: nextOn,
      note: input.note?.trim() || null,
      recorded_by: ctx.actorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordProcessing(tx, ctx, {
    name: 'heronderzoek.vastleggen',
    activity: ACTIVITY,
    subjects: [{ type: 'resident', id: benefit.resident_id }],
    startTime,
    attributes: { uitkering: benefit.reference, uitkomst: input.outcome, risicoprofiel: input.riskProfile },
  });
  return { id: row.id };
}

/** Query: a benefit's re-examinations, newest first, with the checklist and intervals; audits the read. */
export async function listReexaminations(tx: Tx, ctx: AuditContext, benefitId: string) {
  const startTime = new Date();
  const benefit = await findBenefit(tx, benefitId);
  if (!benefit) throw notFound('Uitkering');
  const rows = await tx
    .selectFrom('pw_reexaminations as x')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'x.recorded_by').onRef('u.tenant_id', '=', 'x.tenant_id'))
    .leftJoin('pw_benefit_bases as bb', (j) => j.onRef('bb.id', '=', 'x.basis_id').onRef('bb.tenant_id', '=', 'x.tenant_id'))
    .select(['x.id', 'x.held_on', 'x.risk_profile', 'x.checks', 'x.outcome', 'x.basis_id', 'x.end_date', 'x.end_reason', 'x.claim_id', 'x.next_on', 'x.note', 'x.recorded_at', 'u.display_name', 'bb.valid_from', 'bb.calculation'])
    .where('x.benefit_id', '=', benefitId)
    .orderBy('x.held_on', 'desc')
    .orderBy('x.recorded_at', 'desc')
    .execute();
  await recordProcessing(tx, ctx, { name: 'heronderzoeken.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: benefit.resident_id }], startTime });
  return {
    benefit: {
      id: benefit.id,
      reference: benefit.reference,
      residentId: benefit.resident_id,
      startDate: benefit.start_date,
      endDate: benefit.end_date,
      endReason: benefit.end_reason,
      lastReexaminationOn: benefit.last_reexamination_on,
      nextReexaminationOn: benefit.next_reexamination_on,
      monthlyCents: Number(benefit.monthly_cents),
      riskProfile: (rows[0]?.risk_profile ?? null) as RiskProfile | null,
    },
    checklist: REEXAMINATION_CHECKS.map((c) => ({ ...c })),
    intervals: await reexaminationIntervals(tx),
    reexaminations: rows.map((r) => ({
      id: r.id,
      heldOn: r.held_on,
      riskProfile: r.risk_profile,
      checks: r.checks as { code: string; label: string; done: boolean; note: string | null }[],
      outcome: r.outcome,
      basisId: r.basis_id,
      validFrom: r.valid_from,
      monthlyPaymentCents: r.calculation ? Number((r.calculation as { monthlyPaymentCents?: number }).monthlyPaymentCents ?? 0) : null,
      endDate: r.end_date,
      endReason: r.end_reason,
      claimId: r.claim_id,
      nextOn: r.next_on,
      note: r.note,
      recordedBy: r.display_name,
      recordedAt: new Date(r.recorded_at).toISOString(),
    })),
  };
}
