import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { listChanges } from './admin.changes.js';
import {
  adminBudgetLineSchema,
  adminCaseTypeSchema,
  adminChangeSchema,
  adminTeamSchema,
  budgetBodySchema,
  budgetYearParamsSchema,
  budgetYearQuerySchema,
  caseTypeParamsSchema,
  caseTypeTermsBodySchema,
  changesQuerySchema,
  createdMachineAccountSchema,
  createMachineAccountBodySchema,
  machineAccountParamsSchema,
  machineAccountSchema,
  createBudgetLineBodySchema,
  createdBudgetLineSchema,
  createTeamBodySchema,
  createUserBodySchema,
  oneTimePasswordSchema,
  renameTeamBodySchema,
  settingsBodySchema,
  settingsSchema,
  staffUserSchema,
  teamAreasBodySchema,
  teamParamsSchema,
  teamsOverviewSchema,
  updateUserBodySchema,
  userParamsSchema,
} from './admin.schema.js';
import {
  addBudgetLine,
  addTeam,
  approvalSettings,
  changeApprovalSettings,
  changeBudget,
  changeCaseTypeTerms,
  changeTeamAreas,
  changeTeamName,
  listBudgets,
  listCaseTypes,
  teamsOverview,
} from './admin.service.js';
import { addMachineAccount, listMachineAccounts, revokeMachineAccount } from './admin.tokens.service.js';
import { createStaffUser, listStaff, resetPassword, setUserActive, updateStaffUser } from './admin.users.service.js';

const tags = ['Beheer'];
const manage = requirePermission('admin:manage');

