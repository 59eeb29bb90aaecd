import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uniqueBsn } from '../test/support/factories.js';
import { pdfText } from '../test/support/pdf-text.js';
import { areaOfUser, axeViolations, browserSuite, logIn } from './support/browser.js';

const RESULTS = path.resolve(import.meta.dirname, '../test-results');
// A 1×1 PNG: the letterhead logo.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

const suite = browserSuite();

async function page(username: string): Promise<Page> {
  const p = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1024, height: 900 } })).newPage();
  await logIn(p, suite.server().baseUrl, username);
  return p;
}

const url = (p: string) => new URL(p, suite.server().baseUrl).toString();

/** At the width of a phone the page does not scroll sideways. */
async function fitsAt390(p: Page): Promise<void> {
  await p.setViewportSize({ width: 390, height: 844 });
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await p.setViewportSize({ width: 1024, height: 900 });
}

describe('decision letter, in Chromium', () => {
  it('administrator sets the letterhead → a costly decision’s letter is a CONCEPT → the team lead approves → the stored PDF is signed, without CONCEPT', async () => {
    mkdirSync(RESULTS, { recursive: true });

    // The functional administrator sets the letterhead, logo included.
    const admin = await page('beheerder');
    await admin.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    await admin.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Briefpapier' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Briefpapier' }).waitFor();
    await admin.getByLabel('Naam op het briefpapier').fill('Gemeente Maastricht');
    await admin.getByLabel('Retouradres').fill('Postbus 1992, 6201 BZ Maastricht');
    await admin.getByLabel('Telefoonnummer').fill('14 043');
    await admin.getByLabel('Website').fill('www.gemeentemaastricht.nl');
    await admin.getByLabel(/^Logo/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await admin.getByRole('img', { name: 'Huidig logo' }).waitFor();
    await admin.getByRole('button', { name: 'Opslaan' }).click();
    await admin.getByText('Het briefpapier is opgeslagen.').waitFor();
    await admin.getByText(/^Versie \d+, ingesteld door Ruud Dassen/).waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await fitsAt390(admin);

    // The consultant registers a resident in their area, opens a case and drafts a decision above the threshold.
    const consultant = await page('consulent');
    const post = async (to: string, data: object) => {
      const response = await consultant.request.post(url(to), { data });
      expect(response.status(), `${to}: ${await response.text()}`).toBeLessThan(300);
      return response.json() as Promise<Record<string, unknown>>;
    };
    const areaCode = await areaOfUser(suite.server().database, 'GM0935', 'consulent');
    const resident = await post('/api/residents', {
      bsn: uniqueBsn(),
      givenName: 'Pieter',
      surnamePrefix: 'van der',
      familyName: `Briefmaker${randomInt(1000, 9999)}`,
      birthDate: '1948-03-02',
      gender: 'M',
      street: 'Markt',
      houseNumber: 12,
      postcode: '6211 CK',
      city: 'Maastricht',
      areaCode,
    });
    const c = await post(`/api/residents/${resident.id as string}/cases`, { caseTypeCode: 'WMO-MAATWERK' });
    await post(`/api/cases/${c.id as string}/status`, { to: 'aanvraag' });
    const products = (await (await consultant.request.get(url('/api/catalogue/products?q=huishoud&kind=tailored'))).json()) as { id: string; unit: string }[];
    const year = new Date().getFullYear() + 1;
    const line = { productId: products.find((p) => p.unit === 'hour')!.id, outcome: 'granted', periodStart: `${year}-01-05`, periodEnd: `${year}-12-31`, volume: 10, frequency: 'per_week' };
    const decision = await post(`/api/cases/${c.id as string}/decisions`, { deliveryForm: 'zin', lines: [line] });
    expect(decision.status).toBe('pending_approval');

    // The case page offers the letter as a concept; the PDF says CONCEPT and is not signed.
    await consultant.goto(url(`/zaken/${c.id as string}`));
    await consultant.getByRole('heading', { level: 1, name: /^Zaak WMO-/ }).waitFor();
    await consultant.getByRole('link', { name: 'Brief als PDF (concept)' }).waitFor();
    await consultant.getByText('Nog geen documenten bij deze zaak.').waitFor();
    const conceptPdf = await (await consultant.request.get(url(`/api/decisions/${decision.id as string}/letter.pdf`))).body();
    writeFileSync(path.join(RESULTS, 'letter-concept.pdf'), conceptPdf);
    expect(conceptPdf.subarray(0, 5).toString()).toBe('%PDF-');
    const concept = await pdfText(conceptPdf);
    expect(concept.pages).toBeGreaterThanOrEqual(1);
    expect(concept.text).toContain('CONCEPT – Beschikking Wet maatschappelijke ondersteuning 2015');
    expect(concept.text).toContain('Geachte heer Van der Briefmaker');
    expect(concept.text).toContain('nog niet ondertekend');
    expect(concept.text).not.toContain('Ingrid Smeets');

    // The team lead approves on the case page; the signed letter appears with the case's documents.
    const lead = await page('teamleider');
    await lead.goto(url(`/zaken/${c.id as string}`));
    await lead.getByRole('heading', { level: 1, name: /^Zaak WMO-/ }).waitFor();
    await lead.getByRole('button', { name: 'Goedkeuren' }).click();
    const documents = lead.getByRole('table', { name: 'Documenten bij deze zaak' });
    const link = documents.getByRole('link', { name: /^Beschikking WMO-/ });
    await link.waitFor({ timeout: 60_000 });
    expect(await axeViolations(lead)).toEqual([]);
    await fitsAt390(lead);
    const [download] = await Promise.all([lead.waitForEvent('download'), link.click()]);
    const finalPath = path.join(RESULTS, 'letter-final.pdf');
    await download.saveAs(finalPath);
    const finalPdf = await (await lead.request.get(new URL((await link.getAttribute('href'))!, suite.server().baseUrl).toString())).body();
    writeFileSync(finalPath, finalPdf);
    expect(finalPdf.subarray(0, 5).toString()).toBe('%PDF-');
    const final = await pdfText(finalPdf);
    expect(final.pages).toBeGreaterThanOrEqual(1);
    expect(final.text).not.toContain('CONCEPT');
    expect(final.text).toContain('namens het college van burgemeester en wethouders');
    expect(final.text).toContain('Ingrid Smeets');
    expect(final.text).toContain('Teamleider');
    expect(final.text).toContain('Geachte heer Van der Briefmaker');
    expect(final.text).toContain('artikel 2.1.4 Wet maatschappelijke ondersteuning 2015');
    expect(final.text).toContain('Postbus 1992, 6201 BZ Maastricht');

    // The final letter as its printable page.
    const letter = await lead.context().newPage();
    await letter.goto(url(`/api/decisions/${decision.id as string}/letter.html`));
    await letter.getByRole('heading', { level: 1, name: 'Beschikking Wet maatschappelijke ondersteuning 2015' }).waitFor();
    expect(await letter.getByText('CONCEPT').count()).toBe(0);
    await letter.screenshot({ path: path.join(RESULTS, 'letter.png'), fullPage: true });
  });
});
