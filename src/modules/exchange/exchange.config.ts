// The schema set of this process, opened once per folder (compiled validators live in WebAssembly memory).

import { SchemaSet } from './exchange.schemas.js';

const opened = new Map<string, SchemaSet>();

/** The iStandaarden XSDs of `dir`, or undefined when no folder is configured. */
export function schemasFor(dir: string | undefined): SchemaSet | undefined {
  if (!dir) return undefined;
  let set = opened.get(dir);
  if (!set) {
    set = SchemaSet.open(dir);
    opened.set(dir, set);
  }
  return set;
}
