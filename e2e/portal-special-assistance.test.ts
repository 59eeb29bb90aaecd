// Issue #12's walk as a resident, in Chromium at 390 px wide: sign in through the DigiD-simulatie → fill
// in the bijzondere bijstand form, one question per page, with an upload → the receipt with the case
// number → the consultant sees the case with the draagkracht proposal and decides → the resident opens
// the decision letter (PDF) in "Mijn aanvragen". Every portal page passes axe and has no horizontal scroll.
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { demoNormTable } from '../src/demo/seed-pw-norms.js';
import { insertVersionRow } from '../src/modules/participatiewet/pw.norms.repository.js';
import { currentNormTable } from '../src/modules/participatiewet/pw.norms.service.js';
import { addDays } from '../src/platform/calendar.js';
import { isValidBsn } from '../src/platform/elfproef.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { pdfText } from '../test/support/pdf-text.js';
import { areaOfUser, axeViolations, browserSuite, logIn } from './support/browser.js';

const suite = browserSuite();
const url = (p: string) => new URL(p, suite.server().baseUrl).toString();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

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

describe('bijzondere bijstand through Mijn gemeente, in Chromium', () => {
  it('DigiD-simulatie → the form with an upload → receipt → the consultant decides on the proposal → the letter in Mijn aanvragen', async () => {
    const today = todayInAmsterdam();
    const db = suite.server().database.db;
    // The fixture's norm table ends in 2025; the intake measures draagkracht against today's norm.
    await withTenant(db, 'GM0935', async (tx) => {
      const table = demoNormTable(await currentNormTable(tx, 'GM0935'), today);
      const versions = await tx.selectFrom('pw_norm_tables').select('version').execute();
      if (table) await insertVersionRow(tx, { tenantId: 'GM0935', version: Math.max(...versions.map((v) => v.version)) + 1, data: table, importedBy: null, note: 'E2e: normen doorgetrokken tot na vandaag' });
    });
    // A resident of the consultant's area, known to the municipality (a running Wmo melding, so the simulation lists them).
    const consultant = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1024, height: 900 } })).newPage();
    await logIn(consultant, suite.server().baseUrl, 'consulent');
    const areaCode = await areaOfUser(suite.server().database, 'GM0935', 'consulent');
    const familyName = `Aanvraagster${randomInt(1000, 9999)}`;
    const created = await consultant.request.post(url('/api/residents'), {
      data: { bsn: demoBsn(), givenName: 'Noor', familyName, birthDate: '1986-07-01', gender: 'V', street: 'Wycker Brugstraat', houseNumber: 20, postcode: '6221 EC', city: 'Maastricht', areaCode },
    });
    expect(created.status(), await created.text()).toBe(201);
    const residentId = ((await created.json()) as { id: string }).id;
    expect((await consultant.request.post(url(`/api/residents/${residentId}/cases`), { data: { caseTypeCode: 'WMO-MAATWERK', notifiedOn: today } })).status()).toBe(201);

    // The resident signs in on a phone-sized screen.
    const page = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(url('/mijn'));
    await page.getByRole('link', { name: 'Inloggen met DigiD – gemeente Maastricht' }).click();
    await page.getByRole('button', { name: new RegExp(`Noor ${familyName}`) }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn aanvragen' }).waitFor();
    await checkPage(page);
    await page.getByRole('link', { name: 'Bijzondere bijstand aanvragen' }).click();

    // One question per page.
    await page.getByRole('heading', { level: 1, name: 'Waarvoor heeft u geld nodig?' }).waitFor();
    await checkPage(page);
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByText('Kies waarvoor u geld nodig heeft.').waitFor();
    await page.getByLabel(/^Kosten beschermingsbewind/).check();
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { level: 1, name: 'Hoeveel kost het?' }).waitFor();
    await checkPage(page);
    await page.getByLabel('Bedrag in euro’s').fill('726,00');
    await page.getByLabel('Datum van de rekening').fill(addDays(today, -4));
    await page.getByLabel('Waarvoor is het?').fill('Rekening van mijn bewindvoerder');
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { level: 1, name: 'Met wie woont u?' }).waitFor();
    await checkPage(page);
    await page.getByLabel(/^Ik woon alleen of met anderen/).check();
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { level: 1, name: 'Wat zijn uw inkomen en spaargeld?' }).waitFor();
    await checkPage(page);
    await page.getByLabel(/^Netto inkomen per maand/).fill('1.150,00');
    await page.getByLabel('Nee').check();
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { level: 1, name: 'Op welke rekening wilt u het geld?' }).waitFor();
    await checkPage(page);
    await page.getByLabel('Rekeningnummer (IBAN)').fill('NL91 ABNA 0417 1643 01');
    await page.getByLabel('Naam van de rekeninghouder').fill(`N. ${familyName}`);
    await page.getByRole('button', { name: 'Volgende' }).click();

    await page.getByRole('heading', { level: 1, name: 'Stuur de documenten mee' }).waitFor();
    await checkPage(page);
    for (const label of ['Uitspraak van de kantonrechter', 'Factuur van de bewindvoerder', 'Bankafschriften van de laatste maand']) {
      await page.getByLabel(label).setInputFiles({ name: `${label.split(' ')[0]!.toLowerCase()}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await page.getByText(/^Verstuurd: /).nth(['Uitspraak van de kantonrechter', 'Factuur van de bewindvoerder', 'Bankafschriften van de laatste maand'].indexOf(label)).waitFor();
    }
    await page.getByRole('button', { name: 'Volgende' }).click();

    // The summary; the wrong IBAN (check digits) comes back from Koers with a way to change it.
    await page.getByRole('heading', { level: 1, name: 'Controleer uw aanvraag' }).waitFor();
    await checkPage(page);
    await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await page.getByText('Er klopt nog iets niet:').waitFor();
    await page.getByRole('link', { name: 'Wijzigen', exact: true }).click();
    await page.getByLabel('Rekeningnummer (IBAN)').fill('NL91 ABNA 0417 1643 00');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByRole('button', { name: 'Aanvraag versturen' }).click();

    await page.getByRole('heading', { level: 1, name: 'Wij hebben uw aanvraag ontvangen' }).waitFor();
    await checkPage(page);
    const reference = (await page.getByText(/^Uw zaaknummer is/).textContent())!.match(/PARTICIPATIEWET-\d{4}-\d+/)![0];
    await page.getByText(/^U hoort uiterlijk op \d{2}-\d{2}-\d{4} wat wij besluiten\.$/).waitFor();

    // The consultant: the case with the draagkracht proposal, decided in one click.
    await consultant.goto(url('/inkomen/bijzondere-bijstand'));
    await consultant.getByRole('row', { name: new RegExp(reference) }).getByRole('link', { name: reference }).click();
    await consultant.getByRole('table', { name: 'Draagkrachtberekening' }).waitFor();
    await consultant.getByText('Noodzakelijke kosten die overblijven').waitFor();
    await consultant.getByRole('button', { name: 'Voorstel volgen: € 726,00 toekennen' }).click();
    await consultant.getByText('Toegekend: € 726,00').waitFor();

    // The resident: the decision letter in Mijn aanvragen (printed after the decision: reload until it is there).
    await page.getByRole('link', { name: 'Naar uw aanvraag' }).click();
    const letterLink = page.getByRole('link', { name: /^Besluit bijzondere bijstand/ });
    for (let i = 0; i < 30 && (await letterLink.count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    await letterLink.waitFor();
    await checkPage(page);
    const letter = await page.request.get(url((await letterLink.getAttribute('href'))!));
    expect(letter.headers()['content-type']).toBe('application/pdf');
    const { text } = await pdfText(new Uint8Array(await letter.body()));
    expect(text).toContain('Toekenning bijzondere bijstand');
    expect(text).toContain('726,00');
  });
});
