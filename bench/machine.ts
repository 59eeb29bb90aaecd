// What a benchmark's figures cost the machine, so that runs on different days can be compared (issue #17:
// the lookup bench's p95 was under 50 ms on a fast day and over 100 ms on a slow one, on a machine whose
// speed varies by a factor of three or more). Two readings, printed beside a bench's figures:
//
// - a fixed amount of CPU work on the main thread before the run (`referenceLoopMs`): the same work
//   takes longer on a slower or busier machine, so it says how fast the machine was that hour;
// - the CPU time the run took per request (`startCpuMeter`): this process (server and clients), and
//   on Linux the PostgreSQL processes of this machine and the machine as a whole, read from /proc.
//   A change that saves work shows here as fewer milliseconds per request even when the hour is slow.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { median } from './support.js';

const REFERENCE_ROUNDS = 5;
const REFERENCE_ITEMS = 20_000;

/**
 * The median milliseconds of REFERENCE_ROUNDS runs of the same work a request's path does on the main
 * thread: building and serialising objects, parsing JSON, sorting strings and hashing. The same work
 * every time (no randomness, nothing read), so a larger figure means a slower or busier machine, not more work.
 */
export function referenceLoopMs(): number {
  const rounds: number[] = [];
  for (let round = 0; round < REFERENCE_ROUNDS; round += 1) {
    const start = performance.now();
    const rows = Array.from({ length: REFERENCE_ITEMS }, (_, i) => ({ id: `${(i * 7919) % REFERENCE_ITEMS}`.padStart(8, '0'), name: `inwoner ${i % 997}`, n: i }));
    const parsed = JSON.parse(JSON.stringify(rows)) as typeof rows;
    parsed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const hash = createHash('sha256');
    for (const row of parsed) hash.update(row.id);
    if (hash.digest('hex').length !== 64) throw new Error('reference loop: unexpected digest');
    rounds.push(performance.now() - start);
  }
  return median(rounds);
}

/** CPU seconds so far: this process, PostgreSQL's processes on this machine, and the machine's busy and idle time. */
interface CpuReading {
  process: number;
  postgres: number | null;
  machineBusy: number | null;
  machineIdle: number | null;
}

/** Clock ticks per second of /proc (USER_HZ, 100 on every Linux Koers runs on). */
const TICKS_PER_SECOND = 100;

function readCpu(): CpuReading {
  const own = process.cpuUsage();
  return { process: (own.user + own.system) / 1e6, postgres: postgresSeconds(), ...machineSeconds() };
}

/**
 * CPU seconds of the processes named `postgres` on this machine, with the time of their children that
 * have exited (a backend that ended counts in its postmaster's), or null without /proc or without them
 * (PGlite, or PostgreSQL on another host).
 */
function postgresSeconds(): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  let ticks = 0;
  let found = false;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile, or not readable
    }
    const own = cpuTicksOf(stat, 'postgres');
    if (own === null) continue;
    ticks += own;
    found = true;
  }
  return found ? ticks / TICKS_PER_SECOND : null;
}

/**
 * The CPU clock ticks in a line of /proc/<pid>/stat (user and system time, with those of its children
 * that have exited) when the process's name is `name`, else null. The name stands in parentheses and
 * may itself hold spaces and parentheses, so the fields are counted from the last `)`.
 */
export function cpuTicksOf(stat: string, name: string): number | null {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open || stat.slice(open + 1, close) !== name) return null;
  // After the name: the state is field 3; utime, stime, cutime and cstime are fields 14–17.
  const fields = stat.slice(close + 2).split(' ');
  const ticks = [11, 12, 13, 14].map((i) => Number(fields[i]));
  return ticks.every(Number.isFinite) ? ticks.reduce((a, b) => a + b, 0) : null;
}

/** The machine's busy and idle CPU seconds over all cores (steal excluded from both), or nulls without /proc/stat. */
function machineSeconds(): { machineBusy: number | null; machineIdle: number | null } {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0] = cpu;
    return { machineBusy: (user + nice + system + irq + softirq) / TICKS_PER_SECOND, machineIdle: (idle + iowait) / TICKS_PER_SECOND };
  } catch {
    return { machineBusy: null, machineIdle: null };
  }
}

export interface CpuPerRequest {
  /** Milliseconds of CPU per request of this process (the server, and the clients when they run in it). */
  processMs: number;
  /** Of the PostgreSQL processes on this machine; null when there are none to read. */
  postgresMs: number | null;
  /** Of the whole machine (every process, the kernel's interrupts included); null without /proc/stat. */
  machineMs: number | null;
  /** The share of the machine's CPU time that was idle during the measurement (0–1); null without /proc/stat. */
  machineIdle: number | null;
}

/** Starts measuring; `perRequest(n)` gives the CPU of the time since, divided over n requests. */
export function startCpuMeter(): { perRequest(requests: number): CpuPerRequest } {
  const before = readCpu();
  return {
    perRequest(requests) {
      const after = readCpu();
      const per = (a: number | null, b: number | null) => (a === null || b === null || requests === 0 ? null : ((b - a) * 1000) / requests);
      const busy = after.machineBusy !== null && before.machineBusy !== null ? after.machineBusy - before.machineBusy : null;
      const idle = after.machineIdle !== null && before.machineIdle !== null ? after.machineIdle - before.machineIdle : null;
      return {
        processMs: per(before.process, after.process) ?? 0,
        postgresMs: per(before.postgres, after.postgres),
        machineMs: per(before.machineBusy, after.machineBusy),
        machineIdle: busy !== null && idle !== null && busy + idle > 0 ? idle / (busy + idle) : null,
      };
    },
  };
}
