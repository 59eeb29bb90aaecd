import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { TENANT, uniqueAgbCode } from '../test/support/factories.js';
import { seedFinanceLine, uniqueLineCode } from '../test/support/finance.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const { server, browser } = browserSuite();
let context: BrowserContext;
let page: Page;
const code = uniqueLineCode();
const year = new Date().getFullYear();
const providerName = `Zorg Voor Elkaar ${code}`;

beforeAll(async () => {
  const db = server().database.db;
  const provider = await withTenant(db, TENANT, (tx) =>
    tx.insertInto('providers').values({ tenant_id: TENANT, agb_code: uniqueAgbCode(), name: providerName, kind: 'care', strategic_partner: false, region_wide: false, region: null }).returning('id').executeTakeFirstOrThrow(),
  );
  // Twelve residents at one provider (not suppressed), € 3.650 each against a budget of € 1.000: a shortfall.
  await seedFinanceLine(db, { code, year, budgetCents: 100_000, commitmentCents: 365_000, plan: Array<string>(12).fill(provider.id) });
});
beforeEach(async () => {
  context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
});
afterEach(async () => context.close());

describe('finance in Chromium', () => {
  it('shows realisation, forecast and a shortfall per budget line, and drills down to a provider and its allocations', async () => {
    await logIn(page, server().baseUrl, 'financien');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Begrotingsposten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Begrotingsposten' }).waitFor();
    await page.getByLabel('Begrotingsjaar').fill(String(year));
    const table = page.getByRole('table', { name: /Begrotingsposten/ });
    for (const header of ['Realisatie', 'Prognose jaareinde', 'Verschil (budget − prognose)']) await table.getByRole('columnheader', { name: header }).waitFor();
    const row = table.getByRole('row', { name: new RegExp(`^${code.replace('.', '\\.')} `) });
    await row.waitFor();
    // The shortfall is said in words, not only in colour.
    expect(await row.getByRole('cell').nth(4).textContent()).toMatch(/tekort$/);
    expect(await axeViolations(page)).toEqual([]);

    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: `${code} Testpost ${code}: aanbieders ${year}` }).waitFor();
    const providers = page.getByRole('table', { name: `Aanbieders op ${code} in ${year}` });
    const providerRow = providers.getByRole('row', { name: new RegExp(providerName) });
    await providerRow.waitFor();
    expect(await providerRow.getByRole('cell').first().textContent()).toBe('12');
    expect(await axeViolations(page)).toEqual([]);

    await providerRow.getByRole('link', { name: providerName }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${providerName} op ${code.replace('.', '\\.')}`) }).waitFor();
    const allocations = page.getByRole('table', { name: new RegExp(`^Toewijzingen van ${providerName}`) });
    await allocations.getByRole('rowheader', { name: /^TW-[0-9A-F]{8}$/ }).first().waitFor();
    expect(await allocations.getByRole('rowheader').count()).toBe(12);
    // Finance has no relation with these residents: no names, an anonymous reference.
    expect(await allocations.getByText('niet zichtbaar (geen relatie)').count()).toBe(12);
    expect(await axeViolations(page)).toEqual([]);
  });
});
