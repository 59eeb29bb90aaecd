import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, browserSuite, logIn, residentHitInArea } from './support/browser.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');

const suite = browserSuite();

const page = async (username: string): Promise<Page> => {
  const p = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } })).newPage();
  await logIn(p, suite.server().baseUrl, username);
  return p;
};
/** '€ 1.234,56' → 123456. */
const euroCents = (text: string): number => Math.round(Number(text.replace(/[^\d,]/g, '').replace(',', '.')) * 100);
const nav = (p: Page, name: string) => p.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name }).click();
/**
 * Tries of the walk so far. CI retries a failed test once, on the same server: the retry takes the
 * next resident, so it does not meet the first try's contact, case and conversation.
 */
let tries = 0;

describe('Wmo from first call to commitment (steps 1–9) as kcc, consulent and teamleider', () => {
  it('ends with the allocation’s commitment on the budget line', async () => {
    // 1. KCC: find the resident while typing and route the question to the area team.
    const kcc = await page('kcc');
    await nav(kcc, 'Inwoners');
    await kcc.getByLabel('Zoek inwoner').pressSequentially('dassen', { delay: 20 });
    // A resident of Centrum, the area of the demo consultant's social team.
    const hit = residentHitInArea(kcc, 'Centrum', 1 + tries++);
    await hit.waitFor();
    const name = (await hit.textContent()) ?? '';
    await hit.click();
    await kcc.getByRole('heading', { level: 1, name }).waitFor();
    await kcc.getByRole('button', { name: 'Contact vastleggen' }).click();
    await kcc.getByLabel('Onderwerp').fill('Hulp in het huishouden lukt niet meer');
    await kcc.getByLabel('Afhandeling').selectOption('routed');
    await kcc.getByLabel('Doorzetten naar').selectOption('area_team');
    await kcc.getByRole('button', { name: 'Contact opslaan' }).click();
    await kcc.getByRole('cell', { name: /^Doorgezet naar Sociaal team / }).waitFor();

    // 2–4. Consultant: the melding starts a case; the consultant becomes the fixed contact person.
    const consultant = await page('consulent');
    await nav(consultant, 'Producten en diensten');
    await consultant.getByLabel('Zoek in de catalogus').fill('huishoud');
    await consultant.getByRole('table').getByRole('link', { name: /huishoud/i }).first().waitFor();
    await nav(consultant, 'Inwoners');
    await consultant.getByLabel('Zoek inwoner').fill(name);
    await consultant.getByRole('table').getByRole('link', { name }).first().click();
    await consultant.getByRole('button', { name: 'Nieuwe zaak' }).click();
    await consultant.getByRole('button', { name: 'Melding registreren' }).click();
    await consultant.getByText(/^Bram Hermans \(consulent Wmo\), sinds/).waitFor();

    // 5. Conversation in the Positieve Gezondheid method.
    // The conversation is the research report of the case: with one open case, that case is chosen.
    await consultant.getByRole('tab', { name: 'Gesprekken' }).click();
    await consultant.getByRole('button', { name: 'Nieuw gesprek' }).click();
    await expect.poll(async () => (await consultant.getByLabel('Zaak', { exact: true }).locator('option:checked').textContent()) ?? '').toMatch(/^WMO-\d{4}-\d{5} /);
    const dimensions = ['Lichaamsfuncties', 'Mentaal welbevinden', 'Zingeving', 'Kwaliteit van leven', 'Meedoen', 'Dagelijks functioneren'];
    for (const [i, d] of dimensions.entries()) await consultant.getByLabel(d, { exact: true }).fill(String(4 + i));
    await consultant.getByRole('radio', { name: /Maatwerk/ }).check();
    await consultant.getByLabel('Onderbouwing van de gekozen trede').fill('Netwerk en buurtcentrum zijn benut; schoonmaken lukt niet meer zelf.');
    await consultant.getByLabel('Afspraken', { exact: true }).fill('Aanvraag hulp bij het huishouden');
    await consultant.getByRole('button', { name: 'Gesprek opslaan' }).click();
    await consultant.getByRole('status').filter({ hasText: 'Het gesprek is opgeslagen.' }).waitFor();

    // 6. Application and decision: above the threshold, so it waits for four eyes.
    await consultant.getByRole('link', { name: /^WMO-\d{4}-\d{5}$/ }).first().click();
    await consultant.getByRole('heading', { level: 1, name: /^Zaak WMO-/ }).waitFor();
    const caseUrl = consultant.url();
    // The case lists the conversation recorded against it.
    await consultant.getByRole('region', { name: 'Gesprekken bij deze zaak' }).getByRole('cell', { name: 'Maatwerk', exact: true }).waitFor();
    await consultant.getByRole('button', { name: 'Naar aanvraag' }).click();
    await consultant.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await consultant.getByRole('heading', { level: 3, name: 'Beschikking opstellen' }).waitFor();
    // One decision, two products: household help granted, a second product refused with a reason.
    const product = consultant.getByLabel('Product 1', { exact: true });
    const option = await product.locator('option', { hasText: /huishouden.*uur per week/i }).first().getAttribute('value');
    await product.selectOption(option!);
    // A Wmo case offers only Wmo products: no Jeugdwet products such as Pleegzorg or Gezinshuis.
    const offered = await product.locator('option').allTextContents();
    expect(offered.length).toBeGreaterThan(2);
    expect(offered.filter((o) => /pleegzorg|gezinshuis|jeugd/i.test(o))).toEqual([]);
    const year = new Date().getFullYear() + 1;
    await consultant.getByLabel('Ingangsdatum product 1').fill(`${year}-01-05`);
    await consultant.getByLabel('Einddatum product 1').fill(`${year}-12-31`);
    await consultant.getByLabel('Omvang product 1').fill('8');
    await consultant.getByRole('button', { name: 'Product toevoegen' }).click();
    const refusedProduct = consultant.getByLabel('Product 2', { exact: true });
    const refusedOption = await refusedProduct.locator('option', { hasText: /begeleiding/i }).first().getAttribute('value');
    await refusedProduct.selectOption(refusedOption!);
    await consultant.getByLabel('Besluit over product 2').selectOption('refused');
    await consultant.getByLabel('Ingangsdatum product 2').fill(`${year}-01-05`);
    await consultant.getByLabel('Einddatum product 2').fill(`${year}-12-31`);
    // A refusal without a reason is refused, with the message at the field.
    await consultant.getByRole('button', { name: 'Beschikking vastleggen' }).click();
    await consultant.getByText('Leg uit waarom wordt afgewezen.').waitFor();
    await consultant.getByLabel('Reden van afwijzing product 2').fill('Dagbesteding in het buurtcentrum (voorliggend veld) past en is beschikbaar.');
    await consultant.getByRole('button', { name: 'Beschikking vastleggen' }).click();
    await consultant.getByText('Wacht op goedkeuring (vier ogen)').waitFor();
    expect(await axeViolations(consultant)).toEqual([]);

    const lead = await page('teamleider');
    const committedOn = async (code: string): Promise<number> => {
      // A fresh page load each time: the figures must come from the server, not from a cached view.
      await lead.goto(new URL('/begroting', lead.url()).toString());
      await lead.getByLabel('Begrotingsjaar').fill(String(year));
      // The figures of that year, not the default year's still on screen while it loads.
      await lead.getByText(new RegExp(`^Stand ${year}:`)).waitFor();
      const line = lead.getByRole('row', { name: new RegExp(`^${code.replace('.', '\\.')} `) });
      await line.waitFor();
      return euroCents((await line.getByRole('cell').nth(1).textContent()) ?? '');
    };
    // Household help is booked on taakveld 6.711; note what was committed there before.
    const before = await committedOn('6.711');
    await lead.goto(caseUrl);
    await lead.getByRole('button', { name: 'Goedkeuren' }).click();
    await lead.getByText(/^Afgegeven/).waitFor();

    // 7–9. Allocation to a contracted provider creates the commitment on the budget line.
    await consultant.reload();
    const provider = consultant.getByLabel(/^Aanbieder voor /);
    await provider.locator('option').nth(1).waitFor({ state: 'attached' });
    await provider.selectOption({ index: 1 });
    await consultant.getByRole('button', { name: 'Toewijzen' }).click();
    const row = consultant.getByRole('table', { name: 'Toewijzingen en verplichtingen' }).getByRole('row').nth(1);
    await row.waitFor();
    const commitmentText = (await row.getByRole('cell').nth(4).textContent()) ?? '';
    const [, amount] = /^\d{4}: (€ [\d.,]+)$/.exec(commitmentText.replace(/\u00a0/g, ' ')) ?? [];
    expect(amount).toBeDefined();
    const budgetLine = (await row.getByRole('cell').nth(3).textContent()) ?? '';
    await consultant.screenshot({ path: path.join(SCREENSHOTS, 'decision-allocation.png'), fullPage: true });

    expect(budgetLine).toBe('6.711');
    // The page may show the cached figure for a moment while it refetches: wait for the new one.
    await expect.poll(async () => (await committedOn('6.711')) - before, { timeout: 10_000 }).toBe(euroCents(amount!));
    expect(await axeViolations(lead)).toEqual([]);
    await consultant.getByText(/^Afgewezen: .*reden: Dagbesteding in het buurtcentrum/).waitFor();

    // Ending the allocation early recomputes the commitment and keeps its history.
    await row.getByText('Wijzigen of beëindigen').click();
    await row.getByLabel('Met ingang van').fill(`${year}-08-01`);
    await row.getByLabel('Nieuwe einddatum').fill(`${year}-07-31`);
    await row.getByLabel('Reden van de wijziging').fill('Inwoner verhuist naar Heerlen');
    await row.getByRole('button', { name: 'Wijziging vastleggen' }).click();
    await row.getByText(/Inwoner verhuist naar Heerlen/).first().waitFor();
    const endedText = (await row.getByRole('cell').nth(4).textContent()) ?? '';
    const [, endedAmount] = /^\d{4}: (€ [\d.,]+)$/.exec(endedText.replace(/\u00a0/g, ' ')) ?? [];
    expect(euroCents(endedAmount!)).toBeLessThan(euroCents(amount!));
    await expect.poll(async () => (await committedOn('6.711')) - before, { timeout: 10_000 }).toBe(euroCents(endedAmount!));
    expect(await axeViolations(consultant)).toEqual([]);

    // A raise far above the four-eyes threshold waits for the team lead; nothing is committed until then.
    await row.getByLabel('Met ingang van').fill(`${year}-06-01`);
    await row.getByLabel('Nieuwe omvang').fill('40');
    await row.getByLabel('Nieuwe einddatum').fill('');
    await row.getByLabel('Reden van de wijziging').fill('Mantelzorger valt weg');
    await row.getByRole('button', { name: 'Wijziging vastleggen' }).click();
    await row.getByText(/De wijziging wacht op goedkeuring/).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);
    expect((await committedOn('6.711')) - before).toBe(euroCents(endedAmount!));
    await lead.goto(caseUrl);
    const leadRow = lead.getByRole('table', { name: 'Toewijzingen en verplichtingen' }).getByRole('row').nth(1);
    await leadRow.getByText(/Wijziging wacht op goedkeuring/).waitFor();
    expect(await axeViolations(lead)).toEqual([]);
    await leadRow.getByRole('button', { name: 'Wijziging goedkeuren' }).click();
    await leadRow.getByText(/Mantelzorger valt weg/).first().waitFor();
    await expect.poll(async () => (await committedOn('6.711')) - before, { timeout: 10_000 }).toBeGreaterThan(euroCents(endedAmount!));
  });
});
