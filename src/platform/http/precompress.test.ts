import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { UserConfig, Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { precompressDirectory } from './precompress.js';

let t: TestApp;
let web: FastifyInstance;
let root: string;
const css = Array.from({ length: 2000 }, (_, i) => `.koers-regel-${i} { margin-block: ${i % 7}px; color: var(--koers-kleur-${i % 13}); }`).join('\n');
const html = `<!doctype html><html lang="nl"><head><title>Koers</title><link rel="stylesheet" href="/assets/app.css"></head><body>${'<div id="root"></div>'.repeat(80)}</body></html>`;
const small = 'body{margin:0}';

beforeAll(async () => {
  t = await createTestApp();
  root = await mkdtemp(path.join(tmpdir(), 'koers-web-'));
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'index.html'), html);
  await writeFile(path.join(root, 'assets', 'app.css'), css);
  await writeFile(path.join(root, 'assets', 'small.css'), small);
  await writeFile(path.join(root, 'assets', 'logo.png'), Buffer.alloc(4096, 1));
  await precompressDirectory(root);
  web = await buildApp({ config: t.config, database: t.database, webRoot: root });
  await web.ready();
});
afterAll(async () => {
  await web.close();
  await t.close();
  await rm(root, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => web.inject({ method: 'GET', url, headers });

describe('precompressed static files', () => {
  it('writes .br and .gz next to text assets above 1 KB only', async () => {
    expect((await readdir(path.join(root, 'assets'))).sort()).toEqual(['app.css', 'app.css.br', 'app.css.gz', 'logo.png', 'small.css']);
    expect((await readdir(root)).sort()).toEqual(['assets', 'index.html', 'index.html.br', 'index.html.gz']);
  });

  it('sends brotli to a client that accepts it, gzip to one that accepts only gzip, the plain file otherwise', async () => {
    const br = await get('/assets/app.css', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/css/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(css.length / 10);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(css);

    const gz = await get('/assets/app.css', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(css);

    const plain = await get('/assets/app.css');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(css);

    const tiny = await get('/assets/small.css', { 'accept-encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe(small);
  });

  it('compresses the page itself, also as the fallback for a client-side route', async () => {
    const index = await get('/', { 'accept-encoding': 'br', accept: 'text/html' });
    expect(index.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(index.rawPayload).toString()).toBe(html);
    const deep = await get('/inwoners/zoeken', { 'accept-encoding': 'gzip', accept: 'text/html' });
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-type']).toMatch(/^text\/html/);
    expect(gunzipSync(deep.rawPayload).toString()).toBe(html);
  });
});

describe('production web build', () => {
  it('has no source maps and precompresses its output', async () => {
    const config = (await import('../../../web/vite.config.js')).default as UserConfig;
    expect(config.build?.sourcemap).toBe(false);
    expect((config.plugins as (Plugin | Plugin[])[]).flat().map((p) => p.name)).toContain('koers-precompress');
  });
});
