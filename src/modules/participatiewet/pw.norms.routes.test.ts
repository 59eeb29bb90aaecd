import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaff, type Staff } from '../../../test/support/factories.js';
import { PW_NORM_TABLE, type AssetLimits, type NormPeriod } from './pw.norms.data.js';
import { withoutVakantietoeslag } from './pw.norms.js';
import { currentNormTable, normTableOfVersion } from './pw.norms.service.js';
import { calculateEntitlement, reproduce, type EntitlementInput } from './pw.means-test.js';
import { withTenant } from '../../db/tenancy.js';
import type { AppError } from '../../platform/errors.js';

let t: TestApp;
let admin: Staff;
let consultant: Staff;
let policy: Staff;
let kcc: Staff;
let otherAdmin: Staff;
beforeAll(async () => {
  t = await createTestApp();
  [admin, consultant, policy, kcc] = await Promise.all([
    createStaff(t, { roles: ['admin'] }),
    createStaff(t, { roles: ['consultant'] }),
    createStaff(t, { roles: ['policy'] }),
    createStaff(t, { roles: ['kcc'] }),
  ]);
  otherAdmin = await createStaff(t, { roles: ['admin'], tenant: 'GM1903' });
});
afterAll(async () => t.close());

interface Overview {
  current: { number: number; version: string; periods: NormPeriod[]; assetLimits: AssetLimits[] };
  versions: { version: number; tableVersion: string; note: string; importedBy: { id: string; displayName: string } | null; importedAt: string; periods: string[] }[];
}
interface ErrorBody {
  error: { code: string; fields?: { field: string; message: string }[] };
}
const get = (cookie?: string) => t.app.inject({ method: 'GET', url: '/api/pw/norms', ...(cookie ? { headers: { cookie } } : {}) });
const post = (payload: object, cookie?: string) => t.app.inject({ method: 'POST', url: '/api/pw/norms', payload, ...(cookie ? { headers: { cookie } } : {}) });
const storedVersions = (tenant: string) =>
  withTenant(t.database.db, tenant, async (tx) => (await tx.selectFrom('pw_norm_tables').select('version').orderBy('version').execute()).map((r) => r.version));

const H2 = PW_NORM_TABLE.periods.at(-1)!;

// ASSUMPTION: made-up 2026 figures (2025-H2 raised by 2 %), for these tests only; never shipped data.
function madeUpPeriod(id: string, validFrom: string, validUntil: string): NormPeriod {
  const norms = Object.fromEntries(
    Object.entries(H2.norms).map(([key, amount]) => {
      const inclVtCents = Math.round(amount.inclVtCents * 1.02);
      return [key, { inclVtCents, exclVtCents: withoutVakantietoeslag(inclVtCents, H2.vakantietoeslagBasisPoints), status: 'C' as const }];
    }),
  ) as NormPeriod['norms'];
  return { ...H2, id, validFrom, validUntil, source: 'ASSUMPTION: testbedragen, geen echte normen', norms };
}
const madeUpAssets2026: AssetLimits = { ...PW_NORM_TABLE.assetLimits[0]!, year: 2026, validFrom: '2026-01-01', validUntil: '2026-12-31', status: 'C', source: 'ASSUMPTION: testbedragen' };

describe('GET /api/pw/norms', () => {
  it('shows the shipped 2025 table as version 1 to roles that work with bijstand', async () => {
    for (const staff of [consultant, policy, admin]) {
      const response = await get(staff.cookie);
      expect(response.statusCode).toBe(200);
      const body = response.json() as Overview;
      expect(body.current.number).toBe(1);
      expect(body.current.version).toBe(PW_NORM_TABLE.version);
      expect(body.current.periods.map((p) => p.id)).toEqual(['PW-2025-H1', 'PW-2025-H2']);
      expect(body.current.periods[1]!.norms['alleenstaande-21-plus']).toMatchObject({ inclVtCents: 136_906 });
      expect(body.versions).toEqual([expect.objectContaining({ version: 1, importedBy: null, periods: ['PW-2025-H1', 'PW-2025-H2'] })]);
    }
  });

  it('401 without a session, 403 for a role that does not work with bijstand', async () => {
    expect((await get()).statusCode).toBe(401);
    expect((await get(kcc.cookie)).statusCode).toBe(403);
  });
});

