import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestDatabase } from '../../../test/support/database.js';
import { testConfig } from '../../../test/support/app.js';
import { ConfigError, loadConfig } from '../../platform/config.js';
import { SimulationInProductionError } from './digid-simulation.js';

const productionEnv = { NODE_ENV: 'production', KOERS_SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' } as const;

describe('the DigiD-simulatie is refused in production', () => {
  it('stops the start when KOERS_DIGID_SIMULATIE is set in production, and is off there by default', () => {
    expect(() => loadConfig({ ...productionEnv, KOERS_DIGID_SIMULATIE: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...productionEnv, KOERS_DIGID_SIMULATIE: 'true' })).toThrow(/never started in production/);
    expect(loadConfig(productionEnv).digidSimulation).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).digidSimulation).toBe(true);
  });

  it('refuses to mount it in a production app, and a production app has no simulation and no provider for an unset municipality', async () => {
    const database = await createTestDatabase();
    try {
      await expect(buildApp({ config: { ...testConfig(), env: 'production', digidSimulation: true }, database, webRoot: null })).rejects.toThrow(SimulationInProductionError);
      const app = await buildApp({ config: { ...testConfig(), env: 'production', digidSimulation: false, publicUrl: 'https://koers.example.nl' }, database, webRoot: null });
      try {
        const discovery = await app.inject({ method: 'GET', url: '/digid-simulatie/.well-known/openid-configuration' });
        expect(discovery.statusCode).toBe(404);
        const login = await app.inject({ method: 'GET', url: '/mijn/inloggen?gemeente=GM0935' });
        expect(login.statusCode).toBe(503);
        expect(login.json().error.message).toBe('Inloggen met DigiD is voor deze gemeente nog niet ingesteld. Neem contact op met de gemeente.');
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  });
});
