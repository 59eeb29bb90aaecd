// The size of a sample (steekproef) for a test of controls: statistical attribute sampling as the
// AICPA Audit Sampling guide tabulates it (binomial; docs/control-samples.md gives the formula, its
// source and the table values it reproduces), with a finite-population correction. Pure.

/** Above this the search stops: a sample of more items than this cannot be checked by hand. */
export const MAX_UNCORRECTED_SIZE = 10_000;

export interface SampleSizeInput {
  /** Items in the population (N). */
  populationSize: number;
  /** Confidence level (1 − risk of overreliance), e.g. 0.95. */
  confidence: number;
  /** Tolerable deviation rate (pt), e.g. 0.05. */
  tolerableError: number;
  /** Expected deviation rate (pe), 0 ≤ pe < pt. */
  expectedError: number;
}

export interface SampleSize {
  /** The sample size to draw: corrected for the population and never above it. */
  size: number;
  /** The size for an infinite population (n0), as the AICPA table gives it. */
  uncorrected: number;
  /** The deviations the sample may show and still support the conclusion (k). */
  allowedDeviations: number;
  /** True when every item of the population is checked (the corrected size equals N). */
  wholePopulation: boolean;
}

const EPS = 1e-9;

/** P(X ≤ k) for X ~ Binomial(n, p), summed in log space so large n does not underflow; stops once above `stopAbove`. */
export function binomialCdf(k: number, n: number, p: number, stopAbove = Infinity): number {
  let logTerm = n * Math.log1p(-p);
  let sum = Math.exp(logTerm);
  const ratio = Math.log(p) - Math.log1p(-p);
  for (let i = 0; i < Math.min(k, n) && sum <= stopAbove; i++) {
    logTerm += Math.log(n - i) - Math.log(i + 1) + ratio;
    sum += Math.exp(logTerm);
  }
  return sum;
}

/**
 * n0 and k for an infinite population: the smallest n with P(X ≤ k; n, pt) ≤ 1 − confidence, where
 * k = ⌈n · pe⌉ (the deviations expected in a sample of n, rounded up). With pe = 0 this is
 * n0 = ⌈ln(1 − confidence) / ln(1 − pt)⌉. Null when n0 would exceed MAX_UNCORRECTED_SIZE.
 */
export function uncorrectedSize(confidence: number, tolerableError: number, expectedError: number): { n: number; k: number } | null {
  const alpha = 1 - confidence;
  const zeroErrors = Math.ceil(Math.log(alpha) / Math.log1p(-tolerableError) - EPS);
  if (expectedError === 0) return zeroErrors <= MAX_UNCORRECTED_SIZE ? { n: zeroErrors, k: 0 } : null;
  for (let n = Math.max(1, zeroErrors); n <= MAX_UNCORRECTED_SIZE; n++) {
    const k = Math.ceil(n * expectedError - EPS);
    if (binomialCdf(k, n, tolerableError, alpha + EPS) <= alpha + EPS) return { n, k };
  }
  return null;
}

/**
 * The sample size for a population of N: n0 corrected for the finite population,
 * n = ⌈n0 / (1 + (n0 − 1) / N)⌉ (Cochran), which is never above N; 0 for an empty population.
 * Null when the parameters ask for more than MAX_UNCORRECTED_SIZE items before the correction.
 */
export function sampleSize(input: SampleSizeInput): SampleSize | null {
  const found = uncorrectedSize(input.confidence, input.tolerableError, input.expectedError);
  if (!found) return null;
  const N = input.populationSize;
  if (N <= 0) return { size: 0, uncorrected: found.n, allowedDeviations: found.k, wholePopulation: false };
  const size = Math.min(N, Math.ceil(found.n / (1 + (found.n - 1) / N) - EPS));
  return { size, uncorrected: found.n, allowedDeviations: found.k, wholePopulation: size === N };
}

/** The method as stored with the sample (control_samples.method, at most 100 characters). */
export const SAMPLE_METHOD = 'Attribuutsteekproef binomiaal (AICPA), eindige-populatiecorrectie, trekking md5(seed:id)';
