import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { allocatedCase, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { careMessageSample, hasIstandaarden, ISTANDAARDEN_DIR, type CareMessageSample } from '../../../test/support/istandaarden.js';
import { readMessage } from './exchange.xml.js';

let t: TestApp;
let consultant: Staff;
let teamLead: string;

beforeAll(async () => {
  t = await createTestApp({ config: { istandaardenDir: hasIstandaarden ? ISTANDAARDEN_DIR : undefined } });
  consultant = await createStaff(t, { roles: ['consultant'] });
  teamLead = (await t.login('teamleider')).cookie;
});
afterAll(async () => t.close());

const get = (url: string, cookie = teamLead) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const receive = (xml: string, cookie = teamLead) => t.app.inject({ method: 'POST', url: '/api/exchange/inbox', headers: { cookie, 'content-type': 'application/xml' }, payload: xml });

let sequence = 0;
const nextId = () => `P${Date.now() % 100_000}${(sequence += 1)}`;

/** A resident with an allocation whose 301 has been built: the provider's AGB code, the BSN and the ToewijzingNummer. */
async function sentAllocation() {
  const { residentId, allocationId } = await allocatedCase(t, consultant);
  expect((await t.app.inject({ method: 'POST', url: '/api/exchange/outbox', headers: { cookie: teamLead } })).statusCode).toBe(200);
  const facts = await asOwnerIn(t.database.db, TENANT, (tx) =>
    tx
      .selectFrom('allocation_segments as s')
      .innerJoin('allocations as a', (j) => j.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.allocation_id'))
      .innerJoin('residents as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.resident_id'))
      .innerJoin('providers as p', (j) => j.onRef('p.id', '=', 'a.provider_id'))
      .select(['s.allocation_number', 'r.bsn', 'p.agb_code'])
      .where('s.allocation_id', '=', allocationId)
      .executeTakeFirstOrThrow(),
  );
  return { residentId, allocationId, number: facts.allocation_number!, bsn: facts.bsn, agbCode: facts.agb_code };
}

type Sample = Omit<CareMessageSample, 'identification'> & { identification?: string };
const message = (m: Sample) => careMessageSample({ identification: nextId(), ...m });

interface Outcome {
  status: string;
  xsdStatus: string;
  label: string;
  retour: { id: string; label: string } | null;
  retourCodes: { level: string; index: number | null; code: string; text: string }[];
  products: { total: number; accepted: number };
  problems: { message: string }[];
}

describe('start and stop of care from providers (iWmo 305/307)', () => {
  it('records a start, answers with a retour 306 without remarks, and feeds the allocation’s care start', async () => {
    const a = await sentAllocation();
    const response = await receive(message({ kind: 'start', agbCode: a.agbCode, bsn: a.bsn, products: [{ number: a.number, begin: '2026-09-07' }] }));
    expect(response.statusCode).toBe(200);
    const outcome = response.json() as Outcome;
    expect(outcome).toMatchObject({
      status: 'accepted',
      label: 'iWmo 305 Start zorg',
      xsdStatus: hasIstandaarden ? 'valid' : 'not_checked',
      products: { total: 1, accepted: 1 },
      retour: { label: 'iWmo 306 Retourbericht start zorg' },
      retourCodes: [{ level: 'product', index: 0, code: '0200', text: 'Geen opmerking over deze berichtklasse.' }],
    });
    const retour = await get(`/api/exchange/messages/${outcome.retour!.id}/xml`);
    expect(retour.statusCode).toBe(200);
    expect(readMessage(retour.body)).toMatchObject({
      Bericht: { Header: { BerichtCode: '419', Afzender: a.agbCode, Ontvanger: '0935' }, Client: { Bsn: a.bsn, StartProducten: { StartProduct: [{ ToewijzingNummer: String(a.number), RetourCodes: { RetourCode: '0200' } }] } } },
    });
    const [delivery, start] = await asOwnerIn(t.database.db, TENANT, async (tx) => [
      await tx.selectFrom('care_deliveries').select(['started_on', 'stopped_on']).where('allocation_id', '=', a.allocationId).execute(),
      await tx.selectFrom('allocation_care_starts').select(['started_on', 'source']).where('allocation_id', '=', a.allocationId).execute(),
    ]);
    expect(delivery).toEqual([{ started_on: '2026-09-07', stopped_on: null }]);
    expect(start).toEqual([{ started_on: '2026-09-07', source: 'iwmo-305' }]);
    // The resident's file shows it: care started on that date, as the provider reported.
    const file = await get(`/api/residents/${a.residentId}/allocations`, consultant.cookie);
    expect(file.json().find((x: { id: string }) => x.id === a.allocationId).care).toEqual({ startedOn: '2026-09-07', stoppedOn: null, stopReason: null });
    const inbox = (await get(`/api/exchange/messages?residentId=${a.residentId}`)).json() as { items: { label: string; direction: string; status: string }[] };
    expect(inbox.items.map((m) => [m.label, m.direction, m.status])).toEqual(
      expect.arrayContaining([
        ['iWmo 305 Start zorg', 'in', 'accepted'],
        ['iWmo 306 Retourbericht start zorg', 'out', 'downloaded'],
      ]),
    );
  });

  it('applies the standard’s rules with their retour codes: 9056, 8848, 9074, 9019, 9069, 9415, 9071', async () => {
    const a = await sentAllocation();
    const start = (products: Sample['products'], extra: Partial<Sample> = {}) => receive(message({ kind: 'start', agbCode: a.agbCode, bsn: a.bsn, products, ...extra }));
    const stop = (products: Sample['products']) => receive(message({ kind: 'stop', agbCode: a.agbCode, bsn: a.bsn, products }));
    const codes = async (response: Promise<{ json: () => unknown; statusCode: number }>) => {
      const r = await response;
      expect(r.statusCode).toBe(200);
      return (r.json() as Outcome).retourCodes.map((c) => `${c.level}:${c.code}`);
    };
    const first = message({ kind: 'start', agbCode: a.agbCode, bsn: a.bsn, products: [{ number: a.number, begin: '2026-09-07' }] });
    expect(await codes(receive(first))).toEqual(['product:0200']);
    // The same message again: its identification is not unique for this provider.
    const again = await receive(first);
    expect(again.json()).toMatchObject({ status: 'rejected', retourCodes: [{ level: 'header', code: '9056' }] });
    expect(await codes(start([{ number: a.number, begin: '2026-09-08' }], { date: '2099-01-01' }))).toEqual(['header:8848']);
    expect(await codes(start([{ number: a.number, begin: '2026-09-07' }, { number: 999_999_999, begin: '2026-09-07' }, { number: a.number, begin: '2026-10-01', status: '2' }]))).toEqual([
      'product:9074',
      'product:9019',
      'product:9069',
    ]);
    expect(await codes(stop([{ number: a.number, begin: '2026-10-01', end: '2026-12-31' }]))).toEqual(['product:9069']);
    expect(await codes(stop([{ number: a.number, begin: '2026-09-07', end: '2026-12-31' }]))).toEqual(['product:0200']);
    expect(await codes(stop([{ number: a.number, begin: '2026-09-07', end: '2026-12-31' }]))).toEqual(['product:9415']);
    expect(await codes(start([{ number: a.number, begin: '2026-09-07', status: '3' }]))).toEqual(['product:9071']);
    const delivery = await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('care_deliveries').select(['started_on', 'stopped_on', 'stop_reason']).where('allocation_id', '=', a.allocationId).execute());
    expect(delivery).toEqual([{ started_on: '2026-09-07', stopped_on: '2026-12-31', stop_reason: '19' }]);
  });

  it('refuses what is not for this municipality, from an unknown provider, not a provider’s message or not XML (400, nothing kept)', async () => {
    const a = await sentAllocation();
    const base = { kind: 'start' as const, agbCode: a.agbCode, bsn: a.bsn, products: [{ number: a.number, begin: '2026-09-07' }] };
    const refused = async (xml: string, text: RegExp) => {
      const r = await receive(xml);
      expect(r.statusCode).toBe(400);
      expect(JSON.stringify(r.json())).toMatch(text);
    };
    await refused(message({ ...base, municipality: '1903' }), /gericht aan gemeentecode 1903/);
    await refused(message({ ...base, agbCode: '12345678' }), /AGB-code 12345678\) is geen aanbieder/);
    await refused('<Bericht><Header></Bericht>', /Geen geldige XML/);
    await refused('<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo325/schema"/>', /iWmo 325 Declaratie-antwoord is een bericht van de gemeente, niet van een aanbieder/);
    expect((await t.app.inject({ method: 'POST', url: '/api/exchange/inbox', headers: { cookie: teamLead, 'content-type': 'application/xml' }, payload: '' })).statusCode).toBe(400);
    expect((await receive(message(base), consultant.cookie)).statusCode).toBe(403);
  });

  it.skipIf(!hasIstandaarden)('keeps a message that fails the technical check, rejected with the XSD’s problems and no retour', async () => {
    const a = await sentAllocation();
    const response = await receive(message({ kind: 'start', agbCode: a.agbCode, bsn: '12345', products: [{ number: a.number, begin: '2026-09-07' }] }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'rejected', xsdStatus: 'invalid', retour: null, problems: [{ message: "Bsn: de waarde '12345' past niet in het voorgeschreven patroon ([0-9]{9})." }] });
  });
});
