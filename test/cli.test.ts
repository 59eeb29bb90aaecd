import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { withTenant } from '../src/db/tenancy.js';
import { recordProcessing } from '../src/platform/audit/audit.service.js';
import { hasIstandaarden, ISTANDAARDEN_DIR, wmo301Sample } from './support/istandaarden.js';

const run = promisify(execFile);
const KOERS = path.resolve(import.meta.dirname, '../bin/koers.js');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'koers-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the real `koers` command with a clean environment (embedded database in a temp folder). */
async function koers(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [KOERS, ...args], {
      env: { PATH: process.env.PATH ?? '', KOERS_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
      timeout: 60_000,
    });
    return { code: 0, output: stdout + stderr, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr, stdout: e.stdout };
  }
}

describe('koers CLI', () => {
  it('lists its commands, each with --help', async () => {
    const help = await koers(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'demo', 'migrate', 'seed']) expect(help.output).toContain(command);
    const seedHelp = await koers(['seed', '--help']);
    expect(seedHelp.output).toMatch(/--size <size>.*\(choices: "small", "demo", "maastricht"/s);
  });

  it('rejects an unknown size with the allowed choices', async () => {
    const result = await koers(['seed', '--size', 'groot']);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Allowed choices are small, demo, maastricht');
  });

  it('refuses a production start with the default secret, naming the variable', async () => {
    const result = await koers(['serve'], { NODE_ENV: 'production' });
    expect(result.code).toBe(2);
    expect(result.output).toContain('KOERS_SESSION_SECRET');
  });

  it('never loads demo users or data in production', async () => {
    const env = { NODE_ENV: 'production', KOERS_SESSION_SECRET: 'p'.repeat(40) };
    for (const command of [['demo'], ['seed', '--size', 'small']]) {
      const result = await koers(command, env);
      expect(result.code, command.join(' ')).toBe(2);
      expect(result.output).toContain('Demo-modus staat uit');
    }
  });

  it('migrates a new embedded database, and is a no-op the second time', async () => {
    const first = await koers(['migrate']);
    expect(first.code).toBe(0);
    expect(first.output).toContain('Migraties toegepast: 0001_foundation');
    const second = await koers(['migrate']);
    expect(second.output).toContain('geen nieuwe migraties');
    // Two real processes that each start PGlite and migrate: ~20 s on a loaded 2-core machine.
  }, 90_000);
});

describe('koers programme', () => {
  it('writes a template and ends with exit code 1 and a clear message for an unknown municipality', async () => {
    const template = path.join(dataDir, 'sjabloon.xlsx');
    const written = await koers(['programme', 'template', template]);
    expect(written.code).toBe(0);
    const result = await koers(['programme', 'import', template, '--tenant', 'GM0999']);
    expect(result.code).toBe(1);
    expect(result.output).toContain('Gemeente GM0999 bestaat niet op deze installatie');
  });
});

describe('koers signals', () => {
  it('refuses unknown rules, naming the known ones, and an installation without municipalities, with exit code 1', async () => {
    const unknownRule = await koers(['signals', 'run', '--rules', 'zaak-termijn,bestaat-niet']);
    expect(unknownRule.code).toBe(1);
    expect(unknownRule.output).toContain('Onbekende regel: bestaat-niet. Regels: zaak-termijn,');
    const empty = await koers(['signals', 'run']);
    expect(empty.code).toBe(1);
    expect(empty.output).toContain('Deze database heeft nog geen gemeenten');
  });
});

describe('koers and a database another process holds', () => {
  it('refuses every command that needs the embedded database, naming the holder, with exit code 1', async () => {
    const held = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
    try {
      const backup = path.join(dataDir, 'koers.tar.gz');
      for (const command of [['migrate'], ['signals', 'run'], ['seed'], ['backup', backup], ['restore', backup, '--force']]) {
        const result = await koers(command);
        expect(result.code, command.join(' ')).toBe(1);
        expect(result.output).toContain(`is al geopend door pid ${process.pid} op ${os.hostname()}`);
        expect(result.output).toContain('stop eerst de server, of gebruik de API');
        expect(result.output, 'a message, not a stack trace').not.toMatch(/^\s+at /m);
      }
    } finally {
      await held.close();
    }
    expect((await koers(['migrate'])).code).toBe(0);
  }, 120_000);
});

