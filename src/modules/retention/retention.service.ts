import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, recordProcessingOfQuery, type AuditContext } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/auth.service.js';
import { isValidBsn } from '../../platform/elfproef.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { beginUnitOfWork, type Actor } from '../../platform/unit-of-work.js';
import * as repo from './retention.repository.js';
import type { ApprovalCapacity, HoldKind } from './retention.tables.js';

// Retention and destruction (issue #13 part 5, docs/retention.md): rules of the Selectielijst as data,
// a monthly destruction list approved by the archivist and the case type's owner (two people), and the
// destruction itself, one transaction per item.

const ACTIVITY = 'archivering-vernietiging' as const;
/** The role that approves as archivist. The owner's role is the rule's `owner_role` (team_lead). */
export const ARCHIVIST_ROLE = 'archivist';

export const capacityLabels: Record<ApprovalCapacity, string> = { archivaris: 'Archivaris', eigenaar: 'Eigenaar zaaktype (teamleider)' };

/** Gives closed records their rule and destruction date (the job and the list call it). */
export function assignRetention(tx: Tx, today: string): Promise<number> {
  return repo.assignRetention(tx, today);
}

/**
 * Gives one case its rule and destruction date, in the transaction that closes it (the cases module
 * calls this when a case becomes afgesloten or ingetrokken). A case whose allocations still run gets
 * none yet (bestaansduur: the clock starts when they end); the nightly job assigns it then.
 * Returns whether the case got one.
 */
export async function assignCaseRetention(tx: Tx, caseId: string, today: string): Promise<boolean> {
  return (await repo.assignRetention(tx, today, { caseId })) > 0;
}

/** The rules as shipped (Selectielijst 2020, a 2020 draft used as test data). */
export async function listRules(tx: Tx) {
  const rows = await repo.loadRules(tx);
  return rows.map((r) => ({
    code: r.code, objectKind: r.object_kind, law: r.law, result: r.result, selectielijstNr: r.selectielijst_nr, object: r.object,
    valuation: r.valuation, processTerm: r.process_term, termYears: r.term_years, termWeeks: r.term_weeks, destroyOnRequest: r.destroy_on_request,
    ownerRole: r.owner_role, source: r.source,
  }));
}

const lastDayOfMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/**
 * Makes the destruction list of a month: first every closed record gets its rule, then the list takes
 * every item due by the end of the month (or by today, for the current month) and the items of residents
 * who asked for destruction, minus residents under a hold. One list per month.
 */
export async function createList(tx: Tx, ctx: Actor, input: { month: string; today: string }): Promise<string> {
  if (input.month > `${input.today.slice(0, 7)}-01`) throw invalid('month', 'Een vernietigingslijst kan niet voor een toekomstige maand worden gemaakt.');
  await repo.assignRetention(tx, input.today);
  const end = lastDayOfMonth(input.month);
  const until = end < input.today ? end : input.today;
  const id = await repo.insertList(tx, ctx.tenantId, input.month, ctx.actorId);
  if (id === null) throw new AppError('CONFLICT', 'Voor deze maand bestaat al een vernietigingslijst.', [{ field: 'month', message: 'Voor deze maand bestaat al een vernietigingslijst.' }]);
  await repo.fillList(tx, id, until);
  await recordProcessingOfQuery(tx, ctx, { name: 'archief.vernietigingslijst.opstellen', activity: ACTIVITY, startTime: new Date() }, residentsOnList(id));
  return id;
}

const residentsOnList = (listId: string) =>
  sql<{ type: 'resident'; id: string }>`select distinct 'resident' as type, i.resident_id as id from retention_list_items li
    join retention_items i on i.tenant_id = li.tenant_id and i.id = li.item_id
    where li.list_id = ${listId}::uuid and i.resident_id is not null`;

export async function listLists(tx: Tx) {
  const rows = await repo.loadLists(tx);
  return rows.map((r) => ({ id: r.id, month: r.month, status: r.status, createdAt: r.created_at.toISOString(), items: Number(r.items ?? 0), destroyed: Number(r.destroyed ?? 0) }));
}

