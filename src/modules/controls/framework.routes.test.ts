import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaff, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { SHIPPED_FRAMEWORKS } from './framework.data.js';
import { processes } from './framework.model.js';

let t: TestApp;
let controller: Staff;
let auditor: Staff;
let consultant: Staff;
let otherController: Staff;
beforeAll(async () => {
  t = await createTestApp();
  [controller, auditor, consultant] = await Promise.all([createStaff(t, { roles: ['controller'] }), createStaff(t, { roles: ['auditor'] }), createStaff(t, { roles: ['consultant'] })]);
  otherController = await createStaff(t, { roles: ['controller'], tenant: 'GM1903' });
});
afterAll(async () => t.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
interface Detail {
  version: number;
  steps: { code: string; name: string; follows: string[]; risks: { code: string; description: string; controls: { code: string; owner: string; frequency: string; automatedControlId: string | null }[] }[] }[];
  versions: { version: number; note: string; createdBy: { id: string } | null }[];
}
interface ErrorBody {
  error: { code: string; fields: { field: string; message: string }[] };
}
const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const versionsOf = (process: string, tenant = 'GM0935') =>
  withTenant(t.database.db, tenant, async (tx) => (await tx.selectFrom('control_framework_versions').select('version').where('process', '=', process).orderBy('version').execute()).map((r) => r.version));
const upload = (process: string, content: Buffer, cookie = controller.cookie, note = 'Aangepast kader (test)') =>
  t.app.inject({ method: 'POST', url: `/api/control/frameworks/${process}/import.xlsx?note=${encodeURIComponent(note)}`, headers: { cookie, 'content-type': XLSX }, payload: content });

async function exported(process: string): Promise<{ workbook: ExcelJS.Workbook; raw: Buffer }> {
  const response = await get(`/api/control/frameworks/${process}/export.xlsx`, auditor.cookie);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-disposition']).toMatch(new RegExp(`controlkader-${process}-v\\d+\\.xlsx`));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(response.rawPayload).buffer);
  return { workbook, raw: response.rawPayload };
}
const bufferOf = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());
/** The row of a sheet whose first cell is `code`. */
function rowWith(workbook: ExcelJS.Workbook, sheet: string, code: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  workbook.getWorksheet(sheet)!.eachRow((row) => {
    if (row.getCell(1).value === code) found = row;
  });
  if (!found) throw new Error(`${code} not in ${sheet}`);
  return found;
}

describe('GET /api/control/frameworks', () => {
  it('lists the five frameworks the seed loaded, for the controller and the auditor', async () => {
    for (const staff of [controller, auditor]) {
      const response = await get('/api/control/frameworks', staff.cookie);
      expect(response.statusCode).toBe(200);
      const body = response.json() as { process: string; current: { version: number; controls: number; automatedControls: number } | null }[];
      expect(body.map((f) => f.process)).toEqual([...processes]);
      const wmo = body.find((f) => f.process === 'wmo')!;
      expect(wmo.current).toMatchObject({ controls: SHIPPED_FRAMEWORKS.wmo.controls.length, automatedControls: SHIPPED_FRAMEWORKS.wmo.controls.filter((c) => c.automatedControlId).length });
    }
  });

  it('401 without a session, 403 for a role without controls:read', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/control/frameworks' })).statusCode).toBe(401);
    expect((await get('/api/control/frameworks', consultant.cookie)).statusCode).toBe(403);
    expect((await get('/api/control/frameworks/wmo', consultant.cookie)).statusCode).toBe(403);
  });

  it('shows one framework as steps → risks → controls; an unknown process is refused in Dutch', async () => {
    const response = await get('/api/control/frameworks/participatiewet', auditor.cookie);
    expect(response.statusCode).toBe(200);
    const body = response.json() as Detail;
    expect(body.steps.map((s) => s.code)).toEqual(SHIPPED_FRAMEWORKS.participatiewet.steps.map((s) => s.code));
    const controls = body.steps.flatMap((s) => s.risks.flatMap((r) => r.controls));
    expect(controls.map((c) => c.code)).toEqual(SHIPPED_FRAMEWORKS.participatiewet.controls.map((c) => c.code));
    expect(body.versions.at(-1)).toMatchObject({ version: 1, createdBy: null });
    const unknown = await get('/api/control/frameworks/ww', auditor.cookie);
    expect(unknown.statusCode).toBe(400);
    expect((unknown.json() as ErrorBody).error.fields[0]!.message).toContain('Onbekend proces');
  });

  it('a municipality without frameworks sees none, and the controller loads the standard ones (recorded)', async () => {
    await t.database.db.insertInto('tenants').values({ id: 'GM9901', name: 'Testgemeente zonder kaders', region: null }).onConflict((oc) => oc.column('id').doNothing()).execute();
    const fresh = await createStaff(t, { roles: ['controller'], tenant: 'GM9901' });
    const empty = (await get('/api/control/frameworks', fresh.cookie)).json() as { current: unknown }[];
    expect(empty.map((f) => f.current)).toEqual([null, null, null, null, null]);
    expect((await get('/api/control/frameworks/wmo', fresh.cookie)).statusCode).toBe(404);
    const loaded = await t.app.inject({ method: 'POST', url: '/api/control/frameworks/standard', headers: { cookie: fresh.cookie } });
    expect(loaded.statusCode).toBe(200);
    const body = loaded.json() as { process: string; current: { version: number; createdBy: { id: string } | null } | null }[];
    expect(body.map((f) => [f.process, f.current?.version, f.current?.createdBy?.id])).toEqual(processes.map((p) => [p, 1, fresh.id]));
    const change = await withTenant(t.database.db, 'GM9901', (tx) => tx.selectFrom('admin_changes').select(['subject', 'changed_by']).where('section', '=', 'control_frameworks').execute());
    expect(change).toEqual([{ subject: 'Standaardkaders', changed_by: fresh.id }]);
  });

  it('loading the standard frameworks again changes nothing', async () => {
    const before = await versionsOf('jeugd');
    const response = await t.app.inject({ method: 'POST', url: '/api/control/frameworks/standard', headers: { cookie: controller.cookie } });
    expect(response.statusCode).toBe(200);
    expect(await versionsOf('jeugd')).toEqual(before);
  });
});

