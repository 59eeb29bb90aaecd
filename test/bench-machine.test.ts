import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuTicksOf, referenceLoopMs, startCpuMeter } from '../bench/machine.js';

// A line of /proc/<pid>/stat: pid, (name), state, then fields 4–52; utime … cstime are 14–17 (here 11, 22, 33, 44).
const statLine = (name: string) =>
  `4242 (${name}) S 1 4242 4242 0 -1 4194560 1200 0 0 0 11 22 33 44 20 0 1 0 5000 222484 25000 18446744073709551615 1 1 0 0 0 0 0 4096 536887815 0 0 0 17 1 0 0 0 0 0`;

describe('cpuTicksOf (the bench reads PostgreSQL CPU from /proc)', () => {
  it('adds user and system time with those of exited children, for a process with that name', () => {
    expect(cpuTicksOf(statLine('postgres'), 'postgres')).toBe(110);
  });

  it('counts the fields after the last parenthesis, so a name with spaces and parentheses does not shift them', () => {
    expect(cpuTicksOf(statLine('odd (name) x'), 'odd (name) x')).toBe(110);
  });

  it('is null for another process or a line it cannot read', () => {
    expect(cpuTicksOf(statLine('node'), 'postgres')).toBeNull();
    expect(cpuTicksOf(statLine('postgres: walwriter'), 'postgres')).toBeNull();
    expect(cpuTicksOf('4242 (postgres) S 1 2', 'postgres')).toBeNull();
    expect(cpuTicksOf('', 'postgres')).toBeNull();
  });

  it('reads the line of this process as the kernel writes it', () => {
    if (!existsSync('/proc/self/stat')) return; // not Linux
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    expect(cpuTicksOf(stat, name)).toBeGreaterThanOrEqual(0);
  });
});

describe('startCpuMeter', () => {
  it('divides the CPU time since it started over the requests', () => {
    const meter = startCpuMeter();
    const start = process.cpuUsage();
    let spent = 0;
    let x = 0;
    // Busy for at least 60 ms of CPU time (not wall time, so a slow or busy machine does not change it).
    while (spent < 60_000) {
      for (let i = 0; i < 100_000; i += 1) x = (x + i * 7) % 1_000_003;
      const now = process.cpuUsage(start);
      spent = now.user + now.system;
    }
    const cpu = meter.perRequest(10);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(cpu.processMs).toBeGreaterThanOrEqual(6);
    if (existsSync('/proc/stat')) {
      expect(cpu.machineMs).not.toBeNull();
      expect(cpu.machineIdle).toBeGreaterThanOrEqual(0);
      expect(cpu.machineIdle).toBeLessThanOrEqual(1);
    }
    if (cpu.postgresMs !== null) expect(cpu.postgresMs).toBeGreaterThanOrEqual(0);
  });

  it('gives no per-request figures for no requests', () => {
    expect(startCpuMeter().perRequest(0)).toMatchObject({ processMs: 0, postgresMs: null, machineMs: null });
  });
});

describe('referenceLoopMs', () => {
  it('times the same work each round and gives a median in milliseconds', () => {
    const ms = referenceLoopMs();
    expect(Number.isFinite(ms)).toBe(true);
    expect(ms).toBeGreaterThan(0);
  });
});
