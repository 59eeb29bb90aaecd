import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let manager: string;
let exported: Buffer;
beforeAll(async () => {
  t = await createTestApp();
  manager = (await t.login('programmamanager')).cookie;
});
afterAll(async () => t.close());

const upload = (url: string, content: Buffer | string, cookie: string | null = manager, type = XLSX) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': type, ...(cookie ? { cookie } : {}) }, payload: content });

async function editWorkbook(content: Buffer, edit: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  edit(workbook.getWorksheet('Activiteiten')!);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const statusColumn = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).indexOf('status');
const activityCount = async () => ((await t.app.inject({ method: 'GET', url: '/api/programme/activities', headers: { cookie: manager } })).json() as unknown[]).length;

describe('programme export and import in the web app', () => {
  it('exports the programme as the import workbook, and a re-import of it changes nothing', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/programme/export.xlsx', headers: { cookie: manager } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="programma-\d{4}-\d{2}\.xlsx"$/);
    exported = response.rawPayload;
    expect(exported.subarray(0, 2).toString('latin1')).toBe('PK');
    const preview = await upload('/api/programme/import/preview', exported);
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ ok: true, added: [], removed: [], statusChanged: [] });
    expect(body.next).toEqual(body.current);
  });

  it('reports every problem per sheet, row and column, and loads nothing', async () => {
    const before = await activityCount();
    const broken = await editWorkbook(exported, (sheet) => {
      sheet.getRow(2).getCell(statusColumn(sheet)).value = 'KLAAR';
    });
    const preview = await upload('/api/programme/import/preview', broken);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({ ok: false, issues: expect.arrayContaining([expect.objectContaining({ sheet: 'Activiteiten', row: 2, column: 'status' })]) });
    const load = await upload('/api/programme/import', broken);
    expect(load.statusCode).toBe(400);
    expect(load.json().error.message).toMatch(/^Niets geïmporteerd: \d+ fout\(en\) in het bestand\.$/);
    expect(load.json().error.fields[0].field).toBe("Activiteiten, rij 2, kolom 'status'");
    expect(await activityCount()).toBe(before);
  });

  it('previews a removed activity and, on confirmation, loads the new programme', async () => {
    const before = await activityCount();
    const shorter = await editWorkbook(exported, (sheet) => sheet.spliceRows(sheet.rowCount, 1));
    const preview = (await upload('/api/programme/import/preview', shorter)).json();
    expect(preview.ok).toBe(true);
    expect(preview.removed).toHaveLength(1);
    expect(preview.next.activities).toBe(preview.current.activities - 1);
    const load = await upload('/api/programme/import', shorter);
    expect(load.statusCode).toBe(200);
    expect(load.json().activities).toBe(before - 1);
    expect(await activityCount()).toBe(before - 1);
  });

  it('answers 400 in Dutch for an empty upload or an unreadable file', async () => {
    const empty = await upload('/api/programme/import/preview', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toEqual([{ field: 'bestand', message: 'Kies een Excel-bestand (.xlsx) of CSV-bestand om te importeren.' }]);
    const json = await t.app.inject({ method: 'POST', url: '/api/programme/import', headers: { cookie: manager }, payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    const garbage = (await upload('/api/programme/import/preview', Buffer.from('PK not really a workbook'))).json();
    expect(garbage.ok).toBe(false);
    expect(garbage.issues.length).toBeGreaterThan(0);
  });

  it('is for the programme manager only: 403 for other roles, 401 without a session', async () => {
    for (const username of ['consulent', 'kcc', 'beleid', 'auditor']) {
      const { cookie } = await t.login(username);
      expect((await t.app.inject({ method: 'GET', url: '/api/programme/export.xlsx', headers: { cookie } })).statusCode, username).toBe(403);
      expect((await upload('/api/programme/import/preview', exported, cookie)).statusCode, username).toBe(403);
      expect((await upload('/api/programme/import', exported, cookie)).statusCode, username).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/programme/export.xlsx' })).statusCode).toBe(401);
    expect((await upload('/api/programme/import', exported, null)).statusCode).toBe(401);
  });
});
