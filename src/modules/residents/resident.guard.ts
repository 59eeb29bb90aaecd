import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import { recordRefusedProcessing } from '../../platform/audit/audit.service.js';
import type { ProcessingActivityId } from '../../platform/audit/processing-activities.js';
import type { Permission } from '../../platform/auth/roles.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { auditContextOf, requirePrincipal } from '../../platform/http/request-context.js';
import { relationGrants, residentRelation, type ResidentAccessScope, type ResidentRelation } from './resident.access.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireResidentAccess: the relation that let this request through. */
    residentRelation?: ResidentRelation;
  }
}

/** What the route's `:id` / `:residentId` names; the resident is looked up from it. */
export type ResidentRouteSubject = 'resident' | 'case' | 'decision' | 'allocation' | 'conversation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const residentOf: Record<Exclude<ResidentRouteSubject, 'resident'>, (tx: Tx, id: string) => Promise<string | undefined>> = {
  case: async (tx, id) => (await tx.selectFrom('cases').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id,
  decision: async (tx, id) => (await tx.selectFrom('decisions').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id,
  allocation: async (tx, id) => (await tx.selectFrom('allocations').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id,
  conversation: async (tx, id) => (await tx.selectFrom('conversations').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id,
};

export interface ResidentAccessRule {
  permission: Permission;
  activity: ProcessingActivityId;
  /** The processing's name in the audit log when access is refused (e.g. `zaak.raadplegen`). */
  name: string;
  subject?: ResidentRouteSubject;
  /**
   * What the route touches (see `ResidentAccessScope`). Required, so every new route chooses:
   * `basic` is open to the KCC's first line, `care` (health-related) is not.
   */
  scope: ResidentAccessScope;
}

const subjectLabels: Record<ResidentRouteSubject, string> = { resident: 'Inwoner', case: 'Zaak', decision: 'Beschikking', allocation: 'Toewijzing', conversation: 'Gesprek' };

/** The refusal a KCC employee gets on a care sub-resource; the reason goes to the audit log. */
const FIRST_LINE_CARE_REASON = 'eerste lijn (KCC): geen toegang tot zorginhoudelijke gegevens';
const firstLineCareRefused = (): AppError =>
  new AppError(
    'FORBIDDEN',
    'Als eerste lijn (KCC) ziet u of er een zaak loopt, de status, de termijn en de contactpersoon, maar geen beschikkingen, toewijzingen of gesprekken. Verwijs de inwoner naar de contactpersoon.',
  );

/**
 * Route guard (onRequest) for everything about one resident: the role must hold the permission
 * AND the employee must have a relation with the resident (DESIGN.md §5: contact person, case,
 * area team, KCC first line, or a break-glass grant) that opens the route's scope (the first line
 * opens `basic` only). A refusal is written to the audit log before the 403 goes out;
 * `NO_RELATION` tells the client that break-glass access can be requested.
 * An id that does not exist (or belongs to another municipality) answers 404 here, so a child list
 * under an unknown parent is 404 rather than an empty list.
 */
export function requireResidentAccess(db: Kysely<DB>, rule: ResidentAccessRule) {
  const subject = rule.subject ?? 'resident';
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const principal = requirePrincipal(request);
    const params = request.params as { id?: string; residentId?: string };
    const rawId = subject === 'resident' ? (params.residentId ?? params.id) : params.id;
    const id = rawId && UUID.test(rawId) ? rawId.toLowerCase() : undefined;
    const ctx = auditContextOf(request, principal);
    const refuse = async (residentId: string | undefined, reason: string) => {
      if (residentId) {
        await recordRefusedProcessing(db, ctx, {
          name: rule.name,
          activity: rule.activity,
          subjects: [{ type: 'resident', id: residentId }],
          startTime: new Date(),
          reason,
        });
      }
    };
    if (!principal.permissions.includes(rule.permission)) {
      // Only a resident id from the URL is logged here: looking up a case for a caller without the role would be an oracle.
      await refuse(subject === 'resident' ? id : undefined, `geen bevoegdheid (${rule.permission})`);
      throw forbidden();
    }
    if (!id) return; // the schema answers 400
    const outcome = await withTenant(db, principal.tenantId, async (tx) => {
      const residentId = subject === 'resident' ? await residentExists(tx, id) : await residentOf[subject](tx, id);
      if (!residentId) return { residentId: undefined, relation: null };
      return { residentId, relation: await residentRelation(tx, principal.userId, residentId) };
    });
    if (!outcome.residentId) throw notFound(subjectLabels[subject]);
    if (outcome.relation && !relationGrants(outcome.relation, rule.scope)) {
      await refuse(outcome.residentId, FIRST_LINE_CARE_REASON);
      throw firstLineCareRefused();
    }
    if (outcome.relation) {
      request.residentRelation = outcome.relation;
      return;
    }
    await refuse(outcome.residentId, 'geen relatie met de inwoner');
    throw new AppError(
      'NO_RELATION',
      'U heeft geen relatie met deze inwoner (geen contactpersoon, zaak of gebiedsteam). Vraag zo nodig doorbraaktoegang aan met een reden; die wordt vastgelegd.',
    );
  };
}

async function residentExists(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('residents').select('id').where('id', '=', id).executeTakeFirst())?.id;
}
