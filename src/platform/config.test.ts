import { describe, expect, it } from 'vitest';
import { ConfigError, defaultPoolSize, loadConfig } from './config.js';

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

  it('keeps documents on disk by default and in an S3-compatible bucket when KOERS_DOCUMENT_STORE=s3, naming what is missing', () => {
    expect(loadConfig({}).documentStore).toEqual({ kind: 'disk' });
    const s3 = { KOERS_DOCUMENT_STORE: 's3', KOERS_S3_ENDPOINT: 'https://minio.gemeente.nl:9000', KOERS_S3_BUCKET: 'koers-documenten', KOERS_S3_ACCESS_KEY: 'koers', KOERS_S3_SECRET_KEY: 'geheim' };
    expect(loadConfig(s3).documentStore).toEqual({ kind: 's3', endpoint: 'https://minio.gemeente.nl:9000', bucket: 'koers-documenten', region: 'us-east-1', accessKey: 'koers', secretKey: 'geheim' });
    expect(() => loadConfig({ KOERS_DOCUMENT_STORE: 's3', KOERS_S3_BUCKET: 'koers-documenten' })).toThrow('KOERS_DOCUMENT_STORE=s3 needs KOERS_S3_ENDPOINT, KOERS_S3_ACCESS_KEY, KOERS_S3_SECRET_KEY');
    expect(() => loadConfig({ ...s3, KOERS_S3_BUCKET: 'Hoofd_Letters' })).toThrow(/KOERS_S3_BUCKET: must be a bucket name/);
    expect(() => loadConfig({ ...s3, KOERS_S3_ENDPOINT: 'ftp://x' })).toThrow(/KOERS_S3_ENDPOINT/);
    expect(() => loadConfig({ KOERS_DOCUMENT_STORE: 'nfs' })).toThrow(/KOERS_DOCUMENT_STORE/);
    // Personal data never crosses a network unencrypted in production; http to the same machine is fine.
    const production = { ...s3, NODE_ENV: 'production', KOERS_SESSION_SECRET: secret };
    expect(() => loadConfig({ ...production, KOERS_S3_ENDPOINT: 'http://minio.gemeente.nl:9000' })).toThrow(/over https/);
    expect(loadConfig({ ...production, KOERS_S3_ENDPOINT: 'http://127.0.0.1:9000' }).documentStore.kind).toBe('s3');
  });

  it('names the variable of a wrong value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
    expect(() => loadConfig({ KOERS_SESSION_SECRET: 'short' })).toThrow(/KOERS_SESSION_SECRET: must be at least 32/);
  });

  it('takes a read replica (DATABASE_REPLICA_URL) only beside DATABASE_URL, checked like it', () => {
    expect(loadConfig({}).databaseReplicaUrl).toBeUndefined();
    const both = { DATABASE_URL: 'postgres://koers@db1/koers', DATABASE_REPLICA_URL: 'postgresql://koers@db2/koers' };
    expect(loadConfig(both).databaseReplicaUrl).toBe('postgresql://koers@db2/koers');
    expect(() => loadConfig({ ...both, DATABASE_REPLICA_URL: 'mysql://x' })).toThrow(/DATABASE_REPLICA_URL: must start with postgres/);
    expect(() => loadConfig({ DATABASE_REPLICA_URL: both.DATABASE_REPLICA_URL })).toThrow(/DATABASE_REPLICA_URL: a read replica needs DATABASE_URL/);
  });

  it('uses prepared statements on a PostgreSQL server unless DATABASE_PREPARED_STATEMENTS=off, and names a wrong value', () => {
    expect(loadConfig({}).databasePreparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'off' }).databasePreparedStatements).toBe(false);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'nee' })).toThrow(/DATABASE_PREPARED_STATEMENTS: must be on or off/);
  });

  it('sizes the connection pool at twice the cores (2 to 10) unless DATABASE_POOL_SIZE says otherwise, and names a wrong value', () => {
    expect(defaultPoolSize(1)).toBe(2);
    expect(defaultPoolSize(2)).toBe(4);
    expect(defaultPoolSize(16)).toBe(10);
    expect(loadConfig({}).databasePoolSize).toBe(defaultPoolSize());
    expect(loadConfig({ DATABASE_POOL_SIZE: '25' }).databasePoolSize).toBe(25);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE: must be at least 1/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'veel' })).toThrow(/DATABASE_POOL_SIZE: must be a whole number/);
  });

  it('ends idle staff sessions after KOERS_SESSION_IDLE_MINUTES, 30 by default, and checks the value', () => {
    expect(loadConfig({}).sessionIdleMinutes).toBe(30);
    expect(loadConfig({ KOERS_SESSION_IDLE_MINUTES: '45' }).sessionIdleMinutes).toBe(45);
    for (const wrong of ['0', '-5', '1.5', 'abc', String(24 * 60 + 1)]) {
      expect(() => loadConfig({ KOERS_SESSION_IDLE_MINUTES: wrong }), wrong).toThrow(/KOERS_SESSION_IDLE_MINUTES/);
    }
  });
});
