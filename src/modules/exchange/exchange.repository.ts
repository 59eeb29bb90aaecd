import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { Frequency, Unit } from '../../db/column-types.js';
import type { MessageProblem } from './exchange.schemas.js';
import type { MessageStatus, XsdStatus } from './exchange.tables.js';

/** One client at one provider under one law, with a toewijzing that has not reached the provider in its current state. */
export interface OutboxGroup {
  residentId: string;
  providerId: string;
  law: 'wmo' | 'jeugdwet';
}

/**
 * Whether the provider has segment `s` as a current toewijzing: a 301 carried it as current, or it was
 * migrated — it has a ToewijzingNummer although no 301 of Koers ever carried it. The outbox numbers a
 * segment only in the transaction that links it to its 301 (and moves a number only with links too),
 * so a number without any link comes from outside the outbox: the toewijzingen a municipality takes
 * over from its previous system, numbered once at migration (numberToewijzingen in src/demo does that
 * for the demo's history). The provider already has those; sending them again would flood it with 301s.
 */
const knownToProvider = sql`(
  exists (select 1 from exchange_message_segments m where m.tenant_id = s.tenant_id and m.segment_id = s.id and m.state = 'current')
  or (s.allocation_number is not null
    and not exists (select 1 from exchange_message_segments m where m.tenant_id = s.tenant_id and m.segment_id = s.id)))`;

const announcedRemoved = sql`exists (select 1 from exchange_message_segments m where m.tenant_id = s.tenant_id and m.segment_id = s.id and m.state = 'removed')`;

/**
 * Groups with something to send: a current segment the provider does not have, or a superseded
 * segment the provider has (sent as current, or migrated) that was not yet sent as removed. Only
 * products with an iWmo/iJw category.
 */
export async function findOutboxGroups(tx: Tx, limit: number): Promise<OutboxGroup[]> {
  // The segments to send are found first, on their own: joined to allocations and products in one
  // statement, PGlite without planner statistics (no autovacuum) nested the three tables and took
  // half a minute on the demo data for what takes a tenth of a second this way.
  const { rows } = await sql<{ resident_id: string; provider_id: string; law: 'wmo' | 'jeugdwet' }>`
    with pending as materialized (
      select s.allocation_id from allocation_segments s
      where (s.superseded_at is null and not ${knownToProvider})
        or (s.superseded_at is not null and ${knownToProvider} and not ${announcedRemoved})
    )
    select distinct a.resident_id, a.provider_id, p.law
    from pending x
    join allocations a on a.id = x.allocation_id
    join products p on p.tenant_id = a.tenant_id and p.id = a.product_id
    where p.law in ('wmo', 'jeugdwet') and p.category_code is not null
    order by a.resident_id, a.provider_id, p.law
    limit ${limit}
  `.execute(tx);
  return rows.map((r) => ({ residentId: r.resident_id, providerId: r.provider_id, law: r.law }));
}

export interface GroupSegment {
  segmentId: string;
  allocationId: string;
  allocationNumber: number | null;
  state: 'current' | 'removed';
  categoryCode: string;
  productCode: string | null;
  unit: Unit;
  volume: string;
  frequency: Frequency;
  startDate: string;
  endDate: string;
  allocatedAt: Date;
  /** Whether the provider already has this segment as current, from a 301 or migrated (then a change is announced, not a new toewijzing). */
  sentBefore: boolean;
  /** ReferentieAanbieder of the provider's request this segment answers (migration 0022). */
  providerReference: string | null;
}

/** Every toewijzing of the group the 301 must carry: all current segments and the superseded ones to announce as removed. */
export async function groupSegments(tx: Tx, g: OutboxGroup): Promise<GroupSegment[]> {
  const { rows } = await sql<{
    segment_id: string;
    allocation_id: string;
    allocation_number: number | null;
    superseded: boolean;
    category_code: string;
    product_code: string | null;
    unit: Unit;
    volume: string;
    frequency: Frequency;
    start_date: string;
    end_date: string;
    recorded_at: Date;
    sent_current: boolean;
    provider_reference: string | null;
  }>`
    select s.id as segment_id, s.allocation_id, s.allocation_number, s.superseded_at is not null as superseded,
      p.category_code, p.product_code, a.unit, s.volume::text as volume, s.frequency,
      to_char(s.start_date, 'YYYY-MM-DD') as start_date, to_char(s.end_date, 'YYYY-MM-DD') as end_date, s.recorded_at, s.provider_reference,
      ${knownToProvider} as sent_current
    from allocation_segments s
    join allocations a on a.tenant_id = s.tenant_id and a.id = s.allocation_id
    join products p on p.tenant_id = a.tenant_id and p.id = a.product_id
    where a.resident_id = ${g.residentId} and a.provider_id = ${g.providerId} and p.law = ${g.law} and p.category_code is not null
      and (s.superseded_at is null or (${knownToProvider} and not ${announcedRemoved}))
    order by s.start_date, s.recorded_at, s.id
  `.execute(tx);
  return rows.map((r) => ({
    segmentId: r.segment_id,
    allocationId: r.allocation_id,
    allocationNumber: r.allocation_number,
    state: r.superseded ? 'removed' : 'current',
    categoryCode: r.category_code,
    productCode: r.product_code,
    unit: r.unit,
    volume: r.volume,
    frequency: r.frequency,
    startDate: r.start_date,
    endDate: r.end_date,
    allocatedAt: r.recorded_at,
    sentBefore: r.sent_current,
    providerReference: r.provider_reference,
  }));
}

