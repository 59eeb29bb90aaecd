import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');

const suite = browserSuite();
let context: BrowserContext;
let page: Page;

beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));
beforeEach(async () => {
  context = await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
});
afterEach(async () => context.close());

describe('programme roadmap in Chromium', () => {
  it('shows the roadmap by quarter and line, the status board and the generated May 2023 report', async () => {
    await logIn(page, suite.server().baseUrl, 'beleid');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Programma' }).click();
    await page.getByRole('heading', { level: 1, name: 'Routekaart Duurzaam Sociaal Domein' }).waitFor();
    // Without a month in the URL the pages show the programme's report month, not today.
    await expect.poll(() => page.getByLabel('Stand per maand').inputValue()).toBe('2023-05');
    // The programme navigation carries that month on to the status board and the report.
    expect(await page.getByRole('navigation', { name: 'Programma' }).getByRole('link', { name: 'Statusbord' }).getAttribute('href')).toBe('/programma/status?maand=2023-05');
    await page.getByText(/^Stand eind mei 2023: 72 activiteiten, waarvan 23 af, 48 lopend en 1 nieuw\./).waitFor();
    const roadmap = page.getByRole('table');
    await roadmap.getByRole('columnheader', { name: 'Q4 2023' }).waitFor();
    expect(await roadmap.getByRole('rowheader').allInnerTexts()).toEqual([
      '1. Strategie',
      '2. Structuur & Bemensing',
      '3. Leren & Ontwikkelen',
      '4. Processen',
      '5. Systemen',
      '6. Stuurinformatie',
    ]);
    expect(await roadmap.getByRole('link').count()).toBe(72);
    await page.getByText('(was Q3 2023)').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'programme-roadmap.png'), fullPage: true });

    await page.getByRole('navigation', { name: 'Programma' }).getByRole('link', { name: 'Statusbord' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statusbord programma' }).waitFor();
    const firstLine = page.getByRole('row', { name: /1\. Strategie/ });
    await firstLine.waitFor();
    expect(await firstLine.getByRole('cell').allInnerTexts()).toEqual(['5', '20', '8', '11', '1', expect.any(String), expect.any(String)]);
    await page.getByRole('link', { name: 'implementatie zaaksysteem Djuma' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Programma' }).getByRole('link', { name: 'Rapportage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapportage stand van zaken mei 2023' }).waitFor();
    const report = page.frameLocator('iframe[title="Rapportage stand van zaken mei 2023"]');
    await report.getByRole('heading', { level: 2, name: 'Programmalijn 5 – Systemen' }).waitFor();
    // The frame may still be parsing the rest of the document: count once its last line is there.
    await report.getByText(/^Gegenereerd door Koers op /).waitFor();
    expect(await report.getByRole('heading', { level: 2 }).count()).toBe(8);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'programme-report.png'), fullPage: true });
  });

  it('lets the programme manager re-plan an activity and shows it in the history', async () => {
    await logIn(page, suite.server().baseUrl, 'programmamanager');
    await page.goto(`${suite.server().baseUrl}/programma?maand=2023-05`);
    await page.getByRole('link', { name: /rol- en taakverdeling lokaal en regio/ }).click();
    await page.getByRole('heading', { level: 1, name: /rol- en taakverdeling/ }).waitFor();
    await page.getByLabel('Gepland kwartaal').fill('2024 derde');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByText('Een kwartaal heeft de vorm JJJJ-Qn, bijvoorbeeld 2023-Q3.').first().waitFor();
    await page.getByLabel('Gepland kwartaal').fill('2024-Q1');
    await page.getByLabel('Reden van de wijziging').fill('Wacht op regionaal besluit');
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await page.getByText('De wijziging is opgeslagen en staat in de historie.').waitFor();
    const history = page.getByRole('table');
    await history.getByRole('cell', { name: 'Wacht op regionaal besluit' }).waitFor();
    await history.getByRole('cell', { name: 'Jeroen Hendrikx (programmamanager DSD)' }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
