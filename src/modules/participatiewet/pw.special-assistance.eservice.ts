// The e-service for bijzondere bijstand, for the resident in "Mijn gemeente" (issue #12 §2): the form's
// start (categories, the saved form, what Koers already knows), saving the form to continue later, and
// sending it into the same intake as the desk. The portal module runs these in its unit of work
// (`withResident`: the database shows only this resident's rows) with the resident as actor.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, invalid } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { countOpenApplications, countRecentResidentUploads, deleteDraftRows, findBySubmissionKey, findDraftRow, intakeConsultantFor, runningBenefitOf, saveDraftRow } from './pw.special-assistance.repository.js';
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
  const startTime = new Date();
  await saveDraftRow(tx, { tenantId: ctx.tenantId, residentId, step: input.step, data: input.data });
  await recordProcessing(tx, ctx, { name: 'bijzondere-bijstand.formulier-bewaren', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime });
  return { savedAt: new Date().toISOString() };
}

/** At most this many applications of one resident may wait for a decision (a flood of cases is refused). */
export const MAX_OPEN_ESERVICE_APPLICATIONS = 5;
/** At most this many documents a resident sends with the form in 24 hours (without a case). */
export const MAX_ESERVICE_UPLOADS_PER_DAY = 30;

/** Refuses an upload beyond the day's limit (checked before the upload is read). */
export async function checkEServiceUploadAllowed(tx: Tx, residentId: string): Promise<void> {
  if ((await countRecentResidentUploads(tx, residentId, new Date(Date.now() - 24 * 3600_000))) >= MAX_ESERVICE_UPLOADS_PER_DAY) {
    throw new AppError('CONFLICT', `U heeft vandaag al ${MAX_ESERVICE_UPLOADS_PER_DAY} documenten gestuurd. Probeer het morgen opnieuw, of bel de gemeente.`);
  }
}

/**
 * Command: the resident sends the form. The intake runs as at the desk; the case goes to the resident's
 * contact person, else a consultant of their area team, who is named on the case's events (the audit
 * log names the resident as the one who acted). The saved form is removed. Returns the receipt.
 */
export async function submitEService(tx: Tx, ctx: AuditContext, residentId: string, input: Omit<SpecialAssistanceSubmission, 'consultantId'>) {
  // Online, every document named must be one the resident sent (an id), each for one asked document.
  const ids = input.documents.map((d) => d.documentId);
  const missingId = ids.findIndex((id) => id === null);
  if (missingId >= 0) throw invalid(`documents[${missingId}].documentId`, 'Stuur het document mee, of laat het weg: wij vragen het dan later.');
  const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (twice >= 0) throw invalid(`documents[${twice}].documentId`, 'Hetzelfde document is voor twee verschillende stukken gebruikt.');
  if (!(input.submissionKey && (await findBySubmissionKey(tx, residentId, input.submissionKey))) && (await countOpenApplications(tx, residentId)) >= MAX_OPEN_ESERVICE_APPLICATIONS) {
    throw new AppError('CONFLICT', `U heeft al ${MAX_OPEN_ESERVICE_APPLICATIONS} aanvragen bijzondere bijstand waarop wij nog moeten besluiten. Wacht op ons besluit, of bel de gemeente.`);
  }
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