describe('koers audit', () => {
  /** Works on the embedded database the commands above migrated, while no koers process has it open. */
  async function withEmbeddedDatabase(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<void>) {
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
    try {
      await migrateToLatest(database.db);
      await work(database.db);
    } finally {
      await database.close();
    }
  }

  it('verifies an untouched log (exit 0), prints an anchor, and names the first changed record (exit 1)', async () => {
    await withEmbeddedDatabase(async (db) => {
      await sql`insert into tenants (id, name) values ('GM0001', 'Proefgemeente')`.execute(db);
      for (let i = 0; i < 3; i++) {
        const ctx = { traceId: 'c'.repeat(32), parentSpanId: null, actor: null, tenantId: 'GM0001' };
        await withTenant(db, 'GM0001', (tx) =>
          recordProcessing(tx, ctx, { name: 'inwoner.raadplegen', activity: 'inwonerregistratie', subjects: [{ type: 'resident', id: randomUUID() }], startTime: new Date() }),
        );
      }
    });
    const ok = await koers(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^GM0001: 3 records, keten klopt, kop [0-9a-f]{64}$/m);

    const head = await koers(['audit', 'head', '--json']);
    expect(head.code).toBe(0);
    const anchorFile = path.join(dataDir, 'anker.json');
    writeFileSync(anchorFile, head.stdout);
    expect((await koers(['audit', 'verify', '--anchor', anchorFile])).stdout).toContain('GM0001: 3 records, keten klopt, anker gevonden');

    let changedId = '';
    await withEmbeddedDatabase(async (db) => {
      await db.transaction().execute(async (tx) => {
        await sql`alter table audit_log disable trigger audit_log_append_only`.execute(tx);
        const { rows } = await sql<{ id: string }>`update audit_log set name = 'vervalst' where tenant_id = 'GM0001' and seq = 2 returning id`.execute(tx);
        changedId = rows[0]!.id;
        await sql`alter table audit_log enable trigger audit_log_append_only`.execute(tx);
      });
    });
    const broken = await koers(['audit', 'verify', '--tenant', 'GM0001']);
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`GM0001: record 2 (${changedId}): inhoud gewijzigd`);
  }, 240_000);
});

describe('koers jobs', () => {
  it("shows each municipality's jobs with schedule, next run and last run, and ends with exit code 1 while a last run failed", async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
    try {
      await migrateToLatest(database.db);
      await sql`insert into tenants (id, name) values ('GM0001', 'Proefgemeente') on conflict do nothing`.execute(database.db);
      const finished = new Date('2026-12-03T01:00:00Z');
      await withTenant(database.db, 'GM0001', (tx) =>
        tx
          .insertInto('jobs')
          .values([
            { tenant_id: 'GM0001', name: 'signalen.alle-regels', daily_at: '02:00', run_at: new Date('2026-12-04T01:00:00Z'), last_started_at: finished, last_finished_at: finished, last_status: 'geslaagd' },
            { tenant_id: 'GM0001', name: 'signalen.termijnregels', every_minutes: 60, run_at: finished, retries: 1, last_finished_at: finished, last_status: 'mislukt', last_error: 'verbinding verbroken' },
            { tenant_id: 'GM0001', name: 'oud.verdwenen-taak', every_minutes: 5, run_at: finished },
          ])
          .execute(),
      );
    } finally {
      await database.close();
    }
    const failing = await koers(['jobs']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('GM0001 signalen.alle-regels (dagelijks 02:00) · volgende 2026-12-04 02:00 · laatst geslaagd 2026-12-03 02:00 in 0.0 s');
    expect(failing.stdout).toContain('GM0001 signalen.termijnregels (elke 60 min) · volgende 2026-12-03 02:00 (herhaling 1) · laatst mislukt 2026-12-03 02:00: verbinding verbroken');
    expect(failing.stdout).toContain('GM0001 oud.verdwenen-taak (elke 5 min) · onbekende taak: deze versie voert haar niet uit');
    expect(failing.output).toContain('Laatste run mislukt: GM0001 signalen.termijnregels.');
    const json = await koers(['jobs', '--tenant', 'GM0001', '--json']);
    expect(JSON.parse(json.stdout).jobs.map((j: { name: string }) => j.name)).toEqual(['oud.verdwenen-taak', 'signalen.alle-regels', 'signalen.termijnregels']);
  }, 120_000);

  it('`berichten check` checks messages against the XSDs: exit 0 valid, 1 invalid, 2 without schemas', async () => {
    const file = path.join(dataDir, 'toewijzing.xml');
    writeFileSync(file, wmo301Sample());
    const noSchemas = await koers(['berichten', 'check', file]);
    expect(noSchemas.code).toBe(2);
    expect(noSchemas.output).toContain('KOERS_ISTANDAARDEN_DIR is niet gezet');
    const wrongFolder = await koers(['berichten', 'check', file], { KOERS_ISTANDAARDEN_DIR: dataDir });
    expect(wrongFolder.code).toBe(2);
    expect(wrongFolder.output).toContain('ontbreken: iwmo-3.2/WMO301.xsd');
    if (!hasIstandaarden) return;
    const valid = await koers(['berichten', 'check', file], { KOERS_ISTANDAARDEN_DIR: ISTANDAARDEN_DIR });
    expect(valid).toMatchObject({ code: 0 });
    expect(valid.stdout).toContain(`OK   ${file}: iWmo 301 Toewijzing`);
    const broken = path.join(dataDir, 'kapot.xml');
    writeFileSync(broken, wmo301Sample({ ingangsdatum: '1-1-2027' }));
    const invalid = await koers(['berichten', 'check', file, broken], { KOERS_ISTANDAARDEN_DIR: ISTANDAARDEN_DIR });
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain("Ingangsdatum: de waarde '1-1-2027' is geen geldige LDT_Datum.");
  }, 60_000);
});

