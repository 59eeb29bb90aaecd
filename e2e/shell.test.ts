import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');

const suite = browserSuite();
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  context = await suite.browser().newContext({ locale: 'nl-NL' });
  page = await context.newPage();
});
afterEach(async () => context.close());

describe('web shell in Chromium', () => {
  it('logs in as KCC, searches a resident while typing and opens the file — without accessibility violations', async () => {
    await page.goto(`${suite.server().baseUrl}/`);
    await expect.poll(() => page.url()).toMatch(/\/inloggen$/);
    await page.getByRole('heading', { level: 1, name: 'Inloggen bij Koers' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await axeViolations(page)).toEqual([]);

    // A wrong password gives a Dutch message and keeps what was typed.
    await page.getByLabel('Gebruikersnaam').fill('kcc');
    await page.getByLabel('Wachtwoord').fill('fout');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Gebruikersnaam of wachtwoord is onjuist.' }).waitFor();
    expect(await page.getByLabel('Gebruikersnaam').inputValue()).toBe('kcc');

    await page.getByLabel('Wachtwoord').fill('demo');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welkom, Karin Coenen (KCC)' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Start', 'Inwoners', 'Producten en diensten', 'Aanbieders', 'Programma']);
    expect(await axeViolations(page)).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'shell-kcc.png'), fullPage: true });

    await nav.getByRole('link', { name: 'Inwoners' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inwoners zoeken' }).waitFor();
    // The page searches 250 ms after the last key and keeps the previous results meanwhile: when a busy
    // machine pauses between two keys, "ja" or "jan" is searched too (first hits Frijns, Müller). Read
    // the hits only once the page shows the answer to "jans".
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/residents/search' && (r.request().postDataJSON() as { q?: string } | null)?.q === 'jans');
    await page.getByLabel('Zoek inwoner').pressSequentially('jans', { delay: 30 });
    const { items } = (await (await answered).json()) as { items: { fullName: string }[] };
    const results = page.getByRole('table').getByRole('link');
    await results.first().waitFor();
    await expect.poll(() => results.allInnerTexts()).toEqual(items.map((r) => r.fullName));
    expect(await page.getByText(/inwoners? gevonden op naam/).textContent()).toMatch(/^\d+ inwoners? gevonden op naam\.$/);
    expect(page.url()).not.toContain('jans');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'resident-search.png'), fullPage: true });

    const name = (await results.first().textContent()) ?? '';
    expect(name.toLowerCase()).toContain('jans');
    await results.first().click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Samenvatting' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Persoon', exact: true }).waitFor();
    await page.getByText('Huishouden', { exact: true }).waitFor();
    expect(await page.getByText(/^\d{9}$/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen bij Koers' }).waitFor();
  });

  it('is usable by keyboard alone: login form in Tab order, Enter logs in, the skip link jumps to the content', async () => {
    await page.goto(`${suite.server().baseUrl}/inloggen`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen bij Koers' }).waitFor();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el?.getAttribute('name') ?? el?.tagName.toLowerCase() ?? '';
      });
    await page.getByLabel('Gemeente').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('select');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('username');
    await page.keyboard.type('consulent');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('password');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    // A consultant starts on "Mijn werk".
    await page.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
    // After the page changes, focus lands on its heading so a screen reader announces it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
    // The content must have loaded (its links are the next Tab stops) before we skip to it.
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.getByText('Bezig met laden…').count()).toBe(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de hoofdinhoud');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // Past the skip link the next stop is inside the main content, not the header or menu.
    expect(await page.evaluate(() => document.activeElement?.closest('main')?.id)).toBe('inhoud');
  });

  it('shows each role only its own sections: the auditor gets the audit log, not the resident search', async () => {
    await logIn(page, suite.server().baseUrl, 'auditor');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Start', 'Producten en diensten', 'Aanbieders', 'Programma', 'Controlkaders', 'Controleruns', 'Steekproeven', 'Bevindingen', 'Rechtmatigheid', 'Logboek dataverwerkingen']);
    await nav.getByRole('link', { name: 'Logboek dataverwerkingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Logboek dataverwerkingen' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
