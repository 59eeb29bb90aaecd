// "Inkomsten doorgeven" as a resident, in Chromium at 390 px wide: sign in through the DigiD-simulatie as a
// resident with a running bijstand benefit → the link on the start page → the months → had income? → the
// income with a payslip upload (a wrong amount first) → an ended session in the middle keeps the answers →
// summary → receipt → the consultant sees it marked "door inwoner doorgegeven" with the payslip and
// confirms it. A resident without a benefit sees no link. Every portal page passes axe, no sideways scroll.
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { demoNormTable } from '../src/demo/seed-pw-norms.js';
import { seedBenefit } from '../src/modules/participatiewet/pw.recovery.test-support.js';
import { insertVersionRow } from '../src/modules/participatiewet/pw.norms.repository.js';
import { currentNormTable } from '../src/modules/participatiewet/pw.norms.service.js';
import { addMonths } from '../src/platform/calendar.js';
import { isValidBsn } from '../src/platform/elfproef.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { areaOfUser, axeViolations, browserSuite, logIn } from './support/browser.js';

const suite = browserSuite();
const url = (p: string) => new URL(p, suite.server().baseUrl).toString();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

function demoBsn(): string {
  for (;;) {
    const digits = [9, 9, 9, ...Array.from({ length: 5 }, () => randomInt(0, 10))];
    const last = digits.reduce((s, d, i) => s + d * (9 - i), 0) % 11;
    const bsn = `${digits.join('')}${last}`;
    if (last <= 9 && isValidBsn(bsn)) return bsn;
  }
}

async function checkPage(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(client);
}

