// The Participatiewet from application to forecast in Chromium, through the pages where the parts meet:
// application → advance → decision with the rekenblad → the first payment run (the advance offset),
// approved by another team lead → pain.001 → an income statement lowers the next payment → a late
// statement for a paid month becomes a draft claim, established by the other team lead with an
// instalment that the next run offsets → the BUIG forecast of the year changes.
//
// Months: September–November 2025, which the shipped norm table covers (2025 H2). The demo's history
// has approved runs for these months, so each run the walk computes is the month's second one: it
// pays the new benefit's regular line (and only corrections for the others).
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { uniqueBsn } from '../test/support/factories.js';
import { areaOfUser, axeViolations, browserSuite, logIn } from './support/browser.js';

const { server, browser } = browserSuite();
const contexts: BrowserContext[] = [];
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});
async function pageAs(username: string): Promise<Page> {
  const context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  await logIn(page, server().baseUrl, username);
  return page;
}
const url = (p: string) => new URL(p, server().baseUrl).toString();
const menu = (page: Page, name: string) => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name, exact: true });

/** '€ 1.234,56' (or '-€ 1,00') → 123456 cents. */
function cents(text: string | null): number {
  const t = (text ?? '').replace(/[€\s\u00a0.]/g, '').replace(',', '.');
  const value = Math.round(Number(t.replace('−', '-')) * 100);
  if (!Number.isFinite(value)) throw new Error(`geen bedrag: ${text}`);
  return value;
}

interface Line {
  bijstand: number;
  offset: number;
  reserve: number;
  instalments: number;
  amount: number;
}

/** The paid line of the resident in the run shown. */
async function lineOf(page: Page, familyName: string): Promise<Line> {
  await page.getByRole('button', { name: 'Te betalen' }).click();
  const row = page.getByRole('table', { name: /Betalingen met hun onderdelen/ }).getByRole('row', { name: new RegExp(familyName) });
  await row.waitFor();
  expect(await row.count()).toBe(1);
  const cell = async (i: number) => cents(await row.getByRole('cell').nth(i).textContent());
  return { bijstand: await cell(3), offset: await cell(4), reserve: await cell(5), instalments: await cell(6), amount: await cell(7) };
}

/** A team lead computes the run for the month from the menu and opens it. */
async function computeRun(lead: Page, month: string): Promise<string> {
  await menu(lead, 'Betaalruns bijstand').click();
  await lead.getByRole('heading', { level: 1, name: 'Betaalruns bijstand' }).waitFor();
  await lead.getByLabel('Maand (jjjj-mm)').fill(month);
  await lead.getByRole('button', { name: 'Betaalrun berekenen' }).click();
  const computed = lead.getByText(/is berekend:/);
  await computed.waitFor();
  await computed.getByRole('link', { name: new RegExp(`^BR-${month.replace('-', '')}-\\d+$`) }).click();
  await lead.getByRole('heading', { level: 1, name: /Betaalrun BR-/ }).waitFor();
  await lead.getByText('Berekend, wacht op goedkeuring').first().waitFor();
  return lead.url();
}

/** The other team lead approves it (four eyes). */
async function approveRun(other: Page, runUrl: string): Promise<void> {
  await other.goto(runUrl);
  await other.getByRole('heading', { level: 1, name: /Betaalrun BR-/ }).waitFor();
  await other.getByRole('button', { name: 'Betaalrun goedkeuren' }).click();
  await other.getByText('Goedgekeurd', { exact: true }).first().waitFor();
}

/** The year-end table of the BUIG forecast for 2025, as text. */
async function forecast2025(page: Page): Promise<string> {
  await menu(page, 'BUIG-prognose').click();
  await page.getByRole('heading', { level: 1, name: 'BUIG-prognose Participatiewet' }).waitFor();
  const form = page.getByRole('form', { name: 'Scenario' });
  await form.getByLabel('Jaar').fill('2025');
  await form.getByRole('button', { name: 'Doorrekenen' }).click();
  const table: Locator = page.getByRole('table', { name: /^Jaareinde 2025/ });
  await table.waitFor();
  return (await table.textContent()) ?? '';
}

