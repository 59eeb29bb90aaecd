/** Roles as in DESIGN.md §5. */
export const roles = [
  'kcc',
  'consultant',
  'team_lead',
  'policy',
  'finance',
  'budget_holder',
  'controller',
  'admin',
  'auditor',
  'programme_manager',
  'portfolio_holder',
  'contractmanager',
  'archivist',
  'resident',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  kcc: 'KCC-medewerker',
  consultant: 'Consulent',
  team_lead: 'Teamleider',
  policy: 'Beleidsmedewerker',
  finance: 'Financieel medewerker',
  budget_holder: 'Budgethouder',
  controller: 'Controller',
  admin: 'Functioneel beheerder',
  auditor: 'Auditor / privacyfunctionaris',
  programme_manager: 'Programmamanager',
  portfolio_holder: 'Wethouder (portefeuillehouder)',
  contractmanager: 'Contractmanager',
  archivist: 'Archivaris',
  resident: 'Inwoner',
};

/** What a role may do. Personal data is reachable only through the `residents:*` permissions. */
export const permissions = [
  'residents:read',
  'residents:write',
  'audit:read',
  'users:read',
  'admin:manage',
  'programme:read',
  'programme:write',
  'catalogue:read',
  'providers:read',
  'conversations:read',
  'conversations:write',
  'cases:read',
  'cases:write',
  'contact_person:assign',
  'decisions:write',
  'decisions:approve',
  'finance:read',
  'insights:read',
  'insights:targets',
  'reports:write',
  'reports:explain',
  'signals:read',
  'signals:manage',
  'signals:run',
  'letters:configure',
  'exchange:read',
  'exchange:send',
  'contracts:read',
  'pw_norms:read',
  'pw_norms:write',
  // Participatiewet casework (issue #11): read and work a resident's Pw file (application, decision,
  // income statements, re-examination, recovery), and establish a recovery claim (a decision, four eyes).
  'pw:read',
  'pw:write',
  'pw_recovery:establish',
  // Participatiewet payment run (issue #11 §2, payment-run part).
  'pw_payments:read',
  'pw_payments:run',
  'pw_payments:approve',
  'pw_payments:configure',
  // Controls (issue #13): read the control frameworks and runs; maintain frameworks and run controls.
  'controls:read',
  'controls:write',
  // Findings (issue #13 §3): an owner of a finding or of its follow-up action sees it and reports the
  // action done, without reading the other findings.
  'findings:own',
  // Retention and destruction (issue #13 part 5): the destruction list, its approval and the destruction.
  'retention:read',
  'retention:approve',
  'retention:destroy',
  // Debt help and early signals (issue #12 §4): read and work registrations and outreach; import arrears files.
  'debt:read',
  'debt:write',
] as const;
export type Permission = (typeof permissions)[number];

