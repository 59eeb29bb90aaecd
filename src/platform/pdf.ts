import { existsSync } from 'node:fs';
import { AppError } from './errors.js';

/** Chromium from the Debian package; override with KOERS_CHROMIUM. */
export const chromiumPath = (): string => process.env.KOERS_CHROMIUM ?? '/usr/bin/chromium';

// At most two Chromium processes at a time: a burst of report downloads queues instead of
// starting a browser per request and exhausting the server's memory.
const MAX_CONCURRENT = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/**
 * Prints an HTML document to an A4 PDF with headless Chromium, so a PDF report is exactly its
 * printable HTML. Without Chromium the caller gets a clear 503, and the HTML version still works.
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new AppError('SERVICE_UNAVAILABLE', 'PDF maken is op deze server niet mogelijk (Chromium ontbreekt). Gebruik de printbare HTML-versie.');
  }
  return withSlot(() => render(executablePath, html));
}

async function render(executablePath: string, html: string): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    // The report is self-contained: block every request so rendering never reaches the network.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
