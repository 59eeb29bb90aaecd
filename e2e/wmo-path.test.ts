import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { computeDeadline } from '../src/modules/cases/deadline.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { axeViolations, browserSuite, logIn, residentHitInArea } from './support/browser.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');

const suite = browserSuite();

/** Finds the resident by name and opens exactly this one (`href`): namesakes are possible. */
async function openResident(page: Page, name: string, href: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Inwoners' }).click();
  await page.getByLabel('Zoek inwoner').fill(name);
  await page.getByRole('table').locator(`a[href="${href}"]`).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('first call to case, in Chromium', () => {
  it('consultant registers a melding (becoming contact person), KCC routes a call to that contact person, the case shows its legal deadline', async () => {
    const consultant = await (await suite.browser().newContext({ locale: 'nl-NL' })).newPage();
    await logIn(consultant, suite.server().baseUrl, 'consulent');
    await consultant.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Inwoners' }).click();
    await consultant.getByLabel('Zoek inwoner').fill('dassen');
    const first = residentHitInArea(consultant, 'Centrum');
    await first.waitFor();
    const name = (await first.textContent()) ?? '';
    await first.click();
    await consultant.getByRole('heading', { level: 1, name }).waitFor();
    await consultant.getByText('Nog geen vaste contactpersoon.').waitFor();
    await consultant.getByRole('button', { name: 'Nieuwe zaak' }).click();
    await consultant.getByRole('button', { name: 'Melding registreren' }).click();
    await consultant.getByRole('tabpanel').getByRole('link', { name: /^WMO-\d{4}-\d{5}$/ }).waitFor();
    await consultant.getByText(/^Bram Hermans \(consulent Wmo\), sinds/).waitFor();
    // Six weeks from today in Amsterdam, moved to the next working day when it ends on a weekend or a
    // holiday (Algemene termijnenwet): the expectation comes from the domain rule, so the walk holds on any day.
    const due = computeDeadline({ start: todayInAmsterdam(), term: 'P6W', asOf: todayInAmsterdam() });
    const [y, m, d] = due.dueDate!.split('-');
    await consultant.getByRole('cell', { name: `onderzoek: nog ${due.daysLeft} dagen (${d}-${m}-${y})` }).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    await consultant.screenshot({ path: path.join(SCREENSHOTS, 'resident-file.png'), fullPage: true });

    const kcc = await (await suite.browser().newContext({ locale: 'nl-NL' })).newPage();
    await logIn(kcc, suite.server().baseUrl, 'kcc');
    await openResident(kcc, name, new URL(consultant.url()).pathname);
    await kcc.getByRole('region', { name: 'Samenvatting' }).getByText(/^Bram Hermans \(consulent Wmo\), sinds/).waitFor();
    await kcc.getByRole('button', { name: 'Contact vastleggen' }).click();
    await kcc.getByLabel('Onderwerp').fill('Vraag over de voortgang van de melding');
    await kcc.getByLabel('Afhandeling').selectOption('routed');
    await kcc.getByLabel('Doorzetten naar').selectOption('contact_person');
    await kcc.getByRole('button', { name: 'Contact opslaan' }).click();
    await kcc.getByRole('cell', { name: /^Doorgezet naar Bram Hermans \(consulent Wmo\); terugbellen uiterlijk/ }).waitFor();
    expect(await axeViolations(kcc)).toEqual([]);
    // The first line sees that a case runs, its status and deadline, not its decisions or allocations:
    // the page says so instead of showing sections that the server refuses.
    await kcc.getByText(/Beschikkingen, toewijzingen en gesprekken zijn voor u afgeschermd/).waitFor();
    await kcc.getByRole('link', { name: /^WMO-\d{4}-\d{5}$/ }).first().click();
    await kcc.getByRole('heading', { level: 1, name: /^Zaak WMO-/ }).waitFor();
    await kcc.getByText(/zijn voor de eerste lijn afgeschermd/).waitFor();
    expect(await kcc.getByRole('heading', { name: 'Beschikkingen en toewijzingen' }).count()).toBe(0);
    expect(await kcc.getByRole('alert').count()).toBe(0);
    expect(await axeViolations(kcc)).toEqual([]);

    await consultant.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn zaken' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Mijn zaken' }).waitFor();
    await consultant.getByRole('link', { name: /^WMO-/ }).first().click();
    await consultant.getByRole('heading', { level: 1, name: /^Zaak WMO-/ }).waitFor();
    await consultant.getByRole('button', { name: 'Naar aanvraag' }).click();
    await consultant.getByText(/^beschikking: nog \d+ dagen/).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
  });

  it('a consultant without a relation sees a shielded file and opens it with a logged break-glass reason', async () => {
    const consultant = await (await suite.browser().newContext({ locale: 'nl-NL' })).newPage();
    await logIn(consultant, suite.server().baseUrl, 'consulent');
    await consultant.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Inwoners' }).click();
    await consultant.getByLabel('Zoek inwoner').fill('jans');
    const hit = residentHitInArea(consultant, 'Buitenwijk Oost');
    await hit.waitFor();
    const name = (await hit.textContent()) ?? '';
    await hit.click();
    await consultant.getByRole('heading', { level: 1, name: 'Dossier afgeschermd' }).waitFor();
    await consultant.getByText(/geen relatie met deze inwoner/).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    await consultant.getByRole('button', { name: 'Toegang vastleggen en dossier openen' }).click();
    await consultant.getByText('Geef een reden van minstens 10 tekens: de privacyfunctionaris leest hem terug.').waitFor();
    expect(await consultant.getByLabel('Reden voor toegang').getAttribute('aria-invalid')).toBe('true');
    await consultant.getByLabel('Reden voor toegang').fill('Vervanging van collega tijdens verlof');
    await consultant.getByRole('button', { name: 'Toegang vastleggen en dossier openen' }).click();
    await consultant.getByRole('heading', { level: 1, name }).waitFor();
    await consultant.getByText(/^U ziet dit dossier als medewerker met doorbraaktoegang\./).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
  });
});
