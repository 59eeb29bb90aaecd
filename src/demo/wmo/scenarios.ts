// Forced scenarios, so that every state demos, also in 'small' (see the brief): the standard
// `consulent` gets a few cases near a deadline, other consultants suspended, extended and
// ending direct-access cases.

import type { StaffContext } from './staff.js';
import type { ResidentInfo, Scenario, SeedRun, Staff } from './types.js';

export interface ForcedScenarios {
  /** By client index. */
  scenarioOf: Map<number, Scenario>;
  /** By client index: the standard consultant for the clients forced onto them. */
  consultantOf: Map<number, Staff>;
}

function forcedScenarios(run: SeedRun, hasStandardConsultant: boolean): { forStandard: Scenario[]; others: Scenario[] } {
  const { size, tenantId } = run;
  const forStandard: Scenario[] = hasStandardConsultant
    ? size === 'small'
      ? ['near_research', 'overdue_research', 'history', 'history']
      : ['near_research', 'near_research', 'near_research', 'overdue_research', 'near_decision', 'direct_ending']
    : [];
  const others: Scenario[] =
    size === 'small'
      ? ['suspended_open', 'direct_ending', 'near_decision']
      : [
          ...Array<Scenario>(tenantId === 'GM0935' ? 6 : 2).fill('suspended_open'),
          ...Array<Scenario>(tenantId === 'GM0935' ? 4 : 1).fill('extended_open'),
          ...Array<Scenario>(tenantId === 'GM0935' ? 5 : 2).fill('direct_ending'),
        ];
  return { forStandard, others };
}

/** Picks distinct adult clients (18–79) for the forced scenarios. */
export function assignScenarios(run: SeedRun, staff: StaffContext, clients: ResidentInfo[]): ForcedScenarios {
  const { random } = run;
  const { standardConsultant } = staff;
  const forced = forcedScenarios(run, standardConsultant !== undefined);
  const scenarioOf = new Map<number, Scenario>();
  const consultantOf = new Map<number, Staff>();
  const adults = clients.map((c, i) => ({ c, i })).filter(({ c }) => c.age >= 18 && c.age < 80);
  const pool = adults.length > 0 ? adults : clients.map((c, i) => ({ c, i }));
  const standardTeam = standardConsultant ? staff.members.find((m) => m.user_id === standardConsultant.id)?.team_id : undefined;
  const inTeam = pool.filter(({ c }) => staff.teamOf(c) === standardTeam);
  const taken = new Set<number>();
  const take = (from: { i: number }[]) => {
    const free = from.filter(({ i }) => !taken.has(i));
    const chosen = free.length > 0 ? random.pick(free) : undefined;
    if (chosen) taken.add(chosen.i);
    return chosen?.i;
  };
  for (const scenario of forced.forStandard) {
    const i = take(inTeam.length > forced.forStandard.length ? inTeam : pool);
    if (i === undefined || !standardConsultant) continue;
    scenarioOf.set(i, scenario);
    consultantOf.set(i, standardConsultant);
  }
  for (const scenario of forced.others) {
    const i = take(pool);
    if (i !== undefined) scenarioOf.set(i, scenario);
  }
  return { scenarioOf, consultantOf };
}