// Every staff role may read the change programme's roadmap (only the programme manager edits it),
// the catalogue and the providers: none of these hold personal data.
const staff: readonly Permission[] = ['programme:read', 'catalogue:read', 'providers:read'];
// Budget lines (budget, commitments, remaining) are aggregates: no personal data.
const finance: readonly Permission[] = ['finance:read'];
// KPIs, dashboards and steering reports are aggregates with small counts suppressed: no personal data.
const insights: readonly Permission[] = ['insights:read'];
// Signal worklists show residents' data (names only where the employee has a relation): casework roles only.
const signals: readonly Permission[] = ['signals:read', 'signals:manage'];
// The Participatiewet norm table (national amounts, no personal data): read by whoever works with or
// accounts for bijstand; only the functional administrator adds a half year.
const pwNorms: readonly Permission[] = ['pw_norms:read'];
// Participatiewet casework (application, income statements, re-examinations, recovery): the consultant and
// the team lead; only the team lead establishes a recovery claim (not the one who drafted it), and a
// decision above the threshold is approved with decisions:approve.
const pwCasework: readonly Permission[] = ['pw:read', 'pw:write'];
// Participatiewet payment run (issue #11 §2, payment-run part): a run pays every resident with bijstand,
// so it is a role task without a relation per resident; each resident shown or paid is logged. The team
// lead and finance compute, review and approve (never their own run: four eyes); the administrator sets
// the municipality's account and the run's settings.
const pwPayments: readonly Permission[] = ['pw_payments:read', 'pw_payments:run', 'pw_payments:approve'];
// Controls (issue #13): the control frameworks and runs hold no personal data. The controller maintains
// them; the auditor, administrator, finance and policy read them.
const controlsRead: readonly Permission[] = ['controls:read'];
// Findings of the controls are assigned to an owner (a team lead, the budget holder, finance, policy):
// they see their own findings and follow-up actions on their worklist.
const findingsOwn: readonly Permission[] = ['findings:own'];
// Debt help (schuldhulpverlening) and early signals: casework of the area teams, so consultants and team
// leads; every resident shown needs a relation (care scope), and importing an arrears file is a write.
const debt: readonly Permission[] = ['debt:read', 'debt:write'];
const grants: Record<Role, readonly Permission[]> = {
  // The KCC sees whether a case runs and who the contact person is, to route a question well.
  kcc: ['residents:read', 'residents:write', 'cases:read', ...staff],
  // Conversation records hold health data (Positieve Gezondheid): consultants and team leads only.
  consultant: ['residents:read', 'residents:write', 'conversations:read', 'conversations:write', 'cases:read', 'cases:write', 'contact_person:assign', 'decisions:write', ...staff, ...signals, ...pwNorms, ...pwCasework, ...debt],
  // The team lead is the second pair of eyes on costly decisions.
  // The team lead also sees to the provider exchange: the allocations their team decided reach the providers.
  team_lead: ['residents:read', 'residents:write', 'conversations:read', 'conversations:write', 'cases:read', 'cases:write', 'contact_person:assign', 'decisions:write', 'decisions:approve', ...staff, ...finance, ...insights, 'reports:write', ...signals, 'exchange:read', 'exchange:send', ...pwNorms, ...pwCasework, 'pw_recovery:establish', ...pwPayments, 'retention:read', 'retention:approve', ...findingsOwn, ...debt],
  policy: [...staff, ...finance, ...insights, 'insights:targets', 'reports:write', 'contracts:read', ...pwNorms, ...controlsRead, ...findingsOwn],
  finance: [...staff, ...finance, ...insights, ...pwNorms, ...pwPayments, ...controlsRead, ...findingsOwn],
  // The budget holder explains the deviations of their budget lines in the mini-BRAP and follows up the
  // control findings assigned to them.
  budget_holder: [...staff, ...finance, ...insights, 'reports:explain', ...findingsOwn],
  controller: [...staff, ...finance, ...insights, 'contracts:read', ...pwNorms, ...controlsRead, 'controls:write'],
  // The functional administrator (beheerder) manages employees, teams, settings, case types, budget
  // lines and KPI targets, sets the municipality's letterhead (briefpapier) for the letters Koers
  // prints, and starts an evaluation on demand; the worklists are not theirs.
  admin: ['users:read', 'admin:manage', 'signals:run', 'letters:configure', ...staff, ...insights, 'insights:targets', ...pwNorms, 'pw_norms:write', 'pw_payments:configure', ...controlsRead],
  auditor: ['audit:read', ...staff, ...controlsRead],
  programme_manager: ['programme:write', ...staff],
  // The wethouder sees aggregated steering information only: no personal data.
  portfolio_holder: [...insights, 'programme:read'],
  // The contract manager steers on providers' performance (from the messages and the money): aggregates only.
  contractmanager: [...staff, ...finance, ...insights, 'contracts:read', ...findingsOwn],
  // The archivist (archivaris) makes the monthly destruction list, approves it as archivist, registers
  // holds and requests for destruction, and carries out the destruction; the case types' owner (the team
  // lead) approves it as second, different person.
  archivist: ['retention:read', 'retention:approve', 'retention:destroy', ...staff],
  resident: [],
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function permissionsOf(userRoles: readonly string[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of userRoles) if (isRole(role)) for (const p of grants[role]) granted.add(p);
  return permissions.filter((p) => granted.has(p));
}
