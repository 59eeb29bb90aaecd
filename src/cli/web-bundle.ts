import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Builds the web front end when the bundle is missing (normally done by `npm install`'s prepare step). */
export async function ensureWebBundle(webRoot: string, log: (line: string) => void): Promise<void> {
  if (existsSync(path.join(webRoot, 'index.html'))) return;
  log('De webapplicatie wordt gebouwd (eenmalig)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'web/vite.config.ts'), logLevel: 'warn' });
}
