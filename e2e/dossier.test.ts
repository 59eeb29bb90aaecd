// The resident's dossier as a consultant uses it all day: a summary at the top (contact person, open
// cases with their legal term, provisions that run today, open signals) and tabs whose choice lives
// in the URL; forms open behind a button. Also the case page: its conversations and notes.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { axeViolations, browserSuite, logIn, residentHitInArea } from './support/browser.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');
const suite = browserSuite();
const isoDaysAgo = (days: number) => todayInAmsterdam(new Date(Date.now() - days * 86_400_000));

const newPage = async (width: number): Promise<Page> => {
  const p = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width, height: 900 } })).newPage();
  await logIn(p, suite.server().baseUrl, 'consulent');
  return p;
};

describe('the resident dossier', () => {
  it('shows a consultant the summary and each tab, with forms behind buttons, accessibly and at 390 px', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const page = await newPage(1280);
    const url = (p: string) => new URL(p, suite.server().baseUrl).toString();
    const post = async (p: string, data: object) => {
      const response = await page.request.post(url(p), { data });
      expect(response.status(), `${p}: ${await response.text()}`).toBeLessThan(300);
      return response.json() as Promise<Record<string, unknown>>;
    };

    // A resident of Centrum (the consultant's team) with a case, a decision and an allocation that runs today (through the API the web uses).
    await page.goto(url('/inwoners'));
    await page.getByLabel('Zoek inwoner').pressSequentially('dassen', { delay: 20 });
    const hit = residentHitInArea(page, 'Centrum', 1);
    await hit.waitFor();
    const name = ((await hit.textContent()) ?? '').trim();
    await hit.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const residentId = /\/inwoners\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const today = todayInAmsterdam();
    const c = await post(`/api/residents/${residentId}/cases`, { caseTypeCode: 'WMO-MAATWERK' });
    await post(`/api/cases/${c.id as string}/status`, { to: 'aanvraag' });
    const products = (await (await page.request.get(url('/api/catalogue/products?q=huishoud&kind=tailored'))).json()) as { id: string; unit: string; name: string }[];
    const product = products.find((p) => p.unit === 'hour')!;
    const decision = await post(`/api/cases/${c.id as string}/decisions`, {
      deliveryForm: 'zin',
      lines: [{ productId: product.id, outcome: 'granted', periodStart: today, periodEnd: `${new Date().getFullYear() + 1}-06-30`, volume: 2, frequency: 'per_week' }],
    });
    expect(decision.status).toBe('approved');
    const detail = (await (await page.request.get(url(`/api/catalogue/products/${product.id}`))).json()) as { providers: { id: string; name: string }[] };
    const lineId = (decision.lines as { id: string }[])[0]!.id;
    await post(`/api/decisions/${decision.id as string}/allocations`, { lineId, providerId: detail.providers[0]!.id });
    // A second case, notified four months ago: its research term has passed.
    const late = await post(`/api/residents/${residentId}/cases`, { caseTypeCode: 'WMO-MAATWERK', notifiedOn: isoDaysAgo(120) });
    // An open signal about the resident.
    await withTenant(suite.server().database.db, 'GM0935', (tx) =>
      tx
        .insertInto('signals')
        .values({ tenant_id: 'GM0935', rule_id: 'zaak-termijn', subject_type: 'case', subject_id: late.id as string, resident_id: residentId, facts: '{}', fingerprint: `e2e-${residentId}`, due_on: isoDaysAgo(2) })
        .execute(),
    );

    await page.reload();
    const summary = page.getByRole('region', { name: 'Samenvatting' });
    await summary.getByText(/^Bram Hermans \(consulent Wmo\), sinds/).waitFor();
    const openCases = summary.getByRole('list', { name: 'Open zaken' });
    await openCases.getByRole('link', { name: c.reference as string }).waitFor();
    const lateItem = openCases.getByRole('listitem').filter({ hasText: late.reference as string });
    await lateItem.locator('strong.koers-overdue').filter({ hasText: /onderzoek: \d+ dagen te laat/ }).waitFor();
    await summary.getByRole('list', { name: 'Lopende voorzieningen' }).getByText(new RegExp(`^${product.name.replace(/[()]/g, '.')}, ${detail.providers[0]!.name.replace(/[()]/g, '.')}`)).waitFor();
    await summary.getByRole('list', { name: 'Open signalen' }).getByRole('link', { name: 'Wettelijke termijn binnen 5 werkdagen of verstreken' }).waitFor();

    // The tabs: the consultant starts on Zaken; each tab has its own panel.
    const tablist = page.getByRole('tablist', { name: 'Dossier' });
    expect(await tablist.getByRole('tab').allInnerTexts()).toEqual(['Contacten', 'Zaken', 'Gesprekken', 'Besluiten', 'Voorzieningen', 'Documenten', 'Bijstand', 'Tijdlijn']);
    expect(await tablist.getByRole('tab', { name: 'Zaken' }).getAttribute('aria-selected')).toBe('true');
    const panel = page.getByRole('tabpanel');
    const expected: [string, string][] = [
      ['Contacten', 'Klantcontacten'],
      ['Zaken', 'Zaken'],
      ['Gesprekken', 'Gesprekken (Positieve Gezondheid)'],
      ['Besluiten', 'Besluiten'],
      ['Voorzieningen', 'Voorzieningen'],
      ['Documenten', 'Documenten'],
      ['Bijstand', 'Bijstand'],
      ['Tijdlijn', 'Tijdlijn'],
    ];
    for (const [tab, heading] of expected) {
      await tablist.getByRole('tab', { name: tab }).click();
      await panel.getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
      expect(page.url()).toContain(`tab=${tab.toLowerCase()}`);
      expect(await axeViolations(page), tab).toEqual([]);
    }
    await tablist.getByRole('tab', { name: 'Voorzieningen' }).click();
    await panel.getByRole('cell', { name: 'Loopt' }).waitFor();
    await tablist.getByRole('tab', { name: 'Besluiten' }).click();
    await panel.getByText(new RegExp(`^Toegekend: ${product.name.replace(/[()]/g, '.')}`)).waitFor();

    // Arrow keys move between tabs; the URL follows, so refresh and back keep the place.
    await tablist.getByRole('tab', { name: 'Besluiten' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tablist.getByRole('tab', { name: 'Voorzieningen' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Voorzieningen');
    await page.keyboard.press('Home');
    await expect.poll(() => tablist.getByRole('tab', { name: 'Contacten' }).getAttribute('aria-selected')).toBe('true');
    expect(page.url()).toContain('tab=contacten');
    await page.reload();
    expect(await page.getByRole('tablist', { name: 'Dossier' }).getByRole('tab', { name: 'Contacten' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tab', { name: 'Gesprekken' }).click();
    await page.goBack();
    await expect.poll(() => page.getByRole('tab', { name: 'Contacten' }).getAttribute('aria-selected')).toBe('true');

    // A form opens behind its button, takes the focus, and gives it back on "Annuleren".
    await page.getByRole('button', { name: 'Contact vastleggen' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id && document.querySelector(`label[for="${document.activeElement.id}"]`)?.textContent)).toBe('Kanaal');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Contact vastleggen');

    // A conversation is recorded against a case: with two open cases the consultant picks one.
    await page.getByRole('tab', { name: 'Gesprekken' }).click();
    await page.getByRole('button', { name: 'Nieuw gesprek' }).click();
    const caseField = page.getByLabel('Zaak', { exact: true });
    expect(await caseField.inputValue()).toBe('');
    await caseField.selectOption(c.id as string);
    const dimensions = ['Lichaamsfuncties', 'Mentaal welbevinden', 'Zingeving', 'Kwaliteit van leven', 'Meedoen', 'Dagelijks functioneren'];
    for (const [i, d] of dimensions.entries()) await page.getByLabel(d, { exact: true }).fill(String(4 + i));
    await page.getByRole('radio', { name: /Maatwerk/ }).check();
    await page.getByLabel('Onderbouwing van de gekozen trede').fill('Netwerk en buurtcentrum zijn benut; schoonmaken lukt niet meer zelf.');
    await page.getByLabel('Afspraken', { exact: true }).fill('Hulp bij het huishouden, twee uur per week');
    await page.getByRole('button', { name: 'Gesprek opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Het gesprek is opgeslagen.' }).waitFor();
    await page.getByRole('table', { name: 'Alle gesprekken, nieuwste eerst' }).getByRole('cell', { name: c.reference as string }).waitFor();

    await page.getByRole('tab', { name: 'Zaken' }).click();
    await page.getByRole('tabpanel').getByRole('link', { name: c.reference as string }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dossier.png'), fullPage: true });

    // The case page: its conversation and notes with author and Dutch date-time.
    await page.getByRole('tabpanel').getByRole('link', { name: c.reference as string }).click();
    await page.getByRole('heading', { level: 1, name: `Zaak ${c.reference as string}` }).waitFor();
    await page.getByRole('region', { name: 'Gesprekken bij deze zaak' }).getByRole('cell', { name: 'Maatwerk', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Notitie toevoegen' }).click();
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    await page.getByText('Schrijf een notitie.').waitFor();
    await page.getByLabel('Notitie', { exact: true }).fill('Huisbezoek gepland; dochter is aanwezig.');
    await page.getByRole('button', { name: 'Notitie opslaan' }).click();
    const notes = page.getByRole('list', { name: 'Notities, nieuwste eerst' });
    await notes.getByText('Huisbezoek gepland; dochter is aanwezig.').waitFor();
    await notes.getByText('Bram Hermans (consulent Wmo)').waitFor();
    expect(await notes.locator('time').first().textContent()).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Notitie toevoegen');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dossier-case.png'), fullPage: true });

    // 390 px: no sideways scrolling, the tabs wrap.
    const narrow = await newPage(390);
    await narrow.goto(url(`/inwoners/${residentId}?tab=zaken`));
    await narrow.getByRole('region', { name: 'Samenvatting' }).getByRole('list', { name: 'Open zaken' }).waitFor();
    await narrow.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Zaken' }).waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(narrow)).toEqual([]);
    await narrow.screenshot({ path: path.join(SCREENSHOTS, 'dossier-390.png'), fullPage: true });
  });

  it('shows the KCC first line only what its scope allows, without refusals', async () => {
    const kcc = await (await suite.browser().newContext({ locale: 'nl-NL' })).newPage();
    await logIn(kcc, suite.server().baseUrl, 'kcc');
    const refused: string[] = [];
    kcc.on('response', (r) => {
      if (r.status() === 403) refused.push(r.url());
    });
    await kcc.goto(new URL('/inwoners', suite.server().baseUrl).toString());
    await kcc.getByLabel('Zoek inwoner').pressSequentially('dassen', { delay: 20 });
    const hit = residentHitInArea(kcc, 'Centrum', 1);
    await hit.waitFor();
    await hit.click();
    const summary = kcc.getByRole('region', { name: 'Samenvatting' });
    await summary.getByRole('heading', { level: 3, name: 'Open zaken' }).waitFor();
    expect(await summary.getByRole('heading', { level: 3, name: 'Lopende voorzieningen' }).count()).toBe(0);
    expect(await summary.getByRole('heading', { level: 3, name: 'Open signalen' }).count()).toBe(0);
    expect(await kcc.getByRole('tablist', { name: 'Dossier' }).getByRole('tab').allInnerTexts()).toEqual(['Contacten', 'Zaken', 'Tijdlijn']);
    for (const tab of ['Zaken', 'Tijdlijn', 'Contacten']) {
      await kcc.getByRole('tab', { name: tab }).click();
      await kcc.getByRole('tabpanel').getByRole('heading', { level: 2 }).first().waitFor();
    }
    await kcc.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    expect(await axeViolations(kcc)).toEqual([]);
  });
});
