// The outbox: after a decision or a change, every provider gets a 301 (toewijzing) with all current
// toewijzingen of that client under that law. What is sent is recorded per segment, so a run sends
// exactly what changed since the last one and a second run sends nothing.
//
// Mapping Koers → iWmo/iJw:
// - one allocation segment (one volume over one period) is one toewijzing with its own ToewijzingNummer;
// - a segment replaced with only its end date changed keeps the provider's number: it is sent with the
//   new Einddatum and RedenWijziging 04 (verlenging) or 05 (verkorting);
// - any other replaced segment the provider already had is withdrawn: Einddatum = Ingangsdatum and
//   RedenWijziging 13 (verwijderd), and the new segment is a new toewijzing.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { getProvider } from '../providers/provider.service.js';
import { residentForMessage, type ResidentForMessage } from '../residents/resident.service.js';
import { writeAllocationMessage, type AllocatedProduct, type FrequencyCode, type UnitCode } from './exchange.allocation-message.js';
import { municipalityCode } from './exchange.header.js';
import { messageType, type Standard } from './exchange.messages.js';
import {
  findOutboxGroups,
  groupSegments,
  insertMessage,
  linkSegments,
  setAllocationNumber,
  takeNumbers,
  type GroupSegment,
  type OutboxGroup,
} from './exchange.repository.js';
import type { SchemaSet, MessageProblem } from './exchange.schemas.js';
import type { XsdStatus } from './exchange.tables.js';

const frequencyCodes: Record<GroupSegment['frequency'], FrequencyCode> = { per_day: '1', per_week: '2', per_month: '4', total: '6' };
const unitCodes: Record<GroupSegment['unit'], UnitCode> = { minute: '01', hour: '04', day_part: '16', day: '14', piece: '82', euro: '83' };

/** Omvang in whole units (LDT_Volume is an integer): a fraction of an hour is sent in minutes. */
export function volumeOf(unit: GroupSegment['unit'], volume: number, frequency: GroupSegment['frequency']): { amount: number; unit: UnitCode; frequency: FrequencyCode; rounded: boolean } {
  if (unit === 'hour' && !Number.isInteger(volume)) {
    const minutes = volume * 60;
    return { amount: Math.round(minutes), unit: '01', frequency: frequencyCodes[frequency], rounded: !Number.isInteger(minutes) };
  }
  return { amount: Math.round(volume), unit: unitCodes[unit], frequency: frequencyCodes[frequency], rounded: !Number.isInteger(volume) };
}

const standardOf = (law: OutboxGroup['law']): Standard => (law === 'wmo' ? 'iwmo' : 'ijw');

/** Initials from the given names: "Maria Johanna" → "MJ" (at most six letters). */
export const initialsFrom = (givenName: string): string =>
  givenName
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((name) => name[0]!)
    .join('')
    .slice(0, 6);

interface PlannedProduct {
  segment: GroupSegment;
  /** What the provider learns: new/unchanged ('current'), a changed end date, or a withdrawal. */
  kind: 'current' | 'end-date-changed' | 'withdrawn';
  /** The superseded segment whose number this one continues (end date changed). */
  continues?: GroupSegment;
}

/** Pairs a replaced segment with its successor when only the end date changed; the rest as they are. */
export function planProducts(segments: GroupSegment[]): PlannedProduct[] {
  const removed = segments.filter((s) => s.state === 'removed');
  const used = new Set<string>();
  const planned: PlannedProduct[] = [];
  for (const s of segments.filter((x) => x.state === 'current')) {
    const predecessor = !s.sentBefore
      ? removed.find(
          (r) => !used.has(r.segmentId) && r.allocationId === s.allocationId && r.startDate === s.startDate && Number(r.volume) === Number(s.volume) && r.frequency === s.frequency && r.endDate !== s.endDate,
        )
      : undefined;
    if (predecessor) {
      used.add(predecessor.segmentId);
      planned.push({ segment: s, kind: 'end-date-changed', continues: predecessor });
    } else {
      planned.push({ segment: s, kind: 'current' });
    }
  }
  for (const r of removed) if (!used.has(r.segmentId)) planned.push({ segment: r, kind: 'withdrawn' });
  return planned;
}

/** Who builds: an employee on request (actorId), or the system's job (null). */
export interface ExchangeWork {
  tx: Tx;
  audit: AuditContext;
  actorId: string | null;
}

export interface OutboxResult {
  messages: number;
  invalid: number;
  toewijzingen: number;
  /** Whether every message was checked against its XSD. */
  xsdChecked: boolean;
}

/**
 * Builds the 301s for everything that changed, in the caller's unit of work. Without schemas the
 * messages are still built and recorded as not checked against the XSD; an invalid message is kept
 * (status 'rejected', with its problems) and never offered for sending.
 */
