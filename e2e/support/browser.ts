import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, vi } from 'vitest';
import { DEFAULT_WEB_ROOT, buildApp } from '../../src/app.js';
import { ensureWebBundle } from '../../src/cli/web-bundle.js';
import type { Database } from '../../src/db/database.js';
import { testConfig } from '../../test/support/app.js';
import { createTestDatabase } from '../../test/support/database.js';
import { withTenant } from '../../src/db/tenancy.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, headless; the network flags keep it from calling home on a closed network. */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install the Debian package "chromium" (.ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface RunningServer {
  baseUrl: string;
  database: Database;
  close(): Promise<void>;
}

/** The real app (API + built web front end) on a free loopback port, with a copy of the demo data. */
export async function startServer(): Promise<RunningServer> {
  await ensureWebBundle(DEFAULT_WEB_ROOT, () => {});
  const database = await createTestDatabase();
  const app = await buildApp({ config: testConfig(), database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.1 A/AA rules) in the page and returns the violations, readable in a failure. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function logIn(page: Page, baseUrl: string, username: string): Promise<void> {
  // Fail on the step that hangs (with its locator in the message), well before the test's own timeout.
  page.setDefaultTimeout(10_000);
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill('demo');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  // Casework starts on "Mijn werk", the other roles on their welcome page.
  await page.getByRole('heading', { level: 1, name: /^(Welkom|Mijn werk)/ }).waitFor();
}

/**
 * A walk through the browser takes seconds alone and several times longer while the rest of the
 * suite loads both cores; a test that times out keeps running in the background and fails later
 * as an unhandled error, so browser tests get room well above their 10-second steps.
 */
export const BROWSER_TEST_TIMEOUT_MS = 120_000;

/** Starts the app and Chromium once for a test file and closes both afterwards. */
export function browserSuite(): { server: () => RunningServer; browser: () => Browser } {
  vi.setConfig({ testTimeout: BROWSER_TEST_TIMEOUT_MS });
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    // The server first: it stops taking requests and lets running ones finish (their database
    // work included) while the pages are still connected; then the browser, then the database.
    await server?.close();
    await browser?.close();
  });
  return { server: () => server!, browser: () => browser! };
}

/**
 * The name link of the nth search hit living in `area` (the demo consultant works in the social
 * team of Centrum, so that is where a consultant has a relation with residents without a case).
 */
export function residentHitInArea(page: Page, area: string, nth = 0): Locator {
  return page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: area, exact: true }) })
    .nth(nth)
    .getByRole('link');
}

/** The first area (by code) of an employee's team: a resident registered there is related to that employee. */
export async function areaOfUser(database: Database, tenantId: string, username: string): Promise<string> {
  return withTenant(database.db, tenantId, async (tx) =>
    (
      await tx
        .selectFrom('users as u')
        .innerJoin('team_members as tm', 'tm.user_id', 'u.id')
        .innerJoin('team_areas as ta', 'ta.team_id', 'tm.team_id')
        .select('ta.area_code')
        .where('u.username', '=', username)
        .orderBy('ta.area_code')
        .executeTakeFirstOrThrow()
    ).area_code,
  );
}
