import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where the bytes of uploaded documents live. Small on purpose, so an S3-compatible store can come
 * beside the disk store later. Keys are made by the service (`<tenant>/<yyyy>/<mm>/<uuid>`): never a
 * file name from the user.
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
  /** A folder for spooling uploads, on the same file system as the store. */
  tempDir(): Promise<string>;
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
  };
}
