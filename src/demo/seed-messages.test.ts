// The demo's provider history is real messages processed by the intake: the test template holds the
// 'small' seed, which went through seedMessages (305s and a year of 323s per municipality).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { asOwnerIn } from '../../test/support/database.js';
import { allocatedCase, createStaff, TENANT, type Staff } from '../../test/support/factories.js';
import { addDays } from '../platform/calendar.js';
import { todayInAmsterdam } from '../platform/time.js';
import { readMessage } from '../modules/exchange/exchange.xml.js';
import { SchemaSet } from '../modules/exchange/exchange.schemas.js';
import { hasIstandaarden, ISTANDAARDEN_DIR } from '../../test/support/istandaarden.js';
import { writeStartMessage } from './care-messages.js';
import { seedMessages } from './seed-messages.js';

let t: TestApp;
let consultant: Staff;
let teamLead: string;
const today = todayInAmsterdam();

beforeAll(async () => {
  t = await createTestApp();
  consultant = await createStaff(t, { roles: ['consultant'] });
  teamLead = (await t.login('teamleider')).cookie;
});
afterAll(async () => t.close());

const inTenant = <T>(work: Parameters<typeof asOwnerIn<T>>[2]) => asOwnerIn(t.database.db, TENANT, work);

describe('the demo seed: providers’ messages through the intake', () => {
  it('received a 305 and a 323 for every message it answered, and does not process them twice', async () => {
    const before = await seedMessages(t.database.db, { tenantId: TENANT, seed: 1, today, schemas: undefined });
    expect(before.startsIn).toBeGreaterThan(10);
    expect(before.startRetoursOut).toBe(before.startsIn);
    expect(before.declarationsIn).toBeGreaterThan(12);
    expect(before.declarationAnswersOut).toBe(before.declarationsIn);
    expect(before.linesApproved).toBeGreaterThan(before.linesRefused);
    // Every answer replies to a message the provider sent.
    const unanswered = await inTenant((tx) =>
      sql<{ n: string }>`
        select count(*)::text as n from exchange_messages i
        where i.direction = 'in' and not exists (select 1 from exchange_messages o where o.in_reply_to = i.id and o.message_number = i.message_number + (case i.message_number when 323 then 2 else 1 end))
      `.execute(tx),
    );
    expect(unanswered.rows[0]!.n).toBe('0');
    // The providers fetched their answers on the day: nothing of the history waits to be sent.
    const waiting = await inTenant((tx) => tx.selectFrom('exchange_messages').select(['message_number', 'dated_on', 'downloaded_at']).where('direction', '=', 'out').where('status', '<>', 'downloaded').execute());
    expect(waiting).toEqual([]);
    // A second run (koers demo on every start) finds the messages and adds none.
    expect(await seedMessages(t.database.db, { tenantId: TENANT, seed: 1, today, schemas: undefined })).toEqual(before);
  });

  it('answers a 323 with a refused line by a 325 that carries the line’s retour code', async () => {
    const refused = await inTenant((tx) =>
      sql<{ code: string; position: number; answer: string; period_end: string; dated_on: string }>`
        select l.retour_codes[1] as code, l.position, o.xml as answer, to_char(d.period_end, 'YYYY-MM-DD') as period_end, to_char(i.dated_on, 'YYYY-MM-DD') as dated_on
        from declaration_lines l
        join declaration_messages d on d.id = l.declaration_id
        join exchange_messages i on i.id = d.message_id
        join exchange_messages o on o.in_reply_to = i.id and o.message_number = 325
        where l.status = 'refused'
        order by i.dated_on, l.position limit 1
      `.execute(tx),
    );
    const line = refused.rows[0];
    expect(line, 'the 5 % spoiled lines include a refused one').toBeDefined();
    type Prestatie = { RetourCodes: { RetourCode: string | string[] } };
    type Client = { Prestaties: { Prestatie: Prestatie | Prestatie[] } };
    const answer = readMessage(line!.answer).Bericht as { DeclaratieAntwoord: { Clienten: { Client: Client | Client[] } } };
    const codes = [answer.DeclaratieAntwoord.Clienten.Client].flat().flatMap((c) => [c.Prestaties.Prestatie].flat()).map((p) => [p.RetourCodes.RetourCode].flat());
    expect(codes[line!.position]).toContain(line!.code);
    // Declared by the 10th of the month after the period (the last month: by today).
    const tenth = `${addDays(line!.period_end, 1).slice(0, 8)}10`;
    expect(line!.dated_on).toBe(tenth < today ? tenth : today);
  });

  it('books exactly the approved lines in the realisation ledger', async () => {
    const totals = await inTenant((tx) =>
      sql<{ ledger: string; approved: string; unlinked: string }>`
        select (select coalesce(sum(cents), 0)::text from declarations) as ledger,
          (select coalesce(sum(approved_cents), 0)::text from declaration_lines where status = 'approved') as approved,
          (select count(*)::text from declarations where declaration_line_id is null) as unlinked
      `.execute(tx),
    );
    expect(Number(totals.rows[0]!.ledger)).toBeGreaterThan(0);
    expect(totals.rows[0]).toMatchObject({ ledger: totals.rows[0]!.approved, unlinked: '0' });
  });

  it('takes every start of care from a 305, 0–20 days after the toewijzing’s start and not after today', async () => {
    const starts = await inTenant((tx) =>
      sql<{ source: string; from_305: boolean; days: number; started_on: string }>`
        select cs.source, to_char(cs.started_on, 'YYYY-MM-DD') as started_on,
          exists (select 1 from care_deliveries cd join exchange_messages m on m.id = cd.start_message_id and m.message_number = 305 and m.direction = 'in'
                  where cd.allocation_id = cs.allocation_id and cd.started_on = cs.started_on) as from_305,
          cs.started_on - (select min(s.start_date) from allocation_segments s where s.allocation_id = cs.allocation_id and s.superseded_at is null) as days
        from allocation_care_starts cs
      `.execute(tx),
    );
    expect(starts.rows.length).toBeGreaterThan(10);
    for (const s of starts.rows) {
      expect(s.source).toMatch(/^(iwmo|ijw)-305$/);
      expect(s.from_305).toBe(true);
      expect(s.days).toBeGreaterThanOrEqual(0);
      expect(s.days).toBeLessThanOrEqual(20);
      expect(s.started_on <= today).toBe(true);
    }
  });

  it('sends no 301 for the migrated toewijzingen, and one for an allocation made after the seed', async () => {
    const { residentId, allocationId } = await allocatedCase(t, consultant);
    const built = await t.app.inject({ method: 'POST', url: '/api/exchange/outbox', headers: { cookie: teamLead } });
    expect(built.statusCode).toBe(200);
    expect(built.json()).toMatchObject({ messages: 1, toewijzingen: 1 });
    const sent = await inTenant((tx) =>
      tx.selectFrom('exchange_messages').select(['resident_id']).where('direction', '=', 'out').where('message_number', '=', 301).execute(),
    );
    expect(sent).toEqual([{ resident_id: residentId }]);
    const numbered = await inTenant((tx) => tx.selectFrom('allocation_segments').select('allocation_number').where('allocation_id', '=', allocationId).executeTakeFirstOrThrow());
    expect(numbered.allocation_number).not.toBeNull();
    expect((await t.app.inject({ method: 'POST', url: '/api/exchange/outbox', headers: { cookie: teamLead } })).json()).toMatchObject({ messages: 0 });
  });

  it('writes a 305 with the client’s short name (no NaamGebruik) and one StartProduct per toewijzing', () => {
    const xml = writeStartMessage({
      standard: 'ijw',
      agbCode: '12345678',
      municipalityCode: '0935',
      identification: 'S1',
      date: '2026-03-04',
      client: { bsn: '999990019', birthDate: '2015-06-01', gender: 'V', lastName: 'Berg', prefix: 'van den', initials: 'A-M' },
      products: [{ allocationNumber: 42, begin: '2026-03-02' }],
    });
    const message = readMessage(xml).Bericht as { Header: { BerichtCode: string }; Client: Record<string, unknown> };
    expect(message.Header.BerichtCode).toBe('438');
    expect(message.Client).toMatchObject({
      Geslacht: '2',
      Naam: { Geslachtsnaam: { Achternaam: 'Berg', Voorvoegsel: 'van den' }, Voorletters: 'AM' },
      StartProducten: { StartProduct: [{ ToewijzingNummer: '42', Begindatum: '2026-03-02', StatusAanlevering: '1' }] },
    });
    if (hasIstandaarden) {
      const schemas = SchemaSet.open(ISTANDAARDEN_DIR);
      const check = schemas.check(xml);
      expect(check.valid ? [] : check.problems).toEqual([]);
      schemas.close();
    }
  });
});