describe('xlsx export and import', () => {
  it('a round trip gives the same framework as a new version, recorded in the change log', async () => {
    const before = (await get('/api/control/frameworks/beschermd-wonen', auditor.cookie)).json() as Detail;
    const { raw } = await exported('beschermd-wonen');
    const response = await upload('beschermd-wonen', raw);
    expect(response.statusCode).toBe(201);
    const after = response.json() as Detail;
    expect(after.version).toBe(before.version + 1);
    expect(after.steps).toEqual(before.steps);
    expect(after.versions[0]).toMatchObject({ version: after.version, note: 'Aangepast kader (test)', createdBy: { id: controller.id } });
    const change = await withTenant(t.database.db, 'GM0935', (tx) => tx.selectFrom('admin_changes').select(['subject', 'changed_by']).where('section', '=', 'control_frameworks').orderBy('changed_at', 'desc').executeTakeFirstOrThrow());
    expect(change).toEqual({ subject: `Controlkader Beschermd Wonen versie ${after.version}`, changed_by: controller.id });
  });

  it('an adapted workbook stores its changes', async () => {
    const { workbook } = await exported('wsw-mtb');
    rowWith(workbook, 'Maatregelen', 'WSW-1.R1.C1').getCell(5).value = 'per kwartaal';
    rowWith(workbook, 'Maatregelen', 'WSW-1.R1.C1').getCell(6).value = 'Financieel medewerker';
    const response = await upload('wsw-mtb', await bufferOf(workbook));
    expect(response.statusCode).toBe(201);
    const control = (response.json() as Detail).steps[0]!.risks[0]!.controls[0]!;
    expect(control).toMatchObject({ code: 'WSW-1.R1.C1', frequency: 'per kwartaal', owner: 'finance' });
  });

  const refused = async (process: string, workbook: ExcelJS.Workbook) => {
    const before = await versionsOf(process);
    const response = await upload(process, await bufferOf(workbook));
    expect(response.statusCode).toBe(400);
    expect(await versionsOf(process)).toEqual(before);
    return (response.json() as ErrorBody).error.fields;
  };

  it('refuses a loop in the steps, naming sheet, row and column; nothing stored', async () => {
    const { workbook } = await exported('wmo');
    rowWith(workbook, 'Stappen', 'WMO-1').getCell(3).value = 'WMO-6';
    expect(await refused('wmo', workbook)).toEqual([
      { field: 'Stappen!C2', message: expect.stringMatching(/^Werkblad Stappen, rij 2, kolom C \(Volgt op.*\): de stappen volgen in een kring op elkaar \(WMO-1 → WMO-6 → WMO-5 → WMO-4 → WMO-3 → WMO-2 → WMO-1\)/) },
    ]);
  });

  it('refuses a control pointing to an unknown risk', async () => {
    const { workbook } = await exported('wmo');
    const row = rowWith(workbook, 'Maatregelen', 'WMO-4.R1.C1');
    row.getCell(2).value = 'WMO-4.R7';
    const fields = await refused('wmo', workbook);
    expect(fields).toContainEqual({ field: `Maatregelen!B${row.number}`, message: `Werkblad Maatregelen, rij ${row.number}, kolom B (Risico (code)): risico 'WMO-4.R7' bestaat niet in dit kader.` });
    expect(fields.some((f) => f.field.startsWith("Risico's!A") && f.message.includes('heeft geen beheersmaatregel'))).toBe(true);
  });

  it('refuses an unknown automated control id and an unknown role', async () => {
    const { workbook } = await exported('participatiewet');
    const row = rowWith(workbook, 'Maatregelen', 'PW-2.R1.C1');
    row.getCell(9).value = 'pw-alles-in-orde';
    row.getCell(6).value = 'wethouder';
    const fields = await refused('participatiewet', workbook);
    expect(fields).toEqual([
      { field: `Maatregelen!F${row.number}`, message: expect.stringContaining(`rij ${row.number}, kolom F (Eigenaar (rol)): 'wethouder' is geen rol in Koers`) },
      { field: `Maatregelen!I${row.number}`, message: expect.stringContaining(`kolom I (Geautomatiseerde controle): 'pw-alles-in-orde' is geen geautomatiseerde controle van Koers`) },
    ]);
  });

  it('refuses bad values of kind, frequency and impact type', async () => {
    const { workbook } = await exported('jeugd');
    const row = rowWith(workbook, 'Maatregelen', 'JW-1.R1.C1');
    row.getCell(4).value = 'correctief';
    row.getCell(5).value = 'wekelijks';
    row.getCell(8).value = 'schade';
    const fields = await refused('jeugd', workbook);
    expect(fields.map((f) => f.field)).toEqual([`Maatregelen!D${row.number}`, `Maatregelen!E${row.number}`, `Maatregelen!H${row.number}`]);
    expect(fields[1]!.message).toContain("'wekelijks' is geen frequentie; kies uit 'continu', 'maandelijks', 'per kwartaal', 'jaarlijks'.");
  });

  it('refuses a file that is no workbook, or lacks a sheet', async () => {
    const notXlsx = await upload('wmo', Buffer.from('geen excel'));
    expect(notXlsx.statusCode).toBe(400);
    expect((notXlsx.json() as ErrorBody).error.fields[0]!.message).toContain('Excel-werkmap');
    const { workbook } = await exported('wmo');
    workbook.removeWorksheet(workbook.getWorksheet('Maatregelen')!.id);
    expect(await refused('wmo', workbook)).toEqual([{ field: 'Maatregelen', message: "Het werkblad 'Maatregelen' ontbreekt in de werkmap." }]);
  });

  it('only the controller imports; another municipality keeps its own frameworks', async () => {
    const { raw } = await exported('wmo');
    expect((await upload('wmo', raw, auditor.cookie)).statusCode).toBe(403);
    const before = await versionsOf('wmo', 'GM1903');
    expect((await upload('wmo', raw)).statusCode).toBe(201);
    expect(await versionsOf('wmo', 'GM1903')).toEqual(before);
    expect(((await get('/api/control/frameworks/wmo', otherController.cookie)).json() as Detail).version).toBe(before.at(-1));
  });
});

