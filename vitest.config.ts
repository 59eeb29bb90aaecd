import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-fast-check.ts'],
    pool: 'forks',
    // One file at a time (vitest's default on 2 cores). Two workers were tried: CI's PGlite run alone took
    // 2,503 s against 2,375 s for the whole CI with one worker (Chromium and PGlite compete for the cores).
    // The files share their worker's module graph (no isolation): every file opens its own database and app,
    // and none mocks a module, so loading the app again for each of the 201 files only cost time. On a slow
    // machine src/modules took 536 s this way against 834 s isolated (1,089 tests, PGlite).
    isolate: false,
    // Timeouts are hang guards, not performance targets: doubled on CI for the shared cores.
    testTimeout: process.env.CI ? 60_000 : 30_000,
    hookTimeout: 120_000,
    // Tests never reach the network; a slow CI machine gets one retry at most (STYLE.md).
    retry: process.env.CI ? 1 : 0,
  },
});
