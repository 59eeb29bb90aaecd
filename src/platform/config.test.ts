import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const secret = 'x'.repeat(40);

describe('loadConfig', () => {
  it('has sensible development defaults: port 3000, PGlite in ./.koers, demo on', () => {
    expect(loadConfig({})).toMatchObject({ env: 'development', port: 3000, dataDir: './.koers', databaseUrl: undefined, demo: true });
  });

  it('refuses a production start with the default session secret, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/KOERS_SESSION_SECRET/);
  });

  it('never enables demo users in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', KOERS_SESSION_SECRET: secret }).demo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', KOERS_SESSION_SECRET: secret, KOERS_DEMO: 'true' })).toThrow(/KOERS_DEMO/);
  });

  it('names the variable of a wrong value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
    expect(() => loadConfig({ KOERS_SESSION_SECRET: 'short' })).toThrow(/KOERS_SESSION_SECRET: must be at least 32/);
  });

  it('ends idle staff sessions after KOERS_SESSION_IDLE_MINUTES, 30 by default, and checks the value', () => {
    expect(loadConfig({}).sessionIdleMinutes).toBe(30);
    expect(loadConfig({ KOERS_SESSION_IDLE_MINUTES: '45' }).sessionIdleMinutes).toBe(45);
    for (const wrong of ['0', '-5', '1.5', 'abc', String(24 * 60 + 1)]) {
      expect(() => loadConfig({ KOERS_SESSION_IDLE_MINUTES: wrong }), wrong).toThrow(/KOERS_SESSION_IDLE_MINUTES/);
    }
  });
});
