// One door for every incoming message, whatever the channel (provider API, folder, CLI, upload on the
// page): the size limit, the check that a machine account only delivers its own provider's messages,
// and `receiveMessage` in a transaction of its own. A message refused before it is kept (too large,
// not XML, not processed by this version, another municipality, an unknown provider) leaves no trace
// of the refused work — that transaction rolls back — and is then recorded in exchange_refusals, in a
// transaction of its own, so every refusal can be looked up.

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { AppError } from '../../platform/errors.js';
import { providerByAgbCode } from '../providers/provider.service.js';
import { receiveMessage, type ReceiveResult } from './exchange.inbox.js';
import type { SchemaSet } from './exchange.schemas.js';
import type { IntakeChannel } from './exchange.tables.js';
import { sha256, type MachinePrincipal } from './exchange.tokens.js';

/**
 * Largest message Koers accepts: 20 MiB. The largest iWmo/iJw message is a declaration (323) of a
 * provider with many clients; at roughly 1–2 kB per declared product 20 MiB holds 10,000–20,000
 * products, far more than a provider declares per month to one municipality. Beyond that a message is
 * more likely a mistake (or an attack); parsing and the XSD check of 20 MiB take a few hundred MB of
 * memory, which a small server can bear, and larger requests would not be.
 */
export const MESSAGE_LIMIT_BYTES = 20 * 1024 * 1024;
/** How much of a refused message is kept: the whole XML up to this size, else its beginning. */
export const EXCERPT_BYTES = 64 * 1024;

export const tooLargeMessage = (size: number | null): string =>
  `Het bericht is te groot${size !== null ? ` (${(size / 1024 / 1024).toFixed(1).replace('.', ',')} MB)` : ''}: Koers neemt berichten tot 20 MB aan. Splits het bericht of neem contact op met de gemeente.`;

export interface Intake {
  channel: IntakeChannel;
  /** The file name, for the folder, the CLI and the upload. */
  fileName?: string | null;
  /** The employee who uploaded it (created_by); null for machine accounts, folders and the CLI. */
  actorId: string | null;
  /** The machine account that delivered it (provider API). */
  machine?: MachinePrincipal;
}

/** The Afzender as given, read without trusting the XML to be well-formed. */
export function senderOf(text: string): string | null {
  const match = /<(?:[A-Za-z_][\w.-]*:)?Afzender\s*>\s*([^<]{0,40}?)\s*<\//.exec(text.slice(0, 8192));
  return match ? match[1]! : null;
}

const stripNul = (text: string) => text.replaceAll('\u0000', '');

/**
 * Where an incoming message is received: with the database, each message in a transaction of its
 * own; inside a job's transaction (which must not open a second one), each message in a savepoint.
 */
export type IntakeStore = Kysely<DB> | { tx: Tx };

const isTx = (store: IntakeStore): store is { tx: Tx } => 'tx' in store && !('selectFrom' in store);

