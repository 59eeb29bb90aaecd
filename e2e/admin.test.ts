import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');
const suite = browserSuite();

const newPage = async (width = 1280): Promise<Page> => {
  const p = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width, height: 900 } })).newPage();
  p.setDefaultTimeout(10_000);
  return p;
};

async function logInWith(p: Page, username: string, password: string): Promise<void> {
  await p.goto(`${suite.server().baseUrl}/`);
  await p.getByLabel('Gebruikersnaam').fill(username);
  await p.getByLabel('Wachtwoord').fill(password);
  await p.getByRole('button', { name: 'Inloggen' }).click();
}

describe('Beheer in Chromium', () => {
  it('creates an employee who logs in with the one-time password, deactivates them, and changes the four-eyes threshold', async () => {
    const admin = await newPage();
    await logIn(admin, suite.server().baseUrl, 'beheerder');
    await admin.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Medewerkers' }).waitFor();
    await admin.getByRole('rowheader', { name: /Ruud Dassen/ }).waitFor();
    expect(await axeViolations(admin)).toEqual([]);

    // A name of its own per try too: a retry lists the first try's employee, and their buttons carry the name.
    const tag = Date.now().toString(36);
    const username = `e2e-${tag}`;
    const fullName = `Esther Nieuw ${tag}`;
    await admin.getByLabel('Gebruikersnaam').fill(username);
    await admin.getByLabel('Volledige naam').fill(fullName);
    await admin.getByLabel('Functie').fill('Consulent Wmo');
    await admin.getByRole('checkbox', { name: 'Consulent' }).check();
    await admin.getByRole('button', { name: 'Medewerker aanmaken' }).click();
    const password = (await admin.locator('.koers-password').textContent())!;
    expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await admin.getByRole('rowheader', { name: new RegExp(`${fullName} ${username}`) }).waitFor();
    await admin.getByRole('table', { name: /wijzigingen/ }).getByText(`${fullName} (${username})`).waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'admin.png'), fullPage: true });

    // The one-time password only lets the employee in to choose an own password: nothing else is reachable.
    const employee = await newPage();
    await logInWith(employee, username, password);
    await employee.getByRole('heading', { level: 1, name: 'Kies een eigen wachtwoord' }).waitFor();
    expect(await employee.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
    expect(await axeViolations(employee)).toEqual([]);
    await employee.goto(`${suite.server().baseUrl}/zaken`);
    await employee.getByRole('heading', { level: 1, name: 'Kies een eigen wachtwoord' }).waitFor();
    const blocked = await employee.evaluate(async () => (await fetch('/api/cases/mine')).status);
    expect(blocked).toBe(403);

    const own = 'mijn eigen wachtwoord voor koers';
    const current = employee.getByLabel('Tijdelijk wachtwoord van de beheerder');
    await current.fill(password);
    await employee.getByLabel('Nieuw wachtwoord', { exact: true }).fill('te kort');
    await employee.getByLabel('Herhaal het nieuwe wachtwoord').fill('te kort');
    await employee.getByRole('button', { name: 'Wachtwoord opslaan en verder' }).click();
    await employee.getByText('Kies een wachtwoord van minstens 12 tekens.').waitFor();
    // The focus moves to the field with the error, whose message is read with it.
    expect(await employee.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('new-password');
    expect(await employee.getByLabel('Nieuw wachtwoord', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await current.getAttribute('autocomplete')).toBe('current-password');
    expect(await axeViolations(employee)).toEqual([]);
    await employee.setViewportSize({ width: 390, height: 844 });
    expect(await employee.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await employee.screenshot({ path: path.join(SCREENSHOTS, 'admin-own-password-390.png'), fullPage: true });
    await employee.setViewportSize({ width: 1280, height: 900 });

    await employee.getByLabel('Nieuw wachtwoord', { exact: true }).fill(own);
    await employee.getByLabel('Herhaal het nieuwe wachtwoord').fill(own);
    await employee.getByRole('button', { name: 'Wachtwoord opslaan en verder' }).click();
    await employee.getByRole('heading', { level: 1, name: /^(Welkom|Mijn werk)/ }).waitFor();
    await employee.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();

    await admin.getByRole('button', { name: `${fullName} uitschakelen` }).click();
    await admin.getByRole('button', { name: `${fullName} activeren` }).waitFor();
    // The running session has ended, and a new login is refused.
    await employee.reload();
    await employee.getByRole('button', { name: 'Inloggen' }).waitFor();
    await logInWith(employee, username, own);
    await employee.getByText('Gebruikersnaam of wachtwoord is onjuist.').waitFor();

    await admin.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Instellingen' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Instellingen' }).waitFor();
    const threshold = admin.getByLabel('Vierogengrens voor beschikkingen (euro per jaar)');
    await threshold.fill('7.500');
    await admin.getByRole('button', { name: 'Opslaan' }).click();
    await admin.getByText('Opgeslagen.').waitFor();
    await admin.getByRole('table', { name: /wijzigingen/ }).getByText(/gewijzigd van €\s[\d.]+,\d\d naar €\s7\.500,00/).waitFor();
    expect(await threshold.inputValue()).toBe('7.500');
    expect(await axeViolations(admin)).toEqual([]);

    await admin.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Zaaktypen' }).click();
    await admin.getByRole('heading', { level: 2, name: /^Jeugdhulp/ }).waitFor();
    await admin.getByText(/beslissen binnen 8 weken/).first().waitFor();
    expect(await admin.locator('main').textContent()).not.toMatch(/\bP\d+[WD]\b/);
    expect(await axeViolations(admin)).toEqual([]);

    for (const [link, heading] of [['Sociale teams en wijken', 'Sociale teams en wijken'], ['Begrotingsposten', 'Begrotingsposten beheren']] as const) {
      await admin.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: link }).click();
      await admin.getByRole('heading', { level: 1, name: heading }).waitFor();
      await admin.getByRole('table').first().waitFor();
      expect(await axeViolations(admin), link).toEqual([]);
    }
  });

  it('creates a machine account for a provider (token shown once, usable on the provider API) and revokes it', async () => {
    const admin = await newPage();
    await logIn(admin, suite.server().baseUrl, 'beheerder');
    await admin.goto(`${suite.server().baseUrl}/beheer/machineaccounts`);
    await admin.getByRole('heading', { level: 1, name: 'Machineaccounts van aanbieders' }).waitFor();
    await admin.getByRole('button', { name: 'Machineaccount aanmaken' }).click();
    await admin.getByText('Kies een aanbieder.').first().waitFor();
    const provider = admin.getByLabel('Aanbieder');
    await provider.locator('option').nth(1).waitFor({ state: 'attached' });
    await provider.selectOption({ index: 1 });
    // Its own description per try: a retry finds the first try's account in the list too.
    const description = `Koppeling e2e ${Date.now().toString(36)}`;
    await admin.getByLabel('Omschrijving').fill(description);
    await admin.getByRole('button', { name: 'Machineaccount aanmaken' }).click();
    const token = (await admin.locator('.koers-password').textContent())!;
    expect(token).toMatch(/^GM0935\.[A-Za-z0-9_-]{43}$/);
    await admin.getByRole('cell', { name: description, exact: true }).waitFor();
    expect(await axeViolations(admin)).toEqual([]);

    const pending = await fetch(`${suite.server().baseUrl}/api/berichten`, { headers: { authorization: `Bearer ${token}` } });
    expect(pending.status).toBe(200);
    await admin.getByRole('button', { name: new RegExp(`Machineaccount ${description} van .* intrekken`) }).click();
    await admin.getByText(/Ingetrokken op/).first().waitFor();
    await admin.getByText(`Machineaccount ‘${description}’ ingetrokken.`).waitFor();
    expect((await fetch(`${suite.server().baseUrl}/api/berichten`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('shows Beheer only to the administrator, and fits a 390 px screen', async () => {
    const consultant = await newPage();
    await logIn(consultant, suite.server().baseUrl, 'consulent');
    expect(await consultant.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).count()).toBe(0);

    const p = await newPage(390);
    await logIn(p, suite.server().baseUrl, 'beheerder');
    for (const [url, heading] of [
      ['/beheer/medewerkers', 'Medewerkers'],
      ['/beheer/teams', 'Sociale teams en wijken'],
      ['/beheer/instellingen', 'Instellingen'],
      ['/beheer/zaaktypen', 'Zaaktypen'],
      ['/beheer/begroting', 'Begrotingsposten beheren'],
      ['/beheer/machineaccounts', 'Machineaccounts van aanbieders'],
    ] as const) {
      await p.goto(`${suite.server().baseUrl}${url}`);
      await p.getByRole('heading', { level: 1, name: heading }).waitFor();
      await p.getByRole('heading', { level: 2, name: 'Wijzigingen' }).waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
      expect(await axeViolations(p), url).toEqual([]);
    }
  });
});
