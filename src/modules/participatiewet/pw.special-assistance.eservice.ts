// The e-service for bijzondere bijstand, for the resident in "Mijn gemeente" (issue #12 §2): the form's
// start (categories, the saved form, what Koers already knows), saving the form to continue later, and
// sending it into the same intake as the desk. The portal module runs these in its unit of work
// (`withResident`: the database shows only this resident's rows) with the resident as actor.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { deleteDraftRows, findDraftRow, intakeConsultantFor, runningBenefitOf, saveDraftRow } from './pw.special-assistance.repository.js';
import type { SpecialAssistanceSubmission } from './pw.special-assistance.schema.js';
import { getSpecialAssistance, listCategories, submitSpecialAssistance } from './pw.special-assistance.service.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';

/** Read: what the form starts with: the active categories, the saved form, and what Koers knows (a running benefit). */
export async function eServiceStart(tx: Tx, ctx: AuditContext, residentId: string) {
  const startTime = new Date();
  const categories = await listCategories(tx, true);
  const draft = await findDraftRow(tx, residentId);
  const benefit = await runningBenefitOf(tx, residentId, todayInAmsterdam());
  await recordProcessing(tx, ctx, { name: 'bijzondere-bijstand.formulier-openen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime });
  return {
    categories: categories.map(({ code, name, description, applyBeforeCosts, requiredDocuments }) => ({ code, name, description, applyBeforeCosts, requiredDocuments })),
    draft: draft ? { step: draft.step, data: draft.data, savedAt: draft.updated_at.toISOString() } : null,
    prefill: benefit
      ? { leefvorm: benefit.norm, iban: benefit.iban, accountHolder: benefit.account_holder, monthlyIncomeCents: Number(benefit.monthly_cents), source: 'Uw bijstandsuitkering' }
      : null,
  };
}

/** Command: saves the form as it is, to continue later (also after the session ended). */
export async function saveEServiceDraft(tx: Tx, ctx: AuditContext, residentId: string, input: { step: string; data: Record<string, unknown> }): Promise<{ savedAt: string }> {
  await saveDraftRow(tx, { tenantId: ctx.tenantId, residentId, step: input.step, data: input.data });
  return { savedAt: new Date().toISOString() };
}

/**
 * Command: the resident sends the form. The intake runs as at the desk; the case goes to the resident's
 * contact person, else a consultant of their area team, who is named on the case's events (the audit
 * log names the resident as the one who acted). The saved form is removed. Returns the receipt.
 */
export async function submitEService(tx: Tx, ctx: AuditContext, residentId: string, input: Omit<SpecialAssistanceSubmission, 'consultantId'>) {
  const consultantId = await intakeConsultantFor(tx, residentId);
  if (!consultantId) {
    throw new AppError('SERVICE_UNAVAILABLE', 'Uw aanvraag kan nu niet worden ontvangen: er is nog geen consulent voor uw wijk. Uw formulier is bewaard. Bel de gemeente, dan helpen wij u verder.');
  }
  const { id } = await submitSpecialAssistance(tx, { ...ctx, actorId: consultantId }, { ...input, residentId, channel: 'e-dienst', consultantId });
  await deleteDraftRows(tx, residentId);
  const view = await getSpecialAssistance(tx, ctx, id);
  return {
    caseId: view.caseId,
    reference: view.reference,
    submittedAt: view.submittedAt,
    complete: view.missing.length === 0,
    missing: view.missing,
    recoveryTermEndsOn: view.recoveryTermEndsOn,
    decisionDueOn: view.decisionDueOn,
  };
}