/** Runs `work` isolated: committed (or released) when it resolves, rolled back when it throws. */
async function isolated<T>(store: IntakeStore, tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isTx(store)) return withTenant(store, tenantId, work);
  const { tx } = store;
  await sql`savepoint berichten_intake`.execute(tx);
  try {
    const result = await work(tx);
    await sql`release savepoint berichten_intake`.execute(tx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint berichten_intake`.execute(tx);
    throw error;
  }
}

/** Records a refused message after the refused work rolled back (a transaction or savepoint of its own). */
export async function recordRefusal(
  store: IntakeStore,
  tenantId: string,
  refusal: { intake: Intake; reason: string; size: number; body: Buffer | null; sender: string | null; at: Date },
): Promise<string> {
  const body = refusal.body;
  const complete = body !== null && body.length <= EXCERPT_BYTES;
  const excerpt = body === null ? null : stripNul(body.subarray(0, EXCERPT_BYTES).toString('utf8'));
  return isolated(store, tenantId, async (tx) => {
    const row = await tx
      .insertInto('exchange_refusals')
      .values({
        tenant_id: tenantId,
        received_at: refusal.at,
        channel: refusal.intake.channel,
        sender: refusal.sender === null ? null : stripNul(refusal.sender).slice(0, 40),
        provider_id: refusal.intake.machine?.providerId ?? null,
        file_name: refusal.intake.fileName ? stripNul(refusal.intake.fileName).slice(0, 255) : null,
        reason: refusal.reason,
        size_bytes: refusal.size,
        body_sha256: body === null ? null : sha256(body),
        excerpt,
        excerpt_complete: complete,
        created_by: refusal.intake.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** The reason as staff read it: the message, and the field messages when there are any. */
export const reasonOf = (error: AppError): string => (error.fields.length ? error.fields.map((f) => f.message).join(' ') : error.message);

/** A machine account delivers its own provider's messages only. */
async function checkSender(tx: Tx, machine: MachinePrincipal, sender: string | null): Promise<void> {
  if (sender === null) return; // receiveMessage refuses what it cannot read
  const provider = await providerByAgbCode(tx, { agbCode: sender, tenantId: machine.tenantId });
  if (provider?.id === machine.providerId) return;
  throw new AppError(
    'FORBIDDEN',
    `De afzender van dit bericht (AGB-code ${sender || 'leeg'}) is niet ${machine.providerName} (AGB-code ${machine.providerAgbCode}): met dit token levert u alleen berichten van ${machine.providerName} aan.`,
  );
}

/**
 * A value the database refuses to store (SQLSTATE class 22 data exception, 23 constraint: a NUL
 * character, an identification longer than the standard allows when no XSD checked it) is bad input
 * too: refused and recorded like the others, never a 500 and never a folder job that fails forever.
 */
function storageRefusal(error: unknown): AppError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(code)) return undefined;
  return new AppError('BAD_REQUEST', 'Het bericht bevat een gegeven dat Koers niet kan opslaan (een niet toegestaan teken, of een waarde die te lang is of buiten de toegestane waarden valt). Controleer het bericht tegen de XSD van de standaard.');
}

export class RefusedMessageError extends AppError {
  constructor(
    error: AppError,
    readonly refusalId: string,
  ) {
    super(error.code, error.message, error.fields);
  }
}

/**
 * Receives one incoming message in a transaction of its own. A refusal (an AppError: 400, 403, 413)
 * rolls that transaction back, is recorded in exchange_refusals and is thrown again as a
 * RefusedMessageError with the record's id.
 */
export async function receiveIncoming(
  store: IntakeStore,
  audit: AuditContext,
  schemas: SchemaSet | undefined,
  body: Buffer | string,
  intake: Intake,
  now: Date,
): Promise<ReceiveResult> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const sender = senderOf(text);
  try {
    if (bytes.length > MESSAGE_LIMIT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', tooLargeMessage(bytes.length));
    if (bytes.length === 0 || text.trim() === '') throw new AppError('BAD_REQUEST', 'Het bericht is leeg.');
    return await isolated(store, audit.tenantId, async (tx) => {
      if (intake.machine) await checkSender(tx, intake.machine, sender);
      return receiveMessage({ tx, audit, actorId: intake.actorId }, schemas, text, now);
    });
  } catch (caught) {
    const error = storageRefusal(caught) ?? caught;
    if (!(error instanceof AppError) || error.code === 'INTERNAL' || error.code === 'SERVICE_UNAVAILABLE') throw error;
    const refusalId = await recordRefusal(store, audit.tenantId, { intake, reason: reasonOf(error), size: bytes.length, body: bytes, sender, at: now });
    throw new RefusedMessageError(error, refusalId);
  }
}

export interface Refusal {
  id: string;
  receivedAt: string;
  channel: IntakeChannel;
  sender: string | null;
  provider: { id: string; name: string } | null;
  fileName: string | null;
  reason: string;
  sizeBytes: number;
  sha256: string | null;
  excerptComplete: boolean;
}

/** The latest refusals, newest first. The excerpt (which may hold personal data) is not in the list. */
export async function listRefusals(tx: Tx, query: { limit: number }): Promise<Refusal[]> {
  const rows = await tx
    .selectFrom('exchange_refusals as r')
    .leftJoin('providers as p', 'p.id', 'r.provider_id')
    .select(['r.id', 'r.received_at', 'r.channel', 'r.sender', 'r.provider_id', 'p.name as provider_name', 'r.file_name', 'r.reason', 'r.size_bytes', 'r.body_sha256', 'r.excerpt_complete'])
    .orderBy('r.received_at', 'desc')
    .orderBy('r.id')
    .limit(query.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.received_at.toISOString(),
    channel: r.channel,
    sender: r.sender,
    provider: r.provider_id ? { id: r.provider_id, name: r.provider_name ?? 'Onbekende aanbieder' } : null,
    fileName: r.file_name,
    reason: r.reason,
    sizeBytes: Number(r.size_bytes),
    sha256: r.body_sha256 ? Buffer.from(r.body_sha256).toString('hex') : null,
    excerptComplete: r.excerpt_complete,
  }));
}
