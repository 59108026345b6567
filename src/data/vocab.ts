// Vocabularies: raw value (string) -> id, with 0 = padding, 1 = the unseen-value bucket, real values from 2
// (CONTRACTS.md). Ids are assigned to raw values in sorted order (numerically when every value is a number),
// so the same set of values always gets the same ids whatever the file order.
import { DataError, quote } from "./errors.js";

export const PAD_ID = 0;
export const UNSEEN_ID = 1;
export const FIRST_ID = 2;

export interface EncodeOptions {
  /** Throw a DataError for a value not seen in training instead of mapping it to the unseen bucket (1). */
  strict?: boolean;
}

export class FeatureVocab {
  readonly name: string;
  /** values[i] is the raw value of id i + 2. */
  readonly values: readonly string[];
  private readonly index: Map<string, number>;

  constructor(name: string, values: readonly string[]) {
    this.name = name;
    this.values = values;
    this.index = new Map();
    values.forEach((v, i) => {
      if (this.index.has(v)) throw new DataError(`vocabulary "${name}": value ${quote(v)} appears twice`);
      this.index.set(v, i + FIRST_ID);
    });
  }

  /** Number of ids including padding and the unseen bucket (= real values + 2). */
  get size(): number {
    return this.values.length + FIRST_ID;
  }

  /** Id of a raw value; unseen values map to 1, or throw in strict mode. */
  encode(raw: string | number, options: EncodeOptions = {}): number {
    const key = typeof raw === "number" ? String(raw) : raw;
    const id = this.index.get(key);
    if (id !== undefined) return id;
    if (options.strict) {
      throw new DataError(`unknown value ${quote(key)} for feature "${this.name}" (not seen in the training data)`);
    }
    return UNSEEN_ID;
  }

  has(raw: string): boolean {
    return this.index.has(raw);
  }

  /** Raw value of an id; padding and the unseen bucket have none. */
  decode(id: number): string | undefined {
    return id >= FIRST_ID ? this.values[id - FIRST_ID] : undefined;
  }
}

/** Largest integer raw value kept in the direct-index table (beyond it, values go through the Map). */
const MAX_DIRECT = 1 << 24;

/**
 * The value of a canonical non-negative decimal integer ("0", "17", not "017", "+1" or "1.0"), else -1.
 * Integer raw ids (the common case) are looked up in a typed array instead of a Map of strings.
 */
export function canonicalInt(s: string): number {
  const n = s.length;
  if (n === 0 || n > 8) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9 || (c === 0 && i === 0 && n > 1)) return -1;
    v = v * 10 + c;
  }
  return v < MAX_DIRECT ? v : -1;
}

/** Collects raw values in order of first appearance (provisional ids 0,1,2...), then sorts them. */
export class VocabBuilder {
  readonly name: string;
  private readonly seen = new Map<string, number>();
  private readonly raws: string[] = [];
  /** direct[v] = provisional id + 1 of the integer raw value v (0 = not seen). */
  private direct = new Int32Array(1024);

  constructor(name: string) {
    this.name = name;
  }

  /** Provisional id (first-appearance order, from 0). */
  add(raw: string): number {
    const v = canonicalInt(raw);
    if (v >= 0) return this.addInt(v, raw);
    let id = this.seen.get(raw);
    if (id === undefined) {
      id = this.raws.length;
      this.seen.set(raw, id);
      this.raws.push(raw);
    }
    return id;
  }

  /** add() for a canonical integer value v (< 2^24); `raw` is its text when the caller has it. */
  addInt(v: number, raw?: string): number {
    if (v >= this.direct.length) {
      let cap = this.direct.length;
      while (cap <= v) cap *= 2;
      const next = new Int32Array(cap);
      next.set(this.direct);
      this.direct = next;
    }
    const known = this.direct[v]!;
    if (known > 0) return known - 1;
    const id = this.raws.length;
    this.direct[v] = id + 1;
    this.raws.push(raw ?? String(v));
    return id;
  }

  /** Provisional id of a known value, or -1. */
  lookup(raw: string): number {
    const v = canonicalInt(raw);
    if (v >= 0) return v < this.direct.length ? this.direct[v]! - 1 : -1;
    const id = this.seen.get(raw);
    return id === undefined ? -1 : id;
  }

  get count(): number {
    return this.raws.length;
  }

  /** The final vocabulary and `remap[provisional] = final id`. */
  finish(): { vocab: FeatureVocab; remap: Int32Array } {
    const order = sortedOrder(this.raws);
    const remap = new Int32Array(this.raws.length);
    const values: string[] = new Array(order.length);
    order.forEach((prov, rank) => {
      remap[prov] = rank + FIRST_ID;
      values[rank] = this.raws[prov]!;
    });
    return { vocab: new FeatureVocab(this.name, values), remap };
  }
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Indices of `raws` in sorted order: numeric when every value is a plain number, else by code units. */
export function sortedOrder(raws: readonly string[]): number[] {
  const idx = raws.map((_, i) => i);
  if (raws.every((r) => NUMBER.test(r))) {
    const nums = raws.map(Number);
    idx.sort((a, b) => nums[a]! - nums[b]! || (raws[a]! < raws[b]! ? -1 : raws[a]! > raws[b]! ? 1 : 0));
  } else {
    idx.sort((a, b) => (raws[a]! < raws[b]! ? -1 : raws[a]! > raws[b]! ? 1 : 0));
  }
  return idx;
}
