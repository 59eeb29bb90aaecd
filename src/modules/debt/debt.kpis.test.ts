// The KPIs of early signalling on a known dataset, and their suppression of small counts. Own app (own
// database clone), so the counts are only this file's outreach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { anAreaCode, createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { suppressedShare } from './debt.signals.service.js';

let t: TestApp;
let consultant: Staff;
let teamLead: Staff;
const HEADER = 'bron;soort_schuldeiser;postcode;huisnummer;huisnummer_toevoeging;achterstand_euro;maanden_achterstand;peildatum';

beforeAll(async () => {
  t = await createTestApp();
  const area = await anAreaCode(t);
  consultant = await createStaff(t, { roles: ['consultant'], areaCode: area });
  teamLead = await createStaff(t, { roles: ['team_lead'], areaCode: area });
  // 24 households at 24 addresses in one file: a postcode each (the factory draws the house number at random).
  const rows: string[] = [];
  for (let i = 0; i < 24; i++) {
    const postcode = `98${String(i).padStart(2, '0')} KP`;
    const r = await createResident(t, { areaCode: area, postcode });
    const number = await withTenant(t.database.db, TENANT, async (tx) => (await tx.selectFrom('residents').select('house_number').where('id', '=', r.id).executeTakeFirstOrThrow()).house_number);
    rows.push(`Maasvallei;woningcorporatie;${postcode};${number};;${500 + i};2;2026-11-30`);
  }
  const imported = await t.app.inject({ method: 'POST', url: '/api/debt/arrears-imports', headers: { cookie: consultant.cookie }, payload: { fileName: 'kpi.csv', content: [HEADER, ...rows].join('\n') } });
  if (imported.json().import?.outreachCreated !== 24) throw new Error(`import failed: ${imported.body}`);
});
afterAll(async () => t.close());

const kpis = (cookie = teamLead.cookie) => {
  const today = todayInAmsterdam();
  return t.app.inject({ method: 'GET', url: `/api/debt/kpis?from=${today}&to=${today}`, headers: { cookie } });
};

describe('early-signal KPIs', () => {
  it('suppress everything while the counts are small, then show the shares', async () => {
    const today = todayInAmsterdam();
    // The demo's outreach (src/demo/seed-debt.ts) was signalled days ago: only this file's are from today.
    const all = (await t.app.inject({ method: 'GET', url: '/api/debt/outreach?open=ja', headers: { cookie: consultant.cookie } })).json() as { id: string; signalledOn: string }[];
    const list = all.filter((o) => o.signalledOn === today);
    expect(list).toHaveLength(24);
    // Nothing settled yet (the terms run): no share.
    expect((await kpis()).json()).toMatchObject({ households: 24, open: 24, reachedWithinTerm: { count: null, share: null }, acceptedHelp: { count: null, share: null } });

    // 12 accepted help, 12 not reached: reached within the term 12 of 24 settled = 50 %.
    for (const [i, o] of list.entries()) {
      const outcome = i < 12 ? 'hulp-geaccepteerd' : 'niet-bereikt';
      const r = await t.app.inject({ method: 'POST', url: `/api/debt/outreach/${o.id}/outcome`, headers: { cookie: consultant.cookie }, payload: { outcome, on: today } });
      expect(r.statusCode).toBe(200);
    }
    const body = (await kpis()).json();
    expect(body).toMatchObject({ households: 24, open: null, threshold: 10, reachedWithinTerm: { count: 12, share: 50 } });
    // Every reached household accepted: the rest (0) is below 10, so the share would reveal it: suppressed.
    expect(body.acceptedHelp).toEqual({ count: 12, share: null });
  });

  it('are aggregates for roles with insights:read; a consultant lacks it', async () => {
    expect((await kpis(consultant.cookie)).statusCode).toBe(403);
    const reversed = await t.app.inject({ method: 'GET', url: '/api/debt/kpis?from=2026-12-01&to=2026-11-01', headers: { cookie: teamLead.cookie } });
    expect(reversed.statusCode).toBe(400);
  });
});

describe('suppressedShare', () => {
  it('shows a share only when the part and the rest both hold at least 10', () => {
    expect(suppressedShare(12, 24)).toEqual({ count: 12, share: 50 });
    expect(suppressedShare(9, 40)).toEqual({ count: null, share: null });
    expect(suppressedShare(35, 40)).toEqual({ count: 35, share: null });
    expect(suppressedShare(10, 30)).toEqual({ count: 10, share: 33.3 });
  });
});