export async function buildAllocationMessages(uow: ExchangeWork, schemas: SchemaSet | undefined, opts: { now: Date; limit?: number }): Promise<OutboxResult> {
  const tenantId = uow.audit.tenantId;
  const groups = await findOutboxGroups(uow.tx, opts.limit ?? 500);
  const result: OutboxResult = { messages: 0, invalid: 0, toewijzingen: 0, xsdChecked: schemas !== undefined };
  const providers = new Map<string, string>();
  for (const group of groups) {
    const resident = await residentForMessage(uow.tx, group.residentId);
    if (!resident) continue;
    let agbCode = providers.get(group.providerId);
    if (!agbCode) {
      agbCode = (await getProvider(uow.tx, { id: group.providerId, tenantId })).agbCode;
      providers.set(group.providerId, agbCode);
    }
    const planned = planProducts(await groupSegments(uow.tx, group));
    if (planned.length === 0) continue;

    // Numbers: a continued segment keeps its predecessor's, a new one gets the next.
    for (const p of planned) {
      if (p.segment.allocationNumber === null && p.continues?.allocationNumber) {
        p.segment.allocationNumber = p.continues.allocationNumber;
        await setAllocationNumberAfterRelease(uow, p.continues, p.segment);
      }
    }
    const unnumbered = planned.filter((p) => p.segment.allocationNumber === null);
    const numbers = await takeNumbers(uow.tx, tenantId, 'toewijzingnummer', unnumbered.length);
    for (const [i, p] of unnumbered.entries()) {
      p.segment.allocationNumber = numbers[i]!;
      await setAllocationNumber(uow.tx, p.segment.segmentId, numbers[i]!);
    }

    const standard = standardOf(group.law);
    const [sequence] = await takeNumbers(uow.tx, tenantId, 'berichtidentificatie', 1);
    const identification = `K${String(sequence).padStart(9, '0')}`;
    const today = todayInAmsterdam(opts.now);
    const xml = writeAllocationMessage({
      standard,
      header: { municipalityCode: municipalityCode(tenantId), agbCode, id: identification, date: today },
      client: clientOf(resident),
      products: planned.map(toProduct),
    });
    const check = checkOutgoing(schemas, xml);
    const messageId = await insertMessage(uow.tx, {
      tenantId,
      standard,
      messageNumber: messageType(standard, 301).number,
      direction: 'out',
      providerId: group.providerId,
      residentId: group.residentId,
      identification,
      datedOn: today,
      xsdStatus: check.status,
      problems: check.problems,
      xml,
      status: check.status === 'invalid' ? 'rejected' : 'ready',
      createdBy: uow.actorId,
    });
    await linkSegments(
      uow.tx,
      tenantId,
      messageId,
      planned.flatMap((p) => [
        { segmentId: p.segment.segmentId, state: p.kind === 'withdrawn' ? ('removed' as const) : ('current' as const) },
        ...(p.continues ? [{ segmentId: p.continues.segmentId, state: 'removed' as const }] : []),
      ]),
    );
    await recordProcessing(uow.tx, uow.audit, {
      name: 'toewijzing.aanmaken',
      activity: 'berichtenverkeer-aanbieders',
      subjects: [{ type: 'resident', id: group.residentId }],
      startTime: opts.now,
      attributes: { bericht: `${standard} 301`, identificatie: identification, toewijzingen: planned.length },
    });
    result.messages += 1;
    result.toewijzingen += planned.length;
    if (check.status === 'invalid') result.invalid += 1;
  }
  return result;
}

/** A continued toewijzing: the number moves from the replaced segment to its successor (the unique index allows one holder). */
async function setAllocationNumberAfterRelease(uow: ExchangeWork, from: GroupSegment, to: GroupSegment): Promise<void> {
  await uow.tx.updateTable('allocation_segments').set({ allocation_number: null }).where('id', '=', from.segmentId).execute();
  await setAllocationNumber(uow.tx, to.segmentId, from.allocationNumber!);
}

function clientOf(r: ResidentForMessage) {
  return {
    bsn: r.bsn,
    birthDate: r.birthDate,
    gender: r.gender,
    lastName: r.familyName,
    prefix: r.surnamePrefix,
    initials: initialsFrom(r.givenName),
    address: { street: r.street, houseNumber: r.houseNumber, houseLetter: r.houseLetter, houseNumberAddition: r.houseNumberAddition, postcode: r.postcode, city: r.city },
  };
}

function toProduct(p: PlannedProduct): AllocatedProduct {
  const s = p.segment;
  const volume = volumeOf(s.unit, Number(s.volume), s.frequency);
  const withdrawn = p.kind === 'withdrawn';
  return {
    number: s.allocationNumber!,
    // The answer on a provider's request carries its reference once: the provider links it (9359 if repeated).
    providerReference: !withdrawn && !s.sentBefore ? s.providerReference : null,
    category: s.categoryCode,
    code: s.productCode,
    allocatedAt: s.allocatedAt,
    start: s.startDate,
    end: withdrawn ? s.startDate : s.endDate,
    changeReason: withdrawn ? '13' : p.kind === 'end-date-changed' ? (s.endDate > p.continues!.endDate ? '04' : '05') : null,
    // A toewijzing with a product code carries its Omvang (retour 9411); one on category level does not (9412).
    volume: s.productCode ? { amount: volume.amount, unit: volume.unit, frequency: volume.frequency } : null,
    comment: volume.rounded ? `Omvang afgerond van ${s.volume} naar ${volume.amount}.` : null,
  };
}

function checkOutgoing(schemas: SchemaSet | undefined, xml: string): { status: XsdStatus; problems: MessageProblem[] } {
  if (!schemas) return { status: 'not_checked', problems: [{ line: null, path: null, message: 'Niet tegen XSD gecontroleerd: KOERS_ISTANDAARDEN_DIR is niet gezet.' }] };
  const result = schemas.check(xml);
  return result.valid ? { status: 'valid', problems: [] } : { status: 'invalid', problems: result.problems };
}
