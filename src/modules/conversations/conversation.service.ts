import type { AuditContext } from '../../platform/audit/audit.service.js';
import { recordProcessing } from '../../platform/audit/audit.service.js';
import type { ProcessingActivityId } from '../../platform/audit/processing-activities.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import type { Tx } from '../../db/tenancy.js';
// No resident service yet answers "does this resident exist, and what is the name" without logging a
// full read of the file and household; the repository lookup is the narrowest way in.
import { residentIdColumnOf, type ResidentSubject } from '../residents/resident.guard.js';
import { residentExists, residentIdentity } from '../residents/resident.service.js';
import { residentOfCase } from '../cases/case.service.js';
import {
  findConversationResidentId,
  findConversationById,
  findPreviousConversation,
  insertConversation,
  listConversationsByCase,
  listConversationsByResident,
  type ConversationRow,
} from './conversation.repository.js';
import { ladderStepLabels, type Conversation, type ConversationDetail, type CreateConversationInput } from './conversation.schema.js';

// Registered in processing-activities.ts (name, legal basis). Cast once, so this module compiles
// before and after that entry exists; the audit log shows the id either way.
export const CONVERSATION_ACTIVITY = 'gesprek-ondersteuningsbehoefte' as string as ProcessingActivityId;


export function conversationRowToConversation(row: ConversationRow): Conversation {
  const dim = (score: number, wantsToTalk: boolean) => ({ score, wantsToTalk });
  return {
    id: row.id,
    residentId: row.resident_id,
    caseId: row.case_id,
    correctsId: row.corrects_id,
    correctedById: row.corrected_by_id,
    heldOn: row.held_on,
    conductedBy: { userId: row.conducted_by_user_id, username: row.conducted_by_username, displayName: row.conducted_by_name ?? row.conducted_by_username },
    scores: {
      bodilyFunctions: dim(row.bodily_functions_score, row.bodily_functions_wants_to_talk),
      mentalWellbeing: dim(row.mental_wellbeing_score, row.mental_wellbeing_wants_to_talk),
      meaningfulness: dim(row.meaningfulness_score, row.meaningfulness_wants_to_talk),
      qualityOfLife: dim(row.quality_of_life_score, row.quality_of_life_wants_to_talk),
      participation: dim(row.participation_score, row.participation_wants_to_talk),
      dailyFunctioning: dim(row.daily_functioning_score, row.daily_functioning_wants_to_talk),
    },
    ladder: { step: row.ladder_step, stepLabel: ladderStepLabels[row.ladder_step], rationale: row.ladder_rationale },
    agreements: row.agreements,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** For the access guard: a route's `:id` that names a conversation. */
export const conversationSubject: ResidentSubject = { label: 'Gesprek', residentOf: findConversationResidentId, residentOfQuery: (id) => residentIdColumnOf('conversations', id) };

async function requireResident(tx: Tx, residentId: string): Promise<void> {
  if (!(await residentExists(tx, residentId))) throw notFound('Inwoner');
}

export async function registerConversation(
  tx: Tx,
  ctx: AuditContext,
  input: { residentId: string; conversation: CreateConversationInput },
): Promise<Conversation> {
  const startTime = new Date();
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'U bent niet ingelogd of uw sessie is verlopen.');
  await requireResident(tx, input.residentId);
  const c = input.conversation;
  if (c.correctsId) {
    const corrected = await findConversationById(tx, c.correctsId);
    if (!corrected || corrected.resident_id !== input.residentId) throw invalid('correctsId', 'Dit gesprek bestaat niet bij deze inwoner.');
    if (corrected.corrected_by_id) throw invalid('correctsId', 'Dit gesprek is al gecorrigeerd: corrigeer de laatste versie.');
  }
  if (c.caseId && (await residentOfCase(tx, c.caseId)) !== input.residentId) throw invalid('caseId', 'Deze zaak bestaat niet bij deze inwoner.');
  const s = c.scores;
  const id = await insertConversation(tx, {
    tenant_id: ctx.tenantId,
    resident_id: input.residentId,
    case_id: c.caseId ?? null,
    corrects_id: c.correctsId ?? null,
    held_on: c.heldOn,
    conducted_by_user_id: ctx.actor.userId,
    conducted_by_username: ctx.actor.username,
    bodily_functions_score: s.bodilyFunctions.score,
    bodily_functions_wants_to_talk: s.bodilyFunctions.wantsToTalk,
    mental_wellbeing_score: s.mentalWellbeing.score,
    mental_wellbeing_wants_to_talk: s.mentalWellbeing.wantsToTalk,
    meaningfulness_score: s.meaningfulness.score,
    meaningfulness_wants_to_talk: s.meaningfulness.wantsToTalk,
    quality_of_life_score: s.qualityOfLife.score,
    quality_of_life_wants_to_talk: s.qualityOfLife.wantsToTalk,
    participation_score: s.participation.score,
    participation_wants_to_talk: s.participation.wantsToTalk,
    daily_functioning_score: s.dailyFunctioning.score,
    daily_functioning_wants_to_talk: s.dailyFunctioning.wantsToTalk,
    ladder_step: c.ladder.step,
    ladder_rationale: c.ladder.rationale,
    agreements: c.agreements,
  });
  await recordProcessing(tx, ctx, {
    name: 'gesprek.registreren',
    activity: CONVERSATION_ACTIVITY,
    subjects: [{ type: 'resident', id: input.residentId }],
    startTime,
    attributes: { gesprekId: id, ...(c.correctsId ? { corrigeert: c.correctsId } : {}) },
  });
  const row = await findConversationById(tx, id);
  return conversationRowToConversation(row!);
}

export async function listConversationsOfResident(tx: Tx, ctx: AuditContext, residentId: string): Promise<Conversation[]> {
  const startTime = new Date();
  await requireResident(tx, residentId);
  const rows = await listConversationsByResident(tx, residentId);
  await recordProcessing(tx, ctx, {
    name: 'gesprekken.raadplegen',
    activity: CONVERSATION_ACTIVITY,
    subjects: [{ type: 'resident', id: residentId }],
    startTime,
    attributes: { gesprekken: rows.length },
  });
  return rows.map(conversationRowToConversation);
}

/** The conversations (onderzoeksverslagen) linked to a case, newest first; logged as a read of the resident's conversations. */
export async function listConversationsOfCase(tx: Tx, ctx: AuditContext, caseId: string): Promise<Conversation[]> {
  const startTime = new Date();
  const residentId = await residentOfCase(tx, caseId);
  if (!residentId) throw notFound('Zaak');
  const rows = await listConversationsByCase(tx, caseId);
  await recordProcessing(tx, ctx, {
    name: 'gesprekken.raadplegen',
    activity: CONVERSATION_ACTIVITY,
    subjects: [{ type: 'resident', id: residentId }],
    startTime,
    attributes: { zaakId: caseId, gesprekken: rows.length },
  });
  return rows.map(conversationRowToConversation);
}

async function loadWithPrevious(tx: Tx, id: string): Promise<{ row: ConversationRow; previous: ConversationRow | undefined }> {
  const row = await findConversationById(tx, id);
  if (!row) throw notFound('Gesprek');
  return { row, previous: await findPreviousConversation(tx, row) };
}

function detailOf(row: ConversationRow, previous: ConversationRow | undefined): ConversationDetail {
  return { ...conversationRowToConversation(row), previous: previous ? conversationRowToConversation(previous) : null };
}

/** One conversation with the previous standing one of the same resident, for the comparison. */
export async function getConversation(tx: Tx, ctx: AuditContext, id: string): Promise<ConversationDetail> {
  const startTime = new Date();
  const { row, previous } = await loadWithPrevious(tx, id);
  await recordProcessing(tx, ctx, {
    name: 'gesprek.raadplegen',
    activity: CONVERSATION_ACTIVITY,
    subjects: [{ type: 'resident', id: row.resident_id }],
    startTime,
    attributes: { gesprekId: row.id, ...(previous ? { vorigGesprekId: previous.id } : {}) },
  });
  return detailOf(row, previous);
}

export interface ConversationReport {
  conversation: ConversationDetail;
  resident: { fullName: string; birthDate: string };
}

/** What the printable report shows: the conversation, the previous one and the resident's name. */
export async function getConversationReport(tx: Tx, ctx: AuditContext, id: string): Promise<ConversationReport> {
  const startTime = new Date();
  const { row, previous } = await loadWithPrevious(tx, id);
  const resident = await residentIdentity(tx, row.resident_id);
  if (!resident) throw notFound('Inwoner');
  await recordProcessing(tx, ctx, {
    name: 'gespreksverslag.opvragen',
    activity: CONVERSATION_ACTIVITY,
    subjects: [{ type: 'resident', id: row.resident_id }],
    startTime,
    attributes: { gesprekId: row.id, ...(previous ? { vorigGesprekId: previous.id } : {}) },
  });
  return {
    conversation: detailOf(row, previous),
    resident: { fullName: resident.fullName, birthDate: resident.birthDate },
  };
}