/** One list with its items (object, rule, due date; no names) and its approvals. Audited per resident on it. */
export async function getList(tx: Tx, ctx: AuditContext, id: string) {
  const list = await repo.loadList(tx, id);
  if (!list) throw notFound('De vernietigingslijst');
  const [items, approvals] = await Promise.all([repo.loadListItems(tx, id), repo.loadApprovals(tx, id)]);
  await recordProcessingOfQuery(tx, ctx, { name: 'archief.vernietigingslijst.raadplegen', activity: ACTIVITY, startTime: new Date() }, residentsOnList(id));
  const approval = (capacity: ApprovalCapacity) => {
    const a = approvals.find((x) => x.capacity === capacity);
    return a ? { userId: a.approved_by, name: a.display_name, at: a.approved_at.toISOString() } : null;
  };
  return {
    id: list.id,
    month: list.month,
    status: list.status,
    approvals: { archivaris: approval('archivaris'), eigenaar: approval('eigenaar') },
    items: items.map((i) => ({
      itemId: i.item_id, objectType: i.object_type, objectId: i.object_id, dueOn: i.due_on, basis: i.basis, status: i.status,
      clockStart: i.clock_start, destroyAfter: i.destroy_after,
      rule: { code: i.rule_code, selectielijstNr: i.selectielijst_nr, object: i.object, result: i.result, law: i.law, termYears: i.term_years, termWeeks: i.term_weeks, processTerm: i.process_term, ownerRole: i.owner_role },
    })),
  };
}

/**
 * Approves a list in one capacity: the archivist as 'archivaris', a team lead (the owner of the case
 * types) as 'eigenaar'. One person never gives both approvals. With both, the list is approved.
 */
export async function approveList(tx: Tx, ctx: Actor, input: { listId: string; capacity: ApprovalCapacity; roles: readonly string[] }): Promise<void> {
  const list = await repo.loadList(tx, input.listId, true);
  if (!list) throw notFound('De vernietigingslijst');
  if (list.status !== 'concept') throw new AppError('CONFLICT', 'Deze vernietigingslijst is al goedgekeurd.');
  const items = await repo.loadListItems(tx, input.listId);
  if (input.capacity === 'archivaris' && !input.roles.includes(ARCHIVIST_ROLE)) {
    throw new AppError('FORBIDDEN', 'Alleen de archivaris kan de lijst als archivaris goedkeuren.');
  }
  if (input.capacity === 'eigenaar') {
    const owners = new Set(items.map((i) => i.owner_role).concat(items.length === 0 ? ['team_lead'] : []));
    if (![...owners].every((role) => input.roles.includes(role))) throw new AppError('FORBIDDEN', 'Alleen de eigenaar van de zaaktypen (de teamleider) kan de lijst als eigenaar goedkeuren.');
  }
  const approvals = await repo.loadApprovals(tx, input.listId);
  if (approvals.some((a) => a.capacity !== input.capacity && a.approved_by === ctx.actorId)) {
    throw new AppError('CONFLICT', 'U heeft deze lijst al in de andere rol goedgekeurd: de tweede goedkeuring moet van een andere medewerker komen.');
  }
  if (!(await repo.insertApproval(tx, ctx.tenantId, input.listId, input.capacity, ctx.actorId))) {
    throw new AppError('CONFLICT', `Deze lijst is al goedgekeurd als ${capacityLabels[input.capacity].toLowerCase()}.`);
  }
  if (approvals.length + 1 === 2) await repo.setListStatus(tx, input.listId, 'goedgekeurd');
  await recordProcessingOfQuery(tx, ctx, { name: 'archief.vernietigingslijst.goedkeuren', activity: ACTIVITY, startTime: new Date(), attributes: { capacity: input.capacity } }, residentsOnList(input.listId));
}

