import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenancy.js';
import { ACCOUNT_FREE_FAILURES, delayAfter, loginWaitSeconds, MAX_DELAY_MS, recordLoginFailure, recordLoginSuccess } from './login-throttle.js';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

describe('delayAfter', () => {
  it('is free for the first failures, then 1 s doubling up to 15 minutes', () => {
    expect([0, 4, 5, 6, 7, 8, 14, 15, 40, 500].map((n) => delayAfter(n, 5))).toEqual([0, 0, 1000, 2000, 4000, 8000, 512_000, MAX_DELAY_MS, MAX_DELAY_MS, MAX_DELAY_MS]);
  });
});

describe('login throttle', () => {
  it('gives an attacking address growing delays over 20 failures, while the real user at another address may go ahead', async () => {
    const attacker = { tenantId: 'GM0935', username: 'Beleid', address: '203.0.113.50' };
    const user = { ...attacker, username: 'beleid', address: '10.1.2.3' };
    let now = new Date('2026-03-02T08:00:00Z');
    const waits: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      await recordLoginFailure(database.db, SECRET, attacker, now);
      const wait = await loginWaitSeconds(database.db, SECRET, attacker, now);
      waits.push(wait);
      now = at(now, wait * 1000); // the attacker waits exactly as long as it must
    }
    expect(waits).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900, 900, 900]);
    expect(await loginWaitSeconds(database.db, SECRET, user, now)).toBe(0);
    // Whoever tries at the attacker's address waits; the count is forgotten a day after the last failure.
    expect(await loginWaitSeconds(database.db, SECRET, { ...attacker, username: 'beleid' }, at(now, -1000))).toBe(1);
    await recordLoginFailure(database.db, SECRET, attacker, at(now, 25 * 3_600_000));
    expect(await loginWaitSeconds(database.db, SECRET, attacker, at(now, 25 * 3_600_000))).toBe(0);
  });

  it('slows an account down for unknown addresses after many failures spread over addresses, but not at an address it logged in from', async () => {
    const account = { tenantId: 'GM0935', username: 'teamleider' };
    const now = new Date('2026-03-02T09:00:00Z');
    await recordLoginSuccess(database.db, SECRET, { ...account, address: '10.9.9.9' }, at(now, -86_400_000));
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i += 1) {
      await recordLoginFailure(database.db, SECRET, { ...account, address: `198.18.${Math.floor(i / 200)}.${i % 200}` }, now);
    }
    expect(await loginWaitSeconds(database.db, SECRET, { ...account, address: '192.0.2.200' }, now)).toBe(1);
    expect(await loginWaitSeconds(database.db, SECRET, { ...account, address: '10.9.9.9' }, now)).toBe(0);
    // Another municipality's account with the same name is a different account.
    expect(await loginWaitSeconds(database.db, SECRET, { ...account, tenantId: 'GM1903', address: '192.0.2.200' }, now)).toBe(0);
  });

  it('stores neither usernames nor addresses in clear', async () => {
    await recordLoginFailure(database.db, SECRET, { tenantId: 'GM0935', username: 'consulent', address: '192.0.2.77' });
    const rows = await withTenant(database.db, 'GM0935', (tx) => tx.selectFrom('login_throttle').selectAll().execute());
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows);
    for (const clear of ['consulent', 'beleid', 'teamleider', '192.0.2.77', '203.0.113.50', '10.9.9.9']) expect(stored).not.toContain(clear);
  });
});
