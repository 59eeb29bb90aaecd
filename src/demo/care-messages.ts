// Start of care (iWmo/iJw 305) as a provider's software sends it: a writer for one message, and a
// generator that reports the start of care for the toewijzingen that exist, one client per message
// as the standard has it. The demo uses it; what it writes goes through the same inbox as a real
// provider's file. ASSUMPTION [K]: care starts 0–20 days after the toewijzing's ingangsdatum and the
// provider reports it within 0–3 days; for ≈4 % of the toewijzingen no start is ever reported (the
// signal "zorg niet gestart" needs those).

import { sql } from 'kysely';
import type { Tx } from '../db/tenancy.js';
import { addDays } from '../platform/calendar.js';
import type { ClientIdentity } from '../modules/exchange/exchange.header.js';
import { genderCode } from '../modules/exchange/exchange.header.js';
import { messageType, type Standard } from '../modules/exchange/exchange.messages.js';
import { initialsFrom } from '../modules/exchange/exchange.outbox.js';
import { writeMessage } from '../modules/exchange/exchange.xml.js';
import { providerHeader } from './declaration-messages.js';
import { createRandom } from './random.js';

export interface StartedProduct {
  allocationNumber: number;
  /** Begindatum: the day care started. */
  begin: string;
  /** StatusAanlevering: 1 new, 2 correction, 3 withdrawal. */
  status?: '1' | '2' | '3';
}

export interface StartMessageInput {
  standard: Standard;
  agbCode: string;
  /** Four digits, e.g. 0935. */
  municipalityCode: string;
  identification: string;
  /** Dagtekening. */
  date: string;
  client: Pick<ClientIdentity, 'bsn' | 'birthDate' | 'gender' | 'lastName' | 'prefix' | 'initials'>;
  products: StartedProduct[];
}

/** One 305 message (XML) for one client. */
export function writeStartMessage(m: StartMessageInput): string {
  const type = messageType(m.standard, 305);
  const initials = (m.client.initials ?? '').replace(/[^\p{L}]/gu, '').slice(0, 6);
  return writeMessage(type, {
    Header: providerHeader(type, m),
    Client: {
      Bsn: m.client.bsn,
      Geboortedatum: { 'b:Datum': m.client.birthDate },
      Geslacht: genderCode(m.client.gender),
      // CDT_VerkorteNaam: the provider's short name of the client (no NaamGebruik, unlike the 301).
      Naam: {
        'b:Geslachtsnaam': { 'b:Achternaam': m.client.lastName.slice(0, 200), 'b:Voorvoegsel': m.client.prefix ? m.client.prefix.slice(0, 10) : undefined },
        'b:Voorletters': initials || undefined,
      },
      StartProducten: {
        StartProduct: m.products.map((p) => ({ ToewijzingNummer: p.allocationNumber, Begindatum: p.begin, StatusAanlevering: p.status ?? '1' })),
      },
    },
  });
}

export interface GeneratedStart {
  standard: Standard;
  agbCode: string;
  /** Dagtekening, the day the provider sent it. */
  date: string;
  xml: string;
}

interface Startable {
  allocation_number: number;
  start_date: string;
  end_date: string;
  agb_code: string;
  standard: Standard;
  bsn: string;
  birth_date: string;
  gender: 'M' | 'V' | 'X';
  family_name: string;
  surname_prefix: string | null;
  given_name: string;
}

/**
 * A 305 per allocation with a toewijzing (its first current one), from its provider, for a start of
 * care on or before `today`, in the order of the toewijzingnummers. References start with `prefix`.
 */
export async function generateStartMessages(
  tx: Tx,
  options: { municipalityCode: string; seed: number; today: string; prefix: string },
): Promise<GeneratedStart[]> {
  const { rows } = await sql<Startable>`
    select * from (
      select distinct on (a.id) s.allocation_number, to_char(s.start_date, 'YYYY-MM-DD') as start_date, to_char(s.end_date, 'YYYY-MM-DD') as end_date,
        v.agb_code, case p.law when 'wmo' then 'iwmo' else 'ijw' end as standard,
        r.bsn, to_char(r.birth_date, 'YYYY-MM-DD') as birth_date, r.gender, r.family_name, r.surname_prefix, r.given_name
      from allocation_segments s
      join allocations a on a.tenant_id = s.tenant_id and a.id = s.allocation_id
      join products p on p.tenant_id = a.tenant_id and p.id = a.product_id
      join residents r on r.tenant_id = a.tenant_id and r.id = a.resident_id
      join providers v on v.id = a.provider_id
      where s.superseded_at is null and s.allocation_number is not null and p.law in ('wmo', 'jeugdwet') and p.category_code is not null
      order by a.id, s.start_date, s.allocation_number
    ) x
    order by allocation_number
  `.execute(tx);
  const random = createRandom((options.seed * 104_729 + 0x305) >>> 0);
  const out: GeneratedStart[] = [];
  for (const t of rows) {
    const begin = addDays(t.start_date, random.int(0, 20));
    const reported = !random.chance(0.04);
    const sentAfter = random.int(0, 3);
    const startedOn = begin < t.end_date ? begin : t.end_date;
    if (!reported || startedOn > options.today) continue;
    const sent = addDays(startedOn, sentAfter);
    const date = sent < options.today ? sent : options.today;
    out.push({
      standard: t.standard,
      agbCode: t.agb_code,
      date,
      xml: writeStartMessage({
        standard: t.standard,
        agbCode: t.agb_code,
        municipalityCode: options.municipalityCode,
        identification: `${options.prefix}${out.length + 1}`.slice(0, 12),
        date,
        client: { bsn: t.bsn, birthDate: t.birth_date, gender: t.gender, lastName: t.family_name, prefix: t.surname_prefix, initials: initialsFrom(t.given_name) },
        products: [{ allocationNumber: t.allocation_number, begin: startedOn }],
      }),
    });
  }
  return out;
}
