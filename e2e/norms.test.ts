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

describe('Bijstandsnormen in Chromium', () => {
  it('shows the administrator the norm table per half year, without axe violations, and refuses an empty half year', async () => {
    await logIn(page, server().baseUrl, 'beheerder');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Bijstandsnormen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bijstandsnormen' }).waitFor();

    const h2 = page.getByRole('table', { name: /Bijstandsnormen per maand, 01-07-2025 tot en met 31-12-2025/ });
    await h2.waitFor();
    const single = h2.getByRole('row', { name: /Alleenstaande, 21 jaar tot AOW-leeftijd/ });
    expect(await single.getByRole('cell').first().textContent()).toBe('€\u00a01.369,06');
    expect(await page.getByRole('table', { name: /Vermogensgrenzen/ }).getByRole('row', { name: /2025/ }).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Alle versies, nieuwste eerst' }).getByText('Meegeleverd met Koers').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Normtabel downloaden als Excel' }).getAttribute('href')).toBe('/api/pw/norms/export.xlsx');
    expect(await axeViolations(page)).toEqual([]);

    // The form for the next half year (1 January 2026) refuses empty amounts before anything is sent.
    await page.getByRole('heading', { level: 2, name: /Half jaar toevoegen: 01-01-2026/ }).waitFor();
    await page.getByRole('button', { name: 'Half jaar toevoegen' }).click();
    await page.getByText(/De normen zijn niet opgeslagen/).waitFor();
    expect(await page.getByText('Alleenstaande, 21 jaar tot AOW-leeftijd, incl. vakantietoeslag: vul een bedrag in euro’s in, bijvoorbeeld 1.369,06.').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    // Filled in with last period's amounts, but one excl.-VT amount a euro off: the API refuses it, the
    // message stands beside that field, and no version is added.
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Half jaar toevoegen' }) });
    await form.getByLabel('Bron van de bedragen').fill('Test: bedragen van de vorige periode');
    await form.getByLabel('Toelichting bij deze versie').fill('Test in de browser');
    const rows = form.getByRole('table', { name: /Normen per maand vanaf 01-01-2026/ }).getByRole('row');
    for (let i = 1; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const [incl, excl] = ((await row.getByRole('cell').last().textContent()) ?? '').split(' / ').map((a) => a.replace(/[€\s\u00a0]/g, ''));
      await row.getByRole('textbox').nth(0).fill(incl!);
      await row.getByRole('textbox').nth(1).fill(i === 7 ? '1.301,61' : excl!);
    }
    for (const [label, amount] of [['Alleenstaande (euro)', '7.770'], ['Alleenstaande ouder (euro)', '15.540'], ['Gehuwden (euro)', '15.540'], ['Vermogen in de eigen woning (euro)', '65.500']] as const) {
      await form.getByLabel(label, { exact: true }).fill(amount);
    }
    await form.getByRole('button', { name: 'Half jaar toevoegen' }).click();
    const field = form.getByLabel('Alleenstaande, 21 jaar tot AOW-leeftijd: excl. vakantietoeslag');
    await expect.poll(async () => field.getAttribute('aria-invalid')).toBe('true');
    await form.getByText(/PW-2026-H1, alleenstaande-21-plus: De norm zonder vakantietoeslag \(€\s1\.301,61\) past niet/).first().waitFor();
    expect(await page.getByRole('table', { name: 'Alle versies, nieuwste eerst' }).getByRole('row').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
  });
});
