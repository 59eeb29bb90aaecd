import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const { server, browser } = browserSuite();
let context: BrowserContext;
let page: Page;

// A small population the walk controls in full: three benefits granted in February 2001 (long before
// the demo data), and a second controller for the review (four eyes; the demo has one controller).
beforeAll(async () => {
  const passwordHash = await hashPassword('demo');
  await withTenant(server().database.db, 'GM0935', async (tx) => {
    const user = await tx.insertInto('users').values({ tenant_id: 'GM0935', username: 'controller2', display_name: 'Karel Vos (controller)', roles: ['controller'] }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('user_credentials').values({ tenant_id: 'GM0935', user_id: user.id, password_hash: passwordHash }).execute();
    const resident = await tx.selectFrom('residents').select('id').orderBy('bsn').executeTakeFirstOrThrow();
    await tx
      .insertInto('pw_benefits')
      .values(
        [1, 2, 3].map((i) => ({
          tenant_id: 'GM0935',
          reference: `PW-E2E-STP-${i}`,
          resident_id: resident.id,
          consultant_id: null,
          norm: 'alleenstaande' as const,
          monthly_cents: 100_000 + i,
          start_date: `2001-02-0${i}`,
          end_date: null,
          last_reexamination_on: null,
          next_reexamination_on: '2002-02-01',
        })),
      )
      .execute();
  });
});

beforeEach(async () => {
  context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
});
afterEach(async () => context.close());

describe('control samples in Chromium', () => {
  it('draws a sample, answers the checklist per item, submits it, and another controller reviews it', async () => {
    await logIn(page, server().baseUrl, 'controller');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Steekproeven' }).click();
    await page.getByRole('heading', { level: 1, name: 'Steekproeven' }).waitFor();
    const form = page.getByRole('form', { name: 'Nieuwe steekproef' });
    await form.getByLabel('Titel').fill('Toekenningen februari 2001');
    await form.getByLabel('Proces').selectOption('participatiewet');
    await form.getByLabel('Populatie').selectOption('pw-toekenningen');
    await form.getByLabel('Begindatum').fill('2001-02-28');
    await form.getByLabel('Einddatum').fill('2001-02-01');
    await form.getByLabel('Checklist').fill('Ligt er een ondertekend besluit in het dossier?');
    await form.getByRole('button', { name: 'Steekproef trekken' }).click();
    await form.getByText('De einddatum moet na de begindatum liggen.').first().waitFor();
    await form.getByLabel('Begindatum').fill('2001-02-01');
    await form.getByLabel('Einddatum').fill('2001-02-28');
    await form.getByRole('button', { name: 'Omvang berekenen' }).click();
    await form.getByText(/Populatie: 3 posten.*Omvang van de steekproef: 3 posten \(59 voor een oneindige populatie/).waitFor();
    await form.getByText(/alle 3 posten worden gecontroleerd/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Steekproef trekken' }).click();
    await form.getByText(/is getrokken: 3 posten, seed [0-9a-f]{12}/).waitFor();
    await form.getByRole('link', { name: 'Open de steekproef' }).click();

    await page.getByRole('heading', { level: 1, name: /^Steekproef \d+: Toekenningen februari 2001$/ }).waitFor();
    const items = page.getByRole('table', { name: 'Posten van de steekproef, in volgorde van trekking' });
    expect(await items.getByRole('row').count()).toBe(4);
    await items.getByText('PW-E2E-STP-2').waitFor();
    expect(await items.getByRole('link', { name: /Bevinding vastleggen voor post 1/ }).getAttribute('href')).toMatch(/^\/control\/bevindingen\/nieuw\?steekproef=[0-9a-f-]{36}&positie=1$/);

    // An early submit is refused; then each item's checklist, the form moving on to the next open item.
    await page.getByRole('button', { name: 'Indienen voor review' }).click();
    await page.getByText('Nog 3 posten zijn niet gecontroleerd: beantwoord eerst de checklist van elke post.').waitFor();
    await page.getByRole('button', { name: 'Checklist invullen voor post 1' }).click();
    for (const position of [1, 2, 3]) {
      const checklist = page.getByRole('form', { name: `Checklist post ${position}` });
      if (position === 2) {
        await checklist.getByRole('radio', { name: 'Nee' }).check();
        await checklist.getByRole('button', { name: 'Antwoorden opslaan' }).click();
        await checklist.getByText('Licht het antwoord "nee" op vraag 1 toe.').first().waitFor();
        await checklist.getByLabel('Toelichting bij vraag 1').fill('Besluit niet ondertekend');
      } else {
        await checklist.getByRole('radio', { name: 'Ja' }).check();
      }
      if (position === 1) expect(await axeViolations(page)).toEqual([]);
      await checklist.getByRole('button', { name: 'Antwoorden opslaan' }).click();
      await page.getByText(`De antwoorden van post ${position} zijn opgeslagen.`).waitFor();
    }
    await items.getByText('1: Nee (Besluit niet ondertekend)').waitFor();
    await page.getByRole('button', { name: 'Indienen voor review' }).click();
    await page.getByText('U hebt deze steekproef zelf getrokken. Een andere controller beoordeelt hem (vier ogen).').waitFor();
    const url = page.url();

    const reviewer = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 } });
    try {
      const second = await reviewer.newPage();
      await logIn(second, server().baseUrl, 'controller2');
      await second.goto(url);
      await second.getByRole('heading', { level: 2, name: 'Beoordelen' }).waitFor();
      await second.getByLabel('Toelichting van de reviewer (optioneel)').fill('Akkoord; de fout in post 2 volgt als bevinding.');
      await second.getByRole('button', { name: 'Beoordelen en afronden' }).click();
      await second.getByText(/door Karel Vos \(controller\): Akkoord; de fout in post 2 volgt als bevinding\./).waitFor();
      await second.getByText('Afgerond', { exact: true }).waitFor();
      expect(await axeViolations(second)).toEqual([]);
    } finally {
      await reviewer.close();
    }
  });
});
