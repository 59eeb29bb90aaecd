// The providers' side of the demo's history, through the product's own intake: the start of care
// (305) for the seeded allocations and a year of monthly declarations (323), each message received
// by receiveMessage in its own transaction with its Dagtekening as the moment of receipt, as a
// provider's file would be. The retours (306) and declaration answers (325), the care starts and the
// realisation ledger (declarations) are what the intake makes of them; the provider fetched each
// answer the same day (downloadMessage), so the history leaves nothing waiting in the outbox.
//
// The seeded allocations have no 301 history: they count as toewijzingen the providers already know,
// as when a municipality migrates from its previous system. numberToewijzingen gives them their
// ToewijzingNummer once, and the outbox treats a number no 301 of Koers carried as known to the
// provider (exchange.repository.ts, knownToProvider): the demo's first outbox run sends nothing for
// the migrated history, and a toewijzing made afterwards gets its 301 as usual.
//
// Skipped when the municipality has received any message (the intake's work is never repeated), or
// still has the synthetic ledger of an older demo.

import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant, type Tx } from '../db/tenancy.js';
import type { AuditContext } from '../platform/audit/audit.service.js';
import { startOfDayInAmsterdam } from '../platform/time.js';
import { municipalityCode } from '../modules/exchange/exchange.header.js';
import { receiveMessage, type ReceiveResult } from '../modules/exchange/exchange.inbox.js';
import { downloadMessage } from '../modules/exchange/exchange.service.js';
import type { SchemaSet } from '../modules/exchange/exchange.schemas.js';
import { generateStartMessages } from './care-messages.js';
import { generateDeclarationMessages, numberToewijzingen } from './declaration-messages.js';
import { mixSeed } from './wmo/helpers.js';

/** What the municipality's message history holds after the seed (also when the step was skipped). */
export interface MessageCounts {
  startsIn: number;
  startRetoursOut: number;
  declarationsIn: number;
  declarationAnswersOut: number;
  linesApproved: number;
  linesRefused: number;
}

export interface SeedMessagesInput {
  tenantId: string;
  seed: number;
  today: string;
  /** The iStandaarden XSDs, as the application uses them; without, the intake records "niet tegen XSD gecontroleerd". */
  schemas: SchemaSet | undefined;
  /** False: only count what is there (SeedOptions.providerMessages). */
  process?: boolean;
  onProgress?: (progress: { step: string; done: number; total: number }) => void;
}

interface Incoming {
  number: 305 | 323;
  date: string;
  label: string;
  xml: string;
}

const PROGRESS_EVERY = 50;
const ANALYZE_EVERY = 1000;

/** The first day of the month `offset` months after the month of `date` (yyyy-mm-dd). */
function monthStart(date: string, offset: number): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(year, month - 1 + offset, 1));
  return d.toISOString().slice(0, 10);
}

/** The moment a message dated `date` is received: that day, 10:00 in Amsterdam. */
const receivedAt = (date: string): Date => new Date(startOfDayInAmsterdam(date).getTime() + 10 * 3_600_000);

