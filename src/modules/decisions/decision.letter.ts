// Gathers what the decision letter needs (decision, addressee, signer, providers, CAK) for
// decision.letter-html.ts. Not audited here: the caller audits the read or the stored letter.

import type { Tx } from '../../db/tenancy.js';
import { isRole, roleLabels, type Role } from '../../platform/auth/roles.js';
import { notFound } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { levies } from '../letters/cak.js';
import type { LetterHead, LetterInput } from './decision.letter-html.js';
import { findLetterRow, listLetterLineRows } from './decision.repository.js';
import { loadDecision } from './decision.service.js';

/** The most senior role's label, for a signer without a function of their own. */
const SIGNING_ORDER: Role[] = ['team_lead', 'consultant', 'admin'];
export function roleTitle(userRoles: readonly string[]): string {
  const known = userRoles.filter(isRole);
  const best = SIGNING_ORDER.find((r) => known.includes(r)) ?? known[0];
  return best ? roleLabels[best] : 'Medewerker';
}

/** 'Ingrid Smeets (teamleider)' → 'Ingrid Smeets': the note in brackets is for colleagues, not for the letter. */
export function nameForLetter(displayName: string): string {
  return displayName.replace(/\s*\([^)]*\)\s*$/, '').trim() || displayName;
}

export interface DecisionLetter {
  input: LetterInput;
  caseId: string;
  residentId: string;
  decisionId: string;
}

export async function loadDecisionLetter(tx: Tx, id: string, letterhead: LetterHead, now = new Date()): Promise<DecisionLetter> {
  const view = await loadDecision(tx, id);
  const extra = await findLetterRow(tx, id);
  if (!extra) throw notFound('Beschikking');
  const lineExtras = new Map((await listLetterLineRows(tx, id)).map((l) => [l.id, l]));
  const final = view.status === 'approved';
  const byApprover = final && extra.approved_by_name !== null;
  const signer = !final
    ? null
    : byApprover
      ? { name: nameForLetter(extra.approved_by_name!), jobTitle: extra.approved_by_job_title ?? roleTitle(extra.approved_by_roles ?? []) }
      : { name: nameForLetter(extra.created_by_name), jobTitle: extra.created_by_job_title ?? roleTitle(extra.created_by_roles) };
  const finalAt = byApprover && extra.approved_at ? new Date(extra.approved_at) : new Date(extra.created_at);
  const resident = { birthDate: String(extra.birth_date) };
  const input: LetterInput = {
    caseReference: view.caseReference,
    appliedOn: view.appliedOn,
    status: view.status,
    deliveryForm: view.deliveryForm,
    addressee: {
      givenName: extra.given_name,
      surnamePrefix: extra.surname_prefix,
      familyName: extra.family_name,
      gender: extra.gender,
      fullName: view.resident.fullName,
      address: `${view.resident.address}${extra.house_number_addition ? ` ${extra.house_number_addition}` : ''}`,
      postcodeCity: view.resident.postcodeCity,
    },
    signer,
    date: final ? todayInAmsterdam(finalAt) : todayInAmsterdam(now),
    lines: view.lines.map((l) => {
      const e = lineExtras.get(l.id);
      return {
        productName: l.productName,
        outcome: l.outcome,
        periodStart: l.periodStart,
        periodEnd: l.periodEnd,
        volume: l.volume === null ? null : Number(l.volume),
        unit: l.unit,
        frequency: l.frequency,
        refusalReason: l.refusalReason,
        providerName: e?.provider_name ?? null,
        cakContribution: l.outcome === 'granted' && !!e && levies({ law: e.law, kind: e.kind, categoryCode: e.category_code, cakContribution: e.cak_contribution }, resident, l.periodStart),
      };
    }),
    letterhead,
  };
  return { input, caseId: view.caseId, residentId: view.resident.id, decisionId: view.id };
}
