import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { recordProcessing } from '../../platform/audit/audit.service.js';
import { AppError, notFound, validationFailed } from '../../platform/errors.js';
import type { Tx } from '../../db/tenancy.js';
import { isValidBsn } from './bsn.js';
import { isoDateSchema } from '../../platform/http/schemas.js';
import { relationGrants, residentRelation, residentRelationLabels, type ResidentRelation } from './resident.access.js';
import {
  areaExists,
  findResidentById,
  findResidentWithHousehold,
  findResidentId,
  residentIdSubquery,
  findResidentIdByBsn,
  householdExists,
  type HouseholdMemberRow,
  insertResidents,
  searchResidentsByBirthDate,
  searchResidentsByBsn,
  searchResidentsByName,
  searchResidentsByPostcode,
  searchResidentsByPostcodeDigits,
  searchResidentsByStreet,
  searchResidentsByStreetWords,
  type ResidentRow,
} from './resident.repository.js';
import { fullName, maskBsn, normaliseForSearch, residentSearchText } from './resident.names.js';
import type { CreateResidentInput, Resident, ResidentSummary } from './resident.schema.js';

const ACTIVITY = 'inwonerregistratie';

// The public surface for other modules (they never query the residents tables themselves). These
// lookups show nothing of the resident to anyone, so they are not audited; the caller audits what it does.

/** The resident's id when the resident exists in this tenant (the access guard's resolver). */
export function residentExists(tx: Tx, id: string): Promise<string | undefined> {
  return findResidentId(tx, id);
}

/** `residentExists` as a scalar SQL subquery, for the access guard's single round trip. */
export function residentIdQuery(id: string): RawBuilder<string | null> {
  return residentIdSubquery(id);
}

/** The resident's area (code null when unknown), or undefined when there is no such resident. */
export async function residentArea(tx: Tx, id: string): Promise<{ code: string | null } | undefined> {
  const row = await findResidentById(tx, id);
  return row ? { code: row.area_code } : undefined;
}

/** The resident's name and birth date for a document of another module, or undefined when there is no such resident. */
export async function residentIdentity(tx: Tx, id: string): Promise<{ id: string; fullName: string; birthDate: string } | undefined> {
  const row = await findResidentById(tx, id);
  return row ? { id: row.id, fullName: fullName(row.given_name, row.surname_prefix, row.family_name), birthDate: row.birth_date } : undefined;
}

/** What a message to a provider (iWmo/iJw) says about the client: identity, name and BRP address. */
export interface ResidentForMessage {
  bsn: string;
  birthDate: string;
  gender: 'M' | 'V' | 'X';
  givenName: string;
  surnamePrefix: string | null;
  familyName: string;
  street: string;
  houseNumber: number;
  houseLetter: string | null;
  houseNumberAddition: string | null;
  postcode: string;
  city: string;
}

/** The client's data for a provider message, or undefined when there is no such resident; the caller logs the processing. */
export async function residentForMessage(tx: Tx, id: string): Promise<ResidentForMessage | undefined> {
  const row = await findResidentById(tx, id);
  if (!row) return undefined;
  return {
    bsn: row.bsn,
    birthDate: row.birth_date,
    gender: row.gender,
    givenName: row.given_name,
    surnamePrefix: row.surname_prefix,
    familyName: row.family_name,
    street: row.street,
    houseNumber: row.house_number,
    houseLetter: row.house_letter,
    houseNumberAddition: row.house_number_addition,
    postcode: row.postcode,
    city: row.city,
  };
}

