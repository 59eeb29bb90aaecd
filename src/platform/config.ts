import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** Used when no secret is configured; a production start refuses it. */
export const DEVELOPMENT_SESSION_SECRET = 'koers-development-secret-do-not-use-in-production';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_PREPARED_STATEMENTS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  DATABASE_POOL_SIZE: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').optional(),
  KOERS_BACKUP_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  KOERS_DATA_DIR: z.string().min(1).default('./.koers'),
  KOERS_DOCUMENT_MAX_MB: z.coerce.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(20),
  KOERS_DOCUMENT_STORE: z.enum(['disk', 's3']).default('disk'),
  KOERS_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://minio.gemeente.nl:9000' }).optional(),
  KOERS_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens')
    .optional(),
  KOERS_S3_REGION: z.string().min(1).default('us-east-1'),
  KOERS_S3_ACCESS_KEY: z.string().min(1).optional(),
  KOERS_S3_SECRET_KEY: z.string().min(1).optional(),
  KOERS_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEVELOPMENT_SESSION_SECRET),
  KOERS_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(10),
  KOERS_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  KOERS_DEMO: booleanFromEnv.optional(),
  KOERS_TRUST_PROXY: booleanFromEnv.default(false),
  KOERS_DIGID_SIMULATIE: booleanFromEnv.optional(),
  KOERS_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://koers.gemeente.nl' }).optional(),
  KOERS_ISTANDAARDEN_DIR: z.string().min(1).optional(),
  KOERS_BERICHTEN_IN: z.string().min(1).optional(),
  KOERS_BERICHTEN_UIT: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /**
   * A streaming-replication standby of DATABASE_URL's server: dashboards, exports and signal lists
   * read there (docs/scaling.md, "Read replica"); unset, everything reads on the primary.
   */
  databaseReplicaUrl: string | undefined;
  /**
   * Parameterised queries on a PostgreSQL server as named prepared statements (db/pg-round-trips.ts);
   * off behind a pooler in transaction mode that cannot keep them (PgBouncer before 1.21).
   */
  databasePreparedStatements: boolean;
  /**
   * Connections per server process to PostgreSQL (and as many to the replica): DATABASE_POOL_SIZE,
   * else `defaultPoolSize()`. More connections than the database can run at once only queue inside
   * PostgreSQL, at a cost (docs/scaling.md, "The connection pool"). Beside them the processing log's
   * batches have their own: normally one, at most PROCESSING_LOG_CONNECTIONS (db/database.ts).
   */
  databasePoolSize: number;
  /** `koers backup|restore` on PostgreSQL: a role with BYPASSRLS (or superuser); DATABASE_URL when unset. */
  backupDatabaseUrl: string | undefined;
  dataDir: string;
  /** The largest document an employee may upload, in bytes (KOERS_DOCUMENT_MAX_MB, default 20 MB). */
  documentMaxBytes: number;
  /** Where document bytes live (KOERS_DOCUMENT_STORE): files under the data folder, or an S3-compatible bucket (KOERS_S3_*). */
  documentStore: { kind: 'disk' } | { kind: 's3'; endpoint: string; bucket: string; region: string; accessKey: string; secretKey: string };
  sessionSecret: string;
  sessionHours: number;
  /** A staff session unused for longer than this is refused, whatever its absolute lifetime. */
  sessionIdleMinutes: number;
  /** Demo mode creates the demo municipalities, users (password `demo`) and residents. */
  demo: boolean;
  trustProxy: boolean;
  /** The local OpenID Connect provider "DigiD-simulatie" for the resident portal (never in production). */
  digidSimulation: boolean;
  /** The address residents reach Koers on (the portal's redirect URI); unset: taken from the request (not in production). */
  publicUrl: string | undefined;
  /** Folder with the official iWmo/iJw 3.2 XSDs (iwmo-3.2/, ijw-3.2/); without it no message is checked against XSD. */
  istandaardenDir: string | undefined;
  /** Folder providers' messages are dropped in, per municipality `<dir>/<GMxxxx>/`; picked up by the job `berichten.mappen`. */
  messagesInDir: string | undefined;
  /** Folder pending outgoing messages are written to, per municipality `<dir>/<GMxxxx>/`. */
  messagesOutDir: string | undefined;
  logLevel: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Twice the cores this process may use, at least 2 and at most 10: a request spends about half its
 * time in PostgreSQL, so two connections per core keep the cores busy; more only make the backends
 * contend (measured: docs/scaling.md, "The connection pool"). Set DATABASE_POOL_SIZE when PostgreSQL
 * runs on a larger server of its own.
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.min(10, Math.max(2, 2 * cores));
}

