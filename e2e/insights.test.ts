import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const { server, browser } = browserSuite();
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
});
afterEach(async () => context.close());

describe('steering information in Chromium', () => {
  it('opens the Wmo dashboard, drills down to an area, and opens a steering report', async () => {
    await logIn(page, server().baseUrl, 'teamleider');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Stuurinformatie' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stuurinformatie Wmo' }).waitFor();
    const clients = page.getByRole('region', { name: 'Cliënten' });
    await clients.waitFor();
    // The trend is drawn (SVG); its figures are in the table beneath it.
    await clients.locator('svg path').first().waitFor({ state: 'attached' });
    // The small demo set: every area has fewer than 10 clients, so each shows "<10".
    const areaRows = clients.getByRole('table', { name: /Per wijk/ }).getByRole('row');
    expect(await areaRows.count()).toBeGreaterThan(2);
    await expect.poll(() => clients.getByRole('table', { name: /Per wijk/ }).getByRole('cell', { name: '<10', exact: true }).count()).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);

    const drill = clients.getByRole('button', { name: /^Verloop Cliënten in / }).first();
    const label = (await drill.getAttribute('aria-label'))!.replace('Verloop Cliënten in ', '');
    await drill.click();
    await clients.getByRole('button', { name: 'Terug naar totaal' }).waitFor();
    await clients.getByText(new RegExp(`\\(${label}\\)`)).first().waitFor();
    await clients.getByText(`Cijfers van de grafiek (${label})`).click();
    await expect.poll(() => clients.getByRole('cell', { name: '<10', exact: true }).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Stuurinformatie' }).getByRole('link', { name: 'Sturingsgesprek' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sturingsgesprek' }).waitFor();
    await page.getByRole('button', { name: 'Verslag maken' }).click();
    await page.getByRole('heading', { level: 2, name: /^Verslag Wmo / }).waitFor();
    await page.getByRole('table', { name: /Per taakveld/ }).getByRole('rowheader', { name: /6\.711/ }).waitFor();
    // Its own text per try: the month's report is the same on a retry and keeps the first try's action.
    const action = `Wachttijden begeleiding bespreken (${Date.now().toString(36)})`;
    await page.getByLabel('Nieuw actiepunt').fill(action);
    await page.getByLabel('Eigenaar').fill('Teamleider');
    await page.getByRole('button', { name: 'Actiepunt toevoegen' }).click();
    await page.getByRole('rowheader', { name: action }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  }, 90_000);
});
