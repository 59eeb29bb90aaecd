import { existsSync } from 'node:fs';
import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createResident, createStaff, openCase, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { sweepDocumentFiles } from './document.service.js';
import { diskDocumentStore } from './document.store.js';

// Documents are destroyed with their case (retention class zaak) and with the resident (class inwoner):
// the rows by retention_destroy_item, the files after the commit by the sweep.

let t: TestApp;
let consultant: Staff;
let area: string;

beforeAll(async () => {
  t = await createTestApp();
  area = await anAreaCode(t);
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
});
afterAll(async () => t.close());

const post = (url: string, payload: object, cookie: string) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

async function uploadPdf(url: string): Promise<string> {
  const boundary = `----koers${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nbewijsstuk\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await t.app.inject({ method: 'POST', url, payload, headers: { cookie: consultant.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

const fileOf = async (id: string) => {
  const row = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('documents').select('storage_key').where('id', '=', id).executeTakeFirst());
  return row ? path.join(t.config.dataDir, 'documents', ...row.storage_key.split('/')) : undefined;
};

describe('destroying a case file and a resident', () => {
  it('removes the rows of their documents in the destruction, and the files after the commit', async () => {
    const resident = await createResident(t, { areaCode: area });
    const c = await openCase(t, consultant, resident.id, { notifiedOn: '2003-01-06' });
    const onCase = await uploadPdf(`/api/cases/${c.id}/uploads`);
    const onFile = await uploadPdf(`/api/residents/${resident.id}/uploads`);
    const files = [(await fileOf(onCase))!, (await fileOf(onFile))!];
    for (const f of files) expect(existsSync(f)).toBe(true);
    // Old files, as they would be after the retention period (the sweep leaves young files alone).
    const old = new Date(Date.now() - 60 * 60 * 1000);
    for (const f of files) await utimes(f, old, old);
    const closed = await post(`/api/cases/${c.id}/status`, { to: 'ingetrokken', on: '2003-02-03', reason: 'Aanvraag ingetrokken door inwoner' }, consultant.cookie);
    expect(closed.statusCode).toBe(200);

    const archivist = await t.login('archivaris');
    const teamLead = await createStaff(t, { roles: ['team_lead'] });
    const list = (await post('/api/retention/lists', { month: '2003-03' }, archivist.cookie)).json() as { id: string; items: { objectId: string }[] };
    expect(list.items.map((i) => i.objectId)).toContain(c.id);
    expect((await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'archivaris' }, archivist.cookie)).statusCode).toBe(200);
    expect((await post(`/api/retention/lists/${list.id}/approve`, { capacity: 'eigenaar' }, teamLead.cookie)).statusCode).toBe(200);
    const destroyed = await post(`/api/retention/lists/${list.id}/destroy`, {}, archivist.cookie);
    expect(destroyed.statusCode).toBe(200);
    expect(destroyed.json().failed).toEqual([]);

    expect(await fileOf(onCase)).toBeUndefined();
    // The case was the resident's last item: the documents on the resident file went too.
    expect(await fileOf(onFile)).toBeUndefined();
    for (const f of files) expect(existsSync(f)).toBe(false);
  });

  it('the sweep removes an old file without a row and leaves young files and files with a row alone', async () => {
    const store = diskDocumentStore(t.config.dataDir);
    const resident = await createResident(t, { areaCode: area });
    const kept = (await fileOf(await uploadPdf(`/api/residents/${resident.id}/uploads`)))!;
    const temp = path.join(await store.tempDir(), 'orphan.part');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(temp, PDF);
    await store.put(`${TENANT}/2001/01/orphan-old`, temp);
    await writeFile(temp, PDF);
    await store.put(`${TENANT}/2001/01/orphan-young`, temp);
    const old = new Date(Date.now() - 60 * 60 * 1000);
    const oldFile = path.join(t.config.dataDir, 'documents', TENANT, '2001', '01', 'orphan-old');
    await utimes(oldFile, old, old);
    await utimes(kept, old, old);
    const { removed } = await sweepDocumentFiles(t.database.db, store, TENANT);
    expect(removed).toContain(`${TENANT}/2001/01/orphan-old`);
    expect(removed).not.toContain(`${TENANT}/2001/01/orphan-young`);
    expect(existsSync(oldFile)).toBe(false);
    expect(existsSync(kept)).toBe(true);
  });
});
