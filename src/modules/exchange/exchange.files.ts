// Messages as files: reading one incoming file (refused unread when over the limit), used by the
// folder job and `koers berichten import`, and a summary line of the outcome.

import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { AppError } from '../../platform/errors.js';
import type { ReceiveResult } from './exchange.inbox.js';
import { EXCERPT_BYTES, MESSAGE_LIMIT_BYTES, reasonOf, receiveIncoming, recordRefusal, RefusedMessageError, senderOf, tooLargeMessage, type IntakeStore } from './exchange.intake.js';
import type { SchemaSet } from './exchange.schemas.js';
import type { IntakeChannel } from './exchange.tables.js';

export type FileOutcome =
  | { file: string; outcome: 'accepted' | 'rejected' | 'duplicate'; result: ReceiveResult }
  | { file: string; outcome: 'refused'; refusalId: string | null; error: { code: string; message: string } };

/** Reads at most `bytes` from the start of a file. */
function head(file: string, bytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Receives one message file; a refusal is recorded and returned, not thrown. */
export async function receiveFile(
  store: IntakeStore,
  audit: AuditContext,
  schemas: SchemaSet | undefined,
  input: { file: string; channel: IntakeChannel; now: Date },
): Promise<FileOutcome> {
  const fileName = path.basename(input.file);
  const size = statSync(input.file).size;
  if (size > MESSAGE_LIMIT_BYTES) {
    // Not read in full: its beginning (for the sender) only.
    const start = head(input.file, EXCERPT_BYTES);
    const reason = tooLargeMessage(size);
    const refusalId = await recordRefusal(store, audit.tenantId, { intake: { channel: input.channel, fileName, actorId: null }, reason, size, body: null, sender: senderOf(start.toString('utf8')), at: input.now });
    return { file: input.file, outcome: 'refused', refusalId, error: { code: 'PAYLOAD_TOO_LARGE', message: reason } };
  }
  try {
    const result = await receiveIncoming(store, audit, schemas, readFileSync(input.file), { channel: input.channel, fileName, actorId: null }, input.now);
    const duplicate = result.retourCodes.some((c) => c.level === 'header' && c.code === '9056');
    return { file: input.file, outcome: duplicate ? 'duplicate' : result.status, result };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { file: input.file, outcome: 'refused', refusalId: error instanceof RefusedMessageError ? error.refusalId : null, error: { code: error.code, message: reasonOf(error) } };
  }
}

/** One line per file, in Dutch, for a terminal or a log. */
export function describeOutcome(o: FileOutcome): string {
  const name = path.basename(o.file);
  if (o.outcome === 'refused') return `GEWEIGERD ${name}: ${o.error.message}`;
  const codes = o.result.retourCodes.filter((c) => c.code !== '0200').map((c) => c.code);
  const label = o.result.label;
  if (o.outcome === 'duplicate') return `DUBBEL    ${name}: ${label}, al eerder ontvangen (retourcode 9056)`;
  if (o.outcome === 'rejected') {
    const why = o.result.problems.length ? `${o.result.problems.length} ${o.result.problems.length === 1 ? 'fout' : 'fouten'} in de technische controle` : `retourcodes ${codes.join(', ')}`;
    return `AFGEKEURD ${name}: ${label}, ${why}`;
  }
  return `AANGENOMEN ${name}: ${label}, ${o.result.products.accepted} van ${o.result.products.total} producten zonder opmerking${codes.length ? ` (retourcodes ${codes.join(', ')})` : ''}`;
}