describe('POST /api/pw/norms', () => {
  const valid = { note: 'Normen 1 januari 2026 (test)', periods: [madeUpPeriod('PW-2026-H1', '2026-01-01', '2026-06-30')], assetLimits: [madeUpAssets2026] };

  it('401 without a session, 403 for everyone but the administrator; nothing stored', async () => {
    expect((await post(valid)).statusCode).toBe(401);
    for (const staff of [consultant, policy]) {
      const response = await post(valid, staff.cookie);
      expect(response.statusCode).toBe(403);
      expect((response.json() as ErrorBody).error.code).toBe('FORBIDDEN');
    }
    expect(await storedVersions('GM0935')).toEqual([1]);
  });

  it('refuses a gap, with the field of the request and a Dutch message; nothing stored', async () => {
    const response = await post({ ...valid, periods: [madeUpPeriod('PW-2026-H2', '2026-07-01', '2026-12-31')] }, admin.cookie);
    expect(response.statusCode).toBe(400);
    const { error } = response.json() as ErrorBody;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toContainEqual({ field: 'periods[0].validFrom', message: expect.stringMatching(/^Gat in de tabel: na PW-2025-H2 .* begint PW-2026-H2 pas op 2026-07-01/) });
    expect(await storedVersions('GM0935')).toEqual([1]);
  });

  it('refuses an overlap with the last half year', async () => {
    const response = await post({ ...valid, periods: [madeUpPeriod('PW-2025-H2-bis', '2025-07-01', '2025-12-31')], assetLimits: [] }, admin.cookie);
    expect(response.statusCode).toBe(400);
    expect((response.json() as ErrorBody).error.fields).toContainEqual({ field: 'periods[0].validFrom', message: expect.stringMatching(/^Overlap in de tabel: PW-2025-H2-bis begint op 2025-07-01/) });
    expect(await storedVersions('GM0935')).toEqual([1]);
  });

  it('refuses an absurd amount, an inconsistent excl. VT, a missing leefvorm and missing asset limits, each with period and leefvorm', async () => {
    const period = madeUpPeriod('PW-2026-H1', '2026-01-01', '2026-06-30');
    const norms: Partial<NormPeriod['norms']> = { ...period.norms };
    norms['alleenstaande-21-plus'] = { inclVtCents: 13_690_600, exclVtCents: 13_006_070, status: 'V' };
    norms['gehuwden-21-plus'] = { ...period.norms['gehuwden-21-plus'], exclVtCents: period.norms['gehuwden-21-plus'].exclVtCents + 500 };
    delete norms['alleenstaande-aow'];
    const response = await post({ note: 'fout', periods: [{ ...period, norms }], assetLimits: [] }, admin.cookie);
    expect(response.statusCode).toBe(400);
    const fields = (response.json() as ErrorBody).error.fields!;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'periods[0].norms.alleenstaande-21-plus.inclVtCents', message: expect.stringMatching(/^PW-2026-H1, alleenstaande-21-plus: Het bedrag € 136\.906,00 is onwaarschijnlijk hoog/) },
        { field: 'periods[0].norms.gehuwden-21-plus.exclVtCents', message: expect.stringMatching(/^PW-2026-H1, gehuwden-21-plus: De norm zonder vakantietoeslag/) },
        { field: 'periods[0].norms.alleenstaande-aow', message: "De norm voor leefvorm 'alleenstaande-aow' ontbreekt in periode PW-2026-H1." },
        { field: 'periods[0].validFrom', message: 'Voor periode PW-2026-H1 (2026-01-01) ontbreken de vermogensgrenzen.' },
      ]),
    );
    expect(await storedVersions('GM0935')).toEqual([1]);
  });

  it('refuses a body without a note or without periods', async () => {
    const response = await post({ note: '', periods: [] }, admin.cookie);
    expect(response.statusCode).toBe(400);
    expect((response.json() as ErrorBody).error.fields!.map((f) => f.field)).toContain('note');
    expect((await post({ note: 'leeg', periods: [] }, admin.cookie)).json()).toMatchObject({ error: { fields: [{ field: 'periods', message: 'Voeg minstens één half jaar toe.' }] } });
    expect(await storedVersions('GM0935')).toEqual([1]);
  });

  it('adds 2026-H1 as version 2: history with who and when, change log, the calculation uses it; GM1903 keeps its own table', async () => {
    const before = Date.now();
    const response = await post(valid, admin.cookie);
    expect(response.statusCode).toBe(201);
    const body = response.json() as Overview;
    expect(body.current.number).toBe(2);
    expect(body.current.version).toBe('2026-01-01.2');
    expect(body.current.periods.map((p) => p.id)).toEqual(['PW-2025-H1', 'PW-2025-H2', 'PW-2026-H1']);
    expect(body.current.periods.slice(0, 2)).toEqual(PW_NORM_TABLE.periods);
    expect(body.versions.map((v) => v.version)).toEqual([2, 1]);
    const v2 = body.versions[0]!;
    expect(v2).toMatchObject({ note: valid.note, tableVersion: '2026-01-01.2', importedBy: { id: admin.id }, periods: ['PW-2025-H1', 'PW-2025-H2', 'PW-2026-H1'] });
    expect(Date.parse(v2.importedAt)).toBeGreaterThanOrEqual(before - 5_000);
    expect((await get(consultant.cookie)).json()).toEqual(body);

    const changes = (await t.app.inject({ method: 'GET', url: '/api/admin/changes?section=pw_norms', headers: { cookie: admin.cookie } })).json() as { subject: string; action: string; changedBy: { id: string } }[];
    expect(changes[0]).toMatchObject({ subject: 'Bijstandsnormen versie 2', action: expect.stringContaining('PW-2026-H1'), changedBy: { id: admin.id } });

    // The calculation takes the municipality's latest version: a date in 2026 is now priced.
    const table = await withTenant(t.database.db, 'GM0935', (tx) => currentNormTable(tx, 'GM0935'));
    expect(table.version).toBe('2026-01-01.2');
    expect(table.periods.at(-1)!.norms['alleenstaande-21-plus'].inclVtCents).toBe(valid.periods[0]!.norms['alleenstaande-21-plus'].inclVtCents);
    const single: EntitlementInput = {
      peildatum: '2026-03-01',
      household: { leefvorm: 'alleenstaande', applicantBirthDate: '1990-03-01', partnerBirthDate: null, dependentChildren: false, youngestChildAge: null, inInrichting: false, housemates: [] },
      income: [],
      workExemptions: { aanvrager: null, partner: null },
      assets: { possessionsCents: 0, debtsCents: 0, ownHome: null },
    };
    const refused = (() => {
      try {
        calculateEntitlement(single, PW_NORM_TABLE);
      } catch (error) {
        return error as AppError;
      }
      return null;
    })();
    expect(refused?.fields.map((f) => f.message).join(' ')).toMatch(/Voor 2026-03-01 is geen bijstandsnorm vastgelegd/);
    const rekenblad = calculateEntitlement(single, table);
    expect(rekenblad).toMatchObject({ normPeriodId: 'PW-2026-H1', tableVersion: '2026-01-01.2', normInclVtCents: Math.round(136_906 * 1.02) });
    // A stored calculation is reproduced against the version it names, also the shipped one.
    const stored = JSON.parse(JSON.stringify(rekenblad)) as typeof rekenblad;
    const named = await withTenant(t.database.db, 'GM0935', (tx) => normTableOfVersion(tx, 'GM0935', stored.tableVersion));
    expect(reproduce(stored, named)).toEqual(rekenblad);
    const old = calculateEntitlement({ ...single, peildatum: '2025-07-15' }, PW_NORM_TABLE);
    expect(await withTenant(t.database.db, 'GM0935', (tx) => normTableOfVersion(tx, 'GM0935', old.tableVersion))).toEqual(PW_NORM_TABLE);
    await expect(withTenant(t.database.db, 'GM1903', (tx) => normTableOfVersion(tx, 'GM1903', '2026-01-01.2'))).rejects.toThrow();

    // The other municipality does not see GM0935's version, and its own stays the shipped one.
    const other = (await get(otherAdmin.cookie)).json() as Overview;
    expect(other.current.number).toBe(1);
    expect(other.versions.map((v) => v.version)).toEqual([1]);
    expect(await storedVersions('GM1903')).toEqual([1]);
    expect(await storedVersions('GM0935')).toEqual([1, 2]);
  });

  it('the application role cannot change or remove a stored version', async () => {
    await expect(withTenant(t.database.db, 'GM0935', (tx) => tx.updateTable('pw_norm_tables').set({ note: 'anders' }).where('version', '=', 1).execute())).rejects.toThrow();
    await expect(withTenant(t.database.db, 'GM0935', (tx) => tx.deleteFrom('pw_norm_tables').where('version', '=', 1).execute())).rejects.toThrow();
  });
});
