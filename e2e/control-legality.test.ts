import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const { server, browser } = browserSuite();
let context: BrowserContext;
let page: Page;

// A book year without demo data, with one bijstand payment of € 1.234: the statement's only expenditure.
const YEAR = 2015;

beforeAll(async () => {
  await withTenant(server().database.db, 'GM0935', async (tx) => {
    const resident = await tx.selectFrom('residents').select('id').orderBy('bsn').executeTakeFirstOrThrow();
    const benefit = await tx
      .insertInto('pw_benefits')
      .values({ tenant_id: 'GM0935', reference: 'PW-E2E-REC', resident_id: resident.id, consultant_id: null, norm: 'alleenstaande', monthly_cents: 123_400, start_date: `${YEAR}-03-01`, end_date: `${YEAR}-03-31`, last_reexamination_on: null, next_reexamination_on: `${YEAR}-12-01` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('pw_payments').values({ tenant_id: 'GM0935', benefit_id: benefit.id, period: `${YEAR}-03-01`, paid_on: `${YEAR}-03-05`, cents: 123_400 }).execute();
  });
});

beforeEach(async () => {
  context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
});
afterEach(async () => context.close());

describe('legality statement in Chromium', () => {
  it('sets the year data as controller, shows the table per law, downloads xlsx and PDF, stores a version and signs it off', async () => {
    await logIn(page, server().baseUrl, 'controller');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Rechtmatigheid' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rechtmatigheid' }).waitFor();
    const chooser = page.getByRole('form', { name: 'Boekjaar kiezen' });
    await chooser.getByLabel('Boekjaar').fill(String(YEAR));
    await chooser.getByRole('button', { name: 'Toon' }).click();
    await page.getByText(`Stel eerst de verantwoordingsgrens voor ${YEAR} vast.`).waitFor();

    const form = page.getByRole('form', { name: `Verantwoordingsgrens ${YEAR}` });
    await form.getByLabel('Verantwoordingsgrens (% van de lasten)').fill('4');
    await form.getByLabel('Rapporteringstolerantie (euro)').fill('5000');
    await form.getByLabel('Bron').fill('Raadsbesluit 10 november 2015');
    await form.getByRole('button', { name: 'Vastleggen' }).click();
    await form.getByText('De verantwoordingsgrens is ten hoogste 3 % van de totale lasten.').first().waitFor();
    await form.getByLabel('Verantwoordingsgrens (% van de lasten)').fill('1');
    await form.getByRole('button', { name: 'Vastleggen' }).click();
    await form.getByText(`De verantwoordingsgrens voor ${YEAR} is vastgelegd.`).waitFor();

    const table = page.getByRole('table', { name: `Lasten, fouten en onzekerheden per wet in ${YEAR}` });
    const pw = table.getByRole('row', { name: /^Participatiewet/ });
    await pw.waitFor();
    expect(await pw.innerText()).toContain('1.234,00');
    expect(await pw.innerText()).toContain('12,34');
    expect(await axeViolations(page)).toEqual([]);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Verantwoording als Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`rechtmatigheidsverantwoording-${YEAR}.xlsx`);
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Verantwoording als PDF' }).click()]);
    expect(readFileSync((await pdf.path())!).subarray(0, 4).toString('latin1')).toBe('%PDF');

    await page.getByRole('button', { name: 'Versie opslaan' }).click();
    await page.getByText('Versie 1 is opgeslagen.').waitFor();
    await page.getByRole('button', { name: 'Versie 1 aftekenen' }).click();
    await page.getByText('Versie 1 is afgetekend.').waitFor();
    const versions = page.getByRole('table', { name: `Opgeslagen versies van de verantwoording ${YEAR}` });
    await versions.getByText(/door Petra Lemmens \(controller\)/).nth(1).waitFor();
  }, 120_000);
});
