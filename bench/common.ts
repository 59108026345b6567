// Shared by the benches: command-line options and deterministic random data.

const args = process.argv.slice(2);

/** True when `--name` is on the command line. */
export function hasFlag(name: string): boolean {
  return args.includes(`--${name}`);
}

/** The value after `--name`, or `def` when the option is absent (or has no value after it). */
export function opt(name: string, def: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1]! : def;
}

/** The options of the exact-search benches: --sizes, --dim, --batch, --k, --seconds. */
export function searchOptions(defaultSeconds: string): { sizes: number[]; dim: number; batch: number; k: number; seconds: number } {
  return {
    sizes: opt("sizes", "100000,1000000").split(",").map(Number),
    dim: Number(opt("dim", "64")),
    batch: Number(opt("batch", "256")),
    k: Number(opt("k", "10")),
    seconds: Number(opt("seconds", defaultSeconds)),
  };
}

/** n x d values in [-0.5, 0.5) from an xorshift32 stream seeded by `seed` (0 counts as 1). */
export function randomMatrix(n: number, d: number, seed: number): Float32Array {
  const x = new Float32Array(n * d);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < x.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    x[i] = (s >>> 0) / 4294967296 - 0.5;
  }
  return x;
}

/** A rate for a table cell: no decimals from 100 up, one below. */
export function fmt(x: number): string {
  return x >= 100 ? x.toFixed(0) : x.toFixed(1);
}
