import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMessage } from '../src/modules/exchange/exchange.xml.js';
import { careMessageSample } from '../test/support/istandaarden.js';
import { asOwnerIn } from '../test/support/database.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';
import { takeAsNewToewijzing } from './support/exchange.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');
const suite = browserSuite();

describe('Berichtenverkeer: the team lead sends the allocations to the providers', () => {
  it('builds the 301s, lists them with the outcome of the check, downloads one, processes the provider’s start of care with its retour; works at 390 px', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const page = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } })).newPage();
    await logIn(page, suite.server().baseUrl, 'teamleider');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Berichtenverkeer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Berichtenverkeer met aanbieders' }).waitFor();
    // The test server has no XSDs configured: the page says so rather than pretending they were checked.
    await page.getByText(/berichten worden gemaakt maar niet technisch gecontroleerd/).waitFor();

    // A running Wmo toewijzing, taken as if made today (the demo's history is migrated), for the outbox to send.
    const { database } = suite.server();
    const chosen = await asOwnerIn(database.db, 'GM0935', (tx) =>
      tx
        .selectFrom('allocation_segments as s')
        .innerJoin('allocations as a', (j) => j.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.allocation_id'))
        .innerJoin('products as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.product_id'))
        .select(['s.id as segmentId', 'a.id as allocationId'])
        .where('s.tenant_id', '=', 'GM0935')
        .where('p.law', '=', 'wmo')
        .where('p.category_code', 'is not', null)
        .where('s.superseded_at', 'is', null)
        .where('s.start_date', '<=', new Date().toISOString().slice(0, 10))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('allocation_segments as o').select('o.id').whereRef('o.allocation_id', '=', 's.allocation_id').whereRef('o.id', '<>', 's.id').where('o.superseded_at', 'is', null))))
        .orderBy('s.allocation_number')
        .executeTakeFirstOrThrow(),
    );
    await takeAsNewToewijzing(database.db, 'GM0935', chosen);

    await page.getByRole('button', { name: 'Toewijzingsberichten nu aanmaken' }).click();
    const status = page.getByRole('status');
    await status.getByText(/aangemaakt met/).waitFor();
    const table = page.getByRole('table', { name: 'Berichten, nieuwste eerst' });
    await table.waitFor();
    const rows = table.getByRole('row');
    expect(await rows.count()).toBeGreaterThan(1);
    await rows.nth(1).getByRole('rowheader', { name: /^iWmo 301 Toewijzing/ }).waitFor();
    await rows.nth(1).getByText('Niet tegen XSD gecontroleerd').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), rows.nth(1).getByRole('link', { name: /^Download/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^WMO301-K\d{9}\.xml$/);
    await page.reload();
    await table.getByText('Gedownload voor verzending').first().waitFor();

    // The provider answers with a start of care for that toewijzing: processed, and a retour 306 is ready.
    const sent = readMessage(readFileSync((await download.path())!)) as {
      Bericht: { Header: { Ontvanger: string }; Client: { Bsn: string; ToegewezenProducten: { ToegewezenProduct: { ToewijzingNummer: string; Ingangsdatum: string }[] } } };
    };
    const allocated = sent.Bericht.Client.ToegewezenProducten.ToegewezenProduct[0]!;
    const start = careMessageSample({
      kind: 'start',
      agbCode: sent.Bericht.Header.Ontvanger,
      identification: 'E2E-START-1',
      bsn: sent.Bericht.Client.Bsn,
      products: [{ number: allocated.ToewijzingNummer, begin: allocated.Ingangsdatum }],
    });
    await page.getByLabel('XML-bestand van de aanbieder').setInputFiles({ name: 'start.xml', mimeType: 'application/xml', buffer: Buffer.from(start) });
    await page.getByRole('button', { name: 'Bericht verwerken' }).click();
    await page.getByRole('status').getByText('iWmo 305 Start zorg: 1 van 1 product verwerkt. iWmo 306 Retourbericht start zorg staat klaar.').waitFor();
    await table.getByRole('rowheader', { name: /^iWmo 306 Retourbericht start zorg/ }).first().waitFor();
    await table.getByRole('rowheader', { name: /^iWmo 305 Start zorg/ }).first().waitFor();
    // A file that is no message is refused, and shows up under Geweigerde berichten with the reason.
    await page.getByLabel('XML-bestand van de aanbieder').setInputFiles({ name: 'kapot.xml', mimeType: 'application/xml', buffer: Buffer.from('<Bericht><Header>') });
    await page.getByRole('button', { name: 'Bericht verwerken' }).click();
    const refused = page.getByRole('table', { name: /geweigerde berichten/i });
    await refused.getByRole('row', { name: /Upload op deze pagina.*Geen geldige XML/ }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'exchange.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await table.waitFor();
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll("body *")).filter((e) => e.getBoundingClientRect().right > 391 && !e.closest('.koers-scroll')).slice(0, 8).map((e) => `${e.tagName}.${e.className}:${Math.round(e.getBoundingClientRect().width)}`),
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth), wide.join(', ')).toBeLessThanOrEqual(390);
  });
});
