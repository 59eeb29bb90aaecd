import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'koers-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const HOLDER = path.resolve(import.meta.dirname, '../../test/support/hold-database.ts');

/** Starts a real second process that opens the folder; resolves once it has. */
function holdInOtherProcess(dataDir: string, staleMs: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir, String(staleMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const opened = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
    child.once('exit', (code) => reject(new Error(`holder ended with ${code}`)));
  });
  return { child, opened };
}

describe('PGlite data folder lock', () => {
  it('refuses a second open of the same folder, naming the process that holds it, until the first closes', async () => {
    const dataDir = path.join(root, 'twice', 'pgdata');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(
        new RegExp(`al geopend door pid ${process.pid} op ${os.hostname()} .*stop eerst de server, of gebruik de API`),
      );
    } finally {
      await first.close();
    }
    const second = await openDatabase({ kind: 'pglite', dataDir });
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(second.db);
    expect(rows[0]!.one).toBe(1);
    await second.close();
  });

  it('takes over a lock left by a killed process once it is stale, and then holds it itself', async () => {
    const dataDir = path.join(root, 'stale', 'pgdata');
    // Long enough for the holder's PGlite start (which blocks its event loop, so the lock is not
    // refreshed meanwhile) on a busy machine: 15 s was too short at a load of 10 on 2 cores. The
    // product's default is 30 s as well.
    const staleMs = 30_000;
    const { child, opened } = holdInOtherProcess(dataDir, staleMs);
    await opened;
    await expect(openDatabase({ kind: 'pglite', dataDir, lockStaleMs: staleMs })).rejects.toThrow(`al geopend door pid ${child.pid}`);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const taken = await openDatabase({ kind: 'pglite', dataDir, lockStaleMs: staleMs });
    try {
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(taken.db);
      expect(rows[0]!.one).toBe(1);
      await expect(openDatabase({ kind: 'pglite', dataDir, lockStaleMs: staleMs })).rejects.toThrow(`al geopend door pid ${process.pid}`);
    } finally {
      await taken.close();
    }
  }, 120_000);
});
