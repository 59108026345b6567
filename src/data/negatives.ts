// Negative samplers: uniform over the catalogue, or by popularity^alpha (word2vec's 0.75 by default), and
// never one of the user's own positives. torch-rechub draws one global pool of negatives without checking
// them against the user, so a user's own target can come back as its negative; here each draw is rejected
// and redrawn while it hits a positive, and users who have seen almost everything fall back to an exact
// draw from the complement of their positives (same conditional distribution, no endless loop).
import { AliasTable } from "./alias.js";
import { DataError } from "./errors.js";
import type { PositiveSets } from "./positives.js";
import type { Rng } from "./rng.js";
import { FIRST_ID } from "./vocab.js";

export type SamplerKind = "uniform" | "popularity";

export interface SamplerOptions {
  kind: SamplerKind;
  /** Exponent of the popularity sampler (default 0.75). */
  alpha?: number;
  /** Rejection draws before switching to the exact complement draw (default 50). */
  maxTries?: number;
}

interface Complement {
  items: Int32Array;
  table: AliasTable | null; // null: uniform over items
}

export class NegativeSampler {
  readonly kind: SamplerKind;
  readonly alpha: number;
  private readonly numItems: number;
  private readonly positives: PositiveSets;
  private readonly weights: Float64Array | null;
  private readonly table: AliasTable | null;
  private readonly maxTries: number;
  private readonly complements = new Map<number, Complement>();
  private readonly userName: (u: number) => string;

  /**
   * numItems = item vocabulary size (real items are 2..numItems-1); counts = training counts per item id
   * (used by the popularity sampler: items with count 0 are never drawn by it).
   */
  constructor(
    numItems: number,
    counts: Float64Array,
    positives: PositiveSets,
    options: SamplerOptions,
    userName: (u: number) => string = (u) => `#${u}`,
  ) {
    if (numItems <= FIRST_ID) throw new DataError("cannot sample negatives: the catalogue has no items");
    this.kind = options.kind;
    this.alpha = options.alpha ?? 0.75;
    this.numItems = numItems;
    this.positives = positives;
    this.maxTries = options.maxTries ?? 50;
    this.userName = userName;
    if (options.kind === "popularity") {
      const w = new Float64Array(numItems - FIRST_ID);
      for (let i = 0; i < w.length; i++) w[i] = counts[i + FIRST_ID]! > 0 ? Math.pow(counts[i + FIRST_ID]!, this.alpha) : 0;
      this.weights = w;
      this.table = new AliasTable(w);
    } else if (options.kind === "uniform") {
      this.weights = null;
      this.table = null;
    } else {
      throw new DataError(`unknown negative sampler "${String(options.kind)}" (expected "uniform" or "popularity")`);
    }
  }

  /** Unconditional probability of drawing `item` (before excluding positives). */
  probability(item: number): number {
    if (item < FIRST_ID || item >= this.numItems) return 0;
    if (!this.weights) return 1 / (this.numItems - FIRST_ID);
    let total = 0;
    for (let i = 0; i < this.weights.length; i++) total += this.weights[i]!;
    return this.weights[item - FIRST_ID]! / total;
  }

  private drawAny(rng: Rng): number {
    return (this.table ? this.table.sample(rng) : rng.int(this.numItems - FIRST_ID)) + FIRST_ID;
  }

  /** One negative item for `user`, never one of its positives. */
  draw(user: number, rng: Rng): number {
    for (let t = 0; t < this.maxTries; t++) {
      const item = this.drawAny(rng);
      if (!this.positives.has(user, item)) return item;
    }
    const c = this.complement(user);
    const k = c.table ? c.table.sample(rng) : rng.int(c.items.length);
    return c.items[k]!;
  }

  /** Fills out[offset .. offset+n) with negatives for `user` (with replacement). */
  fill(user: number, rng: Rng, out: Int32Array, offset: number, n: number): void {
    for (let k = 0; k < n; k++) out[offset + k] = this.draw(user, rng);
  }

  private complement(user: number): Complement {
    let c = this.complements.get(user);
    if (c) return c;
    const items: number[] = [];
    for (let i = FIRST_ID; i < this.numItems; i++) if (!this.positives.has(user, i)) items.push(i);
    if (items.length === 0) {
      throw new DataError(
        `user ${this.userName(user)} has interacted with all ${this.numItems - FIRST_ID} items, so no negative can be drawn for it`,
      );
    }
    let table: AliasTable | null = null;
    if (this.weights) {
      const w = items.map((i) => this.weights![i - FIRST_ID]!);
      // When every unseen item has zero popularity, fall back to a uniform draw over them.
      if (w.some((x) => x > 0)) table = new AliasTable(w);
    }
    c = { items: Int32Array.from(items), table };
    this.complements.set(user, c);
    return c;
  }
}
