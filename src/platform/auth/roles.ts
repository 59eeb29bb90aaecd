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
] as const;
export type Permission = (typeof permissions)[number];

// Every staff role may read the change programme's roadmap; only the programme manager edits it.
const grants: Record<Role, readonly Permission[]> = {
  kcc: ['residents:read', 'residents:write', 'programme:read'],
  consultant: ['residents:read', 'residents:write', 'programme:read'],
  team_lead: ['residents:read', 'residents:write', 'programme:read'],
  policy: ['programme:read'],
  finance: ['programme:read'],
  budget_holder: ['programme:read'],
  controller: ['programme:read'],
  admin: ['users:read', 'programme:read'],
  auditor: ['audit:read', 'programme:read'],
  programme_manager: ['programme:read', 'programme:write'],
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