describe('PATCH /api/control/frameworks/{process}/controls/{code}', () => {
  const patch = (url: string, payload: object, cookie = controller.cookie) => t.app.inject({ method: 'PATCH', url, payload, headers: { cookie } });

  it('changes owner and frequency as a new version; the earlier version stays', async () => {
    const before = await versionsOf('participatiewet');
    const response = await patch('/api/control/frameworks/participatiewet/controls/PW-4.R1.C2', { owner: 'controller', frequency: 'per kwartaal', note: 'Heronderzoek door control (test)' });
    expect(response.statusCode).toBe(200);
    const body = response.json() as Detail;
    const control = body.steps.flatMap((s) => s.risks.flatMap((r) => r.controls)).find((c) => c.code === 'PW-4.R1.C2');
    expect(control).toMatchObject({ owner: 'controller', frequency: 'per kwartaal' });
    expect(await versionsOf('participatiewet')).toEqual([...before, before.at(-1)! + 1]);
    const old = await withTenant(t.database.db, 'GM0935', (tx) => tx.selectFrom('control_framework_controls').select(['owner_role', 'frequency']).where('process', '=', 'participatiewet').where('version', '=', before.at(-1)!).where('code', '=', 'PW-4.R1.C2').executeTakeFirstOrThrow());
    expect(old).toEqual({ owner_role: 'team_lead', frequency: 'jaarlijks' });
  });

  it('refuses bad input in Dutch, an unknown control with 404, and other roles with 403; nothing stored', async () => {
    const before = await versionsOf('wmo');
    const bad = await patch('/api/control/frameworks/wmo/controls/WMO-1.R1.C1', { owner: 'koning', frequency: 'wekelijks', note: '' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).error.fields.map((f) => f.field).sort()).toEqual(['frequency', 'note', 'owner']);
    const unchanged = await patch('/api/control/frameworks/wmo/controls/WMO-1.R1.C1', { owner: 'team_lead', note: 'niets gewijzigd' });
    expect(unchanged.statusCode).toBe(400);
    expect((await patch('/api/control/frameworks/wmo/controls/WMO-9.R9.C9', { owner: 'controller', note: 'bestaat niet' })).statusCode).toBe(404);
    expect((await patch('/api/control/frameworks/wmo/controls/WMO-1.R1.C1', { owner: 'controller', note: 'auditor' }, auditor.cookie)).statusCode).toBe(403);
    expect(await versionsOf('wmo')).toEqual(before);
  });
});
