// Shared test helpers (no vitest import, so scripts can use them too): a seeded RNG, synthetic embeddings,
// a brute-force top-k oracle, recall.

export { rng } from "../helpers/rng.js";

export function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** n x d small integers in [-m, m]: every inner product is exact in float32 and double, and ties are common. */
export function integerMatrix(r: () => number, n: number, d: number, m: number): Float32Array {
  const x = new Float32Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = Math.floor(r() * (2 * m + 1)) - m;
  return x;
}

export function uniformMatrix(r: () => number, n: number, d: number): Float32Array {
  const x = new Float32Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = r() * 2 - 1;
  return x;
}

/**
 * Unit vectors around `clusters` random unit centres (noise `spread` per coordinate), as a stand-in for trained
 * embeddings. Returns the vectors and the centre of each row.
 */
export function clusteredUnitVectors(r: () => number, n: number, d: number, clusters: number, spread: number): Float32Array {
  const centres = new Float32Array(clusters * d);
  for (let i = 0; i < centres.length; i++) centres[i] = gaussian(r);
  const x = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(r() * clusters);
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const v = centres[c * d + j]! / Math.sqrt(d) + spread * gaussian(r);
      x[i * d + j] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (let j = 0; j < d; j++) x[i * d + j] = x[i * d + j]! / norm;
  }
  return x;
}

/** The oracle: score every row, sort by (score desc, row asc), keep k. Single accumulator, in double. */
export function bruteForce(items: Float32Array, n: number, d: number, q: Float32Array, qi: number, k: number, skip?: Set<number>): { ids: number[]; scores: number[] } {
  const all: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (skip?.has(i)) continue;
    let s = 0;
    for (let j = 0; j < d; j++) s += items[i * d + j]! * q[qi * d + j]!;
    all.push([s, i]);
  }
  all.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const top = all.slice(0, k);
  return { ids: top.map((t) => t[1]), scores: top.map((t) => t[0]) };
}

/** recall@k of `got` (nq x k rows) against `want` (nq x k rows), ignoring order. */
export function recallAt(got: Int32Array, want: Int32Array, nq: number, k: number): number {
  let hit = 0;
  for (let q = 0; q < nq; q++) {
    const truth = new Set(want.subarray(q * k, (q + 1) * k));
    for (let j = 0; j < k; j++) if (truth.has(got[q * k + j]!)) hit++;
  }
  return hit / (nq * k);
}
