// Declarations (iWmo/iJw 323) as a provider's software sends them: a writer for one message, and a
// generator that declares a period of care for every toewijzing that exists, per provider and
// month, with a small share of the errors providers really make. Tests, the benchmark and the demo
// use it; what it writes goes through the same inbox as a real provider's file. The toewijzingen it
// declares are numbered by numberToewijzingen below: for the demo's seeded history these count as
// toewijzingen the providers already know, as when a municipality migrates from its previous system
// (no 301 is sent for them; see src/demo/seed-messages.ts).

import { sql } from 'kysely';
import type { Tx } from '../db/tenancy.js';
import { messageType, type Standard } from '../modules/exchange/exchange.messages.js';
import { takeNumbers } from '../modules/exchange/exchange.repository.js';
import { writeMessage, type XmlElements } from '../modules/exchange/exchange.xml.js';
import { createRandom, type Random } from './random.js';

export interface DeclaredLine {
  bsn: string;
  reference: string;
  previousReference?: string;
  allocationNumber: number;
  category: string;
  productCode: string;
  /** ProductPeriode, yyyy-mm-dd. */
  begin: string;
  end: string;
  volume: number;
  /** LDT_Eenheid, e.g. '04' (uur). */
  unit: string;
  tariffCents?: number;
  amountCents: number;
  debitCredit?: 'D' | 'C';
}

export interface DeclarationMessageInput {
  standard: Standard;
  agbCode: string;
  /** Four digits, e.g. 0935. */
  municipalityCode: string;
  identification: string;
  /** Dagtekening of the message and the declaration. */
  date: string;
  declarationNumber: string;
  periodStart: string;
  periodEnd: string;
  lines: DeclaredLine[];
}

/** The header of a message a provider sends to the municipality (iWmo/iJw 3.2). */
export function providerHeader(type: { code: number }, m: { agbCode: string; municipalityCode: string; identification: string; date: string }): XmlElements {
  return {
    BerichtCode: type.code,
    BerichtVersie: 3,
    BerichtSubversie: 2,
    Afzender: m.agbCode,
    Ontvanger: m.municipalityCode,
    BerichtIdentificatie: { 'b:Identificatie': m.identification, 'b:Dagtekening': m.date },
    XsdVersie: { 'b:BasisschemaXsdVersie': '1.0.0', 'b:BerichtXsdVersie': '1.0.0' },
  };
}

const signed = (l: DeclaredLine) => (l.debitCredit === 'C' ? -l.amountCents : l.amountCents);

/** One 323 message (XML); lines of one client are grouped under that client, in the given order. */
export function writeDeclarationMessage(m: DeclarationMessageInput): string {
  const type = messageType(m.standard, 323);
  const clients = new Map<string, DeclaredLine[]>();
  for (const line of m.lines) clients.set(line.bsn, [...(clients.get(line.bsn) ?? []), line]);
  const total = m.lines.reduce((sum, l) => sum + signed(l), 0);
  const body: XmlElements = {
    Header: providerHeader(type, m),
    Declaratie: {
      DeclaratieNummer: m.declarationNumber,
      DeclaratiePeriode: { 'b:Begindatum': m.periodStart, 'b:Einddatum': m.periodEnd },
      DeclaratieDagtekening: m.date,
      TotaalIngediendBedrag: { 'b:TotaalBedrag': Math.abs(total), 'b:DebetCredit': total < 0 ? 'C' : 'D' },
      Clienten: {
        Client: [...clients.entries()].map(([bsn, lines]) => ({
          Bsn: bsn,
          Prestaties: {
            Prestatie: lines.map((l) => ({
              ProductReferentie: { 'b:ReferentieNummer': l.reference, 'b:VorigReferentieNummer': l.previousReference },
              ToewijzingNummer: l.allocationNumber,
              ProductCategorie: l.category,
              ProductCode: l.productCode,
              ProductPeriode: { 'b:Begindatum': l.begin, 'b:Einddatum': l.end },
              GeleverdVolume: l.volume,
              Eenheid: l.unit,
              ProductTarief: l.tariffCents,
              IngediendBedrag: { 'b:Bedrag': l.amountCents, 'b:DebetCredit': l.debitCredit ?? 'D' },
            })),
          },
        })),
      },
    },
  };
  return writeMessage(type, body);
}

/** A toewijzing as the provider knows it from the 301, with the contract tariff for declaring it. */
interface Declarable {
  agb_code: string;
  standard: Standard;
  bsn: string;
  allocation_number: number;
  category_code: string;
  product_code: string;
  unit_code: string;
  /** The allocated volume per frequency in unit_code (as the 301 carried it). */
  amount: number;
  frequency: 'per_day' | 'per_week' | 'per_month' | 'total';
  start_date: string;
  end_date: string;
  tariff_cents: number | null;
}

