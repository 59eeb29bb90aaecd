import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uniqueBsn } from '../test/support/factories.js';
import { addWorkingDays } from '../src/platform/calendar.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { areaOfUser, axeViolations, browserSuite, logIn } from './support/browser.js';

const suite = browserSuite();
const url = (p: string) => new URL(p, suite.server().baseUrl).toString();
const dutch = (date: string) => date.split('-').reverse().join('-');

async function page(username: string): Promise<Page> {
  const p = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } })).newPage();
  await logIn(p, suite.server().baseUrl, username);
  return p;
}

const HEADER = 'bron;soort_schuldeiser;postcode;huisnummer;huisnummer_toevoeging;achterstand_euro;maanden_achterstand;peildatum';

describe('debt help and early signals, in Chromium', () => {
  it('refuses an arrears file with a broken row, imports the fixed one, records help accepted, registers with a crisis flag (3 working days) and holds the first conversation within the term', async () => {
    const consultant = await page('consulent');
    const areaCode = await areaOfUser(suite.server().database, 'GM0935', 'consulent');
    const familyName = `Schuldvrij${randomInt(1000, 9999)}`;
    const houseNumber = randomInt(100, 999);
    const created = await consultant.request.post(url('/api/residents'), {
      data: { bsn: uniqueBsn(), givenName: 'Sanne', familyName, birthDate: '1984-03-12', gender: 'V', street: 'Boschstraat', houseNumber, postcode: '6299 QX', city: 'Maastricht', areaCode },
    });
    expect(created.status(), await created.text()).toBe(201);
    const residentId = ((await created.json()) as { id: string }).id;
    const today = todayInAmsterdam();

    // Vroegsignalering: a file with a broken row is refused as a whole, with row and column.
    const rows = [
      `Maasvallei;woningcorporatie;6299QX;${houseNumber};;1450,00;3;${today}`,
      `Enexis;energie;6299 QX;${houseNumber};;drie;2;${today}`,
      `WML;water;9999 ZZ;1;;75,10;2;${today}`,
    ];
    await consultant.goto(url('/vroegsignalering'));
    await consultant.getByRole('heading', { level: 1, name: 'Vroegsignalering' }).waitFor();
    const importForm = consultant.getByRole('form', { name: 'Betalingsachterstanden importeren' });
    await importForm.getByLabel('CSV-bestand').setInputFiles({ name: 'achterstanden.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows].join('\n')) });
    await importForm.getByRole('button', { name: 'Importeren' }).click();
    await consultant.getByText('Het bestand is niet geïmporteerd: er is 1 fout.', { exact: false }).waitFor();
    const issues = consultant.getByRole('table', { name: 'Fouten in het bestand' });
    const issue = issues.getByRole('row').filter({ hasText: 'achterstand_euro' });
    await issue.getByRole('cell', { name: '3', exact: true }).waitFor();
    await issue.getByText(/Ongeldig bedrag ‘drie’/).waitFor();
    expect(await consultant.getByRole('table', { name: 'Werklijst vroegsignalering' }).getByText(`Sanne ${familyName}`).count()).toBe(0);
    expect(await axeViolations(consultant)).toEqual([]);

    // The fixed file: imported; the address where nobody lives is listed.
    rows[1] = rows[1]!.replace('drie', '310,25');
    await importForm.getByLabel('CSV-bestand').setInputFiles({ name: 'achterstanden.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows].join('\n')) });
    await importForm.getByRole('button', { name: 'Importeren' }).click();
    await consultant.getByText(/Geïmporteerd: 3 rijen, waarvan 2 bij een inwoner horen\. 1 nieuwe signalen/).waitFor();
    await consultant.getByRole('table', { name: /adres waar geen inwoner woont/ }).getByRole('cell', { name: '9999 ZZ' }).waitFor();

    // The worklist: the household with both arrears and the contact term; the outcome is recorded.
    const worklist = consultant.getByRole('table', { name: 'Werklijst vroegsignalering' });
    const row = worklist.getByRole('row').filter({ hasText: `Sanne ${familyName}` });
    await row.getByText(/Huur \(woningcorporatie\) \(Maasvallei\)/).waitFor();
    await row.getByText(/1\.760,25/).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    const outcome = row.getByRole('form', { name: `Uitkomst contact Sanne ${familyName}` });
    await outcome.getByLabel('Uitkomst').selectOption('hulp-geaccepteerd');
    await outcome.getByRole('button', { name: 'Uitkomst opslaan' }).click();
    // Saved: the open list no longer holds the household; the list with outcomes does.
    await worklist.getByRole('row').filter({ hasText: `Sanne ${familyName}` }).waitFor({ state: 'detached' });
    await consultant.getByLabel('Welke signalen').selectOption('nee');
    await consultant.getByRole('table', { name: 'Werklijst vroegsignalering' }).getByRole('row').filter({ hasText: `Sanne ${familyName}` }).getByText(`Hulp geaccepteerd op ${dutch(today)}`).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    // Help accepted: the registration from the resident file, with a threat of eviction (the arrears are
    // rent): first conversation within 3 working days, held today — within the term.
    await consultant.goto(url(`/inwoners/${residentId}`));
    await consultant.getByRole('link', { name: 'Aanmelden voor schuldhulp' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Aanmelden voor schuldhulp' }).waitFor();
    const form = consultant.getByRole('form', { name: 'Aanmelding schuldhulp' });
    await form.getByRole('button', { name: 'Aanmelding opslaan' }).click();
    await form.getByText('Beschrijf de hulpvraag.').waitFor();
    expect(await form.getByLabel('Hulpvraag').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(consultant)).toEqual([]);
    await form.getByLabel('Hulpvraag').fill('Brief van de woningcorporatie: ontruiming over twee weken.');
    await form.getByLabel('Er dreigt een ontruiming van de woning').check();
    await form.getByRole('button', { name: 'Aanmelding opslaan' }).click();
    await consultant.getByRole('heading', { level: 1, name: `Schuldhulp: Sanne ${familyName}` }).waitFor();
    await consultant.getByText(/Eerste gesprek binnen 3 werkdagen/).waitFor();
    await consultant.getByRole('definition').filter({ hasText: dutch(addWorkingDays(today, 3)) }).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);

    const conversation = consultant.getByRole('form', { name: 'Eerste gesprek vastleggen' });
    await conversation.getByLabel('Datum van het eerste gesprek').fill(today);
    await conversation.getByRole('button', { name: 'Eerste gesprek vastleggen' }).click();
    await consultant.getByRole('definition').filter({ hasText: 'Binnen de termijn' }).waitFor();
    await consultant.getByRole('form', { name: 'Plan van aanpak vastleggen' }).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
  });
});
