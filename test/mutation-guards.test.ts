// Every mutation endpoint of the OpenAPI document refuses a request without a session (401) and a
// request from every role that lacks its permission (403), before it reads the input: the guards
// run onRequest, so an empty body and an unknown id are refused the same way. A new mutation
// endpoint fails here until it is added to `guards` with its permission. The relation check
// (NO_RELATION) on the routes about one resident is tested per module (`*.guard.routes.test.ts`).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, roles, type Permission, type Role } from '../src/platform/auth/roles.js';
import { createTestApp, type TestApp } from './support/app.js';
import { createStaff, type Staff } from './support/factories.js';

/**
 * The permission each mutation endpoint requires; the login and logout are open by design, and
 * 'authenticated' is for what every signed-in user may do (no permission, but a session).
 */
const guards: Record<string, Permission | 'public' | 'authenticated'> = {
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'POST /api/auth/password': 'authenticated',
  'POST /api/residents': 'residents:write',
  'POST /api/residents/search': 'residents:read',
  'POST /api/residents/{id}/access-grants': 'residents:read',
  'PATCH /api/programme/activities/{id}': 'programme:write',
  'PUT /api/programme/activities/{id}/letters': 'programme:write',
  'POST /api/programme/import/preview': 'programme:write',
  'POST /api/programme/import': 'programme:write',
  'POST /api/audit/search': 'audit:read',
  'POST /api/audit/export.csv': 'audit:read',
  'POST /api/audit/export.xlsx': 'audit:read',
  'POST /api/audit/inzage.html': 'audit:read',
  'POST /api/audit/inzage.pdf': 'audit:read',
  'PUT /api/residents/{residentId}/contact-person': 'contact_person:assign',
  'POST /api/residents/{residentId}/contacts': 'residents:write',
  'POST /api/callbacks/{id}/done': 'residents:write',
  'POST /api/residents/{residentId}/cases': 'cases:write',
  'POST /api/cases/{id}/status': 'cases:write',
  'POST /api/cases/{id}/suspensions': 'cases:write',
  'POST /api/cases/{id}/suspensions/end': 'cases:write',
  'POST /api/cases/{id}/extensions': 'cases:write',
  'POST /api/cases/{id}/notes': 'cases:write',
  'POST /api/residents/{residentId}/conversations': 'conversations:write',
  'POST /api/cases/{id}/decisions': 'decisions:write',
  'POST /api/decisions/{id}/approve': 'decisions:approve',
  'POST /api/decisions/{id}/withdraw': 'decisions:write',
  'POST /api/decisions/{id}/letter': 'decisions:write',
  'POST /api/residents/{id}/uploads': 'cases:write',
  'POST /api/cases/{id}/uploads': 'cases:write',
  'POST /api/cases/{id}/document-requests': 'cases:write',
  'POST /api/cases/{id}/document-requests/letters': 'cases:write',
  'PUT /api/letterhead': 'letters:configure',
  'POST /api/decisions/{id}/allocations': 'decisions:write',
  'PATCH /api/allocations/{id}': 'decisions:write',
  'POST /api/allocations/{id}/changes/{changeId}/approve': 'decisions:approve',
  'POST /api/allocations/{id}/changes/{changeId}/withdraw': 'decisions:write',
  'PUT /api/insights/targets/{kpiId}/{year}': 'insights:targets',
  'POST /api/insights/refresh': 'insights:targets',
  'POST /api/insights/reports': 'reports:write',
  'POST /api/insights/reports/{id}/finalise': 'reports:write',
  'PUT /api/insights/reports/{id}/explanations/{code}': 'reports:explain',
  'POST /api/insights/reports/{id}/action-points': 'reports:write',
  'PATCH /api/insights/action-points/{id}': 'reports:write',
  'POST /api/signals/assign': 'signals:manage',
  'POST /api/signals/run': 'signals:run',
  'POST /api/exchange/outbox': 'exchange:send',
  'POST /api/exchange/inbox': 'exchange:send',
  'POST /api/exchange/requests/{id}/grant': 'exchange:send',
  'POST /api/exchange/requests/{id}/refuse': 'exchange:send',
  'POST /api/signals/{id}/pick-up': 'signals:manage',
  'POST /api/signals/{id}/handle': 'signals:manage',
  'POST /api/signals/{id}/reject': 'signals:manage',
  'POST /api/admin/users': 'admin:manage',
  'PATCH /api/admin/users/{id}': 'admin:manage',
  'POST /api/admin/users/{id}/deactivate': 'admin:manage',
  'POST /api/admin/users/{id}/reactivate': 'admin:manage',
  'POST /api/admin/users/{id}/password': 'admin:manage',
  'POST /api/admin/teams': 'admin:manage',
  'PATCH /api/admin/teams/{id}': 'admin:manage',
  'PUT /api/admin/teams/{id}/areas': 'admin:manage',
  'PUT /api/admin/settings': 'admin:manage',
  'PUT /api/admin/case-types/{code}/terms': 'admin:manage',
  'POST /api/admin/budget-lines': 'admin:manage',
  'PUT /api/admin/budget-lines/{code}/years/{year}': 'admin:manage',
  'POST /api/pw/norms': 'pw_norms:write',
  'POST /api/pw/norms/import.xlsx': 'pw_norms:write',
  // Participatiewet: income statements, recovery, re-examination (issue #11).
  'POST /api/pw/benefits/{id}/income-statements': 'pw:write',
  'POST /api/pw/benefits/{id}/income-submissions/{submissionId}/confirm': 'pw:write',
  'POST /api/residents/{residentId}/pw-claims': 'pw:write',
  'POST /api/pw/claims/{id}/establish': 'pw_recovery:establish',
  'POST /api/pw/claims/{id}/withdraw': 'pw:write',
  'PUT /api/pw/claims/{id}/instalment': 'pw:write',
  'POST /api/pw/claims/{id}/entries': 'pw:write',
  'POST /api/pw/benefits/{id}/reexaminations': 'pw:write',
  // Participatiewet application (issue #11 §1).
  'POST /api/residents/{residentId}/pw/applications': 'pw:write',
  'POST /api/pw/applications/{id}/submit': 'pw:write',
  'PUT /api/pw/applications/{id}/calculation': 'pw:write',
  'POST /api/pw/applications/{id}/advance': 'pw:write',
  'POST /api/pw/applications/{id}/decision': 'pw:write',
  'POST /api/pw/applications/{id}/approve': 'decisions:approve',
  'PUT /api/pw/special-assistance/categories/{code}': 'pw_norms:write',
  'POST /api/residents/{residentId}/special-assistance': 'pw:write',
  'POST /api/pw/special-assistance/{id}/supplement': 'pw:write',
  'POST /api/pw/special-assistance/{id}/decision': 'pw:write',
  // The BUIG forecast (issue #11 §3): the BUIG amount is a steering parameter like the KPI targets.
  'POST /api/pw/buig-budgets': 'insights:targets',
  'POST /api/pw/forecast/scenarios': 'reports:write',
  'POST /api/control/runs': 'controls:write',
  'POST /api/control/runs/{id}/sign-off': 'controls:write',
  // Control findings and follow-up (issue #13 §3); an action is done by its owner (findings:own) or the
  // controller (controls:write): that check follows the input (403 tested in finding.routes.test.ts).
  'POST /api/control/findings': 'controls:write',
  'PUT /api/control/findings/{id}/assessment': 'controls:write',
  'POST /api/control/findings/{id}/actions': 'controls:write',
  'POST /api/control/finding-actions/{id}/done': 'authenticated',
  'PATCH /api/control/finding-actions/{id}': 'controls:write',
  'PUT /api/control/legality/years/{year}': 'controls:write',
  'POST /api/control/legality/{year}/statements': 'controls:write',
  'POST /api/control/legality/{year}/statements/{version}/sign-off': 'controls:write',
  'POST /api/control/samples/preview': 'controls:read',
  'POST /api/control/samples': 'controls:write',
  'PUT /api/control/samples/{id}/items/{position}': 'controls:write',
  'POST /api/control/samples/{id}/submit': 'controls:write',
  'POST /api/control/samples/{id}/review': 'controls:write',
  // Participatiewet payment run (issue #11 §2, payment-run part).
  'POST /api/pw/payment-runs': 'pw_payments:run',
  'POST /api/pw/payment-runs/{id}/approve': 'pw_payments:approve',
  'POST /api/pw/payment-runs/{id}/withdraw': 'pw_payments:run',
  'PUT /api/pw/payment-settings': 'pw_payments:configure',
  // Control frameworks (issue #13 §1).
  'POST /api/control/frameworks/standard': 'controls:write',
  'POST /api/control/frameworks/{process}/import.xlsx': 'controls:write',
  'PATCH /api/control/frameworks/{process}/controls/{code}': 'controls:write',
  // Retention and destruction (issue #13 part 5).
  'POST /api/retention/lists': 'retention:destroy',
  'POST /api/retention/lists/{id}/approve': 'retention:approve',
  'POST /api/retention/lists/{id}/destroy': 'retention:destroy',
  'POST /api/retention/holds': 'retention:approve',
  'POST /api/retention/holds/{id}/lift': 'retention:approve',
  'POST /api/retention/requests': 'retention:approve',
  // Debt help and early signals (issue #12 §4).
  'POST /api/residents/{residentId}/debt-cases': 'debt:write',
  'POST /api/debt/cases/{id}/first-conversation': 'debt:write',
  'POST /api/debt/cases/{id}/plan': 'debt:write',
  'POST /api/debt/cases/{id}/decision': 'debt:write',
  'POST /api/debt/cases/{id}/end': 'debt:write',
  'POST /api/debt/arrears-imports': 'debt:write',
  'POST /api/debt/outreach/{id}/outcome': 'debt:write',
  'POST /api/admin/api-tokens': 'admin:manage',
  'POST /api/admin/api-tokens/{id}/revoke': 'admin:manage',
  // The provider API takes a machine account's bearer token, never a session: its 401s and 403s are
  // tested in src/modules/exchange/exchange.api.routes.test.ts.
  'POST /api/berichten': 'public',
  // The resident portal takes a resident's session (cookie koers_mijn), never a staff session: its 401s
  // and the 404 for another resident's ids are tested in src/modules/portal/portal.routes.test.ts.
  'POST /api/mijn/uitloggen': 'public',
  'POST /api/mijn/verzoeken/{id}/documenten': 'public',
  'PUT /api/mijn/bijzondere-bijstand/concept': 'public',
  'POST /api/mijn/bijzondere-bijstand/documenten': 'public',
  'POST /api/mijn/bijzondere-bijstand': 'public',
  // Hulp bij geldzaken: 401s, another resident and an ended session in src/modules/portal/portal.debt.test.ts.
  'POST /api/mijn/geldzaken': 'public',
  // Inkomsten doorgeven: the resident session guards it (portal.income.test.ts), not a staff permission.
  'POST /api/mijn/inkomsten/documenten': 'public',
  'POST /api/mijn/inkomsten': 'public',
};
const guarded = Object.entries(guards).filter((entry): entry is [string, Permission] => entry[1] !== 'public' && entry[1] !== 'authenticated');
const authenticatedOnly = Object.entries(guards).filter(([, guard]) => guard === 'authenticated').map(([route]) => route);

