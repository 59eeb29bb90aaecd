import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-fast-check.ts'],
    pool: 'forks',
    // CI machines have 2 cores, where vitest's default (cores - 1) runs one file at a time: the suite took
    // over 100 minutes. Two workers overlap one file's waits (the PostgreSQL server, Chromium, child
    // processes) with another file's work; every file has its own database copy and temporary folders.
    // Timeouts are hang guards, not performance targets: doubled on CI for the shared cores.
    ...(process.env.CI ? { maxWorkers: 2 } : {}),
    testTimeout: process.env.CI ? 60_000 : 30_000,
    hookTimeout: 120_000,
    // Tests never reach the network; a slow CI machine gets one retry at most (STYLE.md).
    retry: process.env.CI ? 1 : 0,
  },
});
