// The Participatiewet application in Chromium: a consultant registers the application from the
// resident's file, enters household and income and sees the rekenblad, records an advance, grants
// bijstand, and finds the benefit on the resident's bijstandsdossier.
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uniqueBsn } from '../test/support/factories.js';
import { areaOfUser, axeViolations, browserSuite, logIn } from './support/browser.js';

const suite = browserSuite();

async function page(username: string): Promise<Page> {
  const p = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1024, height: 900 } })).newPage();
  await logIn(p, suite.server().baseUrl, username);
  return p;
}

const url = (p: string) => new URL(p, suite.server().baseUrl).toString();

describe('Participatiewet application, in Chromium', () => {
  it('application → advance → rekenblad → grant → the benefit on the resident’s bijstandsdossier', async () => {
    const consultant = await page('consulent');
    const areaCode = await areaOfUser(suite.server().database, 'GM0935', 'consulent');
    const familyName = `Bijstand${randomInt(1000, 9999)}`;
    const created = await consultant.request.post(url('/api/residents'), {
      data: { bsn: uniqueBsn(), givenName: 'Sanne', familyName, birthDate: '1984-09-14', gender: 'V', street: 'Boschstraat', houseNumber: 7, postcode: '6211 AS', city: 'Maastricht', areaCode },
    });
    expect(created.status(), await created.text()).toBe(201);
    const residentId = ((await created.json()) as { id: string }).id;

    // From the resident's file to the bijstandsdossier, and a new application.
    await consultant.goto(url(`/inwoners/${residentId}`));
    await consultant.getByRole('tab', { name: 'Bijstand' }).click();
    await consultant.getByRole('link', { name: 'Bijstandsdossier (Participatiewet)' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Bijstandsdossier' }).waitFor();
    await consultant.getByLabel('Meldingsdatum').fill('2025-10-27');
    await consultant.getByLabel('Aanvraagdatum').fill('2025-11-03');
    await consultant.getByRole('button', { name: 'Aanvraag registreren' }).click();
    await consultant.getByRole('heading', { level: 1, name: /^Aanvraag levensonderhoud/ }).waitFor();
    await consultant.getByText('29-12-2025').waitFor();

    // The advance waits for the rekenblad: the API says so at the field.
    await consultant.getByLabel('Bedrag voorschot').fill('500,00');
    await consultant.getByLabel('Betaald op').fill('2025-11-10');
    await consultant.getByRole('button', { name: 'Voorschot vastleggen' }).click();
    await consultant.getByText('Maak eerst het rekenblad').first().waitFor();

    // Household and income → the rekenblad, line by line.
    await consultant.getByLabel('Leefvorm').selectOption('alleenstaande');
    await consultant.getByRole('button', { name: 'Inkomen toevoegen' }).click();
    await consultant.getByLabel('Soort inkomen 1').selectOption('alimentatie');
    await consultant.getByLabel('Bedrag inkomen 1').fill('100,00');
    await consultant.getByLabel('Vermogen (bezittingen)').fill('1.000,00');
    await consultant.getByRole('button', { name: 'Rekenblad berekenen' }).click();
    const rekenblad = consultant.getByRole('table', { name: 'Rekenblad' });
    await rekenblad.waitFor();
    await rekenblad.getByText('Toepasselijke norm per maand').waitFor();
    await rekenblad.getByText('Te betalen per maand').waitFor();

    // The advance, now within the expected monthly payment.
    await consultant.getByRole('button', { name: 'Voorschot vastleggen' }).click();
    await consultant.getByText(/Voorschot van €\s500,00 betaald op/).waitFor();

    // The decision: a grant from the application date, paid to a checked IBAN.
    await consultant.getByLabel('Ingangsdatum').fill('2025-11-03');
    await consultant.getByLabel('IBAN').fill('NL91 ABNA 0417 1643 01');
    await consultant.getByLabel('Rekeninghouder').fill(`S. ${familyName}`);
    await consultant.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await consultant.getByText(/controlegetal|klopt niet|IBAN/i).first().waitFor();
    await consultant.getByLabel('IBAN').fill('NL91 ABNA 0417 1643 00');
    await consultant.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await consultant.getByText('Toekenning vanaf 03-11-2025').waitFor();
    await consultant.getByRole('link', { name: 'Besluitbrief openen' }).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);

    // The benefit is on the resident's bijstandsdossier.
    await consultant.getByRole('link', { name: '← Bijstandsdossier' }).click();
    const benefits = consultant.getByRole('table', { name: 'Uitkeringen' });
    await benefits.waitFor();
    await benefits.getByText(/^BIJ-/).waitFor();
    await benefits.getByText('NL91ABNA0417164300', { exact: false }).waitFor();
    await consultant.getByText(/Toegekend/).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
  });
});
