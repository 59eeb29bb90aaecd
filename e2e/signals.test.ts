import { describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { runSignals } from '../src/modules/signals/signal.runner.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const suite = browserSuite();

describe('signal worklist, in Chromium', () => {
  it('team lead opens the team worklist, filters on a rule, assigns a signal and marks one handled; axe finds no violations', async () => {
    // The nightly job's work, done now on this test's copy of the demo data.
    await withTenant(suite.server().database.db, 'GM0935', (tx) =>
      runSignals(tx, { traceId: 'e'.repeat(32), parentSpanId: null, actor: null, tenantId: 'GM0935' }, { trigger: 'cli' }),
    );
    const page = await (await suite.browser().newContext({ locale: 'nl-NL' })).newPage();
    await logIn(page, suite.server().baseUrl, 'teamleider');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Signalen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signalen' }).waitFor();

    // Pick a team with open signals.
    const scope = page.getByLabel('Werklijst');
    await scope.locator('option', { hasText: /\([1-9]\d* open\)/ }).first().waitFor({ state: 'attached' });
    // A dropdown shows its arrow (the Utrecht select draws it from a token Koers sets), so it does not look like a text box.
    expect(await scope.evaluate((el) => getComputedStyle(el).backgroundImage)).toMatch(/^url\("data:image\/svg\+xml/);
    const team = (await scope.locator('option', { hasText: /\([1-9]\d* open\)/ }).first().textContent())!;
    await scope.selectOption({ label: team });
    const perRule = page.getByRole('table', { name: 'Aantal signalen per regel' });
    await perRule.waitFor();
    const rule = (await perRule.getByRole('rowheader').first().textContent())!;
    const count = Number(await perRule.getByRole('row').nth(1).getByRole('cell').last().textContent());
    await page.getByLabel('Regel').selectOption({ label: rule });
    const signals = page.getByRole('table', { name: /^Signalen 1–/ });
    await page.getByRole('table', { name: new RegExp(`^Signalen 1–${Math.min(count, 50)} van ${count},`) }).waitFor();
    expect(await signals.getByRole('link', { name: rule }).count()).toBe(Math.min(count, 50));
    expect(await axeViolations(page)).toEqual([]);

    // Assign the first signal to the consultant.
    await signals.getByRole('checkbox', { name: /^Selecteer: / }).first().check();
    await page.getByLabel('Toewijzen aan').selectOption({ label: 'Bram Hermans (consulent Wmo)' });
    await page.getByRole('button', { name: 'Toewijzen (1)' }).click();
    await page.getByText('1 signaal toegewezen.').waitFor();
    await signals.getByRole('cell', { name: /^Bram Hermans \(consulent Wmo\)/ }).first().waitFor();

    // Open it and mark it handled with a note.
    await signals.getByRole('link', { name: rule }).first().click();
    await page.getByRole('heading', { level: 1, name: rule }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Waarom dit signaal' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Afgehandeld' }).click();
    await page.getByText('Schrijf kort wat er gedaan is.').or(page.getByText(/minstens 3 tekens/)).first().waitFor();
    await page.getByLabel('Wat is er gedaan?').fill('Inwoner gebeld, afspraak voor herbeoordeling gemaakt');
    await page.getByRole('button', { name: 'Afgehandeld' }).click();
    await page.getByRole('cell', { name: 'Status gewijzigd: Afgehandeld' }).waitFor();
    await page.getByRole('cell', { name: 'Inwoner gebeld, afspraak voor herbeoordeling gemaakt' }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Afgehandeld' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Back on the list, the handled signal no longer counts as open.
    await page.getByRole('link', { name: 'Terug naar de signalen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signalen' }).waitFor();
    await page.getByLabel('Werklijst').selectOption({ label: team.replace(/\(\d+ open\)/, `(${Number(/\((\d+) open\)/.exec(team)![1]) - 1} open)`) });
  });
});
