// The training side's seeded PRNG: the same xoshiro128** generator as src/data/rng.ts (seeded through
// splitmix32), plus the float fills parameter init and noise need. Every random stream of a run
// (parameter init per tensor, noise per step and input) is derived from the run seed with `deriveSeed`,
// so no generator state has to be saved for `--resume`: step s always draws the same numbers.

import { avalanche, Rng } from "../data/rng.js";

/** Mixes the run seed with integers and names (step, input name ...) into one 32-bit seed. */
export function deriveSeed(seed: number, ...parts: (number | string)[]): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  h = avalanche(h ^ Math.floor(seed / 4294967296));
  for (const p of parts) {
    if (typeof p === "string") {
      for (let i = 0; i < p.length; i++) h = Math.imul(h ^ p.charCodeAt(i), 0x01000193);
      h = avalanche(h ^ p.length);
    } else {
      h = avalanche(Math.imul(h ^ (p >>> 0), 0x01000193));
      h = avalanche(h ^ Math.floor(p / 4294967296));
    }
  }
  return h >>> 0;
}

export class Prng extends Rng {
  /** Uniform in [0, 1) with 32 random bits (plenty for float32 outputs). */
  uniform(): number {
    return this.nextU32() / 4294967296;
  }

  /** Fills `out` with U(low, high). */
  fillUniform(out: Float32Array, low: number, high: number): void {
    const span = high - low;
    for (let i = 0; i < out.length; i++) out[i] = low + span * (this.nextU32() / 4294967296);
  }

  /** Fills `out` with N(mean, std) by the polar form of Box-Muller (Marsaglia), both values of each pair. */
  fillNormal(out: Float32Array, mean: number, std: number): void {
    const n = out.length;
    for (let i = 0; i < n; i += 2) {
      let x: number, y: number, r: number;
      do {
        x = 2 * this.uniform() - 1;
        y = 2 * this.uniform() - 1;
        r = x * x + y * y;
      } while (r >= 1 || r === 0);
      const f = std * Math.sqrt((-2 * Math.log(r)) / r);
      out[i] = mean + x * f;
      if (i + 1 < n) out[i + 1] = mean + y * f;
    }
  }
}
