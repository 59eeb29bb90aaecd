import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaff, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { PW_NORM_TABLE } from './pw.norms.data.js';
import { withoutVakantietoeslag } from './pw.norms.js';

let t: TestApp;
let admin: Staff;
let consultant: Staff;
beforeAll(async () => {
  t = await createTestApp();
  [admin, consultant] = await Promise.all([createStaff(t, { roles: ['admin'] }), createStaff(t, { roles: ['consultant'] })]);
});
afterAll(async () => t.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const storedVersions = () => withTenant(t.database.db, 'GM0935', async (tx) => (await tx.selectFrom('pw_norm_tables').select('version').orderBy('version').execute()).map((r) => r.version));
const upload = (content: Buffer, cookie = admin.cookie, note = 'Normen 2026 uit Excel (test)') =>
  t.app.inject({ method: 'POST', url: `/api/pw/norms/import.xlsx?note=${encodeURIComponent(note)}`, headers: { cookie, 'content-type': XLSX }, payload: content });

async function exported(): Promise<ExcelJS.Workbook> {
  const response = await t.app.inject({ method: 'GET', url: '/api/pw/norms/export.xlsx', headers: { cookie: consultant.cookie } });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-disposition']).toContain(`bijstandsnormen-${PW_NORM_TABLE.version}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(response.rawPayload).buffer);
  return workbook;
}

/** ASSUMPTION: made-up 2026 figures (2025-H2 raised by 2 %), for this test only; never shipped data. */
function addMadeUp2026(workbook: ExcelJS.Workbook): void {
  const h2 = PW_NORM_TABLE.periods.at(-1)!;
  workbook.getWorksheet('Perioden')!.addRow(['PW-2026-H1', '2026-01-01', '2026-06-30', 'ASSUMPTION: testbedragen']);
  const norms = workbook.getWorksheet('Normen')!;
  for (const [key, amount] of Object.entries(h2.norms)) {
    const incl = Math.round(amount.inclVtCents * 1.02);
    norms.addRow(['PW-2026-H1', key, incl / 100, withoutVakantietoeslag(incl, h2.vakantietoeslagBasisPoints) / 100]);
  }
  workbook.getWorksheet('Vermogensgrenzen')!.addRow([2026, 7770, 15540, 15540, 65500, 'ASSUMPTION: testbedragen']);
}
const bytes = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

describe('norm table as Excel', () => {
  it('exports the current table: one row per period and leefvorm, amounts in euros', async () => {
    const workbook = await exported();
    const norms = workbook.getWorksheet('Normen')!;
    expect(norms.rowCount).toBe(1 + 2 * 15);
    const single = norms.getRows(2, norms.rowCount - 1)!.find((r) => r.getCell(1).value === 'PW-2025-H2' && r.getCell(2).value === 'alleenstaande-21-plus')!;
    expect(single.getCell(3).value).toBe(1369.06);
    expect(workbook.getWorksheet('Vermogensgrenzen')!.getRow(2).getCell(1).value).toBe(2025);
  });

  it('401/403: only the administrator loads a workbook', async () => {
    const content = await bytes(await exported());
    expect((await t.app.inject({ method: 'POST', url: '/api/pw/norms/import.xlsx?note=test', headers: { 'content-type': XLSX }, payload: content })).statusCode).toBe(401);
    expect((await upload(content, consultant.cookie)).statusCode).toBe(403);
  });

  it('refuses a changed published amount, an unreadable amount and an absurd one, each with sheet, row and column; nothing stored', async () => {
    const workbook = await exported();
    addMadeUp2026(workbook);
    const norms = workbook.getWorksheet('Normen')!;
    norms.getRow(2).getCell(3).value = 1; // a published 2025-H1 amount
    const rows = norms.getRows(32, 15)!;
    rows[0]!.getCell(3).value = 'veel';
    rows[1]!.getCell(3).value = 99_999;
    const response = await upload(await bytes(workbook));
    expect(response.statusCode).toBe(400);
    const fields = (response.json() as { error: { fields: { field: string; message: string }[] } }).error.fields;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'Normen!C2', message: expect.stringMatching(/^Werkblad Normen, rij 2, kolom C .*: de norm van PW-2025-H1 .* kan niet worden gewijzigd/) },
        { field: 'Normen!C32', message: expect.stringMatching(/^Werkblad Normen, rij 32, kolom C .*vul een bedrag in euro in/) },
      ]),
    );
    expect(await storedVersions()).toEqual([1]);

    // Only the absurd amount left: the validator's message, located in the sheet.
    norms.getRow(2).getCell(3).value = PW_NORM_TABLE.periods[0]!.norms[norms.getRow(2).getCell(2).value as 'alleenstaande-18-20'].inclVtCents / 100;
    rows[0]!.getCell(3).value = Math.round(PW_NORM_TABLE.periods[1]!.norms[rows[0]!.getCell(2).value as 'alleenstaande-18-20'].inclVtCents * 1.02) / 100;
    const second = await upload(await bytes(workbook));
    expect(second.statusCode).toBe(400);
    const key = rows[1]!.getCell(2).value as string;
    expect((second.json() as { error: { fields: { field: string; message: string }[] } }).error.fields).toContainEqual({
      field: 'Normen!C33',
      message: expect.stringMatching(new RegExp(`^Werkblad Normen, rij 33, kolom C .*PW-2026-H1, ${key}: Het bedrag € 99\\.999,00 is onwaarschijnlijk hoog`)),
    });
    expect(await storedVersions()).toEqual([1]);
  });

  it('loads a filled workbook as version 2; exporting again gives the new half year', async () => {
    const workbook = await exported();
    addMadeUp2026(workbook);
    const response = await upload(await bytes(workbook));
    expect(response.statusCode).toBe(201);
    const body = response.json() as { current: { number: number; version: string; periods: { id: string }[] }; versions: { note: string; importedBy: { id: string } | null }[] };
    expect(body.current).toMatchObject({ number: 2, version: '2026-01-01.2' });
    expect(body.current.periods.map((p) => p.id)).toEqual(['PW-2025-H1', 'PW-2025-H2', 'PW-2026-H1']);
    expect(body.versions[0]).toMatchObject({ note: 'Normen 2026 uit Excel (test)', importedBy: { id: admin.id } });
    expect(await storedVersions()).toEqual([1, 2]);
    const again = await t.app.inject({ method: 'GET', url: '/api/pw/norms/export.xlsx', headers: { cookie: consultant.cookie } });
    expect(again.headers['content-disposition']).toContain('bijstandsnormen-2026-01-01.2.xlsx');
  });
});
