import { createHash, randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withTenant } from '../src/db/tenancy.js';
import { isValidBsn } from '../src/platform/elfproef.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { areaOfUser, axeViolations, browserSuite, logIn } from './support/browser.js';

const suite = browserSuite();
const url = (p: string) => new URL(p, suite.server().baseUrl).toString();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const LETTER = Buffer.from('%PDF-1.4\n% Besluit Wmo\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A BSN from the fictitious 999 range (elfproef), as the DigiD-simulatie offers. */
function demoBsn(): string {
  for (;;) {
    const digits = [9, 9, 9, ...Array.from({ length: 5 }, () => randomInt(0, 10))];
    const last = digits.reduce((s, d, i) => s + d * (9 - i), 0) % 11;
    const bsn = `${digits.join('')}${last}`;
    if (last <= 9 && isValidBsn(bsn)) return bsn;
  }
}

async function newPage(): Promise<Page> {
  return (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1024, height: 900 } })).newPage();
}

describe('Mijn gemeente (resident portal), in Chromium', () => {
  it('a resident signs in through the DigiD-simulatie, sees the case with its term, opens the letter, sends a PDF for a request and signs out', async () => {
    // The municipality's side: a resident with a case, a decision letter and a request for documents.
    const consultant = await newPage();
    await logIn(consultant, suite.server().baseUrl, 'consulent');
    const post = async (to: string, data: object) => {
      const response = await consultant.request.post(url(to), { data });
      expect(response.status(), `${to}: ${await response.text()}`).toBeLessThan(300);
      return response.json() as Promise<Record<string, unknown>>;
    };
    const areaCode = await areaOfUser(suite.server().database, 'GM0935', 'consulent');
    const familyName = `Portaalmans${randomInt(1000, 9999)}`;
    const resident = await post('/api/residents', {
      bsn: demoBsn(), givenName: 'Petra', familyName, birthDate: '1958-03-09', gender: 'V',
      street: 'Markt', houseNumber: 3, postcode: '6211 CK', city: 'Maastricht', areaCode,
    });
    const c = await post(`/api/residents/${resident.id as string}/cases`, { caseTypeCode: 'WMO-MAATWERK', notifiedOn: todayInAmsterdam() });
    await post(`/api/cases/${c.id as string}/document-requests`, { description: 'Een brief van uw huisarts over uw beperking', dueOn: '2999-01-12' });
    const consultantId = await withTenant(suite.server().database.db, 'GM0935', async (tx) => (await tx.selectFrom('users').select('id').where('username', '=', 'consulent').executeTakeFirstOrThrow()).id);
    await withTenant(suite.server().database.db, 'GM0935', (tx) =>
      tx.insertInto('case_documents').values({ tenant_id: 'GM0935', case_id: c.id as string, resident_id: resident.id as string, decision_id: null, kind: 'decision_letter', title: 'Besluit Wmo', media_type: 'application/pdf', bytes: LETTER, sha256: createHash('sha256').update(LETTER).digest('hex'), created_by: consultantId }).execute(),
    );

    // The resident: sign in with the DigiD-simulatie.
    const page = await newPage();
    await page.goto(url('/mijn'));
    await page.getByRole('heading', { level: 1, name: 'Inloggen op Mijn gemeente' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Inloggen met DigiD – gemeente Maastricht' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen met de DigiD-simulatie' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: new RegExp(`Petra ${familyName}`) }).click();

    // Back in the portal: Mijn aanvragen with the case and its term in plain words.
    await page.getByRole('heading', { level: 1, name: 'Mijn aanvragen' }).waitFor();
    await page.getByText(`Ingelogd als`).waitFor();
    await page.getByText(/^Wij zijn klaar met ons onderzoek uiterlijk op \d{1,2} [a-z]+ \d{4}\.$/).waitFor();
    await page.getByText('Wij hebben nog documenten van u nodig. Open de aanvraag om ze te sturen.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: /\(WMO-/ }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText('Stuur de documenten uiterlijk op 12 januari 2999.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The letter opens as the same PDF.
    const letterLink = page.getByRole('link', { name: /Besluit Wmo \(PDF/ });
    const letter = await page.request.get(url((await letterLink.getAttribute('href'))!));
    expect(letter.status()).toBe(200);
    expect(letter.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await letter.body()).equals(LETTER)).toBe(true);

    // Sending a document for the request.
    const form = page.getByRole('form', { name: 'Document sturen: Een brief van uw huisarts over uw beperking' });
    await form.getByRole('button', { name: 'Document sturen' }).click();
    await form.getByText('Kies een bestand om te sturen.').waitFor();
    await form.getByLabel('Kies het bestand').setInputFiles({ name: 'brief-huisarts.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form.getByRole('button', { name: 'Document sturen' }).click();
    await page.getByText('Wij hebben een document van u ontvangen.').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'brief-huisarts.pdf' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // An ended session (here: removed, as after 15 minutes without use): a reload shows the sign-in,
    // which brings the resident back to this very page.
    const casePath = new URL(page.url()).pathname;
    await withTenant(suite.server().database.db, 'GM0935', (tx) => tx.deleteFrom('resident_sessions').where('resident_id', '=', resident.id as string).execute());
    await page.reload();
    const again = page.getByRole('link', { name: 'Inloggen met DigiD – gemeente Maastricht' });
    await again.waitFor();
    expect(new URL((await again.getAttribute('href'))!, url('/')).searchParams.get('terug')).toBe(casePath);
    expect(await axeViolations(page)).toEqual([]);
    await again.click();
    await page.getByRole('button', { name: new RegExp(`Petra ${familyName}`) }).click();
    await page.getByText('Wij hebben een document van u ontvangen.').waitFor();
    expect(new URL(page.url()).pathname).toBe(casePath);

    // Signing out ends the session.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByText('U bent uitgelogd.').waitFor();
    expect((await page.request.get(url('/api/mijn/aanvragen'))).status()).toBe(401);
  });
});
