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

describe('the BUIG forecast in Chromium', () => {
  it('records the BUIG budget, raises the inflow by 10 %, sees the year-end balance change, and finds the saved scenario on the steering report', async () => {
    await logIn(page, server().baseUrl, 'beleid');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'BUIG-prognose' }).click();
    await page.getByRole('heading', { level: 1, name: 'BUIG-prognose Participatiewet' }).waitFor();
    await page.getByRole('table', { name: /^Per maand/ }).waitFor();

    // The calendar year: in December one month is still forecast, in January the whole year is.
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date());
    const budgetForm = page.getByRole('form', { name: 'BUIG-budget' });
    await budgetForm.getByLabel('Jaar').fill(year);
    await budgetForm.getByLabel('BUIG-budget (euro)').fill('veel');
    await budgetForm.getByRole('button', { name: 'BUIG-budget vastleggen' }).click();
    await budgetForm.getByText('Vul het BUIG-budget in euro’s in').waitFor();
    // Texts of their own per try: a retry finds the first try's budget and scenario in the lists too.
    const tag = Date.now().toString(36);
    await budgetForm.getByLabel('BUIG-budget (euro)').fill('2.500.000');
    await budgetForm.getByLabel('Toelichting').fill(`Voorlopig budget, brief SZW (${tag})`);
    await budgetForm.getByRole('button', { name: 'BUIG-budget vastleggen' }).click();
    await budgetForm.getByText(new RegExp(`€\\s2\\.500\\.000 – Voorlopig budget.*\\(${tag}\\)`)).waitFor();

    const scenarioForm = page.getByRole('form', { name: 'Scenario' });
    await scenarioForm.getByLabel('Jaar').fill(year);
    await scenarioForm.getByRole('button', { name: 'Doorrekenen' }).click();
    const balance = page.getByTestId('saldo-scenario');
    await expect.poll(() => balance.textContent()).toMatch(/€/);
    const before = await balance.textContent();
    const withoutScenario = await page.getByRole('row', { name: /^Saldo jaareinde/ }).getByRole('cell').first().textContent();
    expect(before).toBe(withoutScenario);

    // A wrong percentage gets a Dutch message at the field.
    await scenarioForm.getByLabel('Instroom (%)').fill('900');
    await scenarioForm.getByRole('button', { name: 'Doorrekenen' }).click();
    await scenarioForm.getByText('De verandering van de instroom ligt tussen -100 % en 500 %.').waitFor();

    await scenarioForm.getByLabel('Instroom (%)').fill('10');
    await scenarioForm.getByRole('button', { name: 'Doorrekenen' }).click();
    await page.getByRole('table', { name: /met instroom \+10 %/ }).waitFor();
    await expect.poll(() => balance.textContent()).not.toBe(before);
    expect(await axeViolations(page)).toEqual([]);

    const save = page.getByRole('form', { name: 'Scenario bewaren' });
    const scenario = `Instroom 10 % hoger (${tag})`;
    await save.getByLabel('Naam van het scenario').fill(scenario);
    await save.getByRole('button', { name: 'Scenario bewaren' }).click();
    await save.getByText(`Scenario “${scenario}” is bewaard`).waitFor();

    await page.getByRole('link', { name: 'Naar het sturingsgesprek' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sturingsgesprek' }).waitFor();
    await page.getByLabel('Domein').selectOption('pw');
    await page.getByRole('button', { name: 'Verslag maken' }).click();
    await page.getByRole('heading', { level: 2, name: /^Verslag Participatiewet / }).waitFor();
    await page.getByRole('heading', { level: 3, name: /^BUIG-prognose / }).waitFor();
    const scenarios = page.getByRole('table', { name: /^Scenario’s:/ });
    await scenarios.getByRole('rowheader', { name: scenario }).waitFor();
    expect(await scenarios.getByRole('row', { name: scenario }).getByRole('cell', { name: '+10 %' }).count()).toBe(1);
    // The Participatiewet's KPIs are computed from its benefits now: the dashboard has data.
    expect(await page.getByText('Voor Participatiewet zijn nog geen gegevens in Koers.').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
