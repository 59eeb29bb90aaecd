import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

// Issue #13 "Done means": the controller's walk. Run the Wmo controls for a quarter → an exception with
// its facts → it becomes an error finding with an amount → draw a sample for a manual control → the
// legality statement for the year shows the error against the threshold, as PDF and xlsx.

const { server, browser } = browserSuite();
let context: BrowserContext;
let page: Page;

// The last complete quarter (Amsterdam).
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const quarterIndex = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
const year = quarterIndex === 0 ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4));
const quarter = quarterIndex === 0 ? 4 : quarterIndex;
const quarterStart = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
const quarterEnd = new Date(Date.UTC(year, quarter * 3, 0)).toISOString().slice(0, 10);

beforeAll(async () => {
  // One Wmo allocation of the demo that ran in the quarter loses its beschikking: recorded as if the
  // provider had started on its own request, which the Wmo does not allow (a Jeugdwet-only route).
  await withTenant(server().database.db, 'GM0935', async (tx) => {
    const { rows } = await sql<{ id: string }>`
      select a.id from allocations a
      join products p on p.id = a.product_id and p.tenant_id = a.tenant_id
      where p.law = 'wmo' and a.source = 'decision'
        and exists (select 1 from allocation_segments s where s.allocation_id = a.id and s.superseded_at is null and s.start_date <= ${quarterEnd}::date and s.end_date >= ${quarterStart}::date)
        and exists (select 1 from allocation_commitments c where c.allocation_id = a.id and c.year = ${year} and c.cents > 0)
      order by a.id limit 1
    `.execute(tx);
    const allocation = rows[0];
    if (!allocation) throw new Error(`The demo has no Wmo allocation running in ${year}-K${quarter}`);
    await sql`update allocations set source = 'verzoek', decision_line_id = null, case_id = null where id = ${allocation.id}`.execute(tx);
  });
});

beforeEach(async () => {
  context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
});
afterEach(async () => context.close());

describe('the controller walk in Chromium', () => {
  it('runs the Wmo controls for a quarter, records an error finding with an amount, draws a sample, and reads the legality statement as PDF and xlsx', async () => {
    await logIn(page, server().baseUrl, 'controller');
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });

    // 1. The Wmo controls for the quarter, and the exception with its facts.
    await menu.getByRole('link', { name: 'Controleruns' }).click();
    const run = page.getByRole('form', { name: 'Nieuwe controlerun' });
    await run.getByLabel('Soort periode').selectOption('kwartaal');
    await run.getByLabel('Proces').selectOption('wmo');
    await run.getByLabel('Periode', { exact: true }).fill(`${year}-K${quarter}`);
    await run.getByRole('button', { name: 'Controles uitvoeren' }).click();
    await run.getByRole('link', { name: 'Bekijk de uitkomst' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Controlerun Wmo, kwartaal ${year}-K${quarter}`) }).waitFor();
    await page.getByRole('button', { name: /uitzonderingen van Toewijzing zonder geldige beschikking/ }).click();
    const exception = page
      .getByRole('table', { name: /^Uitzonderingen \d+ tot en met/ })
      .getByRole('row')
      .filter({ hasText: 'toewijzing op verzoek van de aanbieder zonder beschikking' });
    await exception.waitFor();

    // 2. It becomes an error finding with an amount, owned by the budget holder.
    await exception.getByRole('link', { name: /Bevinding vastleggen/ }).click();
    const finding = page.getByRole('form', { name: 'Bevinding vastleggen' });
    await finding.getByLabel('Beoordeling').selectOption('fout');
    await finding.getByLabel('Reden van de beoordeling').fill('Wmo-zorg geleverd zonder beschikking: de aanbieder begon op eigen verzoek');
    await finding.getByLabel('Bedrag in euro').fill('2.345,67');
    await finding.getByLabel('Eigenaar').selectOption({ label: 'Ton Vroemen (budgethouder)' });
    await finding.getByRole('button', { name: 'Bevinding vastleggen' }).click();
    await page.getByRole('heading', { level: 1, name: /^Bevinding B-\d+: / }).waitFor();
    await page.getByText(/2\.345,67/).first().waitFor();

    // 3. A sample of the quarter's Wmo decisions for the manual control "dossier complete".
    await menu.getByRole('link', { name: 'Steekproeven' }).click();
    const sample = page.getByRole('form', { name: 'Nieuwe steekproef' });
    await sample.getByLabel('Titel').fill(`Beschikkingen Wmo ${year}-K${quarter}`);
    await sample.getByLabel('Proces').selectOption('wmo');
    await sample.getByLabel('Populatie').selectOption('beschikkingen');
    await sample.getByLabel('Begindatum').fill(quarterStart);
    await sample.getByLabel('Einddatum').fill(quarterEnd);
    await sample.getByLabel('Checklist').fill('Is het gespreksverslag vastgelegd voor de beschikking?');
    await sample.getByRole('button', { name: 'Steekproef trekken' }).click();
    await sample.getByText(/is getrokken: \d+ posten, seed [0-9a-f]{12}/).waitFor();
    await sample.getByRole('link', { name: 'Open de steekproef' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Steekproef \\d+: Beschikkingen Wmo ${year}-K${quarter}$`) }).waitFor();
    expect(await page.getByRole('table', { name: 'Posten van de steekproef, in volgorde van trekking' }).getByRole('row').count()).toBeGreaterThan(1);

    // 4. The legality statement for the year: the error counts against the Wmo threshold.
    await menu.getByRole('link', { name: 'Rechtmatigheid' }).click();
    const chooser = page.getByRole('form', { name: 'Boekjaar kiezen' });
    await chooser.getByLabel('Boekjaar').fill(String(year));
    await chooser.getByRole('button', { name: 'Toon' }).click();
    const wmo = page.getByRole('table', { name: `Lasten, fouten en onzekerheden per wet in ${year}` }).getByRole('row', { name: /^Wmo/ }).first();
    await wmo.waitFor();
    expect(await wmo.innerText()).toContain('2.345,67');
    expect(await axeViolations(page)).toEqual([]);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Verantwoording als Excel' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    const cells: unknown[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.push(...(row.values as unknown[]))));
    expect(cells.some((value) => value === 2345.67 || value === 234_567 || String(value).includes('2.345,67'))).toBe(true);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Verantwoording als PDF' }).click()]);
    expect(readFileSync((await pdf.path())!).subarray(0, 4).toString('latin1')).toBe('%PDF');
  }, 180_000);
});
