import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const { server, browser } = browserSuite();
let context: BrowserContext;
let page: Page;

// The last complete quarter (Amsterdam) and a Wmo case in it decided a week after its 2-week term:
// the kind of mistake the control beslistermijn-overschreden exists for.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const quarterIndex = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
const year = quarterIndex === 0 ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4));
const quarter = quarterIndex === 0 ? 4 : quarterIndex;
const month = String((quarter - 1) * 3 + 1).padStart(2, '0');

beforeAll(async () => {
  await withTenant(server().database.db, 'GM0935', async (tx) => {
    const resident = await tx.selectFrom('residents').select('id').orderBy('bsn', 'desc').executeTakeFirstOrThrow();
    await tx
      .insertInto('cases')
      .values({ tenant_id: 'GM0935', reference: 'WMO-E2E-LAAT', resident_id: resident.id, case_type_code: 'WMO-MAATWERK', status: 'besluit', notified_on: `${year}-${month}-02`, applied_on: `${year}-${month}-05`, decided_on: `${year}-${month}-26`, consultant_id: null })
      .execute();
  });
});

beforeEach(async () => {
  context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
});
afterEach(async () => context.close());

describe('control runs in Chromium', () => {
  it('runs the Wmo controls for a quarter as controller, refuses a future period, and shows the exceptions with their facts', async () => {
    await logIn(page, server().baseUrl, 'controller');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Controleruns' }).click();
    await page.getByRole('heading', { level: 1, name: 'Controleruns' }).waitFor();
    const form = page.getByRole('form', { name: 'Nieuwe controlerun' });
    await form.getByLabel('Soort periode').selectOption('kwartaal');
    await form.getByLabel('Proces').selectOption('wmo');
    await form.getByLabel('Periode', { exact: true }).fill(`${Number(today.slice(0, 4)) + 1}-K1`);
    await form.getByRole('button', { name: 'Controles uitvoeren' }).click();
    await form.getByText(/is nog niet begonnen/).first().waitFor();
    await form.getByLabel('Periode', { exact: true }).fill(`${year}-K${quarter}`);
    await form.getByRole('button', { name: 'Controles uitvoeren' }).click();
    await form.getByRole('link', { name: 'Bekijk de uitkomst' }).click();
    await page.getByRole('heading', { level: 1, name: `Controlerun Wmo, kwartaal ${year}-K${quarter} (versie 1)` }).waitFor();
    const results = page.getByRole('table', { name: 'Uitkomst per controle' });
    await results.getByRole('rowheader', { name: 'Beschikking na de wettelijke beslistermijn' }).waitFor();
    expect(await results.getByRole('row').count()).toBe(8);
    await page.getByRole('button', { name: /uitzonderingen van Beschikking na de wettelijke beslistermijn/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Uitzonderingen: Beschikking na de wettelijke beslistermijn' }).waitFor();
    const exceptions = page.getByRole('table', { name: /^Uitzonderingen \d+ tot en met/ });
    await exceptions.getByText('WMO-E2E-LAAT').waitFor();
    expect(await exceptions.getByText(`${year}-${month}-26`).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Controlerun aftekenen' }).click();
    await page.getByText(/door Petra Lemmens \(controller\)/).nth(1).waitFor();
  });
});
