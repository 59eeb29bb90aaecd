// Issue #12 §4 as a resident, in Chromium at 390 px wide: sign in through the DigiD-simulatie → "Hulp
// bij geldzaken", one question per page, with a threat of eviction → the session ends before sending:
// signing in again brings back the summary with every answer → the receipt with the contact date (3
// working days) → the request on the start page → the employee of the area team sees it in the debt
// worklist as registered online. Every portal page passes axe and has no horizontal scroll.
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { addWorkingDays } from '../src/platform/calendar.js';
import { isValidBsn } from '../src/platform/elfproef.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { areaOfUser, axeViolations, browserSuite, logIn } from './support/browser.js';

const suite = browserSuite();
const url = (p: string) => new URL(p, suite.server().baseUrl).toString();
const dutch = (date: string) => date.split('-').reverse().join('-');

function demoBsn(): string {
  for (;;) {
    const digits = [9, 9, 9, ...Array.from({ length: 5 }, () => randomInt(0, 10))];
    const last = digits.reduce((s, d, i) => s + d * (9 - i), 0) % 11;
    const bsn = `${digits.join('')}${last}`;
    if (last <= 9 && isValidBsn(bsn)) return bsn;
  }
}

/** axe-clean and not wider than the window (390 px: no horizontal scrolling). */
async function checkPage(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(client);
}

describe('Hulp bij geldzaken through Mijn gemeente, in Chromium', () => {
  it('DigiD-simulatie → the form with an eviction threat → session ends, nothing lost → receipt with the date in 3 working days → the area team sees it online', async () => {
    const today = todayInAmsterdam();
    const db = suite.server().database.db;
    // A resident of the consultant's area, known to the municipality (a running Wmo melding, so the simulation lists them).
    const consultant = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } })).newPage();
    await logIn(consultant, suite.server().baseUrl, 'consulent');
    const areaCode = await areaOfUser(suite.server().database, 'GM0935', 'consulent');
    const familyName = `Geldzaken${randomInt(1000, 9999)}`;
    const created = await consultant.request.post(url('/api/residents'), {
      data: { bsn: demoBsn(), givenName: 'Noor', familyName, birthDate: '1990-04-02', gender: 'V', street: 'Wycker Brugstraat', houseNumber: 21, postcode: '6221 EC', city: 'Maastricht', areaCode },
    });
    expect(created.status(), await created.text()).toBe(201);
    const residentId = ((await created.json()) as { id: string }).id;
    expect((await consultant.request.post(url(`/api/residents/${residentId}/cases`), { data: { caseTypeCode: 'WMO-MAATWERK', notifiedOn: today } })).status()).toBe(201);

    const page = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } })).newPage();
    const signIn = async () => {
      await page.getByRole('link', { name: 'Inloggen met DigiD – gemeente Maastricht' }).click();
      await page.getByRole('button', { name: new RegExp(`Noor ${familyName}`) }).click();
    };
    await page.goto(url('/mijn'));
    await signIn();
    await page.getByRole('heading', { level: 1, name: 'Mijn aanvragen' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Hulp bij geldzaken' }).waitFor();
    await checkPage(page);
    await page.getByRole('link', { name: 'Hulp vragen bij geldzaken' }).click();

    // One question per page.
    await page.getByRole('heading', { level: 1, name: 'Wat is er aan de hand?' }).waitFor();
    await checkPage(page);
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByText('Vertel in een paar woorden wat er aan de hand is.').waitFor();
    await checkPage(page);
    await page.getByLabel('Vertel in uw eigen woorden wat er aan de hand is').fill('Ik heb drie maanden huurachterstand. De verhuurder heeft een brief gestuurd over ontruiming.');
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { level: 1, name: 'Moet u misschien uit uw huis?' }).waitFor();
    await checkPage(page);
    await page.getByLabel('Ja', { exact: true }).check();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wordt uw gas, stroom of water misschien afgesloten?' }).waitFor();
    await checkPage(page);
    await page.getByLabel('Nee', { exact: true }).check();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stopt uw zorgverzekering misschien?' }).waitFor();
    await checkPage(page);
    await page.getByLabel('Nee', { exact: true }).check();
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { level: 1, name: 'Hoe kunnen wij u bereiken?' }).waitFor();
    await checkPage(page);
    await page.getByLabel('Bel mij').check();
    await page.getByLabel('Uw telefoonnummer').fill('06 12345678');
    await page.getByLabel('In de ochtend').check();
    await checkPage(page);
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { level: 1, name: 'Controleer uw vraag' }).waitFor();
    await page.getByText('Omdat het dringend is, nemen wij binnen 3 werkdagen contact met u op.').waitFor();
    await checkPage(page);

    // The session ends before sending (here: removed, as after 15 minutes without use): sign in again, and the summary is back as it was.
    await withTenant(db, 'GM0935', (tx) => tx.deleteFrom('resident_sessions').where('resident_id', '=', residentId).execute());
    await page.getByRole('button', { name: 'Vraag versturen' }).click();
    await page.getByText('Uw sessie is verlopen. Log opnieuw in om verder te gaan.').waitFor();
    await checkPage(page);
    expect(await withTenant(db, 'GM0935', (tx) => tx.selectFrom('debt_cases').select('id').where('resident_id', '=', residentId).execute())).toEqual([]);
    await signIn();
    await page.getByRole('heading', { level: 1, name: 'Controleer uw vraag' }).waitFor();
    await page.getByText('Bellen: 06 12345678, in de ochtend').waitFor();
    await page.getByText(/Ik heb drie maanden huurachterstand/).waitFor();
    await page.getByRole('button', { name: 'Vraag versturen' }).click();

    await page.getByRole('heading', { level: 1, name: 'Wij hebben uw vraag om hulp ontvangen' }).waitFor();
    const due = addWorkingDays(today, 3);
    await page.getByText(`Wij nemen uiterlijk op ${dutch(due)} contact met u op.`).waitFor();
    await checkPage(page);
    await page.getByRole('link', { name: 'Naar Mijn aanvragen' }).click();
    await page.getByText('Wij hebben uw vraag om hulp bij geldzaken ontvangen.').waitFor();
    await page.getByText(/Omdat het dringend is, doen wij dat binnen 3 werkdagen\./).waitFor();
    expect(await page.getByRole('link', { name: 'Hulp vragen bij geldzaken' }).count()).toBe(0);
    await checkPage(page);

    // The employee of the area team: in the debt worklist, registered online, crisis, the date in 3 working days.
    await consultant.goto(url('/schuldhulp'));
    const row = consultant.getByRole('table', { name: 'Aanmeldingen schuldhulp, lopende eerst' }).getByRole('row').filter({ hasText: `Noor ${familyName}` });
    await row.getByText(`${dutch(today)} (online)`).waitFor();
    await row.getByRole('cell', { name: dutch(due) }).waitFor();
    await row.getByRole('cell', { name: 'Ja', exact: true }).waitFor();
    await row.getByRole('link', { name: `Noor ${familyName}` }).click();
    await consultant.getByText('Online door de inwoner (Mijn gemeente)').waitFor();
    await consultant.getByText('Bellen: 06 12345678, in de ochtend').waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    expect(await withTenant(db, 'GM0935', (tx) => tx.selectFrom('debt_cases').select(['channel', 'threat_eviction']).where('resident_id', '=', residentId).execute())).toEqual([{ channel: 'inwoner', threat_eviction: true }]);
  });
});
