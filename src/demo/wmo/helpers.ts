// Small helpers of the Wmo demo seed: seeded streams, dates and weighted sampling.

import { startOfDayInAmsterdam } from '../../platform/time.js';
import type { Random, Weighted } from '../random.js';

/** FNV-1a, to derive independent PRNG streams from one seed. */
export function mixSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ Math.trunc(seed)) >>> 0;
  for (let i = 0; i < label.length; i += 1) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Reproducible UUIDs (version 4 layout) from a seeded stream, so the same seed gives the same ids. */
export function uuidStream(random: Random): () => string {
  const word = () => Math.floor(random.next() * 4_294_967_296).toString(16).padStart(8, '0');
  return () => {
    const hex = word() + word() + word() + word();
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

export function ascii(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** k distinct values drawn with probability proportional to weight. */
export function weightedSample<T>(random: Random, items: readonly Weighted<T>[], k: number): T[] {
  const pool = items.filter((i) => i.weight > 0);
  const out: T[] = [];
  while (out.length < k && pool.length > 0) {
    const total = pool.reduce((s, i) => s + i.weight, 0);
    let roll = random.next() * total;
    let index = pool.length - 1;
    for (let i = 0; i < pool.length; i += 1) {
      roll -= pool[i]!.weight;
      if (roll < 0) {
        index = i;
        break;
      }
    }
    out.push(pool[index]!.value);
    pool.splice(index, 1);
  }
  return out;
}

/** Instants in Amsterdam, cached per day (startOfDayInAmsterdam is comparatively slow). */
export function clock() {
  const cache = new Map<string, number>();
  return (date: string, minutes: number): Date => {
    let start = cache.get(date);
    if (start === undefined) {
      start = startOfDayInAmsterdam(date).getTime();
      cache.set(date, start);
    }
    return new Date(start + minutes * 60_000);
  };
}

export function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k += 1;
    p *= random.next();
  }
  return k;
}

/** A minute of the working day (08:30–17:00). */
export function workTime(random: Random): number {
  return random.int(8 * 60 + 30, 17 * 60);
}