describe('koers berichten import and export', () => {
  it('refuses wrong use with a Dutch message and exit code 2, before opening the database', async () => {
    const file = path.join(dataDir, 'leeg-bericht.xml');
    writeFileSync(file, '<Bericht/>');
    for (const [args, text] of [
      [['berichten', 'import', file], 'Geef de gemeente op met --tenant'],
      [['berichten', 'import', '--tenant', 'GM12', file], 'een gemeentecode is GM gevolgd door vier cijfers'],
      [['berichten', 'import', '--tenant', 'GM0001'], 'Geef een of meer berichten'],
      [['berichten', 'import', '--tenant', 'GM0001', path.join(dataDir, 'bestaat-niet.xml')], 'bestaat-niet.xml bestaat niet.'],
      [['berichten', 'export', '--tenant', 'GM0001'], 'Geef de doelmap op met --out'],
      [['berichten', 'export', '--tenant', 'GM0001', '--out', file], 'is een bestand, geen map'],
    ] as const) {
      const result = await koers([...args]);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.output).toContain(text);
    }
    const unknown = await koers(['berichten', 'export', '--tenant', 'GM0999', '--out', dataDir]);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('Gemeente GM0999 bestaat niet op deze installatie');
  }, 120_000);

  it('imports a folder (refusals recorded, exit 1) and exports pending messages as files marked downloaded; both refuse while another process holds the database', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
    let messageId = '';
    try {
      await migrateToLatest(database.db);
      await sql`insert into tenants (id, name) values ('GM0001', 'Proefgemeente') on conflict do nothing`.execute(database.db);
      messageId = await withTenant(database.db, 'GM0001', async (tx) => {
        const provider = await tx.insertInto('providers').values({ tenant_id: 'GM0001', agb_code: '87654321', name: 'Zorg CLI', kind: 'care', strategic_partner: false, region_wide: false, region: null }).returning('id').executeTakeFirstOrThrow();
        const row = await tx
          .insertInto('exchange_messages')
          .values({ tenant_id: 'GM0001', standard: 'ijw', message_number: 301, direction: 'out', provider_id: provider.id, identification: 'K000000123', dated_on: '2026-12-01', xsd_status: 'not_checked', problems: '[]', xml: '<Bericht/>', status: 'ready' })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      });
      // While another process holds the embedded database, both commands refuse with the holder's name.
      for (const args of [['berichten', 'import', '--tenant', 'GM0001', dataDir], ['berichten', 'export', '--tenant', 'GM0001', '--out', dataDir]]) {
        const held = await koers(args);
        expect(held.code).toBe(1);
        expect(held.output).toContain('stop eerst de server, of gebruik de API');
      }
    } finally {
      await database.close();
    }

    const inbox = path.join(dataDir, 'inbox');
    mkdirSync(inbox, { recursive: true });
    writeFileSync(path.join(inbox, 'kapot.xml'), '<Bericht><Header><Afzender>87654321</Afzender>');
    writeFileSync(path.join(inbox, 'onbekend.xml'), '<Bericht xmlns="http://example.org/geen-istandaard"/>');
    const imported = await koers(['berichten', 'import', '--tenant', 'GM0001', inbox]);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toContain('GEWEIGERD kapot.xml: Geen geldige XML');
    expect(imported.stdout).toContain('GEWEIGERD onbekend.xml:');
    expect(imported.stdout).toContain('2 berichten: 0 aangenomen, 0 afgekeurd (met retourbericht), 0 dubbel, 2 geweigerd.');
    expect(imported.output).toContain('Berichten verwerken: 2 / 2 (100%)');

    const out = path.join(dataDir, 'uit');
    const exported = await koers(['berichten', 'export', '--tenant', 'GM0001', '--out', out]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('1 bericht geschreven naar');
    expect(readFileSync(path.join(out, 'JW301_K000000123.xml'), 'utf8')).toBe('<Bericht/>');
    expect((await koers(['berichten', 'export', '--tenant', 'GM0001', '--out', out])).stdout).toContain('Geen berichten die klaarstaan.');

    const check = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
    try {
      const [message, refusals] = await withTenant(check.db, 'GM0001', async (tx) => [
        await tx.selectFrom('exchange_messages').select(['status']).where('id', '=', messageId).executeTakeFirstOrThrow(),
        await tx.selectFrom('exchange_refusals').select(['channel', 'file_name', 'sender']).orderBy('file_name').execute(),
      ]);
      expect(message.status).toBe('downloaded');
      expect(refusals).toEqual([
        { channel: 'cli', file_name: 'kapot.xml', sender: '87654321' },
        { channel: 'cli', file_name: 'onbekend.xml', sender: null },
      ]);
    } finally {
      await check.close();
    }
  }, 240_000);
});
