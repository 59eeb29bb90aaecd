// Seeded pseudo-random numbers for demo data. Math.random cannot be seeded, and demo data must be
// reproducible: the same seed has to give the same residents on every machine and every run.

export interface Weighted<T> {
  readonly value: T;
  readonly weight: number;
}

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks a value with probability proportional to its weight. */
  weighted<T>(items: readonly Weighted<T>[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
}

// splitmix32 spreads nearby seeds (1, 2, 3 …) over the whole state space, so consecutive seeds
// still give unrelated streams.
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

// sfc32: small, fast, passes PractRand, and a period far beyond what a demo population uses.
function sfc32(seed: number): () => number {
  const mix = splitmix32(seed);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = 1;
  const step = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < 12; i += 1) step(); // warm-up, as recommended for sfc32
  return step;
}

/** A seeded generator; the seed is used as an unsigned 32-bit integer (fractions are dropped). */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const next = sfc32(Math.trunc(seed));
  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}) needs integers with min <= max`);
    }
    return min + Math.floor(next() * (max - min + 1));
  };
  const pick = <T>(items: readonly T[]): T => {
    const index = Math.floor(next() * items.length);
    if (index >= items.length) throw new RangeError('pick() needs at least one item');
    return items[index] as T;
  };
  const weighted = <T>(items: readonly Weighted<T>[]): T => pickWeighted(items, next());
  const chance = (p: number): boolean => next() < p;
  return { next, int, pick, weighted, chance };
}

function pickWeighted<T>(items: readonly Weighted<T>[], roll: number): T {
  let total = 0;
  let lastPositive: Weighted<T> | undefined;
  for (const item of items) {
    if (!(item.weight >= 0)) throw new RangeError(`weights must be >= 0, got ${item.weight}`);
    total += item.weight;
    if (item.weight > 0) lastPositive = item;
  }
  if (lastPositive === undefined) throw new RangeError('weighted() needs at least one positive weight');
  let remaining = roll * total;
  for (const item of items) {
    remaining -= item.weight;
    if (remaining < 0) return item.value;
  }
  // Floating-point rounding can leave a hair of `remaining`.
  return lastPositive.value;
}
