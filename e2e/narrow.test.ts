// Every main page at the width of a phone (390 px): the page itself never scrolls sideways. Wide
// tables scroll inside their own box and the header wraps, so "Uitloggen" stays on screen.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserSuite, logIn, residentHitInArea } from './support/browser.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');
const WIDTH = 390;

const suite = browserSuite();
/**
 * Tries of the consultant's walk so far. CI retries a failed test once, on the same server: the retry
 * takes the next resident, so it does not meet the first try's case.
 */
let tries = 0;
beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

async function narrowPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: WIDTH, height: 844 } });
  const page = await context.newPage();
  await logIn(page, suite.server().baseUrl, username);
  return page;
}

/** The page has loaded its data; then the document must be no wider than the screen. */
async function expectFits(page: Page, what: string): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.getByText('Bezig met laden…').count(), { message: what }).toBe(0);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what} (${page.url()}) is ${width} px wide`).toBeLessThanOrEqual(WIDTH);
  await page.getByRole('button', { name: 'Uitloggen' }).evaluate((button) => {
    const box = button.getBoundingClientRect();
    if (box.left < 0 || box.right > window.innerWidth) throw new Error(`"Uitloggen" is clipped: ${box.left}–${box.right}`);
  });
}

async function visit(page: Page, url: string): Promise<void> {
  await page.goto(`${suite.server().baseUrl}${url}`);
  await expectFits(page, url);
}

describe(`every main page at ${WIDTH} px without horizontal scrolling`, () => {
  it('consultant: start, residents, a file with a case, the case, my cases, signals, catalogue and providers', async () => {
    const page = await narrowPage(suite.browser(), 'consulent');
    await expectFits(page, 'start');
    await page.getByRole('link', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wachtwoord wijzigen' }).waitFor();
    await expectFits(page, 'wachtwoord wijzigen');
    await visit(page, '/inwoners');
    await page.getByLabel('Zoek inwoner').fill('dassen');
    const hit = residentHitInArea(page, 'Centrum', tries++);
    await hit.waitFor();
    await expectFits(page, 'zoekresultaten');
    await hit.click();
    await page.getByRole('button', { name: 'Nieuwe zaak' }).click();
    await page.getByRole('button', { name: 'Melding registreren' }).click();
    const caseLink = page.getByRole('tabpanel').getByRole('link', { name: /^WMO-\d{4}-\d{5}$/ });
    await caseLink.waitFor();
    await expectFits(page, 'dossier');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'narrow-resident.png'), fullPage: true });
    await caseLink.click();
    await page.getByRole('heading', { level: 1, name: /^Zaak WMO-/ }).waitFor();
    await expectFits(page, 'zaak');
    // A wide table scrolls in its own box: a named region that takes keyboard focus.
    const events = page.getByRole('region', { name: 'Gebeurtenissen in deze zaak (horizontaal scrollbaar)' });
    if ((await events.count()) > 0) expect(await events.getAttribute('tabindex')).toBe('0');
    // The extension form asks for a number of weeks or days, and the history says it in words.
    await page.getByLabel('Reden of toelichting').fill('Wacht op medisch advies');
    await page.getByLabel('Verdagen met').fill('10');
    await page.getByLabel('Eenheid').selectOption({ label: 'dagen' });
    await page.getByRole('button', { name: 'Verdagen', exact: true }).click();
    await page.getByRole('cell', { name: 'Verdaagd met 10 dagen' }).waitFor();
    await page.getByRole('cell', { name: /^\d{2}-\d{2}-\d{4}$/ }).first().waitFor();
    await expectFits(page, 'zaak na verdaging');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'narrow-case.png'), fullPage: true });

    await visit(page, '/zaken');
    await visit(page, '/signalen');
    await visit(page, '/catalogus');
    await page.getByRole('table').getByRole('link').first().click();
    await expectFits(page, 'product');
    await visit(page, '/aanbieders');
    await page.getByRole('table').getByRole('link').first().click();
    await expectFits(page, 'aanbieder');
    await page.context().close();
  });

  it('team lead, KCC, finance and the portfolio holder: their start pages and lists', async () => {
    const lead = await narrowPage(suite.browser(), 'teamleider');
    await visit(lead, '/signalen');
    const signal = lead.getByRole('table').getByRole('link').first();
    if ((await signal.count()) > 0) {
      await signal.click();
      await expectFits(lead, 'signaal');
    }
    await lead.context().close();

    const kcc = await narrowPage(suite.browser(), 'kcc');
    await expectFits(kcc, 'start (KCC)');
    await kcc.context().close();

    const finance = await narrowPage(suite.browser(), 'financien');
    await visit(finance, '/begroting');
    await finance.context().close();

    const alderman = await narrowPage(suite.browser(), 'wethouder');
    await visit(alderman, '/stuurinformatie/wethouder');
    await alderman.context().close();
  });

  it('policy: dashboards, steering report, targets and the programme pages', async () => {
    const page = await narrowPage(suite.browser(), 'beleid');
    await visit(page, '/stuurinformatie/wmo');
    await visit(page, '/stuurinformatie/sturingsgesprek');
    await visit(page, '/stuurinformatie/normen');
    await visit(page, '/programma');
    await page.getByRole('region', { name: 'Routekaart (horizontaal scrollbaar)' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'narrow-roadmap.png'), fullPage: true });
    await page.locator('.koers-chip__link').first().click();
    await expectFits(page, 'activiteit');
    await visit(page, '/programma/status');
    await visit(page, '/programma/rapport');
    await page.context().close();
  });

  it('auditor: the processing log of a resident', async () => {
    const consultant = await narrowPage(suite.browser(), 'consulent');
    await consultant.goto(`${suite.server().baseUrl}/inwoners`);
    await consultant.getByLabel('Zoek inwoner').fill('dassen');
    const hit = residentHitInArea(consultant, 'Centrum');
    await hit.click();
    await consultant.getByRole('heading', { level: 1 }).waitFor();
    await consultant.context().close();

    const page = await narrowPage(suite.browser(), 'auditor');
    await visit(page, '/logboek');
    await page.getByLabel('Inwoner', { exact: true }).fill('dassen');
    await page.getByLabel('Medewerker').fill('Bram');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.getByRole('table').waitFor();
    await expectFits(page, 'logboek met verwerkingen');
    // Who processed the data is shown by name, not by username.
    await page.getByRole('cell', { name: 'Bram Hermans (consulent Wmo)' }).first().waitFor();
    await page.context().close();
  });
});
