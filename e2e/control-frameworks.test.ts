import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const { server, browser } = browserSuite();
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
});
afterEach(async () => context.close());

describe('Controlkaders in Chromium', () => {
  it('shows the controller the five frameworks, opens the Wmo framework without axe violations and exports it', async () => {
    await logIn(page, server().baseUrl, 'controller');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Controlkaders' }).click();
    await page.getByRole('heading', { level: 1, name: 'Controlkaders' }).waitFor();
    const overview = page.getByRole('table', { name: 'De controlkaders per proces' });
    await overview.getByRole('link', { name: 'Wsw / MTB' }).waitFor();
    for (const name of ['Wmo 2015', 'Jeugdwet', 'Participatiewet', 'Beschermd Wonen', 'Wsw / MTB']) expect(await overview.getByRole('link', { name }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await overview.getByRole('link', { name: 'Wmo 2015' }).click();
    await page.getByRole('heading', { level: 1, name: 'Controlkader Wmo 2015' }).waitFor();
    const step = page.getByRole('table', { name: /Risico’s en beheersmaatregelen van stap WMO-3 Toewijzing aan de aanbieder/ });
    const row = step.getByRole('row', { name: /WMO-3\.R1\.C1/ });
    expect(await row.getByText('toewijzing-zonder-beschikking').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Controlkader downloaden als Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^controlkader-wmo-v\d+\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(readFileSync((await download.path())!)).buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Stappen', "Risico's", 'Maatregelen', 'Toelichting']);
    expect(workbook.getWorksheet('Maatregelen')!.getRow(1).getCell(9).value).toBe('Geautomatiseerde controle');
  });
});