/** The names of several residents in one query (for a list another module shows); unknown ids are left out. */
export async function residentNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx.selectFrom('residents').select(['id', 'given_name', 'surname_prefix', 'family_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, fullName(r.given_name, r.surname_prefix, r.family_name)]));
}

/**
 * For address matching (early signals, debt module): per given address (postcode without space, upper
 * case; house number; letter and addition together, upper case, without spaces or dashes) the household
 * living there, represented by its oldest member. Addresses where no resident lives are left out. Not
 * audited: the caller audits what it does with the match.
 */
export async function householdsAtAddresses(tx: Tx, addresses: readonly { key: number; postcode: string; houseNumber: number; addition: string }[]): Promise<Map<number, { residentId: string; householdId: string; areaCode: string | null }>> {
  if (addresses.length === 0) return new Map();
  const rows = await sql<{ key: number; resident_id: string; household_id: string; area_code: string | null }>`
    select distinct on (a.key) a.key, r.id as resident_id, r.household_id, r.area_code
    from unnest(${addresses.map((a) => a.key)}::int[], ${addresses.map((a) => a.postcode)}::text[], ${addresses.map((a) => a.houseNumber)}::int[], ${addresses.map((a) => a.addition)}::text[])
      as a(key, postcode, house_number, addition)
    join residents r on r.postcode = substr(a.postcode, 1, 4) || ' ' || substr(a.postcode, 5, 2) and r.house_number = a.house_number
      and upper(regexp_replace(coalesce(r.house_letter, '') || coalesce(r.house_number_addition, ''), '[[:space:]-]', '', 'g')) = a.addition
    order by a.key, r.birth_date, r.id
  `.execute(tx);
  return new Map(rows.rows.map((r) => [Number(r.key), { residentId: r.resident_id, householdId: r.household_id, areaCode: r.area_code }]));
}

/** The resident with this BSN, for the auditor's search of the processing log (the caller audits). */
export async function residentIdByBsn(tx: Tx, bsn: string): Promise<string | undefined> {
  return findResidentIdByBsn(tx, bsn);
}

/** Residents whose name matches every word of `name` (at most `limit`), for the auditor's search of the processing log (the caller audits). */
export async function residentIdsByName(tx: Tx, name: string, limit: number): Promise<string[]> {
  const tokens = normaliseForSearch(name).split(' ').filter((t) => t.length > 0);
  if (tokens.length === 0) return [];
  return (await searchResidentsByName(tx, tokens, limit)).map((r) => r.id);
}

export function residentRowToSummary(row: ResidentRow): ResidentSummary {
  const number = `${row.house_number}${row.house_letter ?? ''}${row.house_number_addition ? `-${row.house_number_addition}` : ''}`;
  return {
    id: row.id,
    fullName: fullName(row.given_name, row.surname_prefix, row.family_name),
    birthDate: row.birth_date,
    bsnMasked: maskBsn(row.bsn),
    address: `${row.street} ${number}, ${row.postcode} ${row.city}`,
    areaName: row.area_name,
  };
}

export type SearchKind = 'name' | 'address' | 'postcode' | 'birthDate' | 'bsn';

type SearchQuery =
  | { kind: 'bsn'; bsn: string }
  | { kind: 'postcode'; postcode: string; houseNumber?: number }
  | { kind: 'postcode'; postcodeDigits: string }
  | { kind: 'birthDate'; birthDate: string }
  | { kind: 'address'; street: string; houseNumber: number }
  | { kind: 'name'; tokens: string[] };

const DUTCH_DATE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * How a search term is read: nine digits = BSN; '6211 AB [12]' or '6211' = postcode; dd-mm-jjjj or
 * jjjj-mm-dd = date of birth; a street with a house number ('Boschstraat 12') = address; otherwise a
 * name (every word the beginning of a word of the name), or of the street when no name matches. A date that
 * does not exist is refused (400).
 */
export function interpretQuery(q: string): SearchQuery {
  const text = q.trim().replace(/\s+/g, ' ');
  if (/^[0-9]{9}$/.test(text)) return { kind: 'bsn', bsn: text };
  const address = /^([1-9][0-9]{3})\s?([A-Za-z]{2})(?:[\s,]+([0-9]{1,5}))?/.exec(text);
  if (address) {
    const postcode = `${address[1]} ${address[2]!.toUpperCase()}`;
    return address[3] ? { kind: 'postcode', postcode, houseNumber: Number(address[3]) } : { kind: 'postcode', postcode };
  }
  if (/^[1-9][0-9]{3}$/.test(text)) return { kind: 'postcode', postcodeDigits: text };
  const dutch = DUTCH_DATE.exec(text);
  if (dutch || ISO_DATE.test(text)) {
    const iso = dutch ? `${dutch[3]}-${dutch[2]!.padStart(2, '0')}-${dutch[1]!.padStart(2, '0')}` : text;
    const checked = isoDateSchema('geboortedatum').safeParse(iso);
    if (!checked.success) throw validationFailed([{ field: 'q', message: checked.error.issues[0]?.message ?? 'Deze geboortedatum bestaat niet.' }]);
    return { kind: 'birthDate', birthDate: iso };
  }
  const street = /^(.*[^\s\d,])[\s,]+([0-9]{1,5})\s?[A-Za-z]?$/.exec(text);
  if (street && /\p{L}/u.test(street[1]!)) return { kind: 'address', street: street[1]!.toLowerCase(), houseNumber: Number(street[2]) };
  const tokens = normaliseForSearch(text).split(' ').filter((t) => t.length > 0);
  return { kind: 'name', tokens };
}

export async function searchResidents(
  tx: Tx,
  ctx: AuditContext,
  input: { q: string; limit: number; allowBsn: boolean },
): Promise<{ kind: SearchKind; items: ResidentSummary[] }> {
  const startTime = new Date();
  const query = interpretQuery(input.q);
  let kind: SearchKind = query.kind;
  let rows: ResidentRow[];
  if (query.kind === 'bsn') {
    if (!input.allowBsn) {
      throw new AppError('BAD_REQUEST', 'Zoek niet op BSN in een URL: gebruik POST /api/residents/search.', [
        { field: 'q', message: 'Een BSN hoort niet in een URL.' },
      ]);
    }
    if (!isValidBsn(query.bsn)) {
      throw validationFailed([
        { field: 'q', message: 'Dit BSN is ongeldig: het voldoet niet aan de elfproef.' },
      ]);
    }
    rows = await searchResidentsByBsn(tx, query.bsn);
  } else if (query.kind === 'postcode') {
    rows = 'postcodeDigits' in query ? await searchResidentsByPostcodeDigits(tx, query.postcodeDigits, input.limit) : await searchResidentsByPostcode(tx, query.postcode, query.houseNumber, input.limit);
  } else if (query.kind === 'birthDate') {
    rows = await searchResidentsByBirthDate(tx, query.birthDate, input.limit);
  } else if (query.kind === 'address') {
    rows = await searchResidentsByStreet(tx, query.street, query.houseNumber, input.limit);
  } else {
    // A name first; when no name matches, the words are read as the beginnings of the street's words.
    rows = await searchResidentsByName(tx, query.tokens, input.limit);
    if (rows.length === 0) {
      rows = await searchResidentsByStreetWords(tx, query.tokens, input.limit);
      if (rows.length > 0) kind = 'address';
    }
  }
  await recordProcessing(tx, ctx, {
    name: 'inwoner.zoeken',
    activity: ACTIVITY,
    subjects: rows.map((r) => ({ type: 'resident', id: r.id })),
    startTime,
    attributes: { zoekwijze: kind, resultaten: rows.length },
  });
  return { kind, items: rows.map(residentRowToSummary) };
}

/** `knownRelation`: the relation the route guard already established, so it is not looked up twice. */
export async function getResident(tx: Tx, ctx: AuditContext, id: string, knownRelation?: ResidentRelation): Promise<Resident> {
  const startTime = new Date();
  const row = await findResidentWithHousehold(tx, id);
  if (!row) throw notFound('Inwoner');
  const members = row.household_members;
  const relation = knownRelation ?? (ctx.actor ? await residentRelation(tx, ctx.actor.userId, row.id) : null);
  await recordProcessing(tx, ctx, {
    name: 'inwoner.raadplegen',
    activity: ACTIVITY,
    subjects: [row, ...members].map((r) => ({ type: 'resident', id: r.id })),
    startTime,
    ...(relation ? { attributes: { relatie: relation } } : {}),
  });
  return { ...residentRowToResident(row, members), access: relation ? { relation, label: residentRelationLabels[relation], care: relationGrants(relation, 'care') } : null };
}

function residentRowToResident(
  row: ResidentRow,
  members: HouseholdMemberRow[],
): Omit<Resident, 'access'> {
  return {
    id: row.id,
    bsn: row.bsn,
    givenName: row.given_name,
    surnamePrefix: row.surname_prefix,
    familyName: row.family_name,
    fullName: fullName(row.given_name, row.surname_prefix, row.family_name),
    birthDate: row.birth_date,
    gender: row.gender,
    address: {
      street: row.street,
      houseNumber: row.house_number,
      houseLetter: row.house_letter,
      houseNumberAddition: row.house_number_addition,
      postcode: row.postcode,
      city: row.city,
    },
    area: row.area_code ? { code: row.area_code, name: row.area_name ?? row.area_code } : null,
    household: {
      id: row.household_id,
      members: members.map((m) => ({ id: m.id, fullName: fullName(m.given_name, m.surname_prefix, m.family_name), birthDate: m.birth_date })),
    },
  };
}

/** Command: registers a resident; audits the write and returns the new id (the caller reads back with `getResident`). */
export async function registerResident(tx: Tx, ctx: AuditContext, input: CreateResidentInput): Promise<{ id: string }> {
  const startTime = new Date();
  if (await findResidentIdByBsn(tx, input.bsn)) {
    throw new AppError('CONFLICT', 'Er is al een inwoner met dit BSN.', [{ field: 'bsn', message: 'Dit BSN is al geregistreerd.' }]);
  }
  if (input.areaCode && !(await areaExists(tx, input.areaCode))) {
    throw validationFailed([
      { field: 'areaCode', message: 'Dit gebied bestaat niet in deze gemeente.' },
    ]);
  }
  if (input.householdId && !(await householdExists(tx, input.householdId))) {
    throw validationFailed([
      { field: 'householdId', message: 'Dit huishouden bestaat niet.' },
    ]);
  }
  const surnamePrefix = input.surnamePrefix ?? null;
  const [id] = await insertResidents(tx, [
    {
      tenant_id: ctx.tenantId,
      bsn: input.bsn,
      given_name: input.givenName,
      surname_prefix: surnamePrefix,
      family_name: input.familyName,
      birth_date: input.birthDate,
      gender: input.gender,
      street: input.street,
      house_number: input.houseNumber,
      house_letter: input.houseLetter ?? null,
      house_number_addition: input.houseNumberAddition ?? null,
      postcode: input.postcode,
      city: input.city,
      area_code: input.areaCode ?? null,
      household_id: input.householdId ?? randomUUID(),
      search_text: residentSearchText({ givenName: input.givenName, surnamePrefix, familyName: input.familyName }),
    },
  ]);
  await recordProcessing(tx, ctx, {
    name: 'inwoner.registreren',
    activity: ACTIVITY,
    subjects: [{ type: 'resident', id: id! }],
    startTime,
  });
  return { id: id! };
}