let t: TestApp;
let mutationsInDocument: string[];
const staffByRole = new Map<Role, Staff>();

beforeAll(async () => {
  t = await createTestApp();
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  mutationsInDocument = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
  for (const role of roles) staffByRole.set(role, await createStaff(t, { roles: [role] }));
});
afterAll(async () => t.close());

/** The route with every path parameter filled in (an id that does not exist: the guard answers first). */
function request(route: string, cookie?: string) {
  const [method, path] = route.split(' ') as ['POST' | 'PUT' | 'PATCH' | 'DELETE', string];
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'year' ? '2026' : randomUUID()));
  return t.app.inject({ method, url, payload: {}, ...(cookie ? { headers: { cookie } } : {}) });
}

describe('mutation endpoints', () => {
  it('are all listed here with the permission they require', () => {
    expect(mutationsInDocument.length).toBeGreaterThan(0);
    expect([...mutationsInDocument].sort()).toEqual(Object.keys(guards).sort());
  });

  it.each(guarded.map(([route]) => route))('%s without a session: 401 UNAUTHENTICATED', async (route) => {
    const response = await request(route);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
  });

  it.each(authenticatedOnly)('%s without a session: 401 UNAUTHENTICATED; every role gets past the guard', async (route) => {
    const response = await request(route);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHENTICATED');
    for (const role of roles) {
      const signedIn = await request(route, staffByRole.get(role)!.cookie);
      expect({ role, status: signedIn.statusCode }).toEqual({ role, status: 400 });
    }
  });

  it.each(guarded)('%s refuses every role without %s: 403 FORBIDDEN', async (route, permission) => {
    const lacking = roles.filter((role) => !permissionsOf([role]).includes(permission));
    expect(lacking).toContain('resident');
    for (const role of lacking) {
      const response = await request(route, staffByRole.get(role)!.cookie);
      expect({ role, status: response.statusCode, code: response.json().error?.code }).toEqual({ role, status: 403, code: 'FORBIDDEN' });
    }
  });

  it.each(guarded)('%s lets a role with %s past the guard (the refusals above are the guard, not the input)', async (route, permission) => {
    const holder = roles.find((role) => permissionsOf([role]).includes(permission))!;
    const response = await request(route, staffByRole.get(holder)!.cookie);
    expect(response.statusCode).not.toBe(401);
    // An export answers a file (CSV, xlsx), not JSON: past the guard is then simply not a 403.
    if (!String(response.headers['content-type']).startsWith('application/json')) expect(response.statusCode).not.toBe(403);
    else expect(response.json().error?.code).not.toBe('FORBIDDEN');
  });
});
