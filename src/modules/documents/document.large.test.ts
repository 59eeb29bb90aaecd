import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident, createStaff, type Staff } from '../../../test/support/factories.js';

// The upload routes are limited by KOERS_DOCUMENT_MAX_MB, not by the JSON API's body limit (1 MB).

let t: TestApp;
let consultant: Staff;

beforeAll(async () => {
  t = await createTestApp({ config: { documentMaxBytes: 3 * 1024 * 1024 } });
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: await areaCodeOf(t, 'consulent') });
});
afterAll(async () => t.close());

function form(bytes: Buffer) {
  const boundary = `----koers${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\noverig\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: consultant.cookie } };
}

describe('a large upload', () => {
  it('takes a 2.5 MB PDF (above the 1 MB JSON limit) with the right size and hash, and refuses 3.5 MB', async () => {
    const residentId = (await createResident(t, { areaCode: await areaCodeOf(t, 'consulent') })).id;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2.5 * 1024 * 1024)]);
    const ok = await t.app.inject({ method: 'POST', url: `/api/residents/${residentId}/uploads`, ...form(pdf) });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') });
    const download = await t.app.inject({ method: 'GET', url: `/api/uploads/${ok.json().id}`, headers: { cookie: consultant.cookie } });
    expect(download.rawPayload.equals(pdf)).toBe(true);

    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3.5 * 1024 * 1024)]);
    const refused = await t.app.inject({ method: 'POST', url: `/api/residents/${residentId}/uploads`, ...form(big) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([{ field: 'file', message: 'Het bestand is te groot. Het mag hoogstens 3 MB zijn.' }]);
  });
});
