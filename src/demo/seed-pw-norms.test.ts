import { describe, expect, it } from 'vitest';
import { PW_NORM_TABLE } from '../modules/participatiewet/pw.norms.data.js';
import { findAssetLimits, findNormPeriod } from '../modules/participatiewet/pw.norms.js';
import { demoNormTable } from './seed-pw-norms.js';

describe('the demo norm table', () => {
  it('covers today and the next half year with the last shipped amounts, every added amount marked as an assumption', () => {
    const table = demoNormTable(PW_NORM_TABLE, '2026-12-03')!;
    expect(table.periods.map((p) => p.id)).toEqual(['PW-2025-H1', 'PW-2025-H2', 'DEMO-2026-H1', 'DEMO-2026-H2', 'DEMO-2027-H1']);
    expect(table.periods.at(-1)!.validUntil).toBe('2027-06-30');
    expect(table.assetLimits.map((a) => a.year)).toEqual([2025, 2026, 2027]);
    const shipped = findNormPeriod(PW_NORM_TABLE, '2025-12-01');
    const demo = findNormPeriod(table, '2026-12-03');
    expect(demo.norms['alleenstaande-21-plus'].inclVtCents).toBe(shipped.norms['alleenstaande-21-plus'].inclVtCents);
    expect(Object.values(demo.norms).every((a) => a.status === 'K')).toBe(true);
    expect(demo.source).toMatch(/^DEMO-AANNAME/);
    expect(findAssetLimits(table, '2026-12-03').status).toBe('K');
    expect(table.version).toBe(`${PW_NORM_TABLE.version}+demo-2027-06`);
  });

  it('keeps the shipped periods as they are and adds nothing when the table already covers the next half year', () => {
    const table = demoNormTable(PW_NORM_TABLE, '2025-03-10');
    expect(table).toBeNull();
    const later = demoNormTable(PW_NORM_TABLE, '2025-08-01')!;
    expect(later.periods.slice(0, 2)).toEqual(PW_NORM_TABLE.periods);
    expect(later.periods.map((p) => p.id)).toEqual(['PW-2025-H1', 'PW-2025-H2', 'DEMO-2026-H1']);
  });
});
