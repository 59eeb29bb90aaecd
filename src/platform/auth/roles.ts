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
  resident: 'Inwoner',
};

/** What a role may do. Personal data is reachable only through the `residents:*` permissions. */
export const permissions = ['residents:read', 'residents:write', 'audit:read', 'users:read'] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  kcc: ['residents:read', 'residents:write'],
  consultant: ['residents:read', 'residents:write'],
  team_lead: ['residents:read', 'residents:write'],
  policy: [],
  finance: [],
  budget_holder: [],
  controller: [],
  admin: ['users:read'],
  auditor: ['audit:read'],
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