export async function seedMessages(db: Kysely<DB>, input: SeedMessagesInput): Promise<MessageCounts> {
  const { tenantId, today } = input;
  const skip = await withTenant(db, tenantId, async (tx) => {
    const received = await tx.selectFrom('exchange_messages').select('id').where('direction', '=', 'in').limit(1).executeTakeFirst();
    // A demo loaded before this step existed has a synthetic ledger (rows without a line): declaring
    // the same year again would count it twice, so that database keeps what it has.
    const synthetic = await tx.selectFrom('declarations').select('id').where('declaration_line_id', 'is', null).limit(1).executeTakeFirst();
    return Boolean(received ?? synthetic);
  });
  if (!skip && input.process !== false) {
    const code = municipalityCode(tenantId);
    await withTenant(db, tenantId, (tx) => numberToewijzingen(tx, tenantId));
    // As autovacuum would after the bulk load (PGlite has none, and PostgreSQL's comes later): the
    // generator's and the intake's queries are planned on the tables as loaded, not as they were.
    await sql`analyze allocation_segments, allocations, products, residents, providers, provider_tariffs, audit_log, audit_chain_heads`.execute(db);
    const incoming = await withTenant(db, tenantId, async (tx) => {
      const starts = await generateStartMessages(tx, { municipalityCode: code, seed: input.seed, today, prefix: 'S' });
      // The 12 complete months before this one, each declared by the 10th of the month after (or today).
      const declarations: Incoming[] = [];
      for (let i = -12; i < 0; i += 1) {
        const month = monthStart(today, i);
        const tenth = `${monthStart(today, i + 1).slice(0, 8)}10`;
        const date = tenth < today ? tenth : today;
        const generated = await generateDeclarationMessages(tx, {
          municipalityCode: code,
          from: month.slice(0, 7),
          months: 1,
          errorRate: 0.05,
          seed: mixSeed(input.seed, `${tenantId}:323:${month}`),
          prefix: `D${month.slice(2, 4)}${month.slice(5, 7)}`,
          date,
        });
        declarations.push(...generated.map((g) => ({ number: 323 as const, date, label: `${g.agbCode} ${g.standard} ${g.month}`, xml: g.xml })));
      }
      return [...starts.map((s) => ({ number: 305 as const, date: s.date, label: `${s.agbCode} ${s.standard} 305`, xml: s.xml })), ...declarations];
    });
    // In the order the municipality would have received them (stable: starts before declarations of the same day).
    incoming.sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number);
    const audit: AuditContext = { traceId: '0'.repeat(32), parentSpanId: null, actor: null, tenantId };
    const totals = { 305: incoming.filter((m) => m.number === 305).length, 323: incoming.filter((m) => m.number === 323).length };
    const done = { 305: 0, 323: 0 };
    for (const m of incoming) {
      await withTenant(db, tenantId, async (tx) => {
        const at = receivedAt(m.date);
        const result = await receiveMessage({ tx, audit, actorId: null }, input.schemas, m.xml, at);
        assertProcessed(m, result);
        // The provider's software fetched the answer (306, 325) that day: in the history nothing waits to be sent.
        if (result.retour) await downloadMessage(tx, audit, result.retour.id, at);
      });
      done[m.number] += 1;
      // And again as the step grows its tables: the audit chain's triggers, planned while audit_log
      // was small, otherwise scan it whole for every record (measured: 455 million rows read in the
      // maastricht seed on PostgreSQL).
      if ((done[305] + done[323]) % ANALYZE_EVERY === 0) await sql`analyze audit_log, audit_chain_heads, exchange_messages, care_deliveries, allocation_care_starts, declaration_lines, declaration_messages, declarations`.execute(db);
      if (done[m.number] % PROGRESS_EVERY === 0 || done[m.number] === totals[m.number]) {
        input.onProgress?.({ step: `berichten ${m.number}`, done: done[m.number], total: totals[m.number] });
      }
    }
  }
  return withTenant(db, tenantId, (tx) => countMessages(tx));
}

/** A generated message the intake refuses as a whole is a fault in the generator, not demo data. */
function assertProcessed(m: Incoming, result: ReceiveResult): void {
  const wholeRefusal = result.status !== 'accepted';
  const startRefused = m.number === 305 && result.products.accepted !== result.products.total;
  if (wholeRefusal || startRefused) {
    throw new Error(`Demobericht ${m.label} (${m.date}) niet verwerkt: ${JSON.stringify([...result.problems.slice(0, 3), ...result.retourCodes.filter((c) => c.level === 'header' || m.number === 305).slice(0, 3)])}`);
  }
}

async function countMessages(tx: Tx): Promise<MessageCounts> {
  const { rows } = await sql<{ starts_in: string; retours_out: string; declarations_in: string; answers_out: string; approved: string; refused: string }>`
    select
      (select count(*) from exchange_messages where direction = 'in' and message_number = 305) as starts_in,
      (select count(*) from exchange_messages where direction = 'out' and message_number = 306) as retours_out,
      (select count(*) from exchange_messages where direction = 'in' and message_number = 323) as declarations_in,
      (select count(*) from exchange_messages where direction = 'out' and message_number = 325) as answers_out,
      (select count(*) from declaration_lines where status = 'approved') as approved,
      (select count(*) from declaration_lines where status = 'refused') as refused
  `.execute(tx);
  const r = rows[0]!;
  return {
    startsIn: Number(r.starts_in),
    startRetoursOut: Number(r.retours_out),
    declarationsIn: Number(r.declarations_in),
    declarationAnswersOut: Number(r.answers_out),
    linesApproved: Number(r.approved),
    linesRefused: Number(r.refused),
  };
}
