import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../../db/database.js';
import { withTenant } from '../../db/tenancy.js';
import { maastrichtProgramme } from '../../demo/programme.data.js';
import { PROGRAMME_TEMPLATE_EXAMPLE, programmeTemplate } from './programme.template.js';
import { programmeToWorkbook } from './programme.workbook.js';
import { flattenActivities, getProgrammeOverview, importProgrammeFile, overviewToProgrammeData, summariseLines } from './programme.service.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const TENANT = 'GM1903';
const importFile = (content: Buffer, fileName: string, replace = false) =>
  withTenant(database.db, TENANT, (tx) => importProgrammeFile(tx, { tenantId: TENANT, content, fileName, replace, actor: 'test' }));
/** Activities of the current programme (replaced programmes are kept, not counted). */
const count = () =>
  withTenant(database.db, TENANT, async (tx) => {
    const current = await tx.selectFrom('programmes').select('id').where('superseded_at', 'is', null).executeTakeFirst();
    if (!current) return 0;
    return flattenActivities(await getProgrammeOverview(tx, { month: '2023-05' })).length;
  });

describe('importing a programme for another municipality', () => {
  it('refuses a file with row errors and writes nothing', async () => {
    const csv = Buffer.from(
      'programmalijn_nummer,programmalijn,spoor,doelstelling,resultaat_programmalijn,thema,resultaat_thema,activiteit,status,gepland_kwartaal\n' +
        '1,Toegang,inhoud,Doel,Resultaat,KCC,Bereikbaar,Telefoon 14 043,LOOPT,2024-Q2\n' +
        '1,Toegang,inhoud,Doel,Resultaat,KCC,Bereikbaar,Balie,KLAAR,2024-Q2\n',
    );
    const outcome = await importFile(csv, 'programma.csv');
    expect(outcome).toEqual({ ok: false, issues: [expect.objectContaining({ row: 3, column: 'status' })] });
    expect(await count()).toBe(0);
  });

  it('loads the template, refuses a second import without --replace, and replaces with it', async () => {
    const template = await programmeTemplate();
    const first = await importFile(template, 'sjabloon.xlsx');
    const expectedActivities = PROGRAMME_TEMPLATE_EXAMPLE.lines.flatMap((l) => l.themes.flatMap((t) => t.activities)).length;
    expect(first).toMatchObject({ ok: true, activities: expectedActivities });
    await expect(importFile(template, 'sjabloon.xlsx')).rejects.toThrow(/Gebruik --replace/);
    expect(await count()).toBe(expectedActivities);
    const maastricht = await programmeToWorkbook(maastrichtProgramme);
    expect(await importFile(maastricht, 'maastricht.xlsx', true)).toMatchObject({ ok: true, lines: 6, themes: 23, activities: 72, letters: 42 });
    expect(await count()).toBe(72);
  });

  it('exports what it imported: the same programme comes back out', async () => {
    const overview = await withTenant(database.db, TENANT, (tx) => getProgrammeOverview(tx, { month: maastrichtProgramme.reportMonth }));
    expect(summariseLines(overview).map((l) => l.activities)).toEqual([20, 7, 3, 14, 11, 17]);
    expect(overviewToProgrammeData(overview)).toEqual(maastrichtProgramme);
  });

  it('never shows one municipality the programme of another', async () => {
    const maastricht = await withTenant(database.db, 'GM0935', (tx) => getProgrammeOverview(tx, { month: '2023-05' }));
    const em = await withTenant(database.db, TENANT, (tx) => getProgrammeOverview(tx, { month: '2023-05' }));
    expect(maastricht.id).not.toBe(em.id);
    const ids = new Set(maastricht.lines.flatMap((l) => l.themes.flatMap((t) => t.activities.map((a) => a.id))));
    expect(em.lines.flatMap((l) => l.themes.flatMap((t) => t.activities)).filter((a) => ids.has(a.id))).toEqual([]);
  });
});

describe('replacing a programme keeps the old one and its history', () => {
  it('supersedes instead of deleting, and the app role cannot delete history', async () => {
    const changes = () =>
      withTenant(database.db, TENANT, async (tx) => Number((await tx.selectFrom('programme_activity_changes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n));
    const programmes = () => withTenant(database.db, TENANT, (tx) => tx.selectFrom('programmes').select(['id', 'superseded_at']).execute());
    const before = await changes();
    expect(before).toBeGreaterThan(0);
    await importFile(await programmeTemplate(), 'sjabloon.xlsx', true);
    // Nothing of the old history is lost (the new programme may add its own re-plannings).
    expect(await changes()).toBeGreaterThanOrEqual(before);
    const all = await programmes();
    expect(all.filter((p) => p.superseded_at === null)).toHaveLength(1);
    expect(all.length).toBeGreaterThanOrEqual(3);
    await expect(withTenant(database.db, TENANT, (tx) => tx.deleteFrom('programme_activity_changes').execute())).rejects.toThrow(/permission denied/);
  });
});
