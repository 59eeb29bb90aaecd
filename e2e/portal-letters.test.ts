// The letter "Verzoek om aanvullende gegevens" in Mijn gemeente, in Chromium at 390 px wide: a consultant
// asks a resident for documents → Koers prints the letter (PDF) and stores it with the case → the resident
// signs in through the DigiD-simulatie, opens the case in "Mijn aanvragen" and opens the letter: a PDF that
// names what is missing, the hersteltermijn in words, Awb 4:15 and 4:5. The pages pass axe, no sideways scroll.
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isValidBsn } from '../src/platform/elfproef.js';
import { addDays } from '../src/platform/calendar.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { lettersSettled } from '../src/modules/letters/document.service.js';
import { dateInWords } from '../src/modules/portal/portal.words.js';
import { pdfText } from '../test/support/pdf-text.js';
import { areaOfUser, axeViolations, browserSuite, logIn } from './support/browser.js';

const suite = browserSuite();
const url = (p: string) => new URL(p, suite.server().baseUrl).toString();

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

describe('letters in Mijn gemeente, in Chromium', () => {
  it('the resident opens the letter "Verzoek om aanvullende gegevens" as a PDF', async () => {
    const today = todayInAmsterdam();
    const due = addDays(today, 14);
    const consultant = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1024, height: 900 } })).newPage();
    await logIn(consultant, suite.server().baseUrl, 'consulent');
    const areaCode = await areaOfUser(suite.server().database, 'GM0935', 'consulent');
    const familyName = `Briefontvanger${randomInt(1000, 9999)}`;
    const created = await consultant.request.post(url('/api/residents'), {
      data: { bsn: demoBsn(), givenName: 'Sanne', familyName, birthDate: '1979-02-11', gender: 'V', street: 'Boschstraat', houseNumber: 8, postcode: '6211 AX', city: 'Maastricht', areaCode },
    });
    expect(created.status(), await created.text()).toBe(201);
    const residentId = ((await created.json()) as { id: string }).id;
    const opened = await consultant.request.post(url(`/api/residents/${residentId}/cases`), { data: { caseTypeCode: 'WMO-MAATWERK', notifiedOn: today } });
    expect(opened.status()).toBe(201);
    const caseId = ((await opened.json()) as { id: string }).id;
    const asked = await consultant.request.post(url(`/api/cases/${caseId}/document-requests`), { data: { description: 'Een verklaring van uw huisarts over uw beperking', dueOn: due } });
    expect(asked.status(), await asked.text()).toBe(201);
    // The letter is printed after the commit.
    await lettersSettled();

    // The consultant sees it in the case's documents.
    await consultant.goto(url(`/zaken/${caseId}`));
    await consultant.getByRole('link', { name: /^Verzoek om aanvullende gegevens/ }).waitFor();
    await consultant.getByRole('cell', { name: 'Verzoek om gegevens' }).waitFor();

    // The resident, on a phone-sized screen.
    const page = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(url('/mijn'));
    await page.getByRole('link', { name: 'Inloggen met DigiD – gemeente Maastricht' }).click();
    await page.getByRole('button', { name: new RegExp(`Sanne ${familyName}`) }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn aanvragen' }).waitFor();
    await checkPage(page);
    await page.getByRole('link', { name: /\(WMO-/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Brieven' }).waitFor();
    const link = page.getByRole('link', { name: /^Verzoek om aanvullende gegevens .*\(PDF/ });
    await link.waitFor();
    await checkPage(page);

    const letter = await page.request.get(url((await link.getAttribute('href'))!));
    expect(letter.status()).toBe(200);
    expect(letter.headers()['content-type']).toBe('application/pdf');
    const { text } = await pdfText(await letter.body());
    expect(text).toContain('Verzoek om aanvullende gegevens');
    expect(text).toContain(`Sanne ${familyName}`);
    expect(text).toContain('Een verklaring van uw huisarts over uw beperking');
    expect(text).toContain(dateInWords(due));
    expect(text).toContain('artikel 4:15 Algemene wet bestuursrecht');
    expect(text).toContain('buiten behandeling');
  });
});
