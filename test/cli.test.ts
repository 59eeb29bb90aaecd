import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';

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
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('koers CLI', () => {
  it('lists its commands, each with --help', async () => {
    const help = await koers(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'demo', 'migrate', 'seed']) expect(help.output).toContain(command);
    const seedHelp = await koers(['seed', '--help']);
    expect(seedHelp.output).toMatch(/--size <size>.*\(choices: "small", "maastricht"/s);
  });

  it('rejects an unknown size with the allowed choices', async () => {
    const result = await koers(['seed', '--size', 'groot']);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Allowed choices are small, maastricht');
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
  });
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
