import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayInAmsterdam } from '../src/platform/time.js';
import { axeViolations, browserSuite, logIn, residentHitInArea } from './support/browser.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');

const suite = browserSuite();
let page: Page;

beforeAll(async () => {
  page = await (await suite.browser().newContext({ locale: 'nl-NL' })).newPage();
});

const isoDaysAgo = (days: number) => todayInAmsterdam(new Date(Date.now() - days * 86_400_000));
const dutch = (iso: string) => iso.split('-').reverse().join('-');

async function recordConversation(p: Page, input: { heldOn: string; scores: number[]; talk: string[]; step: RegExp; rationale: string; agreements: string[] }) {
  await p.getByLabel('Datum van het gesprek').fill(input.heldOn);
  const names = ['Lichaamsfuncties', 'Mentaal welbevinden', 'Zingeving', 'Kwaliteit van leven', 'Meedoen', 'Dagelijks functioneren'];
  for (const [i, name] of names.entries()) await p.getByLabel(name, { exact: true }).fill(String(input.scores[i]));
  for (const name of input.talk) await p.getByRole('checkbox', { name: `Wil praten over ${name.toLowerCase()}` }).check();
  await p.getByRole('radio', { name: input.step }).check();
  await p.getByLabel('Onderbouwing van de gekozen trede').fill(input.rationale);
  await p.getByLabel('Afspraken', { exact: true }).fill(input.agreements.join('\n'));
  await p.getByRole('button', { name: 'Gesprek opslaan' }).click();
  await p.getByRole('status').filter({ hasText: 'Het gesprek is opgeslagen.' }).waitFor();
}

describe('conversations (Positieve Gezondheid) in Chromium', () => {
  it('lets a consultant record conversations on the resident file, compare them in the spinnenweb and print the report', async () => {
    await logIn(page, suite.server().baseUrl, 'consulent');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Inwoners' }).click();
    await page.getByLabel('Zoek inwoner').pressSequentially('dassen', { delay: 30 });
    const result = residentHitInArea(page, 'Centrum');
    await result.waitFor();
    const name = (await result.textContent()) ?? '';
    await result.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('tab', { name: 'Gesprekken' }).click();
    await page.getByRole('button', { name: 'Nieuw gesprek' }).click();
    const section = page.getByRole('region', { name: 'Gesprekken (Positieve Gezondheid)' });
    await section.getByText('Er zijn nog geen gesprekken vastgelegd.').waitFor();

    // An empty form is refused with a Dutch message at each field.
    await page.getByRole('button', { name: 'Gesprek opslaan' }).click();
    await page.getByRole('alert').filter({ hasText: 'De invoer is niet geldig.' }).waitFor();
    await section.getByText('Vul een cijfer van 0 tot en met 10 in voor lichaamsfuncties.').waitFor();
    await section.getByText('Vul minstens één afspraak in.').waitFor();
    expect(await page.getByLabel('Lichaamsfuncties', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);

    const earlier = isoDaysAgo(70);
    const today = isoDaysAgo(0);
    await recordConversation(page, {
      heldOn: earlier,
      scores: [5, 3, 6, 4, 2, 5],
      talk: ['Meedoen'],
      step: /Netwerk/,
      rationale: 'Dochter helpt met boodschappen; eenzaamheid speelt.',
      agreements: ['Aanmelden bij de koffieochtend in het buurtcentrum.'],
    });
    await recordConversation(page, {
      heldOn: today,
      scores: [6, 5, 7, 6, 5, 6],
      talk: ['Mentaal welbevinden'],
      step: /Voorliggend veld/,
      rationale: 'Gaat wekelijks naar de koffieochtend; wil meer meedoen.',
      agreements: ['Welzijn op recept via de huisarts.', 'Over drie maanden opnieuw het spinnenweb invullen.'],
    });

    const chart = section.getByRole('img', { name: /^Spinnenweb Positieve Gezondheid/ });
    // The list refreshes after saving: wait until the chart describes the new conversation.
    await expect.poll(() => chart.getAttribute('aria-label')).toContain(`Gesprek van ${dutch(today)}: Lichaamsfuncties 6, Mentaal welbevinden 5`);
    expect(await chart.getAttribute('aria-label')).toContain(`Vorig gesprek van ${dutch(earlier)}: Lichaamsfuncties 5`);
    await chart.locator('svg path').first().waitFor();

    const scores = section.getByRole('table', { name: /Cijfers per dimensie/ });
    expect(await scores.getByRole('row', { name: /Meedoen/ }).getByRole('cell').allInnerTexts()).toEqual(['5', '2', 'Nee']);
    expect(await scores.getByRole('row', { name: /Mentaal welbevinden/ }).getByRole('cell').allInnerTexts()).toEqual(['5', '3', 'Ja']);

    const list = section.getByRole('table', { name: 'Alle gesprekken, nieuwste eerst' });
    const rows = list.getByRole('row');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(1).innerText()).toContain('Voorliggend veld');
    expect(await rows.nth(2).innerText()).toContain('Netwerk');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'conversations.png'), fullPage: true });

    const [report] = await Promise.all([
      page.context().waitForEvent('page'),
      list.getByRole('link', { name: `Gespreksverslag ${dutch(today)} (opent in een nieuw venster)` }).click(),
    ]);
    await report.getByRole('heading', { level: 1, name: 'Gespreksverslag' }).waitFor();
    expect(await report.getByText(name, { exact: false }).count()).toBeGreaterThan(0);
    await report.getByRole('img', { name: 'Spinnenweb Positieve Gezondheid' }).waitFor();
    expect(await report.getByRole('columnheader', { name: `Vorig gesprek (${dutch(earlier)})` }).count()).toBe(1);
    await report.getByText('Voorliggend veld — gekozen trede').waitFor();
    await report.getByText('Welzijn op recept via de huisarts.').waitFor();
    expect(await axeViolations(report)).toEqual([]);
    await report.screenshot({ path: path.join(SCREENSHOTS, 'conversation-report.png'), fullPage: true });
    await report.close();
  });
});
