import type { Linter } from 'eslint';

/** The folders in src/modules, sorted. */
export function moduleNames(root: string): string[];
/** One `no-restricted-imports` config block per module: no other module's `*.repository` or `*.tables`. */
export function moduleBoundaries(modules: string[]): Linter.Config[];