describe('Participatiewet walk in Chromium', () => {
  it('application → advance → decision → first run approved → pain.001 → income statement → recovery with instalments → forecast', async () => {
    const lead = await pageAs('teamleider');
    const forecastBefore = await forecast2025(lead);

    // A new resident in the demo consultant's area (the relation that opens the file).
    const consultant = await pageAs('consulent');
    const areaCode = await areaOfUser(server().database, 'GM0935', 'consulent');
    const familyName = `Wandel${randomInt(10000, 99999)}`;
    const created = await consultant.request.post(url('/api/residents'), {
      data: { bsn: uniqueBsn(), givenName: 'Noor', familyName, birthDate: '1984-03-21', gender: 'V', street: 'Boschstraat', houseNumber: 9, postcode: '6211 AS', city: 'Maastricht', areaCode },
    });
    expect(created.status(), await created.text()).toBe(201);
    const residentId = ((await created.json()) as { id: string }).id;

    // 1. The application, from the resident's Bijstand tab to the bijstandsdossier.
    await consultant.goto(url(`/inwoners/${residentId}`));
    await consultant.getByRole('tab', { name: 'Bijstand' }).click();
    await consultant.getByRole('link', { name: 'Bijstandsdossier (Participatiewet)' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Bijstandsdossier' }).waitFor();
    await consultant.getByLabel('Meldingsdatum').fill('2025-08-25');
    await consultant.getByLabel('Aanvraagdatum').fill('2025-09-01');
    await consultant.getByRole('button', { name: 'Aanvraag registreren' }).click();
    await consultant.getByRole('heading', { level: 1, name: /^Aanvraag levensonderhoud/ }).waitFor();
    const applicationUrl = consultant.url();

    // The open application is on the consultant's list in the menu.
    await menu(consultant, 'Aanvragen bijstand').click();
    await consultant.getByRole('heading', { level: 1, name: 'Aanvragen bijstand' }).waitFor();
    const openRow = consultant.getByRole('table', { name: /Open aanvragen bijstand/ }).getByRole('row', { name: new RegExp(familyName) });
    await openRow.getByText('Nog geen besluit').waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    await openRow.getByRole('link').first().click();
    await consultant.getByRole('heading', { level: 1, name: /^Aanvraag levensonderhoud/ }).waitFor();
    expect(consultant.url()).toBe(applicationUrl);

    // Household and income → the rekenblad.
    await consultant.getByLabel('Leefvorm').selectOption('alleenstaande');
    await consultant.getByRole('button', { name: 'Inkomen toevoegen' }).click();
    await consultant.getByLabel('Soort inkomen 1').selectOption('alimentatie');
    await consultant.getByLabel('Bedrag inkomen 1').fill('100,00');
    await consultant.getByLabel('Vermogen (bezittingen)').fill('1.000,00');
    await consultant.getByRole('button', { name: 'Rekenblad berekenen' }).click();
    const rekenblad = consultant.getByRole('table', { name: 'Rekenblad' });
    await rekenblad.getByText('Te betalen per maand').waitFor();
    const monthly = cents(await rekenblad.getByRole('row', { name: /Te betalen per maand/ }).getByRole('cell').nth(1).textContent());
    expect(monthly).toBeGreaterThan(50_000);

    // 2. The advance (art. 52 Pw).
    await consultant.getByLabel('Bedrag voorschot').fill('500,00');
    await consultant.getByLabel('Betaald op').fill('2025-09-08');
    await consultant.getByRole('button', { name: 'Voorschot vastleggen' }).click();
    await consultant.getByText(/Voorschot van €\s500,00 betaald op/).waitFor();

    // 3. The decision: a grant from the application date, with the letter.
    await consultant.getByLabel('Ingangsdatum').fill('2025-09-01');
    await consultant.getByLabel('IBAN').fill('NL91 ABNA 0417 1643 00');
    await consultant.getByLabel('Rekeninghouder').fill(`N. ${familyName}`);
    await consultant.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await consultant.getByText('Toekenning vanaf 01-09-2025').waitFor();
    await consultant.getByRole('link', { name: 'Besluitbrief openen' }).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);

    // 4. The first payment run (September): the full month, the advance offset; approved by the other team lead.
    const other = await pageAs('teamleider2');
    const september = await computeRun(lead, '2025-09');
    const first = await lineOf(lead, familyName);
    // The rekenblad's payment per month is net of the vakantietoeslag the run reserves.
    expect(first.bijstand - first.reserve).toBe(monthly);
    expect(first.offset).toBe(0);
    expect(first.instalments).toBe(50_000);
    expect(first.amount).toBe(first.bijstand - first.reserve - 50_000);
    expect(await lead.getByRole('button', { name: 'Betaalrun goedkeuren' }).count()).toBe(0);
    await approveRun(other, september);

    // 5. The pain.001 file: its control sum is the run's total, and it pays the new benefit's amount to its IBAN.
    const total = await other.locator('dt:has-text("Totaal naar de bank") + dd').textContent();
    const download = other.waitForEvent('download');
    await other.getByRole('link', { name: 'Betaalbestand downloaden (pain.001)' }).click();
    const xml = readFileSync((await (await download).path())!, 'utf8');
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    expect(Math.round(Number(/<CtrlSum>([\d.]+)<\/CtrlSum>/.exec(xml)![1]) * 100)).toBe(cents(total));
    const ours = /<CdtTrfTxInf>(?:(?!<\/CdtTrfTxInf>)[\s\S])*?NL91ABNA0417164300[\s\S]*?<\/CdtTrfTxInf>/.exec(xml)![0];
    expect(ours).toContain(`<InstdAmt Ccy="EUR">${(first.amount / 100).toFixed(2)}</InstdAmt>`);
    expect(await axeViolations(other)).toEqual([]);

    // 6. An income statement for October, entered before its run, lowers October's payment.
    await consultant.goto(url(`/inwoners/${residentId}`));
    await consultant.getByRole('tab', { name: 'Bijstand' }).click();
    await consultant.getByRole('link', { name: 'inkomstenopgaven' }).first().click();
    await consultant.getByRole('heading', { level: 1, name: /^Inkomstenopgaven/ }).waitFor();
    await consultant.getByLabel('Maand', { exact: true }).fill('2025-10');
    await consultant.getByLabel('Bedrag netto per maand (post 1)').fill('400,00');
    await consultant.getByRole('button', { name: 'Opgave vastleggen' }).click();
    await consultant.getByRole('table', { name: 'Inkomstenopgaven, nieuwste maand eerst' }).getByRole('row', { name: /oktober 2025/ }).waitFor();
    const october = await computeRun(lead, '2025-10');
    const second = await lineOf(lead, familyName);
    expect(second.offset).toBeGreaterThan(0);
    expect(second.bijstand).toBe(first.bijstand - second.offset);
    expect(second.amount).toBeLessThan(first.amount + first.instalments);
    expect(second.instalments).toBe(0);
    await approveRun(other, october);

    // 7. A first, late statement for September (paid): the overpayment becomes a draft claim.
    await lead.goto(url(`/inwoners/${residentId}`));
    await lead.getByRole('tab', { name: 'Bijstand' }).click();
    await lead.getByRole('link', { name: 'inkomstenopgaven' }).first().click();
    await lead.getByRole('heading', { level: 1, name: /^Inkomstenopgaven/ }).waitFor();
    await lead.getByLabel('Maand', { exact: true }).fill('2025-09');
    await lead.getByLabel('Bedrag netto per maand (post 1)').fill('300,00');
    await lead.getByRole('button', { name: 'Opgave vastleggen' }).click();
    const claimLink = lead.getByRole('link', { name: /^Conceptvordering TV-/ });
    await claimLink.waitFor();
    await claimLink.click();
    await lead.getByRole('heading', { level: 1, name: /^Vordering TV-/ }).waitFor();
    const claimUrl = lead.url();
    // Who drafted it cannot establish it.
    await lead.getByLabel('Aflossing per maand (euro)').fill('50,00');
    await lead.getByRole('button', { name: 'Vordering vaststellen' }).click();
    await lead.getByText(/Vier ogen: wie de vordering opstelde/).last().waitFor();

    // The other team lead establishes it with an instalment of € 50 a month.
    await other.goto(claimUrl);
    await other.getByRole('heading', { level: 1, name: /^Vordering TV-/ }).waitFor();
    await other.getByLabel('Aflossing per maand (euro)').fill('50,00');
    await other.getByRole('button', { name: 'Vordering vaststellen' }).click();
    await other.getByText('Vastgesteld', { exact: true }).waitFor();
    const ledger = other.getByRole('table', { name: 'Grootboek van de vordering' });
    await ledger.getByRole('row', { name: /Vordering/ }).first().waitFor();
    expect(await axeViolations(other)).toEqual([]);

    // 8. November's run offsets the instalment.
    const november = await computeRun(lead, '2025-11');
    const third = await lineOf(lead, familyName);
    expect(third.instalments).toBe(5_000);
    expect(third.amount).toBe(third.bijstand - third.reserve - 5_000);
    await approveRun(other, november);
    await other.goto(claimUrl);
    await other.getByRole('table', { name: 'Grootboek van de vordering' }).getByRole('row', { name: /Verrekening \(betaalrun\).*50,00.*Verrekend in betaalrun BR-202511-/ }).waitFor();

    // The claim is on the team lead's list in the menu, with its instalment.
    await menu(lead, 'Vorderingen bijstand').click();
    await lead.getByRole('table', { name: 'Vorderingen, nieuwste eerst' }).getByRole('row', { name: new RegExp(`${familyName}.*Vastgesteld.*€\\s50,00`) }).first().waitFor();

    // 9. The BUIG forecast of 2025 counts the new payments.
    const forecastAfter = await forecast2025(lead);
    expect(forecastAfter).not.toBe(forecastBefore);
    expect(await axeViolations(lead)).toEqual([]);
  });
});
