import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../test/support/pdf-text.js';
import { axeViolations, browserSuite, logIn, residentHitInArea } from './support/browser.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');

const suite = browserSuite();

const page = async (username: string, width = 1280): Promise<Page> => {
  const p = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width, height: 900 } })).newPage();
  await logIn(p, suite.server().baseUrl, username);
  return p;
};
const menu = (p: Page) => p.getByRole('navigation', { name: 'Hoofdmenu' });
/** The number in the menu badge of "Mijn werk" (what waits for this employee). */
const waiting = async (p: Page): Promise<number> => {
  const link = menu(p).getByRole('link', { name: /^Mijn werk/ });
  await link.locator('.koers-nav__count').waitFor();
  return Number(/\d+/.exec((await link.locator('.koers-nav__count').textContent()) ?? '')?.[0]);
};

describe('"Mijn werk" is the start page of casework', () => {
  it('KCC forwards a contact → the consultant handles it from Mijn werk; a costly decision is approved from the team lead’s queue', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // KCC: a resident of Centrum (the demo consultant's social team) calls; the question goes to the area team.
    const kcc = await page('kcc');
    await menu(kcc).getByRole('link', { name: 'Inwoners' }).click();
    await kcc.getByLabel('Zoek inwoner').pressSequentially('dassen', { delay: 20 });
    const hit = residentHitInArea(kcc, 'Centrum', 0);
    await hit.waitFor();
    const name = ((await hit.textContent()) ?? '').trim();
    await hit.click();
    await kcc.getByRole('heading', { level: 1, name }).waitFor();
    const residentId = /\/inwoners\/([0-9a-f-]{36})/.exec(kcc.url())![1]!;
    // Its own subject per try: a retry finds the first try's callback still open on the same resident.
    const subject = `Vraag over een scootmobiel (${Date.now().toString(36)})`;
    await kcc.getByRole('button', { name: 'Contact vastleggen' }).click();
    await kcc.getByLabel('Onderwerp').fill(subject);
    await kcc.getByLabel('Notitie', { exact: true }).fill('Bel liefst na 10:00; dochter is dan aanwezig.');
    await kcc.getByLabel('Afhandeling').selectOption('routed');
    await kcc.getByLabel('Doorzetten naar').selectOption('area_team');
    await kcc.getByRole('button', { name: 'Contact opslaan' }).click();
    await kcc.getByRole('row').filter({ hasText: subject }).getByRole('cell', { name: /^Doorgezet naar Sociaal team / }).waitFor();

    // Consultant: the start page after login is "Mijn werk", with the callback, the KCC's note and who took the call.
    const consultant = await page('consulent');
    await consultant.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
    expect(await menu(consultant).getByRole('link').first().getAttribute('aria-current')).toBe('page');
    const callbacks = consultant.getByRole('table', { name: 'Open terugbelverzoeken, het eerst te bellen bovenaan' });
    const row = callbacks.getByRole('row').filter({ hasText: subject });
    await row.waitFor();
    expect(await row.getByRole('link', { name }).count()).toBe(1);
    await row.getByText('Bel liefst na 10:00; dochter is dan aanwezig.').waitFor();
    await row.getByText(/^Karin Coenen \(KCC\), /).waitFor();
    for (const heading of ['Mijn zaken', 'Mijn signalen']) await consultant.getByRole('heading', { level: 2, name: new RegExp(`^${heading}`) }).waitFor();
    const before = await waiting(consultant);
    expect(before).toBeGreaterThan(0);
    expect(await axeViolations(consultant)).toEqual([]);
    await consultant.screenshot({ path: path.join(SCREENSHOTS, 'my-work-consultant.png'), fullPage: true });

    // Called back: marked done with a note; it leaves the list and the count in the menu goes down.
    await row.getByRole('button', { name: `Terugbelverzoek ${subject} afhandelen` }).click();
    await consultant.getByLabel('Notitie bij het terugbellen (niet verplicht)').fill('Teruggebeld; huisbezoek gepland.');
    await consultant.getByRole('button', { name: 'Opslaan als afgehandeld' }).click();
    await row.waitFor({ state: 'detached' });
    await expect.poll(() => waiting(consultant)).toBe(before - 1);
    expect(await axeViolations(consultant)).toEqual([]);

    // The consultant opens a case and drafts a decision above the four-eyes threshold (through the API the web uses).
    const post = async (url: string, data: object) => {
      const response = await consultant.request.post(new URL(url, suite.server().baseUrl).toString(), { data });
      expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
      return response.json() as Promise<Record<string, unknown>>;
    };
    const products = (await (await consultant.request.get(new URL('/api/catalogue/products?q=huishoud&kind=tailored', suite.server().baseUrl).toString())).json()) as { id: string; unit: string }[];
    const c = await post(`/api/residents/${residentId}/cases`, { caseTypeCode: 'WMO-MAATWERK' });
    await post(`/api/cases/${c.id as string}/status`, { to: 'aanvraag' });
    const year = new Date().getFullYear() + 1;
    const line = { productId: products.find((p) => p.unit === 'hour')!.id, outcome: 'granted', periodStart: `${year}-01-05`, periodEnd: `${year}-12-31`, volume: 10, frequency: 'per_week' };
    const decision = await post(`/api/cases/${c.id as string}/decisions`, { deliveryForm: 'zin', lines: [line] });
    expect(decision.status).toBe('pending_approval');
    const reference = decision.caseReference as string;
    // Until it is approved, the letter is a concept: marked so, and signed by nobody.
    const conceptPdf = await (await consultant.request.get(new URL(`/api/decisions/${decision.id as string}/letter.pdf`, suite.server().baseUrl).toString())).body();
    const concept = (await pdfText(conceptPdf)).text;
    expect(concept).toContain('CONCEPT');
    expect(concept).not.toContain('Ingrid Smeets');

    // Team lead: the queue on the start page shows it with amount and age; approved there, it leaves the queue.
    const lead = await page('teamleider');
    await lead.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
    const queue = lead.getByRole('table', { name: 'Beschikkingen die op goedkeuring wachten' });
    const pending = queue.getByRole('row').filter({ has: lead.getByRole('link', { name: reference }) });
    await pending.waitFor();
    expect(await pending.getByRole('link', { name }).count()).toBe(1);
    await pending.getByText(/€\s?[\d.]+,\d{2}/).waitFor();
    await pending.getByRole('cell', { name: 'vandaag' }).waitFor();
    await pending.getByRole('cell', { name: 'Bram Hermans (consulent Wmo)' }).waitFor();
    const caseload = lead.getByRole('table', { name: /^Caseload van .* per medewerker$/ }).first();
    await caseload.getByRole('rowheader').first().waitFor();
    expect(await axeViolations(lead)).toEqual([]);
    await lead.screenshot({ path: path.join(SCREENSHOTS, 'my-work-teamlead.png'), fullPage: true });
    const approvals = async () => Number(/\((\d+)\)/.exec((await lead.getByRole('heading', { level: 2, name: /^Goedkeuren/ }).textContent()) ?? '')?.[1]);
    const queued = await approvals();
    await pending.getByRole('button', { name: `Beschikking ${reference} goedkeuren` }).click();
    await pending.waitFor({ state: 'detached' });
    await expect.poll(approvals).toBe(queued - 1);
    const approved = await (await lead.request.get(new URL(`/api/decisions/${decision.id as string}`, suite.server().baseUrl).toString())).json();
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'Ingrid Smeets (teamleider)' });
    expect(await axeViolations(lead)).toEqual([]);

    // Approved, the letter is printed and stored with the case: no longer a concept, signed by the decision maker.
    const documentsUrl = new URL(`/api/cases/${c.id as string}/documents`, suite.server().baseUrl).toString();
    const stored = async () => ((await (await consultant.request.get(documentsUrl)).json()) as { documents: { id: string }[] }).documents;
    await expect.poll(async () => (await stored()).length, { timeout: 60_000 }).toBe(1);
    const finalPdf = await (await consultant.request.get(new URL(`/api/documents/${(await stored())[0]!.id}`, suite.server().baseUrl).toString())).body();
    const final = (await pdfText(finalPdf)).text;
    expect(final).not.toContain('CONCEPT');
    expect(final).toContain('namens het college van burgemeester en wethouders');
    expect(final).toContain('Ingrid Smeets');
  });

  it('fits a 390 px screen for consultant and team lead', async () => {
    for (const user of ['consulent', 'teamleider']) {
      const p = await page(user, 390);
      await p.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
      await p.getByRole('heading', { level: 2, name: /^Mijn zaken/ }).waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth), user).toBeLessThanOrEqual(390);
      expect(await axeViolations(p)).toEqual([]);
    }
  });
});
