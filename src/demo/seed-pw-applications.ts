// The Participatiewet application's case type (PW-LO, terms as data) and a few open applications, so
// the Pw pages show something in every demo size: one just received, one waiting for its advance for
// more than 4 weeks, one whose decision term ends soon, and a young applicant still in the search period.
// Synthetic: writes no audit records (like seed-pw.ts). Skipped when the municipality has applications.

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
import { addDays, addMonths } from '../platform/calendar.js';
import { nextReference } from '../modules/cases/case.repository.js';
import { PW_APPLICATION_TERMS, searchPeriodEndsOn } from '../modules/participatiewet/pw.application.rules.js';

export const pwApplicationCaseType = {
  code: PW_APPLICATION_TERMS.caseTypeCode,
  name: 'Aanvraag levensonderhoud (algemene bijstand)',
  law: 'participatiewet',
  research_term: null,
  decision_term: PW_APPLICATION_TERMS.decisionTerm,
  legal_basis: 'Participatiewet art. 11, 41 lid 4 (zoektermijn onder 27), 43 en 52 (voorschot binnen 4 weken); Awb art. 4:5 (hersteltermijn), 4:13 en 4:15',
} as const;

/** Days before today the report and the application were made, per planted application. */
const PLANTED = [
  { reportedDaysAgo: 3, appliedDaysAgo: 3, young: false },
  { reportedDaysAgo: 33, appliedDaysAgo: 31, young: false },
  { reportedDaysAgo: 55, appliedDaysAgo: 52, young: false },
  { reportedDaysAgo: 10, appliedDaysAgo: null, young: true },
] as const;

export async function seedPwApplications(db: Kysely<DB>, options: { tenantId: string; today: string }): Promise<number> {
  const { tenantId, today } = options;
  return withTenant(db, tenantId, async (tx) => {
    await tx.insertInto('case_types').values({ tenant_id: tenantId, ...pwApplicationCaseType }).onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing()).execute();
    if (await tx.selectFrom('pw_applications').select('case_id').limit(1).executeTakeFirst()) return 0;
    const consultant = await tx.selectFrom('users').select('id').where('username', '=', 'consulent').executeTakeFirst();
    if (!consultant) return 0;
    let made = 0;
    for (const [n, plan] of PLANTED.entries()) {
      const [from, to] = plan.young ? [addMonths(today, -26 * 12), addMonths(today, -19 * 12)] : [addMonths(today, -60 * 12), addMonths(today, -30 * 12)];
      const resident = await tx
        .selectFrom('residents as r')
        .select(['r.id', 'r.birth_date'])
        .where('r.birth_date', '>', from)
        .where('r.birth_date', '<', to)
        .where('r.area_code', 'is not', null)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('cases as c').select('c.id').whereRef('c.resident_id', '=', 'r.id'))))
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('pw_benefits as b').select('b.id').whereRef('b.resident_id', '=', 'r.id'))))
        // From the end of the register: the browser walks take their residents from its start.
        .orderBy('r.bsn', 'desc')
        .offset(n)
        .limit(1)
        .executeTakeFirst();
      if (!resident) continue;
      const reportedOn = addDays(today, -plan.reportedDaysAgo);
      const appliedOn = plan.appliedDaysAgo === null ? null : addDays(today, -plan.appliedDaysAgo);
      const kase = await tx
        .insertInto('cases')
        .values({
          tenant_id: tenantId,
          reference: await nextReference(tx, `PARTICIPATIEWET-${(appliedOn ?? reportedOn).slice(0, 4)}`),
          resident_id: resident.id,
          case_type_code: pwApplicationCaseType.code,
          status: appliedOn ? 'aanvraag' : 'melding',
          notified_on: reportedOn,
          applied_on: appliedOn,
          consultant_id: consultant.id,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'reference']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!kase) continue;
      await tx
        .insertInto('case_events')
        .values([
          { tenant_id: tenantId, case_id: kase.id, kind: 'status', on_date: reportedOn, term: null, from_status: null, to_status: 'melding', reason: 'Melding levensonderhoud', recorded_by: consultant.id },
          ...(appliedOn ? [{ tenant_id: tenantId, case_id: kase.id, kind: 'status' as const, on_date: appliedOn, term: null, from_status: 'melding' as const, to_status: 'aanvraag' as const, reason: 'Aanvraag levensonderhoud ontvangen', recorded_by: consultant.id }] : []),
        ])
        .execute();
      await tx
        .insertInto('pw_applications')
        .values({ tenant_id: tenantId, case_id: kase.id, resident_id: resident.id, reported_on: reportedOn, search_period_ends_on: searchPeriodEndsOn(resident.birth_date, reportedOn) })
        .execute();
      // Every resident with an open case has a contact person: the case's consultant (as openCase does).
      if (!(await tx.selectFrom('contact_person_assignments').select('id').where('resident_id', '=', resident.id).where('ended_at', 'is', null).executeTakeFirst())) {
        await tx.insertInto('contact_person_assignments').values({ tenant_id: tenantId, resident_id: resident.id, consultant_id: consultant.id, assigned_by: consultant.id, reason: 'Vaste contactpersoon bij de aanvraag levensonderhoud' }).execute();
      }
      made += 1;
    }
    return made;
  });
}
