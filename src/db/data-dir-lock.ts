import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import lockfile from 'proper-lockfile';

/** Who holds a PGlite data folder: written next to the lock so a refusal can name the process. */
export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

/**
 * A lock not refreshed for this long belongs to a process that died. The holder refreshes it every
 * 5 s from the event loop, which PGlite blocks while it runs a query (WASM in the main thread), so
 * this is generous: a long query must not look like a dead process.
 */
export const DEFAULT_LOCK_STALE_MS = 30_000;

export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
  ) {
    const who = holder
      ? `pid ${holder.pid} op ${holder.host} (${holder.command}), sinds ${holder.since}`
      : 'een ander proces (pid onbekend)';
    super(
      `De database in ${dataDir} is al geopend door ${who}. ` +
        'Eén PGlite-map kan maar door één proces tegelijk gebruikt worden: stop eerst de server, of gebruik de API.',
    );
  }
}

const lockPath = (dataDir: string) => `${dataDir}.lock`;
const holderPath = (dataDir: string) => `${dataDir}.lock-holder.json`;

function readHolder(dataDir: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(holderPath(dataDir), 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

function isDeadHereOnThisHost(holder: LockHolder | undefined): boolean {
  if (!holder || holder.host !== os.hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Takes the exclusive lock on a PGlite data folder, or refuses naming the holder. Two processes
 * on one folder each keep their own copy of the database in memory and overwrite each other's
 * writes. The lock (a directory, `<dataDir>.lock`) is refreshed while held; one not refreshed for
 * `staleMs` is taken over. A holder on this host whose pid no longer exists is waited out for that
 * period instead of refused, so a restart after a crash succeeds; the pid alone is not trusted
 * (it may have been reused, or live in another container with the same host name).
 */
export async function lockDataDir(dataDir: string, staleMs = DEFAULT_LOCK_STALE_MS): Promise<() => Promise<void>> {
  const options = {
    stale: staleMs,
    update: Math.min(5_000, staleMs / 2),
    realpath: false,
    lockfilePath: lockPath(dataDir),
    // Lost: another process took the lock over (this one did not refresh it within staleMs) and may
    // now write to the same folder. Stop, as the library would, but say why.
    onCompromised: (error: Error) => {
      process.stderr.write(`De vergrendeling van ${dataDir} is verloren (${error.message}); Koers stopt om gegevensverlies te voorkomen.\n`);
      throw error;
    },
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const holder = readHolder(dataDir);
    if (!isDeadHereOnThisHost(holder)) throw new DatabaseInUseError(dataDir, holder);
    process.stderr.write(`De database in ${dataDir} is vergrendeld door pid ${holder!.pid}, die niet meer draait; wachten tot de vergrendeling verloopt (${staleMs / 1000} s)…\n`);
    try {
      release = await lockfile.lock(dataDir, { ...options, retries: { retries: Math.ceil(staleMs / 500) + 4, minTimeout: 500, maxTimeout: 500 } });
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code !== 'ELOCKED') throw retryError;
      throw new DatabaseInUseError(dataDir, readHolder(dataDir));
    }
  }
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), command: process.argv.slice(1).join(' '), since: new Date().toISOString() };
  writeFileSync(holderPath(dataDir), `${JSON.stringify(holder)}\n`);
  return async () => {
    rmSync(holderPath(dataDir), { force: true });
    await release();
  };
}
