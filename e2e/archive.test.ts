import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const { server, browser } = browserSuite();
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
});
afterEach(async () => context.close());

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

describe('the archive in Chromium', () => {
  it('lets the archivist make a destruction list, approve it as archivist, and refuses destruction until the owner approved too', async () => {
    await logIn(page, server().baseUrl, 'archivaris');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    expect(await nav.getByRole('link', { name: 'Inwoners' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Archief' }).click();
    await page.getByRole('heading', { level: 1, name: 'Archief: vernietigingslijsten' }).waitFor();
    await page.getByRole('table', { name: 'Regels van de Selectielijst per wet en resultaat' }).getByText('8.1.1').waitFor();

    await page.getByLabel('Maand (jjjj-mm)').fill('2026-13');
    await page.getByRole('button', { name: 'Lijst opstellen' }).click();
    await page.getByText('Kies de maand van de lijst als jjjj-mm.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // One list per month: a retry takes the next month of 2001 that has none (the first try made one).
    const taken = await withTenant(server().database.db, 'GM0935', (tx) => tx.selectFrom('retention_lists').select('month').execute());
    const index = MONTHS.findIndex((_, i) => !taken.some((l) => l.month.startsWith(`2001-${String(i + 1).padStart(2, '0')}`)));
    const month = `2001-${String(index + 1).padStart(2, '0')}`;
    await page.getByLabel('Maand (jjjj-mm)').fill(month);
    await page.getByRole('button', { name: 'Lijst opstellen' }).click();
    await page.getByRole('link', { name: `vernietigingslijst van ${MONTHS[index]} 2001` }).click();
    await page.getByRole('heading', { level: 1, name: `Vernietigingslijst ${MONTHS[index]} 2001` }).waitFor();
    await page.getByRole('button', { name: 'Goedkeuren als archivaris' }).click();
    await page.getByText(/^Mieke Brouwers \(archivaris\), /).waitFor();
    expect(await page.getByRole('button', { name: 'Goedkeuren als eigenaar zaaktype' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Persoonsgegevens vernietigen' }).click();
    await page.getByRole('alert').getByText(/goedkeuring ontbreekt van: eigenaar zaaktype/).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Alle vernietigingslijsten' }).click();
    await page.getByRole('link', { name: 'Bewaarplichten en verzoeken tot vernietiging' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bewaarplichten en verzoeken tot vernietiging' }).waitFor();
    await page.getByRole('button', { name: 'Bewaarplicht vastleggen' }).click();
    await page.getByText('Een BSN bestaat uit 9 cijfers.').waitFor();
    await page.getByText('Vul de reden in (minstens 10 tekens).').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