/** Parses the environment once at start-up; a wrong value stops the start with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  if (production && values.KOERS_SESSION_SECRET === DEVELOPMENT_SESSION_SECRET) {
    throw new ConfigError(
      'KOERS_SESSION_SECRET: a production start needs its own secret (at least 32 random characters), not the development default',
    );
  }
  if (production && values.KOERS_DEMO === true) {
    throw new ConfigError('KOERS_DEMO: demo users with password "demo" are never created in production');
  }
  if (production && values.KOERS_DIGID_SIMULATIE === true) {
    throw new ConfigError('KOERS_DIGID_SIMULATIE: the DigiD-simulatie lets anyone sign in as any resident and is never started in production');
  }
  if (values.DATABASE_REPLICA_URL && !values.DATABASE_URL) {
    throw new ConfigError('DATABASE_REPLICA_URL: a read replica needs DATABASE_URL (the primary it streams from); the embedded database has none');
  }
  let documentStore: Config['documentStore'] = { kind: 'disk' };
  if (values.KOERS_DOCUMENT_STORE === 's3') {
    const absent = (['KOERS_S3_ENDPOINT', 'KOERS_S3_BUCKET', 'KOERS_S3_ACCESS_KEY', 'KOERS_S3_SECRET_KEY'] as const).filter((name) => !values[name]);
    if (absent.length > 0) throw new ConfigError(`KOERS_DOCUMENT_STORE=s3 needs ${absent.join(', ')}`);
    if (production && values.KOERS_S3_ENDPOINT!.startsWith('http:') && !/^http:\/\/(localhost|127\.|\[::1\])/.test(values.KOERS_S3_ENDPOINT!)) {
      throw new ConfigError('KOERS_S3_ENDPOINT: documents hold personal data; in production the object store is reached over https (http only on the same machine)');
    }
    documentStore = {
      kind: 's3',
      endpoint: values.KOERS_S3_ENDPOINT!,
      bucket: values.KOERS_S3_BUCKET!,
      region: values.KOERS_S3_REGION,
      accessKey: values.KOERS_S3_ACCESS_KEY!,
      secretKey: values.KOERS_S3_SECRET_KEY!,
    };
  }
  return {
    env: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    databaseReplicaUrl: values.DATABASE_REPLICA_URL,
    databasePreparedStatements: values.DATABASE_PREPARED_STATEMENTS === 'on',
    databasePoolSize: values.DATABASE_POOL_SIZE ?? defaultPoolSize(),
    backupDatabaseUrl: values.KOERS_BACKUP_DATABASE_URL,
    dataDir: values.KOERS_DATA_DIR,
    documentMaxBytes: values.KOERS_DOCUMENT_MAX_MB * 1024 * 1024,
    documentStore,
    sessionSecret: values.KOERS_SESSION_SECRET,
    sessionHours: values.KOERS_SESSION_HOURS,
    sessionIdleMinutes: values.KOERS_SESSION_IDLE_MINUTES,
    demo: values.KOERS_DEMO ?? !production,
    trustProxy: values.KOERS_TRUST_PROXY,
    digidSimulation: values.KOERS_DIGID_SIMULATIE ?? !production,
    publicUrl: values.KOERS_PUBLIC_URL?.replace(/\/+$/, ''),
    istandaardenDir: values.KOERS_ISTANDAARDEN_DIR,
    messagesInDir: values.KOERS_BERICHTEN_IN,
    messagesOutDir: values.KOERS_BERICHTEN_UIT,
    logLevel: values.LOG_LEVEL,
  };
}
