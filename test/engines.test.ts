import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockPackage {
  engines?: { node?: string } | string[];
  dev?: boolean;
  optional?: boolean;
}

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as { packages: Record<string, LockPackage> };

/** Runtime dependencies whose own `engines.node` is a range (optional platform binaries included). */
function runtimeEngines(): { name: string; range: string }[] {
  return Object.entries(lock.packages)
    .filter(([key, p]) => key !== '' && !p.dev && p.engines && !Array.isArray(p.engines) && p.engines.node)
    .map(([key, p]) => ({ name: key.replace(/^.*node_modules\//, ''), range: (p.engines as { node: string }).node }));
}

describe('supported Node.js versions (package.json engines)', () => {
  it('promises no Node version that a runtime dependency refuses', () => {
    const promised = pkg.engines.node;
    const lowest = semver.minVersion(promised)!.version;
    const refusing = runtimeEngines().filter(({ range }) => !semver.satisfies(lowest, range));
    expect(refusing, `engines.node "${promised}" starts at ${lowest}`).toEqual([]);
  });

  it('covers the LTS lines Koers supports: 22 and 24', () => {
    for (const version of ['22.13.0', '22.20.0', '24.0.0', '24.11.0']) expect(semver.satisfies(version, pkg.engines.node), version).toBe(true);
  });
});
