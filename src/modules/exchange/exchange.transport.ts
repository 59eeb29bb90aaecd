// Outgoing messages on their way to providers: what is pending (ready, not yet fetched), a message's
// file name, and writing them to a folder (atomically: a temporary file, then a rename).

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Tx } from '../../db/tenancy.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { notFound } from '../../platform/errors.js';
import { messageLabel, messageType } from './exchange.messages.js';
import { downloadMessage } from './exchange.service.js';

/** `WMO301_K000000123.xml` / `JW306_K000000124.xml`: the type and the BerichtIdentificatie. */
export const messageFileName = (m: { standard: 'iwmo' | 'ijw'; messageNumber: number; identification: string }): string =>
  `${m.standard === 'iwmo' ? 'WMO' : 'JW'}${m.messageNumber}_${m.identification.replace(/[^A-Za-z0-9~-]/g, '_')}.xml`;

export interface PendingMessage {
  id: string;
  standard: 'iwmo' | 'ijw';
  messageNumber: number;
  label: string;
  identification: string;
  provider: { id: string; agbCode: string };
  createdAt: string;
  fileName: string;
}

/** Outgoing messages ready to send and not yet fetched, oldest first; for one provider when given. */
export async function listPendingMessages(tx: Tx, filter: { providerId?: string; limit: number }): Promise<PendingMessage[]> {
  let query = tx
    .selectFrom('exchange_messages as m')
    .innerJoin('providers as p', 'p.id', 'm.provider_id')
    .select(['m.id', 'm.standard', 'm.message_number', 'm.identification', 'm.provider_id', 'p.agb_code', 'm.created_at'])
    .where('m.direction', '=', 'out')
    .where('m.status', '=', 'ready')
    .orderBy('m.created_at')
    .orderBy('m.identification')
    .limit(filter.limit);
  if (filter.providerId) query = query.where('m.provider_id', '=', filter.providerId);
  const rows = await query.execute();
  return rows.map((r) => {
    const m = { standard: r.standard, messageNumber: r.message_number, identification: r.identification };
    const type = messageType(r.standard, r.message_number);
    return { id: r.id, ...m, label: `${messageLabel(type)} ${type.name}`, provider: { id: r.provider_id, agbCode: r.agb_code }, createdAt: r.created_at.toISOString(), fileName: messageFileName(m) };
  });
}

/**
 * One outgoing message for the provider that fetches it (marked downloaded, and logged). A message of
 * another provider, an incoming one, or one that failed the technical check does not exist for it (404).
 */
export async function fetchMessageForProvider(tx: Tx, ctx: AuditContext, input: { id: string; providerId: string; now: Date }): Promise<{ fileName: string; xml: string }> {
  const row = await tx
    .selectFrom('exchange_messages')
    .select(['id', 'standard', 'message_number', 'identification'])
    .where('id', '=', input.id)
    .where('provider_id', '=', input.providerId)
    .where('direction', '=', 'out')
    .where('status', 'in', ['ready', 'downloaded'])
    .executeTakeFirst();
  if (!row) throw notFound('Bericht');
  const { xml } = await downloadMessage(tx, ctx, row.id, input.now);
  return { fileName: messageFileName({ standard: row.standard, messageNumber: row.message_number, identification: row.identification }), xml };
}

/** Writes `content` to `file` atomically: readers see the whole file or none. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(temp, content);
  renameSync(temp, file);
}

/**
 * Writes every pending outgoing message to `dir` (one file each) and marks it downloaded, in the
 * caller's transaction: when that rolls back the messages stay pending and are written again (the
 * same file name), so none is lost.
 */
export async function exportPendingMessages(tx: Tx, ctx: AuditContext, input: { dir: string; now: Date; limit?: number; onProgress?: (done: number, total: number) => void }): Promise<{ files: string[] }> {
  const pending = await listPendingMessages(tx, { limit: input.limit ?? 10_000 });
  const files: string[] = [];
  for (const [i, m] of pending.entries()) {
    const { xml } = await downloadMessage(tx, ctx, m.id, input.now);
    const file = path.join(input.dir, m.fileName);
    writeFileAtomic(file, xml);
    files.push(file);
    input.onProgress?.(i + 1, pending.length);
  }
  return { files };
}
