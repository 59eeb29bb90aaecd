import { describe, expect, it } from 'vitest';
import { asOwnerIn } from '../test/support/database.js';
import { allocationRequestSample } from '../test/support/istandaarden.js';
import { axeViolations, browserSuite, logIn } from './support/browser.js';

const suite = browserSuite();
const TENANT = 'GM0935';

describe('Verzoeken van aanbieders: a youth referred by the huisarts', () => {
  it('processes the JW315 from a legal referrer, the team lead grants it: a JW301 and a commitment on a Jeugd budget line', async () => {
    const { database, baseUrl } = suite.server();
    // A youth provider contracted for Ambulante jeugdhulp – begeleiding (45A01) in 2027, and a youth of this municipality living in a team's area.
    const facts = await asOwnerIn(database.db, TENANT, async (tx) => {
      const provider = await tx
        .selectFrom('provider_tariffs as t')
        .innerJoin('providers as p', 'p.id', 't.provider_id')
        .select(['p.agb_code', 'p.name'])
        // The owner's connection may see every municipality: pin this one.
        .where('t.tenant_id', '=', TENANT)
        .where('t.product_code', '=', 'JW-AB-01')
        .where('t.year', '=', 2027)
        .orderBy('p.agb_code')
        .executeTakeFirstOrThrow();
      // No youth a provider asked for before: a retry would otherwise meet the first try's request and allocation.
      const youth = await tx
        .selectFrom('residents as r')
        .innerJoin('team_areas as ta', (j) => j.onRef('ta.tenant_id', '=', 'r.tenant_id').onRef('ta.area_code', '=', 'r.area_code'))
        .select(['r.id', 'r.bsn'])
        .where('r.tenant_id', '=', TENANT)
        .where('r.birth_date', '>', '2012-01-01')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('provider_requests as q').select('q.id').whereRef('q.tenant_id', '=', 'r.tenant_id').whereRef('q.resident_id', '=', 'r.id'))))
        .orderBy('r.id')
        .executeTakeFirstOrThrow();
      return { agbCode: provider.agb_code, providerName: provider.name, residentId: youth.id, bsn: youth.bsn };
    });
    // Per youth: the same message identification again would be refused as a duplicate (9056).
    const reference = `HUISARTS-${facts.bsn.slice(-6)}`;
    const request = allocationRequestSample({ agbCode: facts.agbCode, identification: `E2E${facts.bsn}`, bsn: facts.bsn, products: [{ reference }] });

    const page = await (await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } })).newPage();
    await logIn(page, baseUrl, 'teamleider');
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await menu.getByRole('link', { name: 'Berichtenverkeer' }).click();
    await page.getByLabel('XML-bestand van de aanbieder').setInputFiles({ name: 'verzoek.xml', mimeType: 'application/xml', buffer: Buffer.from(request) });
    await page.getByRole('button', { name: 'Bericht verwerken' }).click();
    await page.getByRole('status').getByText('iJw 315 Verzoek om toewijzing: 1 van 1 product verwerkt. iJw 316 Retourbericht verzoek om toewijzing staat klaar.').waitFor();

    await menu.getByRole('link', { name: /^Verzoeken van aanbieders/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Verzoeken van aanbieders' }).waitFor();
    const open = page.getByRole('table', { name: 'Open verzoeken, oudste eerst' });
    const row = open.getByRole('row').filter({ hasText: reference });
    await row.getByText(/^Huisarts Huisartsenpraktijk De Vries \(AGB 01234567\)$/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await row.getByRole('link', { name: 'iJw 315 Verzoek om toewijzing' }).click();

    await page.getByRole('heading', { level: 1, name: 'iJw 315 Verzoek om toewijzing' }).waitFor();
    await page.getByText(/Ambulante jeugdhulp – begeleiding, 2 uur per week, vanaf 01-01-2027 tot en met 30-06-2027/).waitFor();
    await page.getByText('begrotingspost 6.751', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Toekennen' }).click();
    await page.getByRole('status').getByText(/Toegekend: 1 toewijzing met de verplichting op de begrotingspost; \d+ toewijzingsberichte?n? \(301\) sta/).waitFor();

    await page.getByRole('status').getByRole('link', { name: 'berichtenverkeer' }).click();
    const table = page.getByRole('table', { name: 'Berichten, nieuwste eerst' });
    await table.getByRole('rowheader', { name: /^iJw 301 Toewijzing/ }).first().waitFor();

    // The worklist fits a 390 px screen (wide tables scroll inside their own box).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/verzoeken`);
    await page.getByRole('table', { name: 'Besloten verzoeken, nieuwste eerst' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const booked = await asOwnerIn(database.db, TENANT, (tx) =>
      tx
        .selectFrom('allocations as a')
        .innerJoin('allocation_commitments as c', (j) => j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.allocation_id', '=', 'a.id'))
        .innerJoin('budget_lines as b', (j) => j.onRef('b.tenant_id', '=', 'a.tenant_id').onRef('b.code', '=', 'a.budget_line_code'))
        .select(['a.source', 'a.budget_line_code', 'b.law', 'c.year', 'c.cents'])
        .where('a.tenant_id', '=', TENANT)
        .where('a.resident_id', '=', facts.residentId)
        .where('a.source', '=', 'verzoek')
        .execute(),
    );
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ source: 'verzoek', budget_line_code: '6.751', law: 'jeugdwet', year: 2027 });
    expect(Number(booked[0]!.cents)).toBeGreaterThan(0);
  });

  it('asks four eyes above the threshold: teamleider proposes the grant, teamleider2 grants it', async () => {
    const { database, baseUrl } = suite.server();
    const facts = await asOwnerIn(database.db, TENANT, async (tx) => {
      const provider = await tx
        .selectFrom('provider_tariffs as t')
        .innerJoin('providers as p', 'p.id', 't.provider_id')
        .select(['p.agb_code'])
        .where('t.tenant_id', '=', TENANT)
        .where('t.product_code', '=', 'JW-AB-01')
        .where('t.year', '=', 2027)
        .orderBy('p.agb_code')
        .executeTakeFirstOrThrow();
      // Another youth than the walk above (and than a first try of this one), with nothing allocated yet.
      const youth = await tx
        .selectFrom('residents as r')
        .innerJoin('team_areas as ta', (j) => j.onRef('ta.tenant_id', '=', 'r.tenant_id').onRef('ta.area_code', '=', 'r.area_code'))
        .select(['r.id', 'r.bsn'])
        .where('r.tenant_id', '=', TENANT)
        .where('r.birth_date', '>', '2012-01-01')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('provider_requests as q').select('q.id').whereRef('q.tenant_id', '=', 'r.tenant_id').whereRef('q.resident_id', '=', 'r.id'))))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('allocations as a').select('a.id').whereRef('a.tenant_id', '=', 'r.tenant_id').whereRef('a.resident_id', '=', 'r.id'))))
        .orderBy('r.id')
        .executeTakeFirstOrThrow();
      return { agbCode: provider.agb_code, residentId: youth.id, bsn: youth.bsn };
    });
    const reference = `VIEROGEN-${facts.bsn.slice(-6)}`;
    // Ten hours a week for half a year: far above the € 5,000 threshold.
    const request = allocationRequestSample({ agbCode: facts.agbCode, identification: `E2E${facts.bsn}`, bsn: facts.bsn, products: [{ reference, volume: { amount: 10, unit: '04', frequency: '2' } }] });
    const context = await suite.browser().newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await logIn(page, baseUrl, 'teamleider');
    await page.goto(`${baseUrl}/berichten`);
    await page.getByLabel('XML-bestand van de aanbieder').setInputFiles({ name: 'verzoek.xml', mimeType: 'application/xml', buffer: Buffer.from(request) });
    await page.getByRole('button', { name: 'Bericht verwerken' }).click();
    await page.getByRole('status').getByText(/iJw 315 Verzoek om toewijzing: 1 van 1 product verwerkt/).waitFor();
    await page.goto(`${baseUrl}/verzoeken`);
    await page.getByRole('table', { name: 'Open verzoeken, oudste eerst' }).getByRole('row').filter({ hasText: reference }).getByRole('link').click();
    await page.getByRole('button', { name: 'Toekennen' }).click();
    await page.getByRole('status').getByText(/Voorgesteld: de verwachte kosten \(€\s[\d.]+,\d\d per jaar\) liggen boven de vier-ogengrens/).waitFor();
    const requestUrl = page.url();
    await page.goto(`${baseUrl}/verzoeken`);
    await page.getByRole('table', { name: 'Toekenningen die wachten op goedkeuring, oudste eerst' }).getByRole('row').filter({ hasText: reference }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The proposer cannot approve it.
    await page.goto(requestUrl);
    await page.getByText('Een andere teamleider keurt de toekenning goed.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Goedkeuren en toekennen' }).count()).toBe(0);
    expect(await asOwnerIn(database.db, TENANT, (tx) => tx.selectFrom('allocations').select('id').where('tenant_id', '=', TENANT).where('resident_id', '=', facts.residentId).execute())).toEqual([]);

    await context.clearCookies();
    await logIn(page, baseUrl, 'teamleider2');
    await page.goto(requestUrl);
    await page.getByText(/Voorgesteld door Ingrid Smeets \(teamleider\)/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Goedkeuren en toekennen' }).click();
    await page.getByRole('status').getByText(/Toegekend: 1 toewijzing met de verplichting op de begrotingspost/).waitFor();
    const allocations = await asOwnerIn(database.db, TENANT, (tx) =>
      tx.selectFrom('allocations').select(['source', 'budget_line_code']).where('tenant_id', '=', TENANT).where('resident_id', '=', facts.residentId).execute(),
    );
    expect(allocations).toEqual([{ source: 'verzoek', budget_line_code: '6.751' }]);
  });
});
