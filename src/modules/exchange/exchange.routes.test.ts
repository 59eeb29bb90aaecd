import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { allocatedCase, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { hasIstandaarden, ISTANDAARDEN_DIR } from '../../../test/support/istandaarden.js';
import { readMessage } from './exchange.xml.js';

let t: TestApp;
let consultant: Staff;
let teamLead: string;
let kcc: string;

beforeAll(async () => {
  t = await createTestApp({ config: { istandaardenDir: hasIstandaarden ? ISTANDAARDEN_DIR : undefined } });
  consultant = await createStaff(t, { roles: ['consultant'] });
  teamLead = (await t.login('teamleider')).cookie;
  kcc = (await t.login('kcc')).cookie;
});
afterAll(async () => t.close());

const get = (url: string, cookie = teamLead) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, cookie = teamLead, payload?: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });

interface MessageItem {
  id: string;
  label: string;
  direction: string;
  status: string;
  xsdStatus: string;
  problems: { message: string }[];
  identification: string;
  resident: { id: string; name: string } | null;
  provider: { agbCode: string };
}
const messagesOf = async (residentId: string): Promise<MessageItem[]> => {
  const response = await get(`/api/exchange/messages?residentId=${residentId}`);
  expect(response.statusCode).toBe(200);
  return (response.json() as { items: MessageItem[] }).items;
};

interface Product {
  ToewijzingNummer: string;
  Ingangsdatum: string;
  Einddatum?: string;
  RedenWijziging?: string;
  Omvang?: { Volume: string; Eenheid: string; Frequentie: string };
}
const productsIn = (xml: string): Product[] =>
  ((readMessage(xml).Bericht as { Client: { ToegewezenProducten: { ToegewezenProduct: Product[] } } }).Client.ToegewezenProducten.ToegewezenProduct);

describe('allocation messages (iWmo 301) to providers', () => {
  it('sends a new allocation once, with a ToewijzingNummer, checked against the XSD, downloadable and logged', async () => {
    const { residentId, allocationId } = await allocatedCase(t, consultant);
    const built = await post('/api/exchange/outbox');
    expect(built.statusCode).toBe(200);
    expect(built.json()).toMatchObject({ invalid: 0, xsdChecked: hasIstandaarden });
    expect(built.json().messages).toBeGreaterThanOrEqual(1);

    const [message, ...rest] = await messagesOf(residentId);
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ label: 'iWmo 301 Toewijzing', direction: 'out', status: 'ready', xsdStatus: hasIstandaarden ? 'valid' : 'not_checked' });
    expect(message!.identification).toMatch(/^K\d{9}$/);
    expect(message!.resident!.id).toBe(residentId);

    // Nothing changed: a second run sends nothing for this resident.
    await post('/api/exchange/outbox');
    expect(await messagesOf(residentId)).toHaveLength(1);

    const download = await get(`/api/exchange/messages/${message!.id}/xml`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="WMO301-${message!.identification}.xml"`);
    const [product] = productsIn(download.body);
    expect(product).toMatchObject({ Ingangsdatum: '2026-09-01', Einddatum: '2027-08-31', Omvang: { Volume: '1', Eenheid: '04', Frequentie: '2' } });
    expect(product!.RedenWijziging).toBeUndefined();
    expect((await messagesOf(residentId))[0]!.status).toBe('downloaded');

    const segments = await asOwnerIn(t.database.db, TENANT, (tx) =>
      tx.selectFrom('allocation_segments').select(['allocation_number']).where('allocation_id', '=', allocationId).execute(),
    );
    expect(segments.map((s) => String(s.allocation_number))).toEqual([product!.ToewijzingNummer]);

    const logged = await asOwnerIn(t.database.db, TENANT, (tx) =>
      tx.selectFrom('audit_log').select(['name', 'processing_activity_id']).where('data_subject_id', '=', residentId).where('name', 'in', ['toewijzing.aanmaken', 'bericht.downloaden']).orderBy('seq').execute(),
    );
    expect(logged).toEqual([
      { name: 'toewijzing.aanmaken', processing_activity_id: 'berichtenverkeer-aanbieders' },
      { name: 'bericht.downloaden', processing_activity_id: 'berichtenverkeer-aanbieders' },
    ]);
  });

  it('announces a change of volume: the current toewijzing is shortened (RedenWijziging 05) and the new volume is a new toewijzing', async () => {
    const { residentId, allocationId } = await allocatedCase(t, consultant);
    await post('/api/exchange/outbox');
    const first = productsIn((await get(`/api/exchange/messages/${(await messagesOf(residentId))[0]!.id}/xml`)).body);
    const change = await t.app.inject({
      method: 'PATCH',
      url: `/api/allocations/${allocationId}`,
      headers: { cookie: consultant.cookie },
      payload: { effectiveFrom: '2027-01-01', volume: 1.5, reason: 'Half uur meer' },
    });
    expect(change.statusCode).toBe(200);
    await post('/api/exchange/outbox');
    const messages = await messagesOf(residentId);
    expect(messages).toHaveLength(2);
    const second = productsIn((await get(`/api/exchange/messages/${messages[0]!.id}/xml`)).body);
    expect(second).toEqual([
      expect.objectContaining({ ToewijzingNummer: first[0]!.ToewijzingNummer, Ingangsdatum: '2026-09-01', Einddatum: '2026-12-31', RedenWijziging: '05' }),
      // 1.5 hours a week is sent as 90 minutes a week: the standard's volume is a whole number.
      expect.objectContaining({ Ingangsdatum: '2027-01-01', Einddatum: '2027-08-31', Omvang: { Volume: '90', Eenheid: '01', Frequentie: '2' } }),
    ]);
    expect(second[1]!.ToewijzingNummer).not.toBe(first[0]!.ToewijzingNummer);
    expect(messages[0]!.xsdStatus).toBe(hasIstandaarden ? 'valid' : 'not_checked');
  });

  it('is for the team lead: a consultant may not read the exchange and the KCC may not build messages', async () => {
    expect((await get('/api/exchange/messages', consultant.cookie)).statusCode).toBe(403);
    expect((await post('/api/exchange/outbox', kcc)).statusCode).toBe(403);
    expect((await get('/api/exchange/messages/00000000-0000-4000-8000-000000000000/xml')).statusCode).toBe(404);
    expect((await get('/api/exchange/messages/geen-id/xml')).statusCode).toBe(400);
    expect((await get('/api/exchange/messages?limit=0')).statusCode).toBe(400);
  });
});
