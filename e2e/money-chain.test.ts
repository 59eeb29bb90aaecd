// The money chain in the browser: an allocation's 301 goes out, the provider's 305 starts the care
// (shown on the resident's file), its 323 declares two lines for last month — one right, one at a
// tariff above the contract — and the budget line's realisation and forecast rise by exactly the
// approved line; the 325 carries the refused line's retour code 0611.
import { describe, expect, it } from 'vitest';
import { writeDeclarationMessage } from '../src/demo/declaration-messages.js';
import { addDays } from '../src/platform/calendar.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { readMessage } from '../src/modules/exchange/exchange.xml.js';
import { asOwnerIn } from '../test/support/database.js';
import { careMessageSample } from '../test/support/istandaarden.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';
import { takeAsNewToewijzing } from './support/exchange.js';

const TENANT = 'GM0935';
const suite = browserSuite();

/** "€ 1.234,56" → 123456 cents. */
const cents = (text: string) => Math.round(Number(text.replace(/[^\d,-]/g, '').replace(',', '.')) * 100);

describe('the money chain: toewijzing → start zorg → declaratie → realisatie en prognose', () => {
  it('books exactly the approved declaration line on the budget line and answers the refused one with its retour code', async () => {
    const page = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1400, height: 900 } })).newPage();
    await logIn(page, suite.server().baseUrl, 'teamleider');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    // A Wmo toewijzing that ran all of last month, with its contract tariff, taken as if new (the
    // demo's history is migrated: see takeAsNewToewijzing) so that the outbox sends its 301.
    const today = todayInAmsterdam();
    const monthStart = `${addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
    const monthEnd = addDays(`${today.slice(0, 7)}-01`, -1);
    const db = suite.server().database.db;
    const chosen = await asOwnerIn(db, TENANT, (tx) =>
      tx
        .selectFrom('allocation_segments as s')
        .innerJoin('allocations as a', (j) => j.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.allocation_id'))
        .innerJoin('products as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.product_id'))
        .innerJoin('provider_tariffs as t', (j) => j.onRef('t.provider_id', '=', 'a.provider_id').onRef('t.product_code', '=', 'p.code'))
        .innerJoin('budget_lines as b', (j) => j.onRef('b.tenant_id', '=', 'a.tenant_id').onRef('b.code', '=', 'a.budget_line_code'))
        .innerJoin('providers as v', 'v.id', 'a.provider_id')
        .select(['s.id as segment_id', 'a.id as allocation_id', 'a.resident_id', 'v.name as provider_name', 'p.name as product_name', 'a.unit', 't.cents_per_unit', 'b.code as line_code', 'b.name as line_name'])
        .where('s.tenant_id', '=', TENANT)
        .where('p.law', '=', 'wmo')
        .where('p.category_code', 'is not', null)
        .where('s.superseded_at', 'is', null)
        .where('s.start_date', '<=', monthStart)
        .where('s.end_date', '>=', monthEnd)
        .where('s.frequency', 'in', ['per_week', 'per_month'])
        .where('a.unit', '=', 'hour')
        .where('t.year', '=', Number(monthStart.slice(0, 4)))
        .where('t.unit', '=', 'hour')
        // The only current segment of its allocation: the 301 carries just this toewijzing as new.
        .where((eb) => eb.not(eb.exists(eb.selectFrom('allocation_segments as o').select('o.id').whereRef('o.allocation_id', '=', 's.allocation_id').whereRef('o.id', '<>', 's.id').where('o.superseded_at', 'is', null))))
        .orderBy('s.allocation_number')
        .executeTakeFirstOrThrow(),
    );
    await takeAsNewToewijzing(db, TENANT, { allocationId: chosen.allocation_id, segmentId: chosen.segment_id });

    await nav.getByRole('link', { name: 'Berichtenverkeer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Berichtenverkeer met aanbieders' }).waitFor();
    await page.getByRole('button', { name: 'Toewijzingsberichten nu aanmaken' }).click();
    await page.getByRole('status').getByText(/aangemaakt met/).waitFor();
    const facts = {
      ...chosen,
      ...(await asOwnerIn(db, TENANT, (tx) =>
        tx
          .selectFrom('exchange_message_segments as ms')
          .innerJoin('exchange_messages as m', (j) => j.onRef('m.tenant_id', '=', 'ms.tenant_id').onRef('m.id', '=', 'ms.message_id'))
          .innerJoin('allocation_segments as s', (j) => j.onRef('s.tenant_id', '=', 'ms.tenant_id').onRef('s.id', '=', 'ms.segment_id'))
          .select(['m.xml', 's.allocation_number'])
          .where('ms.tenant_id', '=', TENANT)
          .where('ms.segment_id', '=', chosen.segment_id)
          .where('ms.state', '=', 'current')
          .where('m.message_number', '=', 301)
          .executeTakeFirstOrThrow(),
      )),
    };
    const sent = readMessage(facts.xml) as {
      Bericht: { Header: { Ontvanger: string }; Client: { Bsn: string; ToegewezenProducten: { ToegewezenProduct: { ToewijzingNummer: string; Ingangsdatum: string; Product: { Categorie: string; Code: string } }[] } } };
    };
    const agbCode = sent.Bericht.Header.Ontvanger;
    const bsn = sent.Bericht.Client.Bsn;
    const product = sent.Bericht.Client.ToegewezenProducten.ToegewezenProduct.find((p) => Number(p.ToewijzingNummer) === facts.allocation_number)!;
    const upload = async (name: string, xml: string) => {
      await page.getByLabel('XML-bestand van de aanbieder').setInputFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(xml) });
      await page.getByRole('button', { name: 'Bericht verwerken' }).click();
    };

    const provision = async () => {
      await page.goto(`${suite.server().baseUrl}/inwoners/${facts.resident_id}?tab=voorzieningen`);
      const row = page.getByRole('table', { name: /Voorzieningen van deze inwoner/ }).getByRole('row').filter({ hasText: facts.provider_name }).filter({ hasText: facts.product_name }).first();
      await row.waitFor();
      return row;
    };
    await (await provision()).getByText('Nog geen start gemeld').waitFor();
    await page.goto(`${suite.server().baseUrl}/berichten`);

    // 305: the care started on the toewijzing's first day; the resident's file shows it.
    await upload('start.xml', careMessageSample({ kind: 'start', agbCode, identification: `MC${Date.now() % 1_000_000}`, bsn, products: [{ number: product.ToewijzingNummer, begin: product.Ingangsdatum }] }));
    await page.getByRole('status').getByText(/iWmo 305 Start zorg: 1 van 1 product verwerkt\./).waitFor();
    const [y, m, d] = product.Ingangsdatum.split('-');
    await (await provision()).getByText(`Zorg gestart ${d}-${m}-${y}`).waitFor();
    // From the file to this resident's messages only: the 301 and the provider's 305 with its retour.
    await page.getByRole('link', { name: 'Berichten met aanbieders over deze inwoner' }).click();
    await page.getByText('U ziet alleen de berichten over één inwoner', { exact: false }).waitFor();
    const own = page.getByRole('table', { name: 'Berichten, nieuwste eerst' });
    await own.getByRole('rowheader', { name: /^iWmo 305 Start zorg/ }).first().waitFor();
    await own.getByRole('rowheader', { name: /^iWmo 301 Toewijzing/ }).first().waitFor();
    expect(await own.getByRole('row').count()).toBeLessThan(10);

    // The budget line before the declaration, in the budget year of the declared month (in January
    // that is last year's, not the year the page opens on).
    const budgetRow = async () => {
      await page.goto(`${suite.server().baseUrl}/begroting?jaar=${monthStart.slice(0, 4)}`);
      const row = page.getByRole('row', { name: new RegExp(`^${facts.line_code.replace('.', '\\.')} `) });
      await row.waitFor();
      const cells = await row.getByRole('cell').allInnerTexts();
      // Budget, Verplichtingen, Realisatie, Prognose jaareinde, Verschil, Toewijzingen
      return { realised: cents(cells[2]!), forecast: cents(cells[3]!) };
    };
    const before = await budgetRow();

    // 323 for last month: 2 hours at the contract tariff (approved), 1 hour at a higher tariff (0611).
    const tariff = Number(facts.cents_per_unit);
    const line = (reference: string, volume: number, tariffCents: number) => ({
      bsn,
      reference,
      allocationNumber: facts.allocation_number!,
      category: product.Product.Categorie,
      productCode: product.Product.Code,
      begin: monthStart,
      end: monthEnd,
      volume,
      unit: '04',
      tariffCents,
      amountCents: volume * tariffCents,
    });
    const id = `MD${Date.now() % 1_000_000}`;
    const declaration = writeDeclarationMessage({
      standard: 'iwmo',
      agbCode,
      municipalityCode: '0935',
      identification: id,
      date: today,
      declarationNumber: id,
      periodStart: monthStart,
      periodEnd: monthEnd,
      lines: [line(`${id}-1`, 2, tariff), line(`${id}-2`, 1, tariff + 500)],
    });
    await page.goto(`${suite.server().baseUrl}/berichten`);
    await upload('declaratie.xml', declaration);
    await page.getByRole('status').getByText('iWmo 323 Declaratie: 1 van 2 declaratieregels goedgekeurd', { exact: false }).waitFor();
    await page.getByText(/Product 2: retourcode 0611/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const table = page.getByRole('table', { name: 'Berichten, nieuwste eerst' });
    await table.getByRole('rowheader', { name: /^iWmo 325/ }).first().waitFor();

    // The budget line: realisation and forecast up by exactly the approved line (a month that has passed).
    const after = await budgetRow();
    expect(after.realised - before.realised).toBe(2 * tariff);
    expect(after.forecast - before.forecast).toBe(2 * tariff);

    // The 325 answers the refused line with 0611 and approves the other (8001).
    const answer = await asOwnerIn(suite.server().database.db, TENANT, (tx) =>
      tx.selectFrom('exchange_messages').select('xml').where('message_number', '=', 325).where('direction', '=', 'out').orderBy('created_at', 'desc').executeTakeFirstOrThrow(),
    );
    expect(answer.xml).toContain('0611');
    expect(answer.xml).toContain('8001');
    expect(answer.xml).toContain(`${id}-2`);
  });
});