/** A BSN that fails the 11-test (never a real person's), for an anonymous stand-in. */
function standInBsn(): string {
  for (;;) {
    const candidate = `0${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    if (!isValidBsn(candidate)) return candidate;
  }
}

export interface DestroyOutcome {
  destroyed: number;
  skipped: { itemId: string; reason: string }[];
  failed: { itemId: string; message: string }[];
}

/**
 * Destroys the open items of an approved list, ONE transaction per item: the item's records are
 * relinked to an anonymous stand-in (area kept, so the KPI counts of its months stay the same), its
 * free text and documents removed, the resident deleted when nothing refers to them any more, and a
 * destruction record written — or nothing of it, when the item fails or the run is killed. An item of
 * a resident put under a hold after the list was made is skipped. A second run takes the rest.
 */
export async function destroyList(db: Kysely<DB>, principal: Principal, audit: AuditContext, listId: string): Promise<DestroyOutcome> {
  const first = await beginUnitOfWork(db, { kind: 'employee', ...principal }, audit);
  let items: Awaited<ReturnType<typeof repo.loadListItems>>;
  let approvals: Awaited<ReturnType<typeof repo.loadApprovals>>;
  try {
    const list = await repo.loadList(first.tx, listId);
    if (!list) throw notFound('De vernietigingslijst');
    approvals = await repo.loadApprovals(first.tx, listId);
    if (list.status === 'concept' || approvals.length < 2) {
      const missing = (['archivaris', 'eigenaar'] as const).filter((c) => !approvals.some((a) => a.capacity === c)).map((c) => capacityLabels[c].toLowerCase());
      throw new AppError('CONFLICT', `De vernietigingslijst is nog niet door beide rollen goedgekeurd; goedkeuring ontbreekt van: ${missing.join(' en ')}. Vernietigen kan pas na goedkeuring door de archivaris én de eigenaar van het zaaktype.`);
    }
    items = (await repo.loadListItems(first.tx, listId)).filter((i) => i.status === 'open');
    await first.commit();
  } catch (error) {
    await first.rollback();
    throw error;
  }
  const archivist = approvals.find((a) => a.capacity === 'archivaris')!.approved_by;
  const owner = approvals.find((a) => a.capacity === 'eigenaar')!.approved_by;
  const standIns = new Map<string, string>();
  const outcome: DestroyOutcome = { destroyed: 0, skipped: [], failed: [] };
  for (const item of items) {
    const unit = await beginUnitOfWork(db, { kind: 'employee', ...principal }, audit);
    try {
      const result = await destroyItem(unit.tx, { ...audit, actorId: principal.userId }, { listId, itemId: item.item_id, basis: item.basis, archivist, owner, standIns });
      await unit.commit();
      if (result === 'destroyed') outcome.destroyed++;
      else outcome.skipped.push({ itemId: item.item_id, reason: result });
    } catch (error) {
      await unit.rollback();
      outcome.failed.push({ itemId: item.item_id, message: error instanceof AppError ? error.message : 'Vernietigen mislukt; het item is ongewijzigd gebleven.' });
    }
  }
  const last = await beginUnitOfWork(db, { kind: 'employee', ...principal }, audit);
  try {
    const left = (await repo.loadListItems(last.tx, listId)).filter((i) => i.status === 'open').length;
    if (left === 0) await repo.setListStatus(last.tx, listId, 'uitgevoerd');
    await last.commit();
  } catch (error) {
    await last.rollback();
    throw error;
  }
  return outcome;
}

async function destroyItem(tx: Tx, ctx: Actor, input: { listId: string; itemId: string; basis: 'termijn' | 'verzoek'; archivist: string; owner: string; standIns: Map<string, string> }): Promise<'destroyed' | string> {
  const item = await repo.lockItem(tx, input.itemId);
  if (!item || item.destroyed_at !== null) return 'al vernietigd';
  const residentId = item.resident_id;
  if (residentId !== null && (await repo.activeHoldOf(tx, residentId))) return 'bewaard: de inwoner staat onder een bewaarplicht (hold)';
  const rule = await repo.ruleOf(tx, item.rule_code);
  if (residentId !== null) {
    let standIn = input.standIns.get(residentId);
    if (standIn === undefined) {
      const area = await repo.areaOf(tx, residentId);
      standIn = await repo.insertStandIn(tx, ctx.tenantId, area?.area_code ?? null, standInBsn());
    }
    switch (item.object_type) {
      case 'uitkering': await repo.destroyBenefit(tx, item.object_id, standIn); break;
      case 'aanvraag': await repo.destroyApplication(tx, item.object_id, standIn); break;
      case 'vordering': await repo.destroyRecoveryClaim(tx, item.object_id, standIn); break;
      case 'zaak': await repo.destroySpecialAssistance(tx, item.object_id, standIn); break; // the rest of the case: retention_destroy_item
      case 'heronderzoek': case 'gesprek': case 'schuldhulp': break; // wholly in retention_destroy_item
    }
    await recordProcessing(tx, ctx, { name: 'archief.vernietigen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime: new Date(), attributes: { rule: rule.code, selectielijstNr: rule.selectielijst_nr, objectType: item.object_type } });
    await repo.prepareLastItem(tx, residentId, input.itemId, standIn);
    await repo.destroyInDatabase(tx, input.listId, input.itemId, standIn);
    input.standIns.set(residentId, standIn);
  } else {
    await repo.destroyInDatabase(tx, input.listId, input.itemId, null);
  }
  await repo.insertDestruction(tx, {
    tenant_id: ctx.tenantId, list_id: input.listId, item_id: input.itemId, object_type: item.object_type, object_id: item.object_id, rule_code: rule.code,
    selectielijst_nr: rule.selectielijst_nr, clock_start: item.clock_start, destroy_after: item.destroy_after, basis: input.basis, archivist_id: input.archivist, owner_id: input.owner, destroyed_by: ctx.actorId,
  });
  return 'destroyed';
}

/** The destruction records of a list (permanent; no personal data). */
export async function listDestructions(tx: Tx, listId: string) {
  if (!(await repo.loadList(tx, listId))) throw notFound('De vernietigingslijst');
  const rows = await repo.loadDestructions(tx, listId);
  return rows.map((r) => ({
    id: r.id, itemId: r.item_id, objectType: r.object_type, objectId: r.object_id, ruleCode: r.rule_code, selectielijstNr: r.selectielijst_nr,
    clockStart: r.clock_start, destroyAfter: r.destroy_after, basis: r.basis, archivistId: r.archivist_id, ownerId: r.owner_id, destroyedBy: r.destroyed_by, destroyedAt: r.destroyed_at.toISOString(),
  }));
}

const fullName = (r: { given_name: string; surname_prefix: string | null; family_name: string }) => [r.given_name, r.surname_prefix, r.family_name].filter(Boolean).join(' ');

async function residentByBsn(tx: Tx, bsn: string): Promise<string> {
  const row = await tx.selectFrom('residents').select('id').where('bsn', '=', bsn).executeTakeFirst();
  if (!row) throw invalid('bsn', 'Er is geen inwoner met dit BSN in deze gemeente.');
  return row.id;
}

export async function placeHold(tx: Tx, ctx: Actor, input: { bsn: string; kind: HoldKind; reason: string }): Promise<string> {
  const residentId = await residentByBsn(tx, input.bsn);
  const row = await repo.insertHold(tx, { tenant_id: ctx.tenantId, resident_id: residentId, kind: input.kind, reason: input.reason.trim(), placed_by: ctx.actorId });
  await recordProcessing(tx, ctx, { name: 'archief.bewaarplicht.vastleggen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime: new Date(), attributes: { kind: input.kind } });
  return row.id;
}

export async function liftHold(tx: Tx, ctx: Actor, id: string): Promise<void> {
  const row = await repo.liftHold(tx, id, ctx.actorId);
  if (!row) throw notFound('De lopende bewaarplicht');
  await recordProcessing(tx, ctx, { name: 'archief.bewaarplicht.opheffen', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime: new Date() });
}

export async function listHolds(tx: Tx, ctx: AuditContext) {
  const rows = await repo.loadHolds(tx);
  if (rows.length > 0) await recordProcessing(tx, ctx, { name: 'archief.bewaarplichten.raadplegen', activity: ACTIVITY, subjects: rows.map((r) => ({ type: 'resident', id: r.resident_id })), startTime: new Date() });
  return rows.map((r) => ({ id: r.id, residentId: r.resident_id, bsn: r.bsn, name: fullName(r), kind: r.kind, reason: r.reason, placedAt: r.placed_at.toISOString(), liftedAt: r.lifted_at?.toISOString() ?? null }));
}

const addMonths = (date: string, months: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
};

/** A resident's request for destruction: the list takes their eligible items, due three months later. */
export async function registerRequest(tx: Tx, ctx: Actor, input: { bsn: string; receivedOn: string; note: string; today: string }): Promise<string> {
  if (input.receivedOn > input.today) throw invalid('receivedOn', 'De datum van ontvangst ligt in de toekomst.');
  const residentId = await residentByBsn(tx, input.bsn);
  const row = await repo.insertRequest(tx, { tenant_id: ctx.tenantId, resident_id: residentId, received_on: input.receivedOn, due_on: addMonths(input.receivedOn, 3), note: input.note.trim(), registered_by: ctx.actorId });
  await recordProcessing(tx, ctx, { name: 'archief.vernietigingsverzoek.vastleggen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime: new Date() });
  return row.id;
}

export async function listRequests(tx: Tx, ctx: AuditContext) {
  const rows = await repo.loadRequests(tx);
  if (rows.length > 0) await recordProcessing(tx, ctx, { name: 'archief.vernietigingsverzoeken.raadplegen', activity: ACTIVITY, subjects: rows.map((r) => ({ type: 'resident', id: r.resident_id })), startTime: new Date() });
  return rows.map((r) => ({ id: r.id, residentId: r.resident_id, bsn: r.bsn, name: fullName(r), receivedOn: r.received_on, dueOn: r.due_on, note: r.note }));
}
