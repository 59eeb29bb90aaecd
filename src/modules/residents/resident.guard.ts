import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../../db/tenancy.js';
import { recordProcessing } from '../../platform/audit/audit.service.js';
import type { ProcessingActivityId } from '../../platform/audit/processing-activities.js';
import type { Permission } from '../../platform/auth/roles.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { opensUnitOfWork, requestUnitOfWork, requirePrincipal, takeOpeningCheck, type OpeningCheck } from '../../platform/http/request-context.js';
import { relationGrants, residentWithRelation, residentWithRelationOf, residentWithRelationQuery, type ResidentAccessScope, type ResidentRelation, type ResidentWithRelationRow } from './resident.access.js';
import { residentExists, residentIdQuery } from './resident.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireResidentAccess: the relation that let this request through. */
    residentRelation?: ResidentRelation;
  }
}

/**
 * What a route's `:id` names when that is not a resident: each module offers its own resolver
 * ("the resident of this case") through its service, so the guard queries no other module's tables.
 */
export interface ResidentSubject {
  /** The Dutch noun in the 404 message, e.g. `Zaak`. */
  label: string;
  /** The resident the record with this id belongs to, or undefined when there is none (in this tenant). */
  residentOf(tx: Tx, id: string): Promise<string | undefined>;
  /**
   * The same as one scalar SQL subquery, so the guard finds the resident and the employee's relation
   * with them in a single round trip (`residentIdColumnOf` for a table with a `resident_id` column).
   */
  residentOfQuery(id: string): Expression<string | null>;
}

/** The tables that name the resident a row is about in a column `resident_id`. */
type ResidentKeyedTable = { [T in keyof DB]: 'resident_id' extends keyof DB[T] ? T : never }[keyof DB];

/**
 * `residentOfQuery` for the common case: the `resident_id` of the row of `table` whose `key` (default
 * `id`) is this id, as one scalar subquery. The module names its own table; the text is the same for
 * every id, so it is prepared once per connection.
 */
export function residentIdColumnOf(table: ResidentKeyedTable, id: string, key: 'id' | 'case_id' = 'id'): RawBuilder<string | null> {
  return sql<string | null>`select resident_id from ${sql.table(table)} where ${sql.ref(key)} = ${id}`;
}

const residentSubject: ResidentSubject = { label: 'Inwoner', residentOf: residentExists, residentOfQuery: residentIdQuery };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ResidentAccessRule {
  permission: Permission;
  activity: ProcessingActivityId;
  /** The processing's name in the audit log when access is refused (e.g. `zaak.raadplegen`). */
  name: string;
  /** What the route's `:id` names; without it, `:residentId` (or `:id`) is the resident. */
  subject?: ResidentSubject;
  /**
   * What the route touches (see `ResidentAccessScope`). Required, so every new route chooses:
   * `basic` is open to the KCC's first line, `care` (health-related) is not.
   */
  scope: ResidentAccessScope;
}

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
 * opens `basic` only). The permission needs no database; the lookup of the resident and the
 * relation run inside the request's unit of work, the transaction the handler then continues in.
 * A refusal is written to the audit log and committed before the 403 goes out; `NO_RELATION` tells
 * the client that break-glass access can be requested. An id that does not exist (or belongs to
 * another municipality) answers 404 here, so a child list under an unknown parent is 404 rather
 * than an empty list.
 */
export function requireResidentAccess(db: Kysely<DB>, rule: ResidentAccessRule) {
  const subject = rule.subject ?? residentSubject;
  const byResident = !rule.subject;
  const idOf = (request: FastifyRequest): string | undefined => {
    const params = request.params as { id?: string; residentId?: string };
    const rawId = byResident ? (params.residentId ?? params.id) : params.id;
    return rawId && UUID.test(rawId) ? rawId.toLowerCase() : undefined;
  };
  // The lookup of the resident and the relation, in the statement that looks up a read's session (one
  // round trip fewer); only its result is used, after the permission check below, as before.
  const check: OpeningCheck = (request, now) => {
    const id = idOf(request);
    return id === undefined ? undefined : (userId) => residentWithRelationQuery(userId, subject.residentOfQuery(id), now);
  };
  return opensUnitOfWork(async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const principal = requirePrincipal(request);
    const id = idOf(request);
    const refuse = async (residentId: string | undefined, reason: string, error: AppError): Promise<never> => {
      if (residentId) {
        const unit = await requestUnitOfWork(db, request);
        await recordProcessing(unit.tx, unit.audit, {
          name: rule.name,
          activity: rule.activity,
          subjects: [{ type: 'resident', id: residentId }],
          startTime: new Date(),
          status: 'ERROR',
          attributes: { reden: reason },
        });
        // The refusal is kept: this unit of work ends here, with only the refusal in it.
        request.unitOfWork = undefined;
        await unit.commit();
      }
      throw error;
    };
    if (!principal.permissions.includes(rule.permission)) {
      // Only a resident id from the URL is logged here: looking up a case for a caller without the role would be an oracle.
      return refuse(byResident ? id : undefined, `geen bevoegdheid (${rule.permission})`, forbidden());
    }
    if (!id) return; // the schema answers 400
    const unit = await requestUnitOfWork(db, request);
    const checked = takeOpeningCheck(request, check);
    const { residentId, relation } =
      checked !== undefined
        ? residentWithRelationOf(checked as ResidentWithRelationRow)
        : await residentWithRelation(unit.tx, principal.userId, subject.residentOfQuery(id));
    if (!residentId) throw notFound(subject.label);
    if (relation && !relationGrants(relation, rule.scope)) return refuse(residentId, FIRST_LINE_CARE_REASON, firstLineCareRefused());
    if (relation) {
      request.residentRelation = relation;
      return;
    }
    return refuse(
      residentId,
      'geen relatie met de inwoner',
      new AppError(
        'NO_RELATION',
        'U heeft geen relatie met deze inwoner (geen contactpersoon, zaak of gebiedsteam). Vraag zo nodig doorbraaktoegang aan met een reden; die wordt vastgelegd.',
      ),
    );
  }, check);
}
