import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, logIn, startServer, type RunningServer } from './support/browser.js';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('catalogue in Chromium', () => {
  it('lets the KCC find a provision while typing and see the contracted providers', async () => {
    await logIn(page, server.baseUrl, 'kcc');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Producten en diensten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Producten en diensten' }).waitFor();
    await page.getByLabel('Zoek in de catalogus').fill('begeleiding');
    await page.getByText(/^\d+ producten en diensten gevonden\.$/).waitFor();
    const link = page.getByRole('table').getByRole('link', { name: /Begeleiding individueel/i }).first();
    await link.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await link.click();
    await page.getByRole('heading', { level: 2, name: 'Gecontracteerde aanbieders' }).waitFor();
    expect(await page.getByRole('table').getByRole('row').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByText(/zonder beschikking tot 13 weken/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });
});
