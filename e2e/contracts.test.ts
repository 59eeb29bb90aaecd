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

describe('contract management in Chromium', () => {
  it("shows the contract manager each provider's performance per product and exports it", async () => {
    await logIn(page, server().baseUrl, 'contractmanager');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    // No personal data: no residents, no casework in the menu.
    expect(await nav.getByRole('link', { name: 'Inwoners' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Contractbeheer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Prestaties van aanbieders' }).waitFor();
    const table = page.getByRole('table', { name: /Prestaties van aanbieders \d{4}/ });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(1);
    // The small demo set: most providers have fewer than 10 clients per product, shown as "<10".
    await expect.poll(() => table.getByText('<10', { exact: true }).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Downloaden als Excel' }).click();
    expect((await download).suggestedFilename()).toMatch(/^prestaties-aanbieders-\d{4}\.xlsx$/);

    await page.getByLabel('Jaar').fill('1999');
    await page.getByText('Geef een jaartal van 2000 tot en met 2100.').waitFor();
    expect(await page.getByRole('link', { name: 'Downloaden als Excel' }).count()).toBe(0);
  });
});
