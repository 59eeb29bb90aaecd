import type { Tx } from '../../db/tenancy.js';
import type { Permission } from '../../platform/auth/roles.js';
import { groupBy } from '../../platform/collections.js';
import { countMyOpenCallbacks, teamMates } from '../access/access.service.js';
import { caseloadOf } from '../cases/case.service.js';
import { countPendingApprovals } from '../decisions/approval-queue.service.js';
import { countMyOpenSignals } from '../signals/signal.service.js';
import { countOpenRequestsOfTeams } from '../exchange/exchange.request-decision.js';

/**
 * "Mijn werk" in numbers, for the navigation: counts only, so no resident's data is shown and
 * nothing is audited. Each count is present only when the employee's role has that work.
 */
export async function myWorkCounts(tx: Tx, actorId: string, permissions: readonly Permission[]) {
  const may = (p: Permission) => permissions.includes(p);
  const callbacks = may('residents:write') ? await countMyOpenCallbacks(tx, actorId) : null;
  const cases = may('cases:write') ? (await caseloadOf(tx, [actorId])).get(actorId)! : null;
  const signals = may('signals:read') ? await countMyOpenSignals(tx, actorId) : null;
  const approvals = may('decisions:approve') ? await countPendingApprovals(tx) : null;
  const requests = may('exchange:send') ? await countOpenRequestsOfTeams(tx, actorId) : null;
  return {
    callbacks: callbacks?.open ?? null,
    callbacksOverdue: callbacks?.overdue ?? null,
    cases: cases?.open ?? null,
    casesOverdue: cases?.overdue ?? null,
    signals,
    approvals,
    requests,
    total: (callbacks?.open ?? 0) + (signals ?? 0) + (approvals ?? 0) + (requests ?? 0),
  };
}

/**
 * The caseload of the other members of the team lead's teams, per team: open cases, past their
 * term, due soon (counts only). Teams where the lead works alone are left out.
 */
export async function teamCaseload(tx: Tx, actorId: string) {
  const mates = (await teamMates(tx, actorId)).filter((m) => m.userId !== actorId);
  const load = await caseloadOf(tx, [...new Set(mates.map((m) => m.userId))]);
  return [...groupBy(mates, (m) => m.teamId).values()].map((members) => ({
    teamId: members[0]!.teamId,
    team: members[0]!.team,
    members: members.map((m) => ({ userId: m.userId, displayName: m.displayName, ...load.get(m.userId)! })),
  }));
}