describe('Inkomsten doorgeven through Mijn gemeente, in Chromium', () => {
  it('DigiD-simulatie → the income with a payslip → receipt → the consultant sees it from the resident and confirms it', async () => {
    const today = todayInAmsterdam();
    const lastMonth = addMonths(`${today.slice(0, 8)}01`, -1);
    const label = `${MONTHS[Number(lastMonth.slice(5, 7)) - 1]} ${lastMonth.slice(0, 4)}`;
    const server = suite.server();
    const db = server.database.db;
    // The fixture's norm table ends in 2025; the consultant's confirmation computes with last month's norm.
    await withTenant(db, 'GM0935', async (tx) => {
      const table = demoNormTable(await currentNormTable(tx, 'GM0935'), today);
      const versions = await tx.selectFrom('pw_norm_tables').select('version').execute();
      if (table) await insertVersionRow(tx, { tenantId: 'GM0935', version: Math.max(...versions.map((v) => v.version)) + 1, data: table, importedBy: null, note: 'E2e: normen doorgetrokken tot na vandaag' });
    });
    const consultant = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1024, height: 900 } })).newPage();
    await logIn(consultant, server.baseUrl, 'consulent');
    const areaCode = await areaOfUser(server.database, 'GM0935', 'consulent');
    const consultantId = await withTenant(db, 'GM0935', async (tx) => (await tx.selectFrom('users').select('id').where('username', '=', 'consulent').executeTakeFirstOrThrow()).id);
    // Two residents known to the municipality (a running Wmo melding, so the simulation lists them); one gets bijstand.
    const newResident = async (givenName: string, familyName: string) => {
      const created = await consultant.request.post(url('/api/residents'), {
        data: { bsn: demoBsn(), givenName, familyName, birthDate: '1983-02-01', gender: 'V', street: 'Wycker Brugstraat', houseNumber: 21, postcode: '6221 EC', city: 'Maastricht', areaCode },
      });
      expect(created.status(), await created.text()).toBe(201);
      const id = ((await created.json()) as { id: string }).id;
      expect((await consultant.request.post(url(`/api/residents/${id}/cases`), { data: { caseTypeCode: 'WMO-MAATWERK', notifiedOn: today } })).status()).toBe(201);
      return id;
    };
    const familyName = `Inkomen${randomInt(1000, 9999)}`;
    const residentId = await newResident('Sanne', familyName);
    const benefitId = await seedBenefit(server.database, 'GM0935', { residentId, consultantId, start: addMonths(lastMonth, -6), paidMonths: [] });
    const otherName = `Zonderbijstand${randomInt(1000, 9999)}`;
    await newResident('Piet', otherName);

    // A resident without bijstand sees no link.
    const other = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } })).newPage();
    await other.goto(url('/mijn'));
    await other.getByRole('link', { name: 'Inloggen met DigiD – gemeente Maastricht' }).click();
    await other.getByRole('button', { name: new RegExp(`Piet ${otherName}`) }).click();
    await other.getByRole('heading', { level: 1, name: 'Mijn aanvragen' }).waitFor();
    await other.getByRole('link', { name: 'Bijzondere bijstand aanvragen' }).waitFor();
    expect(await other.getByRole('link', { name: 'Inkomsten doorgeven' }).count()).toBe(0);

    // The resident with bijstand, on a phone-sized screen.
    const context = await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const signIn = async () => {
      await page.getByRole('link', { name: 'Inloggen met DigiD – gemeente Maastricht' }).click();
      await page.getByRole('button', { name: new RegExp(`Sanne ${familyName}`) }).click();
    };
    await page.goto(url('/mijn'));
    await signIn();
    await page.getByRole('heading', { level: 1, name: 'Mijn aanvragen' }).waitFor();
    await checkPage(page);
    await page.getByRole('link', { name: 'Inkomsten doorgeven' }).click();

    await page.getByRole('heading', { level: 1, name: 'Inkomsten doorgeven' }).waitFor();
    await checkPage(page);
    await page.getByRole('link', { name: `Inkomsten over ${label} doorgeven` }).click();

    await page.getByRole('heading', { level: 1, name: `Had u inkomsten in ${label}?` }).waitFor();
    await checkPage(page);
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByText('Kies ja of nee.').waitFor();
    await page.getByLabel('Ja, er waren inkomsten').check();
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { level: 1, name: `Welke inkomsten waren er in ${label}?` }).waitFor();
    await checkPage(page);
    await page.getByLabel('Soort inkomen (inkomen 1)').selectOption('arbeid');
    await page.getByLabel('Netto bedrag in euro’s (inkomen 1)').fill('twaalf');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByText('Vul een bedrag in, bijvoorbeeld 1.250,00.').waitFor();
    await page.getByText('Stuur de loonstrook of het bewijs van dit inkomen mee.').waitFor();
    await checkPage(page);
    await page.getByLabel('Netto bedrag in euro’s (inkomen 1)').fill('612,40');
    await page.getByLabel('Bruto bedrag in euro’s (inkomen 1)').fill('780,00');
    await page.getByLabel('Loonstrook of bewijs (inkomen 1)').setInputFiles({ name: 'loonstrook.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('Verstuurd: loonstrook.pdf').waitFor();

    // The session ends in the middle of the form: after signing in again the answers are still there.
    await context.clearCookies();
    await page.reload();
    await page.getByText('Uw sessie is verlopen. Log opnieuw in om verder te gaan.').or(page.getByRole('heading', { level: 1, name: 'Inloggen op Mijn gemeente' })).first().waitFor();
    await checkPage(page);
    await signIn();
    await page.getByRole('heading', { level: 1, name: `Welke inkomsten waren er in ${label}?` }).waitFor();
    expect(await page.getByLabel('Netto bedrag in euro’s (inkomen 1)').inputValue()).toBe('612,40');
    await page.getByText('Verstuurd: loonstrook.pdf').waitFor();
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { level: 1, name: 'Controleer uw opgave' }).waitFor();
    await checkPage(page);
    await page.getByText(/Inkomsten uit arbeid: netto €\s612,40, bruto €\s780,00\. Document: loonstrook\.pdf/).waitFor();
    await page.getByRole('button', { name: 'Opgave versturen' }).click();

    await page.getByRole('heading', { level: 1, name: 'Wij hebben uw inkomsten ontvangen' }).waitFor();
    await checkPage(page);
    const receipt = (await page.getByText(/^Uw ontvangstbewijs is/).textContent())!.match(/IO-\d{6}-[0-9A-F]{6}/)![0];
    await page.getByRole('link', { name: 'Naar Inkomsten doorgeven' }).click();
    await page.getByText(/^Ontvangen op .+\. Een consulent kijkt ernaar\.$/).first().waitFor();
    await page.getByText(`Ontvangstbewijs: ${receipt}`).waitFor();
    await checkPage(page);

    // The consultant: the statement page shows it from the resident, with the payslip; one click confirms it.
    await consultant.goto(url(`/inkomen/uitkeringen/${benefitId}/inkomstenopgaven`));
    const row = consultant.getByRole('row', { name: /door inwoner doorgegeven/ });
    await row.waitFor();
    await row.getByText(/Inkomsten uit arbeid: €\s612,40 \(bruto €\s780,00\)/).waitFor();
    const payslip = await consultant.request.get(url((await row.getByRole('link', { name: 'loonstrook.pdf' }).getAttribute('href'))!));
    expect(payslip.status()).toBe(200);
    expect(payslip.headers()['content-type']).toBe('application/pdf');
    await row.getByRole('button', { name: /^Bevestigen/ }).click();
    await consultant.getByText(/^Opgave over .+ bevestigd: te verrekenen inkomen €\s612,40/).waitFor();
    await consultant.getByRole('row', { name: /Door inwoner doorgegeven, bevestigd door/ }).waitFor();

    // The resident sees it processed.
    await page.reload();
    await page.getByText('Verwerkt. De gemeente heeft uw inkomsten over deze maand verwerkt.').first().waitFor();
    await checkPage(page);
  });
});
