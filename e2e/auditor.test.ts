// The auditor searches the processing log by BSN (never in a URL), exports it and draws up the
// overview for an inzageverzoek; the programme manager exports the programme, re-imports it and
// sees the error report for a broken file.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoBsn } from '../src/modules/residents/bsn.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');
const WIDTH = 390;

const suite = browserSuite();
let context: BrowserContext;
let page: Page;

beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));
beforeEach(async () => {
  context = await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
});
afterEach(async () => context.close());

const noSideways = async (what: string) => {
  await page.setViewportSize({ width: WIDTH, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what} is ${width} px wide`).toBeLessThanOrEqual(WIDTH);
  await page.setViewportSize({ width: 1400, height: 900 });
};

describe('auditor and programme manager in Chromium', () => {
  it('searches the log by BSN without it reaching a URL, exports CSV and downloads the AVG overview', async () => {
    const bsn = demoBsn(5);
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await logIn(page, suite.server().baseUrl, 'auditor');
    await page.goto(`${suite.server().baseUrl}/logboek`);
    await page.getByRole('heading', { level: 1, name: 'Logboek dataverwerkingen' }).waitFor();

    await page.getByLabel('Inwoner', { exact: true }).fill('123456789');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.getByText('Dit BSN is ongeldig: het voldoet niet aan de elfproef.').waitFor();

    await page.getByLabel('Inwoner', { exact: true }).fill(bsn);
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    const table = page.getByRole('table');
    await table.getByText(/verwerkingen? gevonden/).waitFor();
    // The search is logged: searching again shows the first search among the results.
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await table.getByRole('cell', { name: 'Logboek: zoeken' }).first().waitFor();
    await table.getByRole('cell', { name: /^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/ }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren als CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^logboek-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText.startsWith('\uFEFFTijdstip;Medewerker;')).toBe(true);
    expect(csvText).not.toContain(bsn);

    await page.getByLabel('Kenmerk van het verzoek (niet verplicht)').fill('AVG-2026-17');
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Overzicht downloaden (PDF)' }).click()]);
    expect(readFileSync((await pdf.path())!).subarray(0, 4).toString()).toBe('%PDF');

    await noSideways('Logboek');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'auditor.png'), fullPage: true });
    expect(urls.filter((url) => url.includes(bsn))).toEqual([]);
  });

  it('lets the programme manager export the programme, re-import it and see the errors of a broken file', async () => {
    await logIn(page, suite.server().baseUrl, 'programmamanager');
    await page.goto(`${suite.server().baseUrl}/programma?maand=2023-05`);
    await page.getByRole('navigation', { name: 'Programma' }).getByRole('link', { name: 'Importeren en exporteren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programma importeren en exporteren' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Programma downloaden (Excel)' }).click()]);
    const exported = readFileSync((await download.path())!);
    expect(exported.subarray(0, 2).toString('latin1')).toBe('PK');

    const fileInput = page.getByLabel('Programmabestand (.xlsx of .csv)');
    await fileInput.setInputFiles({ name: 'programma.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: exported });
    await page.getByRole('button', { name: 'Bestand controleren' }).click();
    await page.getByRole('heading', { name: 'Het bestand is in orde: dit verandert er' }).waitFor();
    await page.getByText('De activiteiten en hun status blijven gelijk.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Importeren bevestigen' }).click();
    await page.getByRole('status').filter({ hasText: /: 6 programmalijnen/ }).waitFor();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Activiteiten')!;
    sheet.getRow(3).getCell((sheet.getRow(1).values as unknown[]).indexOf('status')).value = 'KLAAR';
    const broken = Buffer.from(await workbook.xlsx.writeBuffer());
    await fileInput.setInputFiles({ name: 'kapot.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: broken });
    await page.getByRole('button', { name: 'Bestand controleren' }).click();
    await page.getByRole('alert').filter({ hasText: /: 1 fout in het bestand\. Verbeter/ }).waitFor();
    const errors = page.getByRole('table', { name: 'Fouten per werkblad, rij en kolom' });
    await errors.getByRole('row', { name: /Activiteiten 3 status/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await noSideways('Programma importeren');
  });
});
