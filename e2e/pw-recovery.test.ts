import type { BrowserContext, Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { seedBenefit } from '../src/modules/participatiewet/pw.recovery.test-support.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const TENANT = 'GM0935';
const { server, browser } = browserSuite();
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});
async function pageAs(username: string): Promise<Page> {
  const context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await logIn(page, server().baseUrl, username);
  return page;
}

describe('Terugvordering bijstand in Chromium', () => {
  it('a late income statement for a paid month becomes a draft claim; the team lead establishes it with instalments and the ledger shows it', async () => {
    // What the application and the payment run would have written: a running benefit of a resident in
    // the demo consultant's area, with September and October 2025 paid without income.
    const db = server().database.db;
    const { residentId, consultantId } = await withTenant(db, TENANT, async (tx) => {
      const { rows } = await sql<{ resident_id: string; user_id: string }>`
        select r.id as resident_id, u.id as user_id from residents r
        join team_areas ta on ta.area_code = r.area_code
        join team_members tm on tm.team_id = ta.team_id
        join users u on u.id = tm.user_id and u.username = 'consulent'
        where r.birth_date between '1960-01-01' and '2000-01-01'
          and not exists (select 1 from pw_benefits b where b.tenant_id = r.tenant_id and b.resident_id = r.id)
        order by r.id limit 1`.execute(tx);
      return { residentId: rows[0]!.resident_id, consultantId: rows[0]!.user_id };
    });
    const benefitId = await seedBenefit(server().database, TENANT, { residentId, consultantId, start: '2025-03-01', paidMonths: ['2025-09-01', '2025-10-01'] });

    const consultant = await pageAs('consulent');
    await consultant.goto(`${server().baseUrl}/inwoners/${residentId}`);
    await consultant.getByRole('tab', { name: 'Bijstand' }).click();
    await consultant.getByRole('link', { name: 'inkomstenopgaven' }).first().click();
    await consultant.getByRole('heading', { level: 1, name: /^Inkomstenopgaven/ }).waitFor();
    expect(consultant.url()).toContain(benefitId);

    // An amount that is no amount is refused beside its field before anything is sent.
    await consultant.getByLabel('Maand', { exact: true }).fill('2025-10');
    await consultant.getByLabel('Bedrag netto per maand (post 1)').fill('vijfhonderd');
    await consultant.getByRole('button', { name: 'Opgave vastleggen' }).click();
    await consultant.getByText('Vul een bedrag in euro in, bijvoorbeeld 250,00.').waitFor();

    await consultant.getByLabel('Bedrag netto per maand (post 1)').fill('500,00');
    await consultant.getByRole('button', { name: 'Opgave vastleggen' }).click();
    const claimLink = consultant.getByRole('link', { name: /^Conceptvordering TV-/ });
    await claimLink.waitFor();
    await consultant.getByText(/er is €\s475,00 te veel betaald/).waitFor();
    // The outcome is shown from the answer at once; the list is fetched again after it, so wait for the row.
    const statements = consultant.getByRole('table', { name: 'Inkomstenopgaven, nieuwste maand eerst' });
    await statements.getByRole('row', { name: /oktober 2025/ }).first().waitFor();
    expect(await statements.getByRole('row', { name: /oktober 2025/ }).count()).toBe(1);
    expect(await axeViolations(consultant)).toEqual([]);
    await claimLink.click();
    await consultant.getByRole('heading', { level: 1, name: /^Vordering TV-/ }).waitFor();
    const claimUrl = consultant.url();
    await consultant.getByText('Nog geen boekingen: een concept wordt pas bij vaststelling geboekt.').waitFor();
    // The consultant may not establish: no form.
    expect(await consultant.getByRole('button', { name: 'Vordering vaststellen' }).count()).toBe(0);

    // A second statement for the paid month is refused.
    await consultant.goto(`${server().baseUrl}/inkomen/uitkeringen/${benefitId}/inkomstenopgaven`);
    await consultant.getByLabel('Maand', { exact: true }).fill('2025-10');
    await consultant.getByRole('button', { name: 'Opgave vastleggen' }).click();
    await consultant.getByText(/al betaald/).waitFor();

    const lead = await pageAs('teamleider');
    await lead.goto(claimUrl);
    await lead.getByRole('heading', { level: 1, name: /^Vordering TV-/ }).waitFor();
    await lead.getByLabel('Aflossing per maand (euro)').fill('500,00');
    await lead.getByRole('button', { name: 'Vordering vaststellen' }).click();
    await lead.getByText(/niet hoger zijn dan het openstaande saldo/).waitFor();
    await lead.getByLabel('Aflossing per maand (euro)').fill('100,00');
    await lead.getByRole('button', { name: 'Vordering vaststellen' }).click();
    const ledger = lead.getByRole('table', { name: 'Grootboek van de vordering' });
    await ledger.waitFor();
    expect(await ledger.getByRole('row', { name: /Vordering.*€\s475,00/ }).count()).toBe(1);
    await lead.getByText('Vastgesteld', { exact: true }).waitFor();
    expect(await lead.getByRole('link', { name: /Brief bij deze vordering/ }).getAttribute('href')).toMatch(/\/letter\.html$/);
    expect(await axeViolations(lead)).toEqual([]);

    // The list of claims shows it with its balance and instalment.
    await lead.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Vorderingen bijstand' }).click();
    const row = lead.getByRole('table', { name: 'Vorderingen, nieuwste eerst' }).getByRole('row', { name: /Vastgesteld.*€\s475,00.*€\s100,00/ });
    await row.first().waitFor();
    expect(await axeViolations(lead)).toEqual([]);
  });
});