/** Every current toewijzing (with a number) of a product with an iWmo/iJw code, with its contract tariff per year. */
async function declarables(tx: Tx, year: number): Promise<(Declarable & { year: number })[]> {
  const { rows } = await sql<Declarable & { year: number }>`
    select v.agb_code, case p.law when 'wmo' then 'iwmo' else 'ijw' end as standard, r.bsn, s.allocation_number,
      p.category_code, p.product_code,
      case a.unit when 'hour' then case when s.volume <> trunc(s.volume) then '01' else '04' end
        when 'minute' then '01' when 'day_part' then '16' when 'day' then '14' when 'piece' then '82' else '83' end as unit_code,
      (case when a.unit = 'hour' and s.volume <> trunc(s.volume) then round(s.volume * 60) else round(s.volume) end)::int as amount,
      s.frequency, to_char(s.start_date, 'YYYY-MM-DD') as start_date, to_char(s.end_date, 'YYYY-MM-DD') as end_date,
      t.cents_per_unit::int as tariff_cents, ${year}::int as year
    from allocation_segments s
    join allocations a on a.tenant_id = s.tenant_id and a.id = s.allocation_id
    join products p on p.tenant_id = a.tenant_id and p.id = a.product_id
    join residents r on r.tenant_id = a.tenant_id and r.id = a.resident_id
    join providers v on v.id = a.provider_id
    left join provider_tariffs t on t.provider_id = a.provider_id and t.product_code = p.code and t.year = ${year}
    where s.superseded_at is null and s.allocation_number is not null and p.law in ('wmo', 'jeugdwet')
      and p.category_code is not null and p.product_code is not null and a.unit <> 'euro'
      and s.start_date <= make_date(${year}, 12, 31) and s.end_date >= make_date(${year}, 1, 1)
    order by v.agb_code, s.allocation_number
  `.execute(tx);
  return rows;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;

/** What a provider delivers in a period at most (the 301's Omvang), rounded down to whole units. */
function deliverable(d: Declarable, begin: string, end: string): number {
  const days = daysBetween(begin, end);
  switch (d.frequency) {
    case 'per_day':
      return d.amount * days;
    case 'per_week':
      return Math.floor((d.amount * days) / 7);
    case 'per_month':
      return d.amount;
    case 'total': {
      // Spread over the toewijzing's calendar months, rounded up so far: a single piece (a wheelchair,
      // a stairlift) is declared in the month it is delivered, rides month by month; never more in all.
      const months = monthIndex(d.end_date) - monthIndex(d.start_date) + 1;
      const k = monthIndex(begin) - monthIndex(d.start_date) + 1;
      return Math.ceil((d.amount * k) / months) - Math.ceil((d.amount * (k - 1)) / months);
    }
  }
}

/** Months since year 0 of a yyyy-mm-dd date. */
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

export type InjectedError = '9019' | '8187' | '9339' | '9340' | '9341' | '9307' | '9321' | '0611' | '9346' | '8021';
const errors: InjectedError[] = ['9019', '8187', '9339', '9340', '9341', '9307', '9321', '0611', '9346', '8021'];

/** Spoils a correct line the way providers' software does (the expected retour code is the key). */
function spoil(line: DeclaredLine, error: InjectedError, random: Random, d: Declarable, previous: DeclaredLine | undefined): DeclaredLine {
  switch (error) {
    case '9019':
      return { ...line, allocationNumber: 999_000_000 + random.int(0, 999_999) };
    case '8187':
      return { ...line, bsn: line.bsn === '999990019' ? '999990020' : '999990019' };
    case '9339':
      return { ...line, category: d.standard === 'iwmo' ? (d.category_code === '02' ? '01' : '02') : d.category_code === '45' ? '43' : '45' };
    case '9340':
      return { ...line, productCode: `${line.productCode.slice(0, 4)}Z`.slice(0, 5) };
    case '9341':
      return { ...line, unit: line.unit === '82' ? '04' : '82' };
    case '9307': {
      const before = new Date(Date.parse(d.start_date) - 86_400_000 * 3);
      return line.begin === d.start_date ? { ...line, begin: iso(before) } : line;
    }
    case '9321':
      return { ...line, volume: line.volume * 3 + 10, amountCents: (line.volume * 3 + 10) * (line.tariffCents ?? 0) };
    case '0611':
      return { ...line, tariffCents: (line.tariffCents ?? 0) + 150, amountCents: line.volume * ((line.tariffCents ?? 0) + 150) };
    case '9346':
      return { ...line, amountCents: line.amountCents + 100 };
    case '8021':
      return previous ? { ...line, reference: previous.reference } : line;
  }
}

export interface GeneratedDeclaration {
  standard: Standard;
  agbCode: string;
  /** First day of the month declared. */
  month: string;
  xml: string;
  lines: number;
  /** Lines spoiled on purpose, by the retour code expected. */
  spoiled: Partial<Record<InjectedError, number>>;
}

/**
 * Declarations for `months` calendar months from `from` (yyyy-mm): per provider, law and month one
 * 323 with a line per current toewijzing that month (the month up to its start or end), about
 * `errorRate` of the lines with an error. References and identifications start with `prefix`, so
 * a second run with another prefix does not collide.
 */
export async function generateDeclarationMessages(
  tx: Tx,
  options: { municipalityCode: string; from: string; months: number; errorRate: number; seed: number; prefix: string; date: string },
): Promise<GeneratedDeclaration[]> {
  const random = createRandom(options.seed);
  const [fromYear, fromMonth] = options.from.split('-').map(Number) as [number, number];
  const byYear = new Map<number, Map<string, Declarable[]>>();
  const out: GeneratedDeclaration[] = [];
  let serial = 0;
  for (let i = 0; i < options.months; i += 1) {
    const first = new Date(Date.UTC(fromYear, fromMonth - 1 + i, 1));
    const year = first.getUTCFullYear();
    let byProvider = byYear.get(year);
    if (!byProvider) {
      byProvider = new Map();
      for (const d of await declarables(tx, year)) {
        const key = `${d.agb_code}|${d.standard}`;
        byProvider.set(key, [...(byProvider.get(key) ?? []), d]);
      }
      byYear.set(year, byProvider);
    }
    const periodStart = iso(first);
    const periodEnd = iso(new Date(Date.UTC(year, first.getUTCMonth() + 1, 0)));
    for (const [key, list] of byProvider) {
      const [agbCode, standard] = key.split('|') as [string, Standard];
      const lines: DeclaredLine[] = [];
      const spoiled: Partial<Record<InjectedError, number>> = {};
      for (const d of list) {
        const begin = d.start_date > periodStart ? d.start_date : periodStart;
        const end = d.end_date < periodEnd ? d.end_date : periodEnd;
        if (begin > end || d.tariff_cents === null) continue;
        const volume = deliverable(d, begin, end);
        if (volume <= 0) continue;
        serial += 1;
        const line: DeclaredLine = {
          bsn: d.bsn,
          reference: `${options.prefix}${serial}`.slice(0, 20),
          allocationNumber: d.allocation_number,
          category: d.category_code,
          productCode: d.product_code,
          begin,
          end,
          volume,
          unit: d.unit_code,
          tariffCents: d.tariff_cents,
          amountCents: volume * d.tariff_cents,
        };
        if (random.chance(options.errorRate)) {
          const error = random.pick(errors);
          const spoilt = spoil(line, error, random, d, lines.at(-1));
          if (spoilt !== line) spoiled[error] = (spoiled[error] ?? 0) + 1;
          lines.push(spoilt);
        } else {
          lines.push(line);
        }
      }
      if (lines.length === 0) continue;
      const identification = `${options.prefix}${out.length + 1}`.slice(0, 12);
      out.push({
        standard,
        agbCode,
        month: periodStart,
        lines: lines.length,
        spoiled,
        xml: writeDeclarationMessage({
          standard,
          agbCode,
          municipalityCode: options.municipalityCode,
          identification,
          date: options.date,
          declarationNumber: identification.replace(/[^a-zA-Z0-9]/g, ''),
          periodStart,
          periodEnd,
          lines,
        }),
      });
    }
  }
  return out;
}

/**
 * Gives every current toewijzing without a ToewijzingNummer its number, in one statement: the
 * migration of toewijzingen the providers already have from the municipality's previous system.
 * No 301 is built for them: the outbox treats a number no 301 carried as known to the provider
 * (knownToProvider in exchange.repository.ts) and only announces later changes. For the demo and the
 * benchmark, whose allocations were seeded without the exchange; run it once, right after loading,
 * since it would also mark allocations made since as migrated.
 */
export async function numberToewijzingen(tx: Tx, tenantId: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*)::text as n from allocation_segments s
    join allocations a on a.tenant_id = s.tenant_id and a.id = s.allocation_id
    join products p on p.tenant_id = a.tenant_id and p.id = a.product_id
    where s.allocation_number is null and s.superseded_at is null and p.law in ('wmo', 'jeugdwet') and p.category_code is not null
  `.execute(tx);
  const count = Number(rows[0]!.n);
  if (count === 0) return 0;
  const numbers = await takeNumbers(tx, tenantId, 'toewijzingnummer', count);
  await sql`
    update allocation_segments s set allocation_number = ${numbers[0]!}::int + n.rn - 1
    from (select s2.id, row_number() over (order by s2.start_date, s2.id) as rn
          from allocation_segments s2
          join allocations a on a.tenant_id = s2.tenant_id and a.id = s2.allocation_id
          join products p on p.tenant_id = a.tenant_id and p.id = a.product_id
          where s2.allocation_number is null and s2.superseded_at is null and p.law in ('wmo', 'jeugdwet') and p.category_code is not null) n
    where s.tenant_id = ${tenantId} and s.id = n.id
  `.execute(tx);
  return count;
}
