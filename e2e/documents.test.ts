import { createHash, randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uniqueBsn } from '../test/support/factories.js';
import { areaOfUser, axeViolations, browserSuite, logIn } from './support/browser.js';

const suite = browserSuite();
const url = (p: string) => new URL(p, suite.server().baseUrl).toString();

async function page(username: string): Promise<Page> {
  const p = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1024, height: 900 } })).newPage();
  await logIn(p, suite.server().baseUrl, username);
  return p;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('documents on a case, in Chromium', () => {
  it('the consultant adds a PDF to a case (a wrong file is refused at the field), sees it in the list and downloads the same bytes', async () => {
    const consultant = await page('consulent');
    const post = async (to: string, data: object) => {
      const response = await consultant.request.post(url(to), { data });
      expect(response.status(), `${to}: ${await response.text()}`).toBeLessThan(300);
      return response.json() as Promise<Record<string, unknown>>;
    };
    const areaCode = await areaOfUser(suite.server().database, 'GM0935', 'consulent');
    const resident = await post('/api/residents', {
      bsn: uniqueBsn(), givenName: 'Dora', familyName: `Documentmaker${randomInt(1000, 9999)}`, birthDate: '1951-05-06', gender: 'V',
      street: 'Markt', houseNumber: 14, postcode: '6211 CK', city: 'Maastricht', areaCode,
    });
    const c = await post(`/api/residents/${resident.id as string}/cases`, { caseTypeCode: 'WMO-MAATWERK' });

    await consultant.goto(url(`/zaken/${c.id as string}`));
    await consultant.getByRole('heading', { level: 1, name: /^Zaak WMO-/ }).waitFor();
    await consultant.getByText('Nog geen documenten bij deze zaak.').waitFor();
    await consultant.getByRole('button', { name: 'Document toevoegen' }).click();
    const form = consultant.getByRole('form', { name: 'Document toevoegen aan deze zaak' });

    // Nothing chosen: both fields say what is missing, linked to their control.
    await form.getByRole('button', { name: 'Document toevoegen' }).click();
    await form.getByText('Kies het soort document.').waitFor();
    await form.getByText('Kies een bestand om toe te voegen.').waitFor();
    expect(await form.getByLabel('Bestand').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(consultant)).toEqual([]);

    // A text file named .pdf is refused by the server, at the file field.
    await form.getByLabel('Soort document').selectOption('bewijsstuk');
    await form.getByLabel('Bestand').setInputFiles({ name: 'nep.pdf', mimeType: 'application/pdf', buffer: Buffer.from('gewoon tekst\n') });
    await form.getByRole('button', { name: 'Document toevoegen' }).click();
    await form.getByText('Dit soort bestand kan niet. U kunt alleen een PDF, JPEG (foto) of PNG (afbeelding) toevoegen.').waitFor();
    expect(await axeViolations(consultant)).toEqual([]);

    await form.getByLabel('Bestand').setInputFiles({ name: 'Verklaring huisarts.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form.getByRole('button', { name: 'Document toevoegen' }).click();
    const documents = consultant.getByRole('table', { name: 'Documenten bij deze zaak' });
    const link = documents.getByRole('link', { name: 'Verklaring huisarts.pdf' });
    await link.waitFor();
    await documents.getByRole('cell', { name: 'Bewijsstuk' }).waitFor();
    expect(await axeViolations(consultant)).toEqual([]);

    const [download] = await Promise.all([consultant.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('Verklaring huisarts.pdf');
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(PDF).digest('hex'));
  });
});
