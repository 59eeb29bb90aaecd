import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const { server, browser } = browserSuite();
const contexts: BrowserContext[] = [];
const newPage = async () => {
  const context = await browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  return context.newPage();
};
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

describe('Betaalrun bijstand in Chromium', () => {
  it('computes last month, is reviewed and approved by another team lead, and gives the pain.001 file', async () => {
    // The demo's history paid every month up to the month before last; last month is open.
    const lead = await newPage();
    await logIn(lead, server().baseUrl, 'teamleider');
    await lead.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Betaalruns bijstand' }).click();
    await lead.getByRole('heading', { level: 1, name: 'Betaalruns bijstand' }).waitFor();
    // The history: approved runs, newest first.
    const history = lead.getByRole('table', { name: 'Betaalruns' }).getByRole('row', { name: /Goedgekeurd/ });
    await history.first().waitFor();
    expect(await history.count()).toBeGreaterThan(12);
    expect(await axeViolations(lead)).toEqual([]);

    // A month that is not over yet is refused beside the field.
    await lead.getByLabel('Maand (jjjj-mm)').fill('2999-01');
    await lead.getByRole('button', { name: 'Betaalrun berekenen' }).click();
    await lead.getByText(/De bijstand over 2999-01 wordt achteraf betaald/).waitFor();
    expect(await lead.getByLabel('Maand (jjjj-mm)').getAttribute('aria-invalid')).toBe('true');

    const now = new Date();
    const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
    const month = `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, '0')}`;
    await lead.getByLabel('Maand (jjjj-mm)').fill(month);
    await lead.getByRole('button', { name: 'Betaalrun berekenen' }).click();
    const link = lead.getByRole('link', { name: new RegExp(`^BR-${month.replace('-', '')}-1$`) }).first();
    await link.click();
    await lead.getByRole('heading', { level: 1, name: /Betaalrun BR-/ }).waitFor();
    await lead.getByText('Berekend, wacht op goedkeuring').first().waitFor();
    // Who computed it cannot approve it.
    await lead.getByText(/U heeft deze run zelf berekend/).waitFor();
    expect(await lead.getByRole('button', { name: 'Betaalrun goedkeuren' }).count()).toBe(0);
    await lead.getByRole('button', { name: 'Te betalen' }).click();
    const lines = lead.getByRole('table', { name: /Betalingen met hun onderdelen/ });
    await lines.getByRole('row', { name: /Bijstand/ }).first().waitFor();
    expect(await axeViolations(lead)).toEqual([]);
    const runUrl = lead.url();

    const other = await newPage();
    await logIn(other, server().baseUrl, 'teamleider2');
    await other.goto(runUrl);
    await other.getByRole('heading', { level: 1, name: /Betaalrun BR-/ }).waitFor();
    const total = await other.locator('dt:has-text("Totaal naar de bank") + dd').textContent();
    await other.getByRole('button', { name: 'Betaalrun goedkeuren' }).click();
    await other.getByText('Goedgekeurd', { exact: true }).first().waitFor();
    const download = other.waitForEvent('download');
    await other.getByRole('link', { name: 'Betaalbestand downloaden (pain.001)' }).click();
    const file = await download;
    const xml = readFileSync((await file.path())!, 'utf8');
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    const sum = /<CtrlSum>([\d.]+)<\/CtrlSum>/.exec(xml)![1]!;
    // The control sum in the file is the run's total as the page shows it (€ 1.234,56 → 1234.56).
    expect(sum).toBe(total!.replace(/[€\s\u00a0.]/g, '').replace(',', '.'));
    expect(await axeViolations(other)).toEqual([]);
  });
});