/** Administration by the functional administrator (beheerder); every change lands in the change log. */
export async function adminRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  // Employees
  api.get('/api/admin/users', { schema: { tags, summary: 'Medewerkers met rollen, team en of hun account actief is', response: { 200: z.array(staffUserSchema), ...errorResponses(401, 403) } }, onRequest: manage }, async (request) =>
    inTenant(db, request, (tx) => listStaff(tx)),
  );
  api.post(
    '/api/admin/users',
    { schema: { tags, summary: 'Medewerker aanmaken; het eenmalige wachtwoord staat alleen in dit antwoord', body: createUserBodySchema, response: { 201: oneTimePasswordSchema, ...errorResponses(400, 401, 403, 409) } }, onRequest: manage },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => createStaffUser(tx, ctx, request.body))),
  );
  api.patch(
    '/api/admin/users/:id',
    { schema: { tags, summary: 'Naam, functie, rollen of team van een medewerker wijzigen', params: userParamsSchema, body: updateUserBodySchema, response: { 200: staffUserSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: manage },
    async (request) => asActor(db, request, (tx, ctx) => updateStaffUser(tx, ctx, request.params.id, request.body)),
  );
  api.post(
    '/api/admin/users/:id/deactivate',
    { schema: { tags, summary: 'Account uitschakelen: inloggen kan niet meer en lopende sessies eindigen', params: userParamsSchema, response: { 200: staffUserSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: manage },
    async (request) => asActor(db, request, (tx, ctx) => setUserActive(tx, ctx, request.params.id, false)),
  );
  api.post(
    '/api/admin/users/:id/reactivate',
    { schema: { tags, summary: 'Uitgeschakeld account weer actief maken', params: userParamsSchema, response: { 200: staffUserSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: manage },
    async (request) => asActor(db, request, (tx, ctx) => setUserActive(tx, ctx, request.params.id, true)),
  );
  api.post(
    '/api/admin/users/:id/password',
    { schema: { tags, summary: 'Nieuw eenmalig wachtwoord; lopende sessies van de medewerker eindigen', params: userParamsSchema, response: { 200: oneTimePasswordSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: manage },
    async (request) => asActor(db, request, (tx, ctx) => resetPassword(tx, ctx, request.params.id)),
  );

  // Teams and areas
  api.get('/api/admin/teams', { schema: { tags, summary: 'Teams met hun wijken, en alle wijken', response: { 200: teamsOverviewSchema, ...errorResponses(401, 403) } }, onRequest: manage }, async (request) =>
    inTenant(db, request, (tx) => teamsOverview(tx)),
  );
  api.post(
    '/api/admin/teams',
    { schema: { tags, summary: 'Team aanmaken', body: createTeamBodySchema, response: { 201: adminTeamSchema, ...errorResponses(400, 401, 403, 409) } }, onRequest: manage },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => addTeam(tx, ctx, request.body))),
  );
  api.patch(
    '/api/admin/teams/:id',
    { schema: { tags, summary: 'Team hernoemen', params: teamParamsSchema, body: renameTeamBodySchema, response: { 200: adminTeamSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: manage },
    async (request) => asActor(db, request, (tx, ctx) => changeTeamName(tx, ctx, { id: request.params.id, name: request.body.name })),
  );
  api.put(
    '/api/admin/teams/:id/areas',
    { schema: { tags, summary: 'De wijken van een team vastleggen (een wijk van een ander team gaat over)', params: teamParamsSchema, body: teamAreasBodySchema, response: { 200: adminTeamSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: manage },
    async (request) => asActor(db, request, (tx, ctx) => changeTeamAreas(tx, ctx, { id: request.params.id, areaCodes: request.body.areaCodes })),
  );

  // Four-eyes settings
  api.get('/api/admin/settings', { schema: { tags, summary: 'Vierogengrens en wijzigingsstap (in centen)', response: { 200: settingsSchema, ...errorResponses(401, 403) } }, onRequest: manage }, async (request) =>
    inTenant(db, request, (tx) => approvalSettings(tx)),
  );
  api.put(
    '/api/admin/settings',
    { schema: { tags, summary: 'Vierogengrens of wijzigingsstap wijzigen (in centen)', body: settingsBodySchema, response: { 200: settingsSchema, ...errorResponses(400, 401, 403) } }, onRequest: manage },
    async (request) => asActor(db, request, (tx, ctx) => changeApprovalSettings(tx, ctx, request.body)),
  );

  // Case types
  api.get('/api/admin/case-types', { schema: { tags, summary: 'Zaaktypen met hun wettelijke termijnen', response: { 200: z.array(adminCaseTypeSchema), ...errorResponses(401, 403) } }, onRequest: manage }, async (request) =>
    inTenant(db, request, (tx) => listCaseTypes(tx)),
  );
  api.put(
    '/api/admin/case-types/:code/terms',
    { schema: { tags, summary: 'Onderzoeks- of beslistermijn van een zaaktype wijzigen (in dagen of weken)', params: caseTypeParamsSchema, body: caseTypeTermsBodySchema, response: { 200: adminCaseTypeSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: manage },
    async (request) => asActor(db, request, (tx, ctx) => changeCaseTypeTerms(tx, ctx, { code: request.params.code, ...request.body })),
  );

  // Budget lines
  api.get('/api/admin/budget-lines', { schema: { tags, summary: 'Begrotingsposten met hun budget in een jaar', querystring: budgetYearQuerySchema, response: { 200: z.array(adminBudgetLineSchema), ...errorResponses(400, 401, 403) } }, onRequest: manage }, async (request) =>
    inTenant(db, request, (tx) => listBudgets(tx, request.query.year)),
  );
  api.post(
    '/api/admin/budget-lines',
    { schema: { tags, summary: 'Begrotingspost aanmaken', body: createBudgetLineBodySchema, response: { 201: createdBudgetLineSchema, ...errorResponses(400, 401, 403, 409) } }, onRequest: manage },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => addBudgetLine(tx, ctx, request.body))),
  );
  api.put(
    '/api/admin/budget-lines/:code/years/:year',
    { schema: { tags, summary: 'Budget van een begrotingspost voor een jaar vastleggen (in centen)', params: budgetYearParamsSchema, body: budgetBodySchema, response: { 200: adminBudgetLineSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: manage },
    async (request) => asActor(db, request, (tx, ctx) => changeBudget(tx, ctx, { code: request.params.code, year: request.params.year, budgetCents: request.body.budgetCents })),
  );

  // Machine accounts of providers (provider API, /api/berichten)
  api.get('/api/admin/api-tokens', { schema: { tags, summary: 'Machineaccounts van aanbieders (API-tokens voor /api/berichten), ook ingetrokken', response: { 200: z.array(machineAccountSchema), ...errorResponses(401, 403) } }, onRequest: manage }, async (request) =>
    inTenant(db, request, (tx, ctx) => listMachineAccounts(tx, ctx)),
  );
  api.post(
    '/api/admin/api-tokens',
    { schema: { tags, summary: 'Machineaccount voor een aanbieder aanmaken; het token staat alleen in dit antwoord', body: createMachineAccountBodySchema, response: { 201: createdMachineAccountSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: manage },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => addMachineAccount(tx, ctx, request.body))),
  );
  api.post(
    '/api/admin/api-tokens/:id/revoke',
    { schema: { tags, summary: 'Machineaccount intrekken: het token werkt daarna niet meer', params: machineAccountParamsSchema, response: { 200: machineAccountSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: manage },
    async (request) => asActor(db, request, (tx, ctx) => revokeMachineAccount(tx, ctx, request.params.id, new Date())),
  );

  // The change log
  api.get('/api/admin/changes', { schema: { tags, summary: 'De laatste 50 wijzigingen door beheer: wie, wanneer, wat', querystring: changesQuerySchema, response: { 200: z.array(adminChangeSchema), ...errorResponses(400, 401, 403) } }, onRequest: manage }, async (request) =>
    inTenant(db, request, (tx) => listChanges(tx, { section: request.query.section })),
  );
}
