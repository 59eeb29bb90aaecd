// Bijzondere bijstand for the consultant, in Chromium: an application received (here at the desk, through
// the API; residents send it through the e-service) appears on the work list with the intake's proposal;
// the consultant records the missing document, reads the draagkracht line by line and follows the proposal
// in one click. Both pages pass axe.
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uniqueBsn } from '../test/support/factories.js';
import { withTenant } from '../src/db/tenancy.js';
import { demoNormTable } from '../src/demo/seed-pw-norms.js';
import { currentNormTable } from '../src/modules/participatiewet/pw.norms.service.js';
import { insertVersionRow } from '../src/modules/participatiewet/pw.norms.repository.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { addDays } from '../src/platform/calendar.js';
import { areaOfUser, axeViolations, browserSuite, logIn } from './support/browser.js';

const suite = browserSuite();
const url = (p: string) => new URL(p, suite.server().baseUrl).toString();

async function page(username: string): Promise<Page> {
  const p = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1024, height: 900 } })).newPage();
  await logIn(p, suite.server().baseUrl, username);
  return p;
}

describe('bijzondere bijstand for the consultant, in Chromium', () => {
  it('work list → missing document recorded → draagkracht → the proposal followed in one click', async () => {
    const today = todayInAmsterdam();
    // The fixture's norm table ends in 2025; the intake measures against today's norm.
    await withTenant(suite.server().database.db, 'GM0935', async (tx) => {
      const table = demoNormTable(await currentNormTable(tx, 'GM0935'), today);
      if (table) await insertVersionRow(tx, { tenantId: 'GM0935', version: 2, data: table, importedBy: null, note: 'E2e: normen doorgetrokken tot na vandaag' });
    });
    const consultant = await page('consulent');
    const areaCode = await areaOfUser(suite.server().database, 'GM0935', 'consulent');
    const familyName = `Bijzonder${randomInt(1000, 9999)}`;
    const created = await consultant.request.post(url('/api/residents'), {
      data: { bsn: uniqueBsn(), givenName: 'Fatma', familyName, birthDate: '1979-03-22', gender: 'V', street: 'Brusselsestraat', houseNumber: 12, postcode: '6211 PE', city: 'Maastricht', areaCode },
    });
    expect(created.status(), await created.text()).toBe(201);
    const residentId = ((await created.json()) as { id: string }).id;
    const submitted = await consultant.request.post(url(`/api/residents/${residentId}/special-assistance`), {
      data: {
        categoryCode: 'bewindvoering', description: 'Kosten bewindvoerder eerste halfjaar', costsCents: 72_600, costDate: addDays(today, -5),
        household: { leefvorm: 'alleenstaande', partnerBirthDate: null, children: 0 }, monthlyIncomeCents: 120_000, assetsCents: 0, hasCollectiveInsurance: false,
        iban: 'NL91ABNA0417164300', accountHolder: `F. ${familyName}`, documents: [{ code: 'beschikking-kantonrechter', documentId: null }, { code: 'bankafschrift', documentId: null }],
      },
    });
    expect(submitted.status(), await submitted.text()).toBe(201);
    const reference = ((await submitted.json()) as { reference: string }).reference;

    await consultant.goto(url('/inkomen/bijzondere-bijstand'));
    await consultant.getByRole('heading', { level: 1, name: 'Bijzondere bijstand' }).waitFor();
    const row = consultant.getByRole('row', { name: new RegExp(reference) });
    await row.getByText('Wacht op aanvulling').waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    await row.getByRole('link', { name: reference }).click();
    await consultant.getByRole('heading', { level: 1, name: `Aanvraag bijzondere bijstand ${reference}` }).waitFor();
    await consultant.getByText('Factuur van de bewindvoerder: ontbreekt').waitFor();

    // The invoice arrives: the proposal follows.
    await consultant.getByLabel('Ontvangen document').selectOption('factuur');
    await consultant.getByRole('button', { name: 'Aanvulling vastleggen' }).click();
    await consultant.getByText('Factuur van de bewindvoerder: ontvangen').waitFor();
    await consultant.getByRole('table', { name: 'Draagkrachtberekening' }).getByText('Draagkracht', { exact: true }).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);

    // A reasoned change without a reason is refused at the field; following the proposal is one click.
    await consultant.getByLabel('Besluit', { exact: true }).selectOption('afwijzen');
    await consultant.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await consultant.getByText('Geef de reden van de afwijzing.').waitFor();
    await consultant.getByRole('button', { name: /^Voorstel volgen: .*toekennen$/ }).click();
    await consultant.getByText(/^Toegekend: /).waitFor();
    await consultant.getByText('Voorstel gevolgd').waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
  });
});
