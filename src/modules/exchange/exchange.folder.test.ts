import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { allocatedCase, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { careMessageSample } from '../../../test/support/istandaarden.js';
import { runJobNow } from '../../platform/jobs/job.js';
import { exchangeFolderSchedules, messageFoldersJob } from './exchange.jobs.js';

let t: TestApp;
let consultant: Staff;
let teamLead: string;
const root = mkdtempSync(path.join(os.tmpdir(), 'koers-berichten-'));
const inDir = path.join(root, 'in');
const outDir = path.join(root, 'uit');

beforeAll(async () => {
  t = await createTestApp();
  consultant = await createStaff(t, { roles: ['consultant'] });
  teamLead = (await t.login('teamleider')).cookie;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await t.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the folder exchange (job berichten.mappen)', () => {
  it('is scheduled only when a folder is configured', () => {
    expect(exchangeFolderSchedules({})).toEqual([]);
    expect(exchangeFolderSchedules({ KOERS_BERICHTEN_IN: inDir })).toHaveLength(1);
  });

  it('receives each file, moves it to verwerkt/ or geweigerd/ with its result, and writes pending messages to the out-folder', async () => {
    const { allocationId } = await allocatedCase(t, consultant);
    expect((await t.app.inject({ method: 'POST', url: '/api/exchange/outbox', headers: { cookie: teamLead } })).statusCode).toBe(200);
    const a = await asOwnerIn(t.database.db, TENANT, (tx) =>
      tx
        .selectFrom('allocation_segments as s')
        .innerJoin('allocations as al', (j) => j.onRef('al.tenant_id', '=', 's.tenant_id').onRef('al.id', '=', 's.allocation_id'))
        .innerJoin('residents as r', (j) => j.onRef('r.tenant_id', '=', 'al.tenant_id').onRef('r.id', '=', 'al.resident_id'))
        .innerJoin('providers as p', (j) => j.onRef('p.id', '=', 'al.provider_id'))
        .select(['s.allocation_number', 'r.bsn', 'p.agb_code'])
        .where('s.allocation_id', '=', allocationId)
        .executeTakeFirstOrThrow(),
    );
    const mine = path.join(inDir, TENANT);
    mkdirSync(mine, { recursive: true });
    const start = careMessageSample({ kind: 'start', agbCode: a.agb_code, bsn: a.bsn, identification: `F${Date.now() % 1_000_000}`, products: [{ number: a.allocation_number!, begin: '2026-09-07' }] });
    writeFileSync(path.join(mine, 'a-start.xml'), start);
    writeFileSync(path.join(mine, 'b-kapot.xml'), '<Bericht><Header>');
    writeFileSync(path.join(mine, 'c-andere-gemeente.xml'), start.replace('<Ontvanger>0935</Ontvanger>', '<Ontvanger>1903</Ontvanger>'));
    writeFileSync(path.join(mine, 'd-te-groot.xml'), '');
    truncateSync(path.join(mine, 'd-te-groot.xml'), 21 * 1024 * 1024);
    writeFileSync(path.join(mine, 'notities.txt'), 'geen bericht');
    writeFileSync(path.join(mine, '.e-half.xml'), '<Ber');

    vi.stubEnv('KOERS_BERICHTEN_IN', inDir);
    vi.stubEnv('KOERS_BERICHTEN_UIT', outDir);
    const result = await runJobNow(t.database.db, messageFoldersJob, TENANT, {});
    expect(result).toMatchObject({ received: 1, refused: 3 });
    expect(result.written).toBeGreaterThanOrEqual(2);

    expect(readdirSync(mine).sort()).toEqual(['.e-half.xml', 'geweigerd', 'notities.txt', 'verwerkt']);
    expect(readdirSync(path.join(mine, 'verwerkt')).sort()).toEqual(['a-start.xml', 'a-start.xml.resultaat.json']);
    expect(readdirSync(path.join(mine, 'geweigerd')).sort()).toEqual([
      'b-kapot.xml', 'b-kapot.xml.resultaat.json', 'c-andere-gemeente.xml', 'c-andere-gemeente.xml.resultaat.json', 'd-te-groot.xml', 'd-te-groot.xml.resultaat.json',
    ]);
    expect(JSON.parse(readFileSync(path.join(mine, 'verwerkt', 'a-start.xml.resultaat.json'), 'utf8'))).toMatchObject({ uitkomst: 'accepted', label: 'iWmo 305 Start zorg', retourCodes: [{ code: '0200' }] });
    expect(JSON.parse(readFileSync(path.join(mine, 'geweigerd', 'c-andere-gemeente.xml.resultaat.json'), 'utf8')).reden).toContain('gericht aan gemeentecode 1903');
    expect(JSON.parse(readFileSync(path.join(mine, 'geweigerd', 'd-te-groot.xml.resultaat.json'), 'utf8'))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', reden: expect.stringContaining('20 MB') });

    const refusals = await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('exchange_refusals').select(['file_name', 'channel', 'size_bytes']).where('channel', '=', 'folder').orderBy('file_name').execute());
    expect(refusals.map((r) => r.file_name)).toEqual(['b-kapot.xml', 'c-andere-gemeente.xml', 'd-te-groot.xml']);
    expect(refusals[2]!.size_bytes).toBe(String(21 * 1024 * 1024));

    // The 301 and the retour 306 are in the out-folder, written whole, and no longer pending.
    const written = readdirSync(path.join(outDir, TENANT));
    expect(written).toEqual(expect.arrayContaining([expect.stringMatching(/^WMO301_K\d{9}\.xml$/), expect.stringMatching(/^WMO306_K\d{9}\.xml$/)]));
    expect(written.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const pending = await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('exchange_messages').select('id').where('direction', '=', 'out').where('status', '=', 'ready').execute());
    expect(pending).toEqual([]);

    // A second run finds nothing new to do.
    expect(await runJobNow(t.database.db, messageFoldersJob, TENANT, {})).toEqual({ received: 0, refused: 0, written: 0 });
    expect(existsSync(path.join(mine, 'a-start.xml'))).toBe(false);
  });
});
