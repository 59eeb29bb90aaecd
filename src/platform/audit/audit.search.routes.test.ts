import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { demoBsn } from '../../modules/residents/bsn.js';
import { verifyAuditChain } from './audit.chain.js';
import { chromiumPath } from '../pdf.js';

let t: TestApp;
let residentId: string;
let residentName: string;
let auditor: string;
beforeAll(async () => {
  t = await createTestApp();
  const kcc = (await t.login('kcc')).cookie;
  const hit = await t.app.inject({ method: 'POST', url: '/api/residents/search', headers: { cookie: kcc }, payload: { q: demoBsn(5) } });
  residentId = hit.json().items[0].id;
  residentName = hit.json().items[0].fullName;
  expect((await t.app.inject({ method: 'GET', url: `/api/residents/${residentId}`, headers: { cookie: kcc } })).statusCode).toBe(200);
  auditor = (await t.login('auditor')).cookie;
});
afterAll(async () => t.close());

const post = (url: string, payload: unknown, cookie: string | null = auditor) =>
  t.app.inject({ method: 'POST', url, headers: cookie ? { cookie } : {}, payload: payload as Record<string, unknown> });

interface Item {
  name: string;
  startTime: string;
  residentName: string | null;
  dataSubject: { type: string; id: string };
  actor: { username: string | null; displayName: string | null };
  processingActivity: { id: string };
  attributes: Record<string, unknown>;
}

describe('POST /api/audit/search', () => {
  it("finds a resident's processings by BSN in the body, with the employee's and resident's names", async () => {
    const response = await post('/api/audit/search', { resident: demoBsn(5) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json() as { items: Item[]; total: number; residents: { id: string; fullName: string }[] };
    expect(body.residents).toEqual([{ id: residentId, fullName: residentName }]);
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body.items.every((i) => i.dataSubject.id === residentId && i.residentName === residentName)).toBe(true);
    expect(body.items.find((i) => i.name === 'inwoner.raadplegen')?.actor).toMatchObject({ username: 'kcc', displayName: 'Karin Coenen (KCC)' });
    expect(response.body).not.toContain(demoBsn(5));
  });

  it('logs the search itself, without the BSN or name searched for', async () => {
    await post('/api/audit/search', { resident: demoBsn(5) });
    const again = (await post('/api/audit/search', { resident: demoBsn(5), activity: 'toezicht-verwerkingen' })).json() as { items: Item[] };
    const logged = again.items.find((i) => i.name === 'logboek.zoeken' && i.actor.username === 'auditor');
    expect(logged).toBeDefined();
    expect(logged!.attributes).toMatchObject({ zoekwijze: 'bsn' });
    expect(JSON.stringify(again.items.map((i) => i.attributes))).not.toContain(demoBsn(5));
    // A search for a resident with nothing in the log is logged against that resident too.
    await post('/api/audit/search', { resident: demoBsn(9), activity: 'klantcontact-kcc' });
    const other = (await post('/api/audit/search', { resident: demoBsn(9), activity: 'toezicht-verwerkingen' })).json() as { items: Item[] };
    expect(other.items.some((i) => i.name === 'logboek.zoeken' && i.attributes.activiteit === 'klantcontact-kcc')).toBe(true);
  });

  it('finds by name, by employee, by activity and by period, and pages', async () => {
    const byName = (await post('/api/audit/search', { resident: residentName })).json() as { residents: { id: string }[]; total: number };
    expect(byName.residents.map((r) => r.id)).toContain(residentId);
    const byEmployee = (await post('/api/audit/search', { employee: 'karin', pageSize: 200 })).json() as { items: Item[]; total: number };
    expect(byEmployee.total).toBeGreaterThan(0);
    expect(byEmployee.items.every((i) => i.actor.username === 'kcc')).toBe(true);
    const byActivity = (await post('/api/audit/search', { activity: 'inwonerregistratie', pageSize: 200 })).json() as { items: Item[] };
    expect(byActivity.items.every((i) => i.processingActivity.id === 'inwonerregistratie')).toBe(true);
    const future = (await post('/api/audit/search', { from: '2099-01-01' })).json() as { total: number };
    expect(future.total).toBe(0);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const recent = (await post('/api/audit/search', { resident: demoBsn(5), from: yesterday, to: tomorrow })).json() as { total: number };
    expect(recent.total).toBeGreaterThan(0);
    const first = (await post('/api/audit/search', { resident: demoBsn(5), activity: 'inwonerregistratie', pageSize: 1, page: 1 })).json() as { items: Item[]; total: number; page: number };
    const second = (await post('/api/audit/search', { resident: demoBsn(5), activity: 'inwonerregistratie', pageSize: 1, page: 2 })).json() as { items: Item[]; page: number };
    expect(first.items).toHaveLength(1);
    expect(second.page).toBe(2);
    expect(second.items[0]).not.toEqual(first.items[0]);
  });

  it('answers 400 in Dutch for every invalid filter', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ resident: '123456789' }, 'resident', 'Dit BSN is ongeldig: het voldoet niet aan de elfproef.'],
      [{ resident: '12345' }, 'resident', 'Geef een naam zonder cijfers of een BSN van precies 9 cijfers op.'],
      [{ resident: 'a' }, 'resident', 'Geef een naam (minstens 2 tekens) of een BSN van 9 cijfers op.'],
      [{ employee: 'x' }, 'employee', 'Geef minstens 2 tekens van de naam of gebruikersnaam van de medewerker op.'],
      [{ from: '2026-02-30' }, 'from', 'Deze datum vanaf bestaat niet.'],
      [{ to: '31-12-2026' }, 'to', 'Ongeldige datum tot en met: gebruik jjjj-mm-dd.'],
      [{ from: '2026-05-01', to: '2026-04-01' }, 'to', "De datum 'tot en met' ligt voor de datum 'vanaf'."],
      [{ activity: 'alles' }, 'activity', 'Kies een bestaande verwerkingsactiviteit.'],
      [{ pageSize: 500 }, 'pageSize', 'Geef een paginagrootte van 1 tot 200 op.'],
      [{ page: 0 }, 'page', 'Geef een paginanummer vanaf 1 op.'],
    ];
    for (const [payload, field, message] of cases) {
      const response = await post('/api/audit/search', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.fields, JSON.stringify(payload)).toEqual([{ field, message }]);
    }
    const csv = await post('/api/audit/export.csv', { resident: '123456789' });
    expect(csv.statusCode).toBe(400);
    expect(csv.body).not.toContain('123456789');
  });

  it('refuses the KCC and a consultant (403) and an anonymous caller (401), on search, exports and inzage', async () => {
    const kcc = (await t.login('kcc')).cookie;
    const consulent = (await t.login('consulent')).cookie;
    for (const url of ['/api/audit/search', '/api/audit/export.csv', '/api/audit/export.xlsx', '/api/audit/inzage.html', '/api/audit/inzage.pdf']) {
      const payload = url.includes('inzage') ? { residentId } : { resident: demoBsn(5) };
      expect((await post(url, payload, kcc)).statusCode, url).toBe(403);
      expect((await post(url, payload, consulent)).statusCode, url).toBe(403);
      expect((await post(url, payload, null)).statusCode, url).toBe(401);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/audit/activities', headers: { cookie: kcc } })).statusCode).toBe(403);
  });
});

