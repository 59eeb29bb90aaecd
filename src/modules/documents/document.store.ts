import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Client as S3Client } from 'minio';

/**
 * Where the bytes of uploaded documents live: files under the data folder (default) or an
 * S3-compatible object store (MinIO, Ceph RGW, AWS S3...). Keys are made by the service
 * (`<tenant>/<yyyy>/<mm>/<uuid>`): never a file name from the user. A key that is not there makes
 * `get` fail with code `ENOENT` in both stores, before any byte of the answer is sent.
 */
export interface DocumentStore {
  /**
   * Takes the spooled upload at `tempFile` (written, hashed and checked by the service) into the store
   * under `key`. The disk store moves it (same file system); an S3 store would upload it and remove it.
   */
  put(key: string, tempFile: string): Promise<void>;
  /** The bytes under `key`, as a stream. */
  get(key: string): Promise<Readable>;
  /** Removes `key`; a key that is not there is fine. */
  delete(key: string): Promise<void>;
  /** Every key under `prefix` with its last change, for the sweep of files without a row. */
  list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }>;
  /** A folder for spooling uploads (on the store's file system for the disk store; local for S3). */
  tempDir(): Promise<string>;
  /** Checks at start that the store can be reached and written to, with a Dutch/English message for the operator. */
  check(): Promise<void>;
  /** For operators and logs: 'schijf <folder>' or 's3 <endpoint>/<bucket>'. */
  readonly description: string;
}

/** The error `get` throws for a key that is not in the store (the same code as a missing file). */
function missing(key: string): Error {
  return Object.assign(new Error(`document not in the store: ${key}`), { code: 'ENOENT' });
}

const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/** Documents on disk: `<dataDir>/documents/<key>`, uploads spooled in `<dataDir>/documents-tmp/`. */
export function diskDocumentStore(dataDir: string): DocumentStore {
  const root = path.resolve(dataDir, 'documents');
  const temp = path.resolve(dataDir, 'documents-tmp');
  const fileOf = (key: string): string => {
    if (!KEY.test(key)) throw new Error(`invalid document key: ${key}`);
    return path.join(root, ...key.split('/'));
  };
  async function* walk(dir: string, prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const key = prefix ? `${prefix}/${entry.name}` : entry.name;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(file, key);
      else if (entry.isFile()) yield { key, modifiedAt: (await stat(file)).mtime };
    }
  }
  return {
    async put(key, tempFile) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await rename(tempFile, file);
    },
    async get(key) {
      const file = fileOf(key);
      await stat(file); // a missing file fails here, before any byte of the answer is sent
      return createReadStream(file);
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
    list(prefix) {
      return walk(fileOf(prefix), prefix);
    },
    async tempDir() {
      await mkdir(temp, { recursive: true, mode: 0o700 });
      return temp;
    },
    async check() {
      await mkdir(root, { recursive: true, mode: 0o700 });
      await mkdir(temp, { recursive: true, mode: 0o700 });
    },
    description: `schijf ${root}`,
  };
}

/** Where an S3-compatible object store is and how Koers signs in to it (KOERS_S3_*). */
export interface S3StoreSettings {
  /** `https://minio.gemeente.nl:9000`; http only for a store on the same machine or network. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKey: string;
  secretKey: string;
}

/**
 * Documents in an S3-compatible bucket, object name = key; uploads are spooled locally in
 * `<dataDir>/documents-tmp/` (checked and hashed first, like on disk) and then sent with the MinIO
 * client, in parts for large files. Path-style addressing, so any S3-compatible store works.
 */
export function s3DocumentStore(settings: S3StoreSettings, dataDir: string): DocumentStore {
  const url = new URL(settings.endpoint);
  const useSSL = url.protocol === 'https:';
  // The client is loaded on first use: a disk installation (and every CLI command) never loads it.
  let loaded: Promise<S3Client> | undefined;
  const s3 = () =>
    (loaded ??= import('minio').then(
      ({ Client }) =>
        new Client({
          endPoint: url.hostname,
          port: url.port ? Number(url.port) : useSSL ? 443 : 80,
          useSSL,
          accessKey: settings.accessKey,
          secretKey: settings.secretKey,
          region: settings.region,
          pathStyle: true,
        }),
    ));
  const temp = path.resolve(dataDir, 'documents-tmp');
  const { bucket } = settings;
  const objectOf = (key: string): string => {
    if (!KEY.test(key)) throw new Error(`invalid document key: ${key}`);
    return key;
  };
  const isMissing = (error: unknown) => ['NoSuchKey', 'NotFound'].includes((error as { code?: string }).code ?? '');
  return {
    async put(key, tempFile) {
      try {
        await (await s3()).fPutObject(bucket, objectOf(key), tempFile, { 'Content-Type': 'application/octet-stream' });
      } finally {
        await rm(tempFile, { force: true });
      }
    },
    async get(key) {
      try {
        return await (await s3()).getObject(bucket, objectOf(key));
      } catch (error) {
        if (isMissing(error)) throw missing(key);
        throw error;
      }
    },
    async delete(key) {
      await (await s3()).removeObject(bucket, objectOf(key));
    },
    async *list(prefix) {
      const objects = (await s3()).listObjectsV2(bucket, `${objectOf(prefix)}/`, true);
      for await (const item of objects as AsyncIterable<{ name?: string; lastModified?: Date }>) {
        if (item.name && KEY.test(item.name)) yield { key: item.name, modifiedAt: item.lastModified ?? new Date(0) };
      }
    },
    async tempDir() {
      await mkdir(temp, { recursive: true, mode: 0o700 });
      return temp;
    },
    async check() {
      let exists: boolean;
      try {
        exists = await (await s3()).bucketExists(bucket);
      } catch (error) {
        throw new Error(`De documentenopslag (S3) ${settings.endpoint} is niet bereikbaar of weigert de sleutel: ${(error as Error).message}`);
      }
      if (!exists) throw new Error(`De bucket ${bucket} bestaat niet op ${settings.endpoint}. Maak hem aan (Koers maakt geen buckets).`);
      await mkdir(temp, { recursive: true, mode: 0o700 });
    },
    description: `s3 ${settings.endpoint}/${bucket}`,
  };
}

/** The store the configuration names: S3 when KOERS_DOCUMENT_STORE=s3, otherwise files under the data folder. */
export function documentStoreFor(config: { dataDir: string; documentStore: { kind: 'disk' } | ({ kind: 's3' } & S3StoreSettings) }): DocumentStore {
  return config.documentStore.kind === 's3' ? s3DocumentStore(config.documentStore, config.dataDir) : diskDocumentStore(config.dataDir);
}