/** The next values of a counter, gap-free: the row is locked until the transaction ends. */
export async function takeNumbers(tx: Tx, tenantId: string, name: 'toewijzingnummer' | 'berichtidentificatie', count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ value: string }>`
    insert into exchange_counters (tenant_id, name, value) values (${tenantId}, ${name}, ${count})
    on conflict (tenant_id, name) do update set value = exchange_counters.value + ${count}
    returning value::text as value
  `.execute(tx);
  const last = Number(rows[0]!.value);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

export async function setAllocationNumber(tx: Tx, segmentId: string, allocationNumber: number): Promise<void> {
  await tx.updateTable('allocation_segments').set({ allocation_number: allocationNumber }).where('id', '=', segmentId).where('allocation_number', 'is', null).execute();
}

export interface NewMessage {
  tenantId: string;
  standard: 'iwmo' | 'ijw';
  messageNumber: number;
  direction: 'out' | 'in';
  providerId: string;
  residentId: string | null;
  identification: string;
  datedOn: string;
  xsdStatus: XsdStatus;
  problems: MessageProblem[];
  xml: string;
  status: MessageStatus;
  inReplyTo?: string | null;
  createdBy: string | null;
}

/**
 * The identification an incoming message is kept under. A message is kept under its own; a second one
 * from the same sender with the same identification (per standard and message type) is a duplicate,
 * kept under a suffixed identification and answered with 9056.
 */
export async function identificationToKeep(
  tx: Tx,
  tenantId: string,
  m: { type: { standard: 'iwmo' | 'ijw'; number: number }; providerId: string; identification: string },
): Promise<{ duplicate: boolean; storedIdentification: string }> {
  const earlier = await tx
    .selectFrom('exchange_messages')
    .select('id')
    .where('direction', '=', 'in')
    .where('standard', '=', m.type.standard)
    .where('message_number', '=', m.type.number)
    .where('provider_id', '=', m.providerId)
    .where('identification', '=', m.identification)
    .executeTakeFirst();
  if (!earlier) return { duplicate: false, storedIdentification: m.identification };
  const [sequence] = await takeNumbers(tx, tenantId, 'berichtidentificatie', 1);
  return { duplicate: true, storedIdentification: `${m.identification.slice(0, 8)}~${sequence! % 1000}` };
}

export async function insertMessage(tx: Tx, m: NewMessage): Promise<string> {
  const row = await tx
    .insertInto('exchange_messages')
    .values({
      tenant_id: m.tenantId,
      standard: m.standard,
      message_number: m.messageNumber,
      direction: m.direction,
      provider_id: m.providerId,
      resident_id: m.residentId,
      identification: m.identification,
      dated_on: m.datedOn,
      xsd_status: m.xsdStatus,
      problems: JSON.stringify(m.problems),
      xml: m.xml,
      status: m.status,
      in_reply_to: m.inReplyTo ?? null,
      created_by: m.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function linkSegments(tx: Tx, tenantId: string, messageId: string, segments: { segmentId: string; state: 'current' | 'removed' }[]): Promise<void> {
  if (segments.length === 0) return;
  await tx
    .insertInto('exchange_message_segments')
    .values(segments.map((s) => ({ tenant_id: tenantId, message_id: messageId, segment_id: s.segmentId, state: s.state })))
    .execute();
}

export async function listMessages(tx: Tx, filter: { residentId?: string; providerId?: string; limit: number }) {
  let query = tx
    .selectFrom('exchange_messages as m')
    .innerJoin('providers as p', (join) => join.onRef('p.tenant_id', '=', 'm.tenant_id').onRef('p.id', '=', 'm.provider_id'))
    .select([
      'm.tenant_id', 'm.id', 'm.standard', 'm.message_number', 'm.direction', 'm.provider_id', 'm.resident_id', 'm.identification',
      'm.dated_on', 'm.xsd_status', 'm.problems', 'm.status', 'm.in_reply_to', 'm.created_by', 'm.created_at', 'm.downloaded_at',
      'p.name as provider_name', 'p.agb_code as provider_agb_code',
    ])
    .orderBy('m.created_at', 'desc')
    // One run creates its messages in one transaction (same created_at): the last numbered first.
    .orderBy('m.identification', 'desc')
    .limit(filter.limit);
  if (filter.residentId) query = query.where('m.resident_id', '=', filter.residentId);
  if (filter.providerId) query = query.where('m.provider_id', '=', filter.providerId);
  return query.execute();
}

export type MessageRow = Awaited<ReturnType<typeof listMessages>>[number];

export async function findMessageXml(tx: Tx, id: string): Promise<{ id: string; xml: string; resident_id: string | null; standard: 'iwmo' | 'ijw'; message_number: number; identification: string; status: MessageStatus } | undefined> {
  return tx
    .selectFrom('exchange_messages')
    .select(['id', 'xml', 'resident_id', 'standard', 'message_number', 'identification', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markDownloaded(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.updateTable('exchange_messages').set({ status: 'downloaded', downloaded_at: at }).where('id', '=', id).where('status', '=', 'ready').execute();
}
