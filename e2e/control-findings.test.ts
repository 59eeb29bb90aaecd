import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const { server, browser } = browserSuite();
let context: BrowserContext;
let page: Page;

// Last year, a Participatiewet payment for a month after the benefit ended: an exception of the control
// pw-betaald-na-einde that the controller records as a finding and assigns to the budget holder.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const year = Number(today.slice(0, 4)) - 1;
const due = new Date(Date.parse(`${today}T12:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
const later = new Date(Date.parse(`${today}T12:00:00Z`) + 28 * 86_400_000).toISOString().slice(0, 10);
const dutch = (iso: string) => iso.split('-').reverse().join('-');

beforeAll(async () => {
  await withTenant(server().database.db, 'GM0935', async (tx) => {
    const resident = await tx.selectFrom('residents').select('id').orderBy('bsn').executeTakeFirstOrThrow();
    const benefit = await tx
      .insertInto('pw_benefits')
      .values({ tenant_id: 'GM0935', reference: 'PW-E2E-BEV', resident_id: resident.id, consultant_id: null, norm: 'alleenstaande', monthly_cents: 111_100, start_date: `${year}-01-01`, end_date: `${year}-05-31`, last_reexamination_on: null, next_reexamination_on: `${year}-12-01` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('pw_payments').values({ tenant_id: 'GM0935', benefit_id: benefit.id, period: `${year}-06-01`, paid_on: `${year}-06-05`, cents: 111_100 }).execute();
  });
});

beforeEach(async () => {
  context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
});
afterEach(async () => context.close());

describe('control findings in Chromium', () => {
  it('controller records a finding from an exception, assesses it and assigns an action; the budget holder completes it', async () => {
    await logIn(page, server().baseUrl, 'controller');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Controleruns' }).click();
    const form = page.getByRole('form', { name: 'Nieuwe controlerun' });
    await form.getByLabel('Soort periode').selectOption('jaar');
    await form.getByLabel('Proces').selectOption('participatiewet');
    await form.getByLabel('Periode', { exact: true }).fill(String(year));
    await form.getByRole('button', { name: 'Controles uitvoeren' }).click();
    await form.getByRole('link', { name: 'Bekijk de uitkomst' }).click();
    await page.getByRole('button', { name: /uitzonderingen van .*na de einddatum/i }).click();
    const row = page.getByRole('table', { name: /^Uitzonderingen \d+ tot en met/ }).getByRole('row').filter({ hasText: 'PW-E2E-BEV' });
    await row.getByRole('link', { name: /Bevinding vastleggen/ }).click();

    await page.getByRole('heading', { level: 1, name: 'Bevinding vastleggen' }).waitFor();
    const create = page.getByRole('form', { name: 'Bevinding vastleggen' });
    await create.getByLabel('Beoordeling').selectOption('fout');
    await create.getByLabel('Reden van de beoordeling').fill('Betaald over een maand na het einde van de uitkering');
    await create.getByLabel('Bedrag in euro').fill('1.111,00');
    await create.getByLabel('Eigenaar').selectOption({ label: 'Ton Vroemen (budgethouder)' });
    await create.getByRole('button', { name: 'Bevinding vastleggen' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^Bevinding B-\d+: / });
    await heading.waitFor();
    const code = (await heading.innerText()).match(/B-\d+/)![0];
    await page.getByText(/1\.111,00/).first().waitFor();

    const action = page.getByRole('form', { name: 'Opvolgactie toevoegen' });
    await action.getByRole('button', { name: 'Actie toevoegen' }).click();
    await action.getByText('Beschrijf de actie.').waitFor();
    await action.getByLabel('Actie', { exact: true }).fill('Bedrag terugvorderen en de einddatum in de betaalrun laten controleren');
    await action.getByLabel('Eigenaar van de actie').selectOption({ label: 'Ton Vroemen (budgethouder)' });
    await action.getByLabel('Uiterlijk').fill(due);
    await action.getByRole('button', { name: 'Actie toevoegen' }).click();
    const actions = page.getByRole('table', { name: `Opvolgacties van ${code}` });
    await actions.getByText('Bedrag terugvorderen').waitFor();

    // The controller postpones the action, with the reason; the change stays visible.
    await actions.getByRole('button', { name: /^Actie wijzigen/ }).click();
    const change = page.getByRole('form', { name: /^Actie wijzigen/ });
    await change.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await change.getByText('Geef de reden van de wijziging.').waitFor();
    await change.getByLabel('Uiterlijk').fill(later);
    await change.getByLabel('Reden van de wijziging').fill('Bankafschriften komen pas na de jaarafsluiting');
    expect(await axeViolations(page)).toEqual([]);
    await change.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await actions.getByRole('list', { name: 'Eerdere wijzigingen' }).getByText(/Bankafschriften komen pas na de jaarafsluiting/).waitFor();
    expect(await actions.getByRole('list', { name: 'Eerdere wijzigingen' }).innerText()).toContain(`${dutch(due)} → ${dutch(later)}`);
    expect(await axeViolations(page)).toEqual([]);

    // The budget holder sees it under "Mijn bevindingen" and reports it done.
    await context.close();
    context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    await logIn(page, server().baseUrl, 'budgethouder');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn bevindingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn bevindingen' }).waitFor();
    const open = page.getByRole('table', { name: /Mijn open acties/ });
    await open.getByRole('link', { name: new RegExp(`^${code}:`) }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await open.getByRole('button', { name: /Actie afronden/ }).click();
    await page.getByLabel('Wat is er gedaan?').fill('Vordering ingesteld; controle op einddatum toegevoegd');
    await page.getByRole('button', { name: 'Actie afgerond' }).click();
    await page.getByText('Er staan geen acties voor u open.').waitFor();
    // This finding's action: after a retry the first try's done action is in the table too.
    await page.getByRole('table', { name: 'Mijn afgeronde acties' }).getByRole('row').filter({ has: page.getByRole('link', { name: new RegExp(`^${code}:`) }) }).getByText('Vordering ingesteld').waitFor();
  });
});
