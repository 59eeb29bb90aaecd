import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const suite = browserSuite();
let page: Page;

// Logged in once for both tests (the second continues in the first's session): logging in inside the
// first test would fail on its retry, where the page has a session already and shows no login form.
beforeAll(async () => {
  page = await (await suite.browser().newContext({ locale: 'nl-NL' })).newPage();
  await logIn(page, suite.server().baseUrl, 'kcc');
});

describe('catalogue in Chromium', () => {
  it('lets the KCC find a provision while typing and see the contracted providers', async () => {
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

  it('shows providers with AGB code, contract, tariffs per year and subsidies', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Aanbieders' }).click();
    await page.getByRole('heading', { level: 1, name: 'Aanbieders en contracten' }).waitFor();
    await page.getByLabel('Zoek aanbieder').fill('Maasvallei');
    const row = page.getByRole('row', { name: /Begeleidingsnetwerk Maasvallei/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['Begeleidingsnetwerk Maasvallei', '99010001', 'Zorg en ondersteuning', 'Gemeente', 'Ja', '3']);
    expect(await axeViolations(page)).toEqual([]);
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Begeleidingsnetwerk Maasvallei' }).waitFor();
    const tariffs = page.getByRole('table', { name: /^Tarieven \d{4}$/ }).first();
    await tariffs.waitFor();
    expect(await tariffs.getByRole('row').count()).toBe(4);
    expect(await page.getByText('Geen subsidie.').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });
});
