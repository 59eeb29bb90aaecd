import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDeclarationMessage, type DeclaredLine } from '../../demo/declaration-messages.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { allocatedCase, createProvider, createStaff, TENANT, uniqueBsn, type Staff } from '../../../test/support/factories.js';
import { hasIstandaarden, ISTANDAARDEN_DIR, NO_ISTANDAARDEN_REASON } from '../../../test/support/istandaarden.js';
import { writeDeclarationAnswer } from './exchange.declaration-answer.js';
import { SchemaSet } from './exchange.schemas.js';
import { readMessage } from './exchange.xml.js';
import { auditLogregels } from '../../platform/audit/audit.repository.js';

let t: TestApp;
let consultant: Staff;
let teamLead: string;

beforeAll(async () => {
  t = await createTestApp({ config: { istandaardenDir: hasIstandaarden ? ISTANDAARDEN_DIR : undefined } });
  consultant = await createStaff(t, { roles: ['consultant'] });
  teamLead = (await t.login('teamleider')).cookie;
});
afterAll(async () => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: teamLead } });
const receive = (xml: string) => t.app.inject({ method: 'POST', url: '/api/exchange/inbox', headers: { cookie: teamLead, 'content-type': 'application/xml' }, payload: xml });

let sequence = 0;
const nextId = (prefix = 'D') => `${prefix}${Date.now() % 100_000}${(sequence += 1)}`;

/** An allocation (1 hour a week, 2026-09-01 … 2027-08-31) whose 301 was built, with what the provider declares against it. */
async function sentAllocation() {
  const { residentId, allocationId } = await allocatedCase(t, consultant);
  expect((await t.app.inject({ method: 'POST', url: '/api/exchange/outbox', headers: { cookie: teamLead } })).statusCode).toBe(200);
  const facts = await asOwnerIn(t.database.db, TENANT, (tx) =>
    tx
      .selectFrom('allocation_segments as s')
      .innerJoin('allocations as a', (j) => j.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.allocation_id'))
      .innerJoin('residents as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.resident_id'))
      .innerJoin('providers as p', (j) => j.onRef('p.id', '=', 'a.provider_id'))
      .innerJoin('products as pr', (j) => j.onRef('pr.tenant_id', '=', 'a.tenant_id').onRef('pr.id', '=', 'a.product_id'))
      .innerJoin('provider_tariffs as tf', (j) => j.onRef('tf.provider_id', '=', 'a.provider_id').onRef('tf.product_code', '=', 'pr.code'))
      .select(['s.id as segment_id', 's.allocation_number', 'r.bsn', 'p.agb_code', 'pr.category_code', 'pr.product_code', 'tf.cents_per_unit', 'tf.year'])
      .where('s.allocation_id', '=', allocationId)
      .execute(),
  );
  const f = facts.find((x) => x.year === 2026) ?? facts[0]!;
  const tariff2027 = Number((facts.find((x) => x.year === 2027) ?? f).cents_per_unit);
  return {
    residentId,
    allocationId,
    segmentId: f.segment_id,
    number: f.allocation_number!,
    bsn: f.bsn,
    agbCode: f.agb_code,
    category: f.category_code!,
    productCode: f.product_code!,
    tariff: Number(f.cents_per_unit),
    tariff2027,
  };
}
type Sent = Awaited<ReturnType<typeof sentAllocation>>;

interface Outcome {
  status: string;
  xsdStatus: string;
  label: string;
  retour: { id: string; label: string } | null;
  retourCodes: { level: string; index: number | null; code: string; text: string }[];
  products: { total: number; accepted: number };
}

/** A correct line for `a`: `volume` hours in the period at the contract tariff. */
const line = (a: Sent, reference: string, begin: string, end: string, volume: number, extra: Partial<DeclaredLine> = {}): DeclaredLine => ({
  bsn: a.bsn,
  reference,
  allocationNumber: a.number,
  category: a.category,
  productCode: a.productCode,
  begin,
  end,
  volume,
  unit: '04',
  tariffCents: a.tariff,
  amountCents: volume * a.tariff,
  ...extra,
});

