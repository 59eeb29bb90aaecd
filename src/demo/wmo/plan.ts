// Who becomes a client, and the plans of all their cases with their contact persons and
// references. Nothing is written here; rows.ts and contacts.ts turn the plans into rows.

import { addDays } from '../../platform/calendar.js';
import { planCase, type PlanContext } from './case-plan.js';
import { CASES_PER_CLIENT, CLIENTS, DIRECT_ACCESS_SHARE, wmoUseWeight } from './distributions.js';
import type { ForcedScenarios } from './scenarios.js';
import type { StaffContext } from './staff.js';
import type { Assignment, CasePlan, ResidentInfo, SeedRun } from './types.js';

export interface Caseload {
  /** All cases, in order of the melding (then id). */
  plans: CasePlan[];
  /** Contact persons, in the order they were planned. */
  assignments: Assignment[];
  /** Per client index, the client's cases in order. */
  clientCases: CasePlan[][];
  /** Case id → reference (WMO-yyyy-nnnnn). */
  references: Map<string, string>;
}

/** A weighted sample without replacement (by Wmo use per age), kept in resident (BSN) order. */
export function chooseClients(run: SeedRun, residents: ResidentInfo[]): ResidentInfo[] {
  const clientCount = Math.min(CLIENTS[run.size][run.tenantId], residents.length);
  const candidates = residents
    .map((r, index) => ({ index, key: -Math.log(1 - run.random.next()) / wmoUseWeight(r.age) }))
    .sort((a, b) => a.key - b.key)
    .slice(0, clientCount)
    .map((c) => c.index)
    .sort((a, b) => a - b);
  return candidates.map((i) => residents[i]!);
}

export function planCaseload(ctx: PlanContext, staff: StaffContext, clients: ResidentInfo[], forced: ForcedScenarios): Caseload {
  const plans: CasePlan[] = [];
  const assignments: Assignment[] = [];
  const clientCases: CasePlan[][] = clients.map(() => []);
  for (const [clientIndex, client] of clients.entries()) {
    planClient(ctx, staff, forced, client, clientIndex, clientCases[clientIndex]!, plans, assignments);
  }
  const references = assignReferences(plans);
  for (const a of assignments) {
    if (a.reason === 'Vaste contactpersoon bij zaak') a.reason = `Vaste contactpersoon bij zaak ${references.get(clientCases[a.clientIndex]![0]!.id)}`;
  }
  return { plans, assignments, clientCases, references };
}

/** One to three cases of a client, one after the other, and the client's contact persons. */
function planClient(ctx: PlanContext, staff: StaffContext, forced: ForcedScenarios, client: ResidentInfo, clientIndex: number, cases: CasePlan[], plans: CasePlan[], assignments: Assignment[]): void {
  const { random, newId, at, today, size } = ctx.run;
  const { workingDays, workingDayOnOrAfter } = ctx.calendar;
  const scenario = forced.scenarioOf.get(clientIndex);
  const team = staff.teamOf(client);
  let consultant = forced.consultantOf.get(clientIndex) ?? staff.pickConsultant(team);
  const caseCount = scenario ? 1 : random.weighted(CASES_PER_CLIENT[size]);
  let notified = random.pick(workingDays);
  // A client with more cases starts early in the period; in the longer 'demo' period the repeat cases then still reach its last months.
  if (caseCount > 1) notified = random.pick(workingDays.slice(0, Math.max(1, Math.floor(workingDays.length * (size === 'demo' ? 0.7 : 0.5)))));
  if (scenario === 'history') notified = random.pick(workingDays.slice(0, Math.max(1, Math.floor(workingDays.length / 3))));
  for (let k = 0; k < caseCount; k += 1) {
    if (k > 0) {
      const previous = cases.at(-1)!;
      const previousEnd = previous.closedOn ?? previous.endedOn ?? previous.appliedOn ?? previous.onderzoekOn;
      const next = workingDayOnOrAfter(addDays(previousEnd, random.int(14, 120)));
      if (next >= today) break;
      notified = next;
      // Now and then the contact person changes between two cases (caseload, leave).
      if (random.chance(0.1)) {
        const other = staff.pickConsultant(team);
        if (other.id !== consultant.id && (size !== 'small' || other.id !== staff.standardConsultant?.id)) {
          const when = at(addDays(notified, -random.int(1, 10)), random.int(9 * 60, 16 * 60));
          assignments.at(-1)!.endedAt = when;
          assignments.push({ id: newId(), clientIndex, consultant: other, assignedBy: staff.teamLead, at: when, endedAt: null, reason: 'Herverdeling caseload binnen het sociaal team' });
          consultant = other;
        }
      }
    }
    const direct = !scenario && client.age >= 18 && random.chance(DIRECT_ACCESS_SHARE[size]);
    const plan = planCase(ctx, client, clientIndex, consultant, notified, scenario ?? 'natural', direct);
    cases.push(plan);
    plans.push(plan);
    if (k === 0) {
      assignments.push({
        id: newId(),
        clientIndex,
        consultant,
        assignedBy: consultant,
        // After the melding came in at the KCC (mornings), so that contact went to the area team.
        at: at(plan.notifiedOn, random.int(12 * 60, 16 * 60 + 30)),
        endedAt: null,
        reason: 'Vaste contactpersoon bij zaak', // completed with the case reference in planCaseload
      });
    }
  }
}

/**
 * References in the app's format, numbered per prefix in order of the melding: the app's next
 * reference (count + 1) then continues without a gap or collision. Sorts `plans` in that order.
 */
function assignReferences(plans: CasePlan[]): Map<string, string> {
  plans.sort((a, b) => a.notifiedOn.localeCompare(b.notifiedOn) || a.id.localeCompare(b.id));
  const references = new Map<string, string>();
  const perPrefix = new Map<string, number>();
  for (const plan of plans) {
    const prefix = `WMO-${plan.notifiedOn.slice(0, 4)}`;
    const n = (perPrefix.get(prefix) ?? 0) + 1;
    perPrefix.set(prefix, n);
    references.set(plan.id, `${prefix}-${String(n).padStart(5, '0')}`);
  }
  return references;
}
