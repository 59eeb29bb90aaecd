import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createResident, createStaff, openCase, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { runJobNow } from '../../platform/jobs/job.js';
import { documentSweepJobFor } from './document.jobs.js';
import { diskDocumentStore, s3DocumentStore, type DocumentStore, type S3StoreSettings } from './document.store.js';

// The S3 document store against an S3 server over HTTP on loopback (s3rver: the S3 REST protocol,
// objects on disk; it checks the access key but does not verify v4 signatures). MinIO itself is not
// installable on this machine; the client is MinIO's own, path-style, so a MinIO, Ceph RGW or AWS
// bucket is reached the same way.

const BUCKET = 'koers-documenten';
let server: S3rver;
let serverDir: string;
let dataDir: string;
let settings: S3StoreSettings;

beforeAll(async () => {
  serverDir = await mkdtemp(path.join(tmpdir(), 'koers-s3-'));
  dataDir = await mkdtemp(path.join(tmpdir(), 'koers-s3-data-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: serverDir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = await server.run();
  settings = { endpoint: `http://127.0.0.1:${port}`, bucket: BUCKET, region: 'us-east-1', accessKey: 'S3RVER', secretKey: 'S3RVER' };
});
afterAll(async () => {
  await server.close();
  await rm(serverDir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function spool(store: DocumentStore, content: string | Buffer): Promise<string> {
  const file = path.join(await store.tempDir(), `${randomBytes(6).toString('hex')}.part`);
  await writeFile(file, content);
  return file;
}

// The same contract for both stores: what the service relies on.
describe.each([
  ['disk', () => diskDocumentStore(dataDir)],
  ['s3', () => s3DocumentStore(settings, dataDir)],
] as const)('the %s document store', (_name, make) => {
  it('stores a spooled file under its key, gives it back, lists it under the municipality and removes it', async () => {
    const store = make();
    await store.check();
    const key = `GM9999/2026/12/${randomBytes(8).toString('hex')}`;
    const spooled = await spool(store, 'inhoud van het document');
    await store.put(key, spooled);
    await expect(import('node:fs/promises').then((fs) => fs.stat(spooled))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await text(await store.get(key))).toBe('inhoud van het document');
    const listed: { key: string; modifiedAt: Date }[] = [];
    for await (const entry of store.list('GM9999')) listed.push(entry);
    const entry = listed.find((e) => e.key === key);
    expect(entry).toBeDefined();
    expect(Math.abs(entry!.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);
    await store.delete(key);
    await expect(store.get(key)).rejects.toMatchObject({ code: 'ENOENT' });
    await store.delete(key); // a key that is not there is fine
  });

  it('lists only the keys of the municipality asked for, also when one code starts with another', async () => {
    const store = make();
    const a = `GM1000/2026/01/${randomBytes(4).toString('hex')}`;
    const b = `GM10001/2026/01/${randomBytes(4).toString('hex')}`;
    await store.put(a, await spool(store, 'a'));
    await store.put(b, await spool(store, 'b'));
    const keys: string[] = [];
    for await (const entry of store.list('GM1000')) keys.push(entry.key);
    expect(keys).toContain(a);
    expect(keys).not.toContain(b);
  });

  it('refuses a key that is not one of its own making', async () => {
    const store = make();
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/invalid document key/);
    await expect(store.put('GM0935/../x', await spool(store, 'x'))).rejects.toThrow(/invalid document key/);
  });
});

describe('checking the S3 store at start', () => {
  it('names a bucket that does not exist', async () => {
    await expect(s3DocumentStore({ ...settings, bucket: 'bestaat-niet' }, dataDir).check()).rejects.toThrow('De bucket bestaat-niet bestaat niet');
  });
  it('names a store that refuses the key', async () => {
    await expect(s3DocumentStore({ ...settings, accessKey: 'ONBEKEND' }, dataDir).check()).rejects.toThrow(/niet bereikbaar of weigert de sleutel/);
  });
  it('names a store that cannot be reached', async () => {
    await expect(s3DocumentStore({ ...settings, endpoint: 'http://127.0.0.1:9' }, dataDir).check()).rejects.toThrow(/niet bereikbaar/);
  });
});

describe('Koers with KOERS_DOCUMENT_STORE=s3', () => {
  let t: TestApp;
  let consultant: Staff;
  let store: DocumentStore;

  beforeAll(async () => {
    t = await createTestApp({ config: { documentStore: { kind: 's3', ...settings }, dataDir } });
    store = s3DocumentStore(settings, dataDir);
    consultant = await createStaff(t, { roles: ['consultant'], areaCode: await anAreaCode(t) });
  });
  afterAll(async () => t.close());

  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  function form(fileBytes: Buffer): { payload: Buffer; headers: Record<string, string> } {
    const boundary = `----koers${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nbewijsstuk\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="offerte.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      fileBytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: consultant.cookie } };
  }
  const keyOf = async (id: string) =>
    (await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('documents').select('storage_key').where('id', '=', id).executeTakeFirstOrThrow())).storage_key;

  it('stores an upload in the bucket and downloads the same bytes; a refused upload leaves no object', async () => {
    const resident = await createResident(t, { areaCode: await anAreaCode(t) });
    const c = await openCase(t, consultant, resident.id);
    const before = new Set<string>();
    for await (const e of store.list(TENANT)) before.add(e.key);

    const body = form(PDF);
    const added = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/uploads`, ...body });
    expect(added.statusCode).toBe(201);
    const id = added.json().id as string;
    const key = await keyOf(id);
    expect(await text(await store.get(key))).toBe(PDF.toString('utf8'));

    const download = await t.app.inject({ method: 'GET', url: `/api/uploads/${id}`, headers: { cookie: consultant.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);

    const refused = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/uploads`, ...form(Buffer.from('MZ dit is geen pdf')) });
    expect(refused.statusCode).toBe(400);
    const after: string[] = [];
    for await (const e of store.list(TENANT)) if (!before.has(e.key)) after.push(e.key);
    expect(after).toEqual([key]);
  });

  it('answers 404 with a message for the administrator when the object is gone from the bucket', async () => {
    const resident = await createResident(t, { areaCode: await anAreaCode(t) });
    const added = await t.app.inject({ method: 'POST', url: `/api/residents/${resident.id}/uploads`, ...form(PDF) });
    const id = added.json().id as string;
    await store.delete(await keyOf(id));
    const download = await t.app.inject({ method: 'GET', url: `/api/uploads/${id}`, headers: { cookie: consultant.cookie } });
    expect(download.statusCode).toBe(404);
    expect(download.json().error.message).toContain('Meld dit bij functioneel beheer');
  });

  it('the nightly sweep removes an old object without a row and keeps the ones with a row and the young ones', async () => {
    const resident = await createResident(t, { areaCode: await anAreaCode(t) });
    const kept = await keyOf((await t.app.inject({ method: 'POST', url: `/api/residents/${resident.id}/uploads`, ...form(PDF) })).json().id as string);
    const orphan = `${TENANT}/2001/01/${randomBytes(6).toString('hex')}`;
    await store.put(orphan, await spool(store, 'wees'));
    const other = `GM0917/2001/01/${randomBytes(6).toString('hex')}`; // another municipality: not this run's business
    await store.put(other, await spool(store, 'andere gemeente'));

    const job = documentSweepJobFor(() => store);
    // Run "now": everything is younger than the 10 minutes' grace, so nothing goes.
    expect((await runJobNow(t.database.db, job, TENANT, {})).removed).toBe(0);
    // Run as if 11 minutes later: the orphan goes, the document with a row stays.
    const later = await runJobNow(t.database.db, job, TENANT, {}, { requestedAt: new Date(Date.now() + 11 * 60 * 1000) });
    expect(later.removed).toBeGreaterThanOrEqual(1);
    await expect(store.get(orphan)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await text(await store.get(kept))).toBe(PDF.toString('utf8'));
    expect(await text(await store.get(other))).toBe('andere gemeente');
  });
});
