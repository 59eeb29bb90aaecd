import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressDirectory } from '../src/platform/http/precompress.js';

const outDir = 'dist';

/** After the build: .br and .gz next to every text asset, served by the server with Content-Encoding. */
function precompress(): Plugin {
  return {
    name: 'koers-precompress',
    apply: 'build',
    async closeBundle() {
      await precompressDirectory(path.resolve(import.meta.dirname, outDir));
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), precompress()],
  // No source maps in the production bundle: the server would hand out the full source.
  build: { outDir, emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' } },
});
