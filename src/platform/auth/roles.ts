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
  resident: 'Inwoner',
};

/** What a role may do. Personal data is reachable only through the `residents:*` permissions. */
export const permissions = [
  'residents:read',
  'residents:write',
  'audit:read',
  'users:read',
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
] as const;
export type Permission = (typeof permissions)[number];

// Every staff role may read the change programme's roadmap (only the programme manager edits it),
// the catalogue and the providers: none of these hold personal data.
const staff: readonly Permission[] = ['programme:read', 'catalogue:read', 'providers:read'];
// Budget lines (budget, commitments, remaining) are aggregates: no personal data.
const finance: readonly Permission[] = ['finance:read'];
const grants: Record<Role, readonly Permission[]> = {
  // The KCC sees whether a case runs and who the contact person is, to route a question well.
  kcc: ['residents:read', 'residents:write', 'cases:read', ...staff],
  // Conversation records hold health data (Positieve Gezondheid): consultants and team leads only.
  consultant: ['residents:read', 'residents:write', 'conversations:read', 'conversations:write', 'cases:read', 'cases:write', 'contact_person:assign', 'decisions:write', ...staff],
  // The team lead is the second pair of eyes on costly decisions.
  team_lead: ['residents:read', 'residents:write', 'conversations:read', 'conversations:write', 'cases:read', 'cases:write', 'contact_person:assign', 'decisions:write', 'decisions:approve', ...staff, ...finance],
  policy: [...staff, ...finance],
  finance: [...staff, ...finance],
  budget_holder: [...staff, ...finance],
  controller: [...staff, ...finance],
  admin: ['users:read', ...staff],
  auditor: ['audit:read', ...staff],
  programme_manager: ['programme:write', ...staff],
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

export function can(userRoles: readonly string[], permission: Permission): boolean {
  return permissionsOf(userRoles).includes(permission);
}
