import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident, createStaff, openCase, type Staff } from '../../../test/support/factories.js';

const MAX_BYTES = 4096;

let t: TestApp;
let consultant: Staff;
let areaCode: string;

beforeAll(async () => {
  t = await createTestApp({ config: { documentMaxBytes: MAX_BYTES } });
  areaCode = await areaCodeOf(t, 'consulent');
  consultant = await createStaff(t, { roles: ['consultant'], areaCode });
});
afterAll(async () => t.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.alloc(32)]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(64), Buffer.from('ffd9', 'hex')]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(64)]);

interface Part {
  name: string;
  value?: string;
  file?: { name: string; type: string; bytes: Buffer };
}

/** A multipart/form-data body as a browser sends it. */
function form(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----koers${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if (p.file) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.file.name}"\r\nContent-Type: ${p.file.type}\r\n\r\n`), p.file.bytes, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ''}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (url: string, parts: Part[], cookie = consultant.cookie) => {
  const body = form(parts);
  return t.app.inject({ method: 'POST', url, headers: { ...body.headers, cookie }, payload: body.payload });
};
const file = (name: string, bytes: Buffer, type = 'application/pdf'): Part => ({ name: 'file', file: { name, type, bytes } });
const kind = (value = 'bewijsstuk'): Part => ({ name: 'kind', value });
const get = (url: string, cookie = consultant.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });

async function residentWithCase(): Promise<{ residentId: string; caseId: string }> {
  const residentId = (await createResident(t, { areaCode })).id;
  const c = await openCase(t, consultant, residentId);
  return { residentId, caseId: c.id };
}

/** Every file in the store and its spool folder (no upload may leave one behind). */
async function storedFiles(): Promise<string[]> {
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))));
    return nested.flat();
  };
  return [...(await walk(path.join(t.config.dataDir, 'documents'))), ...(await walk(path.join(t.config.dataDir, 'documents-tmp')))];
}

async function auditNames(residentId: string): Promise<string[]> {
  const auditor = await createStaff(t, { roles: ['auditor'] });
  const audit = (await get(`/api/audit?resident=${residentId}&limit=100`, auditor.cookie)).json() as { items: { name: string }[] };
  return audit.items.map((i) => i.name);
}