describe('exports of the search result', () => {
  it('writes CSV with a BOM, semicolons, Dutch headers and date-times, and logs the export', async () => {
    const response = await post('/api/audit/export.csv', { resident: demoBsn(5) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="logboek-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.body.startsWith('\uFEFFTijdstip;Medewerker;Rollen;Inwoner;Handeling;Verwerkingsactiviteit;Grondslag;Resultaat;Trace-id;Record-id\r\n')).toBe(true);
    const lines = response.body.trim().split('\r\n');
    expect(lines[1]).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2};/);
    expect(response.body).toContain('Karin Coenen (KCC)');
    expect(response.body).toContain(residentName);
    expect(response.body).not.toContain(demoBsn(5));
    const log = (await post('/api/audit/search', { resident: demoBsn(5), activity: 'toezicht-verwerkingen', pageSize: 200 })).json() as { items: Item[] };
    expect(log.items.some((i) => i.name === 'logboek.exporteren' && i.attributes.formaat === 'csv')).toBe(true);
  });

  it('writes an Excel workbook with the same columns, and logs the export', async () => {
    const response = await post('/api/audit/export.xlsx', { employee: 'Karin' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Verwerkingen')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Tijdstip');
    expect(sheet.getRow(2).getCell(2).value).toBe('Karin Coenen (KCC)');
    const log = (await post('/api/audit/search', { employee: 'auditor', activity: 'toezicht-verwerkingen', pageSize: 200 })).json() as { items: Item[] };
    expect(log.items.some((i) => i.name === 'logboek.exporteren' && i.attributes.formaat === 'xlsx')).toBe(true);
  });
});

describe('inzageverzoek (AVG art. 15)', () => {
  it("gives the resident's full log as printable HTML, signed off with the date, and logs the request", async () => {
    const response = await post('/api/audit/inzage.html', { residentId, reference: 'AVG-2026-001' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain(residentName);
    expect(response.body).toContain('AVG-2026-001');
    expect(response.body).toContain('Karin Coenen (KCC)');
    expect(response.body).toContain('AVG art. 6');
    expect(response.body).toContain('Logboek: inzageverzoek');
    expect(response.body).toMatch(/Opgesteld op \d{2}-\d{2}-\d{4} door /);
    expect(response.body).not.toContain(demoBsn(5));
    const log = (await post('/api/audit/search', { resident: demoBsn(5), activity: 'inzageverzoek-avg' })).json() as { items: Item[] };
    expect(log.items.some((i) => i.name === 'logboek.inzageverzoek' && i.attributes.kenmerk === 'AVG-2026-001')).toBe(true);
  });

  it.skipIf(!existsSync(chromiumPath()))('gives the same overview as PDF', async () => {
    const response = await post('/api/audit/inzage.pdf', { residentId });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  }, 60_000);

  it('answers 400 for a missing id and 404 for an unknown resident', async () => {
    const missing = await post('/api/audit/inzage.html', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([{ field: 'residentId', message: 'Kies de inwoner van het inzageverzoek.' }]);
    expect((await post('/api/audit/inzage.pdf', { residentId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });

  it('keeps the hash chain intact: every search, export and request only appended', async () => {
    const result = await verifyAuditChain(t.database.db, { tenantId: 'GM0935' });
    expect(result.broken).toBeNull();
    expect(result.records).toBeGreaterThan(10);
  });
});