const declare = (a: Sent, periodStart: string, periodEnd: string, lines: DeclaredLine[], extra: { identification?: string; date?: string; standard?: 'iwmo' | 'ijw'; number?: string } = {}) => {
  const identification = extra.identification ?? nextId();
  return writeDeclarationMessage({
    standard: extra.standard ?? 'iwmo',
    agbCode: a.agbCode,
    municipalityCode: '0935',
    identification,
    date: extra.date ?? '2026-12-01',
    declarationNumber: extra.number ?? identification,
    periodStart,
    periodEnd,
    lines,
  });
};

const codesPerLine = (o: Outcome) => {
  const out: string[][] = [];
  for (const c of o.retourCodes) if (c.level === 'product') (out[c.index!] ??= []).push(c.code);
  return out.map((c) => c.join('+'));
};

const ledger = (allocationId: string) =>
  asOwnerIn(t.database.db, TENANT, (tx) =>
    tx.selectFrom('declarations').select(['month', 'cents', 'declaration_line_id']).where('allocation_id', '=', allocationId).orderBy('month').orderBy('cents').execute(),
  );

describe('declarations from providers (iWmo/iJw 323)', () => {
  it('checks every line with the standard’s codes, approves per line, books only approved lines and answers with a 325', async () => {
    const a = await sentAllocation();
    const removed = await sentAllocation();
    const other = await sentAllocation();
    // The second toewijzing was withdrawn (superseded after it was sent): a declaration on it gets 9384.
    await asOwnerIn(t.database.db, TENANT, (tx) => tx.updateTable('allocation_segments').set({ superseded_at: new Date() }).where('id', '=', removed.segmentId).execute());
    const T = a.tariff;
    const lines: DeclaredLine[] = [
      line(a, 'R-OK-OCT', '2026-10-01', '2026-10-31', 4), // 0: approved
      line(a, 'R-9019', '2026-10-01', '2026-10-31', 1, { allocationNumber: 999_999_999 }), // 1
      line(a, 'R-8187', '2026-10-01', '2026-10-31', 1, { allocationNumber: other.number, bsn: a.bsn }), // 2: other's toewijzing, a's BSN
      line(a, 'R-9339', '2026-10-01', '2026-10-31', 1, { category: a.category === '02' ? '01' : '02' }), // 3
      line(a, 'R-9340', '2026-10-01', '2026-10-31', 1, { productCode: 'ZZ9' }), // 4
      line(a, 'R-9341', '2026-10-01', '2026-10-31', 60, { unit: '01', tariffCents: Math.round(T / 60), amountCents: 60 * Math.round(T / 60) }), // 5
      line(a, 'R-9307', '2026-08-25', '2026-09-05', 1), // 6: begins before the toewijzing
      line(a, 'R-9319', '2026-11-02', '2026-11-06', 1), // 7: outside the DeclaratiePeriode
      line(a, 'R-9321', '2026-10-01', '2026-10-31', 9), // 8: 1 hour a week, 5 weeks at most
      line(a, 'R-OK-SEP', '2026-09-01', '2026-09-30', 4), // 9: approved
      line(a, 'R-9322', '2026-09-01', '2026-09-15', 2), // 10: fits alone (3), not with line 9 (4 + 2 > 5)
      line(a, 'R-0611', '2026-10-01', '2026-10-31', 1, { tariffCents: T + 100, amountCents: T + 100 }), // 11
      line(a, 'R-9346', '2026-10-01', '2026-10-31', 1, { amountCents: T + 1 }), // 12
      line(a, 'R-OK-OCT', '2026-10-01', '2026-10-31', 1), // 13: same ProductReferentie as line 0
      line(removed, 'R-9384', '2026-10-01', '2026-10-31', 1, { bsn: removed.bsn }), // 14
    ];
    const response = await receive(declare(a, '2026-08-01', '2026-10-31', lines));
    expect(response.statusCode).toBe(200);
    const outcome = response.json() as Outcome;
    expect(outcome).toMatchObject({ status: 'accepted', label: 'iWmo 323 Declaratie', xsdStatus: hasIstandaarden ? 'valid' : 'not_checked', products: { total: 15, accepted: 2 } });
    expect(codesPerLine(outcome)).toEqual(['8001', '9019', '8187', '9339', '9340', '9341', '9307', '9319', '9321', '8001', '9322', '0611', '9346', '8021', '9384']);
    expect(outcome.retourCodes.find((c) => c.code === '8001')?.text).toMatch(/toegewezen/);

    // Realisation: exactly the two approved lines, in their months, nothing on the other allocations.
    const booked = await ledger(a.allocationId);
    expect(booked.map((r) => [r.month, Number(r.cents)])).toEqual([
      ['2026-09-01', 4 * T],
      ['2026-10-01', 4 * T],
    ]);
    expect(booked.every((r) => r.declaration_line_id !== null)).toBe(true);
    expect(await ledger(removed.allocationId)).toEqual([]);
    expect(await ledger(other.allocationId)).toEqual([]);

    // The 325: per Prestatie its codes, totals, Wmo without its own XSD (not checked), ready to send.
    const retour = await get(`/api/exchange/messages/${outcome.retour!.id}/xml`);
    expect(retour.statusCode).toBe(200);
    type Node = { [key: string]: Node | Node[] | string };
    const answer = readMessage(retour.body).Bericht as Node;
    const many = (v: Node | Node[] | string | undefined): Node[] => (v === undefined || typeof v === 'string' ? [] : Array.isArray(v) ? v : [v]);
    expect(answer.Header).toMatchObject({ BerichtCode: '485', Afzender: '0935', Ontvanger: a.agbCode, RetourCodes: { RetourCode: '0200' } });
    expect(answer.DeclaratieAntwoord).toMatchObject({ TotaalToegekendBedrag: { TotaalBedrag: String(8 * T), DebetCredit: 'D' } });
    const clients = many((many(answer.DeclaratieAntwoord)[0]?.Clienten as Node | undefined)?.Client);
    const prestaties = clients.flatMap((c) => many((c.Prestaties as Node).Prestatie));
    expect(prestaties).toHaveLength(15);
    expect(prestaties[0]).toMatchObject({ ProductReferentie: { ReferentieNummer: 'R-OK-OCT' }, RetourCodes: { RetourCode: '8001' } });
    expect(prestaties[8]).toMatchObject({ ProductReferentie: { ReferentieNummer: 'R-9321' }, RetourCodes: { RetourCode: '9321' } });
    const stored = await asOwnerIn(t.database.db, TENANT, (tx) =>
      tx.selectFrom('exchange_messages').select(['status', 'xsd_status', 'message_number']).where('id', '=', outcome.retour!.id).executeTakeFirstOrThrow(),
    );
    expect(stored).toEqual({ status: 'downloaded', xsd_status: 'not_checked', message_number: 325 });
    const declaration = await asOwnerIn(t.database.db, TENANT, (tx) =>
      tx.selectFrom('declaration_messages').select(['status', 'lines', 'approved_lines', 'approved_cents', 'submitted_cents']).orderBy('received_at', 'desc').limit(1).executeTakeFirstOrThrow(),
    );
    expect(declaration).toMatchObject({ status: 'accepted', lines: 15, approved_lines: 2 });
    expect(Number(declaration.approved_cents)).toBe(8 * T);

    // The processing log: one logregel per resident the declaration concerns.
    const logged = await asOwnerIn(t.database.db, TENANT, (tx) =>
      tx.selectFrom(auditLogregels(tx, { type: 'resident', ids: [a.residentId, removed.residentId, other.residentId] })).select('a.data_subject_id').where('a.name', '=', 'declaratie.ontvangen').execute(),
    );
    expect(logged.map((r) => r.data_subject_id).sort()).toEqual([a.residentId, removed.residentId, other.residentId].sort());
  });

  it('refuses a repeated message (9056) and a future dagtekening (8848) as a whole, and books nothing twice', async () => {
    const a = await sentAllocation();
    const xml = declare(a, '2026-10-01', '2026-10-31', [line(a, 'R-ONCE', '2026-10-01', '2026-10-31', 3)]);
    expect(codesPerLine((await receive(xml)).json() as Outcome)).toEqual(['8001']);
    const again = (await receive(xml)).json() as Outcome;
    expect(again).toMatchObject({ status: 'rejected', retourCodes: [{ level: 'header', code: '9056' }], products: { total: 1, accepted: 0 } });
    const future = (await receive(declare(a, '2026-11-01', '2026-11-30', [line(a, 'R-LATER', '2026-11-01', '2026-11-30', 1)], { date: '2099-01-01' }))).json() as Outcome;
    expect(future).toMatchObject({ status: 'rejected', retourCodes: [{ level: 'header', code: '8848' }] });
    // The same DeclaratieNummer in a new message: 9333.
    const number = (await receive(declare(a, '2026-11-01', '2026-11-30', [line(a, 'R-NUM', '2026-11-01', '2026-11-30', 1)], { number: 'DECL42' + String(sequence) }))).json() as Outcome;
    expect(number.status).toBe('accepted');
    const sameNumber = (await receive(declare(a, '2026-11-01', '2026-11-30', [line(a, 'R-NUM2', '2026-11-01', '2026-11-30', 1)], { number: 'DECL42' + String(sequence - 1) }))).json() as Outcome;
    expect(sameNumber).toMatchObject({ status: 'rejected', retourCodes: [{ level: 'header', code: '9333' }] });
    const answer = readMessage((await get(`/api/exchange/messages/${again.retour!.id}/xml`)).body).Bericht as Record<string, unknown>;
    expect(answer.DeclaratieAntwoord).toBeUndefined();
    expect((await ledger(a.allocationId)).map((r) => [r.month, Number(r.cents)])).toEqual([
      ['2026-10-01', 3 * a.tariff],
      ['2026-11-01', a.tariff],
    ]);
  });

  it('judges two declarations of one provider that arrive at the same time one after the other: the same line is approved once', async () => {
    const a = await sentAllocation();
    const [first, second] = await Promise.all([
      receive(declare(a, '2026-10-01', '2026-10-31', [line(a, 'R-RACE', '2026-10-01', '2026-10-31', 2)])),
      receive(declare(a, '2026-10-01', '2026-10-31', [line(a, 'R-RACE', '2026-10-01', '2026-10-31', 2)])),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const codes = [first, second].map((r) => codesPerLine(r.json() as Outcome)[0]).sort();
    expect(codes).toEqual(['8001', '8021']);
    expect((await ledger(a.allocationId)).map((r) => Number(r.cents))).toEqual([2 * a.tariff]);
  });

  it('credits an approved line once (negative realisation), refuses unknown (8017), repeated (9390) and differing (9367) credits, and splits a line over months', async () => {
    const a = await sentAllocation();
    const T = a.tariff;
    const T27 = a.tariff2027;
    expect(codesPerLine((await receive(declare(a, '2026-10-01', '2026-10-31', [line(a, 'R-C1', '2026-10-01', '2026-10-31', 4), line(a, 'R-C2', '2026-10-01', '2026-10-15', 1)]))).json() as Outcome)).toEqual(['8001', '8001']);
    const credits = (await receive(
      declare(a, '2026-10-01', '2026-10-31', [
        line(a, 'R-C1', '2026-10-01', '2026-10-31', 4, { debitCredit: 'C' }),
        line(a, 'R-C1', '2026-10-01', '2026-10-31', 4, { debitCredit: 'C' }),
        line(a, 'R-NONE', '2026-10-01', '2026-10-31', 1, { debitCredit: 'C' }),
        line(a, 'R-C2', '2026-10-01', '2026-10-15', 2, { debitCredit: 'C' }),
      ]),
    )).json() as Outcome;
    expect(codesPerLine(credits)).toEqual(['8001', '9390', '8017', '9367']);
    const split = (await receive(declare(a, '2027-07-01', '2027-08-31', [line(a, 'R-SPLIT', '2027-07-20', '2027-08-10', 2, { tariffCents: T27, amountCents: 2 * T27 })]))).json() as Outcome;
    expect(codesPerLine(split)).toEqual(['8001']);
    const july = Math.floor((2 * T27 * 12) / 22);
    expect((await ledger(a.allocationId)).map((r) => [r.month, Number(r.cents)])).toEqual([
      ['2026-10-01', -4 * T],
      ['2026-10-01', T],
      ['2026-10-01', 4 * T],
      ['2027-07-01', july],
      ['2027-08-01', 2 * T27 - july],
    ]);
  });

  it('answers an iJw 323 with a JW325 that the XSD accepts, and refuses what is not a declaration (technical check)', async () => {
    const provider = await createProvider(t, { kind: 'youth' });
    const bsn = uniqueBsn();
    const a = { agbCode: provider.agbCode, bsn, number: 999_999_998, category: '45', productCode: '45A01', tariff: 5000 } as unknown as Sent;
    const response = (await receive(declare(a, '2026-10-01', '2026-10-31', [line(a, 'J-1', '2026-10-01', '2026-10-31', 2)], { standard: 'ijw' }))).json() as Outcome;
    expect(response).toMatchObject({ status: 'accepted', label: 'iJw 323 Declaratie', products: { total: 1, accepted: 0 } });
    expect(codesPerLine(response)).toEqual(['9019']);
    const stored = await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('exchange_messages').select(['xsd_status', 'status', 'problems']).where('id', '=', response.retour!.id).executeTakeFirstOrThrow());
    expect(stored).toMatchObject({ xsd_status: hasIstandaarden ? 'valid' : 'not_checked', status: 'ready' });
    const broken = await receive(declare(a, '2026-10-01', '2026-10-31', [line(a, 'J-2', '2026-10-01', '2026-10-31', 2, { bsn: '12345' })], { standard: 'ijw' }));
    expect(broken.statusCode).toBe(200);
    expect(broken.json()).toMatchObject({ status: 'rejected', retour: null });
  });

  it.skipIf(!hasIstandaarden)(`writes a JW325 with approved and refused lines that JW325.xsd accepts (skipped when ${NO_ISTANDAARDEN_REASON})`, () => {
    const schemas = SchemaSet.open(ISTANDAARDEN_DIR);
    const prestatie = (reference: string, dc: 'D' | 'C') => ({
      ProductReferentie: { ReferentieNummer: reference },
      ToewijzingNummer: '12',
      ProductCategorie: '45',
      ProductCode: '45A01',
      ProductPeriode: { Begindatum: '2026-10-01', Einddatum: '2026-10-31' },
      GeleverdVolume: '2',
      Eenheid: '04',
      ProductTarief: '5000',
      IngediendBedrag: { Bedrag: '10000', DebetCredit: dc },
    });
    const xml = writeDeclarationAnswer({
      standard: 'ijw',
      municipalityCode: '0935',
      agbCode: '12345678',
      identification: 'K000000001',
      date: '2026-12-01',
      declarationIdentification: { id: 'D1', date: '2026-12-01' },
      declarationXsd: { base: '1.0.0', message: '1.0.0' },
      headerCodes: [],
      declaration: {
        number: 'D1',
        submittedCents: 0,
        approvedCents: 10000,
        clients: [{ bsn: '999990019', lines: [{ prestatie: prestatie('A', 'D'), codes: [] }, { prestatie: prestatie('B', 'C'), codes: ['8017'] }] }],
      },
    });
    expect(schemas.check(xml)).toMatchObject({ valid: true, messageType: { standard: 'ijw', number: 325 } });
    const rejected = writeDeclarationAnswer({
      standard: 'ijw',
      municipalityCode: '0935',
      agbCode: '12345678',
      identification: 'K000000002',
      date: '2026-12-01',
      declarationIdentification: { id: 'D1', date: '2026-12-01' },
      declarationXsd: { base: '1.0.0', message: '1.0.0' },
      headerCodes: ['9056'],
      declaration: null,
    });
    expect(schemas.check(rejected)).toMatchObject({ valid: true });
    schemas.close();
  });
});