describe('uploading documents to a case and to the resident file', () => {
  it('stores a PDF, PNG and JPEG with the type from the bytes, lists them and downloads the same bytes (all audited)', async () => {
    const { residentId, caseId } = await residentWithCase();
    const pdf = await upload(`/api/cases/${caseId}/uploads`, [kind('aanvraag'), file('Aanvraag huishoudelijke hulp (2).pdf', PDF)]);
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json()).toMatchObject({ caseId, residentId, kind: 'aanvraag', retentionClass: 'zaak', fileName: 'Aanvraag huishoudelijke hulp (2).pdf', mediaType: 'application/pdf', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex'), uploadedBy: `Test ${consultant.username}` });
    // The type comes from the bytes, not from what the browser says.
    const png = await upload(`/api/cases/${caseId}/uploads`, [kind('medisch'), file('scan.bin', PNG, 'application/octet-stream')]);
    expect(png.statusCode).toBe(201);
    expect(png.json()).toMatchObject({ mediaType: 'image/png', size: PNG.length });
    const jpeg = await upload(`/api/residents/${residentId}/uploads`, [kind('correspondentie'), file('foto.jpg', JPEG, 'image/jpeg')]);
    expect(jpeg.statusCode).toBe(201);
    expect(jpeg.json()).toMatchObject({ caseId: null, retentionClass: 'inwoner', mediaType: 'image/jpeg' });

    const onCase = await get(`/api/cases/${caseId}/uploads`);
    expect(onCase.statusCode).toBe(200);
    expect((onCase.json() as { id: string }[]).map((d) => d.id).sort()).toEqual([pdf.json().id, png.json().id].sort());
    const onResident = await get(`/api/residents/${residentId}/uploads`);
    expect((onResident.json() as unknown[]).length).toBe(3);

    const download = await get(`/api/uploads/${pdf.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Aanvraag-huishoudelijke-hulp-2.pdf"; filename*=UTF-8''Aanvraag%20huishoudelijke%20hulp%20%282%29.pdf`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['cache-control']).toBe('no-store');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(pdf.json().sha256);
    const image = await get(`/api/uploads/${png.json().id}`);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toMatch(/^attachment; filename="scan\.png"/);

    const names = await auditNames(residentId);
    expect(names.filter((n) => n === 'document.toevoegen')).toHaveLength(3);
    expect(names.filter((n) => n === 'documenten.raadplegen')).toHaveLength(2);
    expect(names.filter((n) => n === 'document.downloaden')).toHaveLength(2);
  });

  it('refuses an .exe and a text file named .pdf, a file that is too large, an empty one, a missing file or kind: nothing stored', async () => {
    const { residentId, caseId } = await residentWithCase();
    const before = await storedFiles();
    const refusals: [Part[], { field: string; message: string }[]][] = [
      [[kind(), file('programma.exe', EXE, 'application/x-msdownload')], [{ field: 'file', message: 'Dit soort bestand kan niet. U kunt alleen een PDF, JPEG (foto) of PNG (afbeelding) toevoegen.' }]],
      [[kind(), file('brief.pdf', Buffer.from('Dit is gewoon tekst, geen PDF.\n'))], [{ field: 'file', message: 'Dit soort bestand kan niet. U kunt alleen een PDF, JPEG (foto) of PNG (afbeelding) toevoegen.' }]],
      [[kind(), file('groot.pdf', Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]))], [{ field: 'file', message: 'Het bestand is te groot. Het mag hoogstens 4 kB zijn.' }]],
      [[kind(), file('leeg.pdf', Buffer.alloc(0))], [{ field: 'file', message: 'Het bestand is leeg.' }]],
      [[kind()], [{ field: 'file', message: 'Kies een bestand om toe te voegen.' }]],
      [[kind(), { name: 'bijlage', file: { name: 'a.pdf', type: 'application/pdf', bytes: PDF } }], [{ field: 'file', message: 'Stuur het bestand in het veld "file".' }]],
      [[kind('geheim'), file('a.pdf', PDF)], [{ field: 'kind', message: 'Kies het soort document.' }]],
      [[file('a.pdf', PDF)], [{ field: 'kind', message: 'Kies het soort document.' }]],
    ];
    for (const [parts, fields] of refusals) {
      const response = await upload(`/api/cases/${caseId}/uploads`, parts);
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      expect(response.json().error.fields).toEqual(fields);
    }
    const json = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/uploads`, headers: { cookie: consultant.cookie }, payload: { kind: 'overig' } });
    expect(json.statusCode).toBe(400);
    const two = await upload(`/api/cases/${caseId}/uploads`, [kind(), file('a.pdf', PDF), file('b.pdf', PDF)]);
    expect(two.statusCode).toBe(400);

    expect((await get(`/api/residents/${residentId}/uploads`)).json()).toEqual([]);
    expect(await storedFiles()).toEqual(before);
  });

  it('answers 404 for an unknown document, case or resident, and for one of another municipality', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await get(`/api/uploads/${unknown}`)).statusCode).toBe(404);
    expect((await get(`/api/cases/${unknown}/uploads`)).statusCode).toBe(404);
    expect((await upload(`/api/residents/${unknown}/uploads`, [kind(), file('a.pdf', PDF)])).statusCode).toBe(404);
    const other = await createStaff(t, { roles: ['consultant'], tenant: 'GM1903', areaCode: await areaCodeOf(t, 'consulent', 'GM1903') });
    const residentId = (await createResident(t, { tenant: 'GM1903', areaCode: await areaCodeOf(t, 'consulent', 'GM1903') })).id;
    const theirs = await upload(`/api/residents/${residentId}/uploads`, [kind(), file('a.pdf', PDF)], other.cookie);
    expect(theirs.statusCode).toBe(201);
    expect((await get(`/api/uploads/${theirs.json().id}`)).statusCode).toBe(404);
    expect((await get(`/api/residents/${residentId}/uploads`)).statusCode).toBe(404);
  });

  it('is refused without a session (401), without the role or a relation (403), and for the KCC first line (403)', async () => {
    const { residentId, caseId } = await residentWithCase();
    const doc = (await upload(`/api/cases/${caseId}/uploads`, [kind(), file('a.pdf', PDF)])).json() as { id: string };
    expect((await t.app.inject({ method: 'GET', url: `/api/uploads/${doc.id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/uploads`, ...form([kind(), file('a.pdf', PDF)]) })).statusCode).toBe(401);
    const finance = await createStaff(t, { roles: ['finance'] });
    // The KCC's first line sees that a case runs, not its documents (care scope).
    const kcc = { ...(await t.login('kcc')), username: 'kcc', id: '' };
    const stranger = await createStaff(t, { roles: ['consultant'] });
    for (const staff of [finance, kcc, stranger]) {
      expect((await get(`/api/uploads/${doc.id}`, staff.cookie)).statusCode).toBe(403);
      expect((await get(`/api/cases/${caseId}/uploads`, staff.cookie)).statusCode).toBe(403);
      expect((await get(`/api/residents/${residentId}/uploads`, staff.cookie)).statusCode).toBe(403);
      expect((await upload(`/api/cases/${caseId}/uploads`, [kind(), file('a.pdf', PDF)], staff.cookie)).statusCode).toBe(403);
      expect((await upload(`/api/residents/${residentId}/uploads`, [kind(), file('a.pdf', PDF)], staff.cookie)).statusCode).toBe(403);
    }
    expect(((await get(`/api/residents/${residentId}/uploads`)).json() as unknown[]).length).toBe(1);
  });
});
