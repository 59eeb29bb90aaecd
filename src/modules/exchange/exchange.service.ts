// Reading the exchange: the message list (names of the residents shown, each logged) and one message's XML.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { notFound, AppError } from '../../platform/errors.js';
import { residentNames } from '../residents/resident.service.js';
import { messageLabel, messageType } from './exchange.messages.js';
import { findMessageXml, listMessages, markDownloaded } from './exchange.repository.js';
import { retourCodeTexts } from './exchange.retour.js';

export async function listExchangeMessages(tx: Tx, ctx: AuditContext, query: { residentId?: string; providerId?: string; limit: number }) {
  const started = new Date();
  const rows = await listMessages(tx, query);
  const names = await residentNames(tx, rows.flatMap((r) => (r.resident_id ? [r.resident_id] : [])));
  const residents = [...names.keys()];
  if (residents.length > 0) {
    await recordProcessing(tx, ctx, {
      name: 'berichten.raadplegen',
      activity: 'berichtenverkeer-aanbieders',
      subjects: residents.map((id) => ({ type: 'resident' as const, id })),
      startTime: started,
    });
  }
  // The providers' retours (302/320) on the messages shown: the latest per message.
  const ids = rows.map((r) => r.id);
  const retours = ids.length
    ? await tx
        .selectFrom('exchange_retours as x')
        .innerJoin('exchange_messages as m', (j) => j.onRef('m.tenant_id', '=', 'x.tenant_id').onRef('m.id', '=', 'x.message_id'))
        .select(['x.original_id', 'x.codes', 'x.refused'])
        .where('x.original_id', 'in', ids)
        .orderBy('m.created_at')
        .execute()
    : [];
  const retourOf = new Map(retours.map((x) => [x.original_id, x]));
  return rows.map((r) => {
    const type = messageType(r.standard, r.message_number);
    const retour = retourOf.get(r.id);
    return {
      id: r.id,
      standard: r.standard,
      messageNumber: r.message_number,
      label: `${messageLabel(type)} ${type.name}`,
      direction: r.direction,
      provider: { id: r.provider_id, name: r.provider_name, agbCode: r.provider_agb_code },
      resident: r.resident_id ? { id: r.resident_id, name: names.get(r.resident_id) ?? 'Onbekende inwoner' } : null,
      identification: r.identification,
      datedOn: r.dated_on,
      xsdStatus: r.xsd_status,
      problems: r.problems,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      downloadedAt: r.downloaded_at ? r.downloaded_at.toISOString() : null,
      inReplyTo: r.in_reply_to,
      providerRetour: retour ? { refused: retour.refused, codes: retour.codes.map((c) => ({ ...c, text: retourCodeTexts[c.code] ?? '' })) } : null,
    };
  });
}

/** One message's XML for sending (or inspection); an outgoing message ready to send becomes 'downloaded'. */
export async function downloadMessage(tx: Tx, ctx: AuditContext, id: string, now: Date): Promise<{ fileName: string; xml: string }> {
  const started = new Date();
  const message = await findMessageXml(tx, id);
  if (!message) throw notFound('Bericht');
  if (message.status === 'rejected') {
    throw new AppError('CONFLICT', 'Dit bericht is afgekeurd bij de technische controle en wordt niet verstuurd. Bekijk de fouten in het overzicht.');
  }
  if (message.status === 'ready') await markDownloaded(tx, id, now);
  if (message.resident_id) {
    await recordProcessing(tx, ctx, {
      name: 'bericht.downloaden',
      activity: 'berichtenverkeer-aanbieders',
      subjects: [{ type: 'resident', id: message.resident_id }],
      startTime: started,
      attributes: { bericht: `${message.standard} ${message.message_number}`, identificatie: message.identification },
    });
  }
  return { fileName: `${message.standard === 'iwmo' ? 'WMO' : 'JW'}${message.message_number}-${message.identification}.xml`, xml: message.xml };
}
