// The set of vocabularies and dense-feature statistics of a dataset; saved as vocab.json beside the model so
// that export and serving map raw values exactly as training did.
import { readFileSync } from "node:fs";
import { writeFileAtomic } from "../util/atomic-write.js";
import { DataError, quote } from "./errors.js";
import { FeatureVocab, FIRST_ID, type EncodeOptions } from "./vocab.js";

export interface DenseStats {
  mean: number;
  std: number;
}

const FORMAT = "rech-vocab";
const VERSION = 1;

/** Prefixes of derived columns that share the vocabulary of their base feature (hist_item_id -> item_id). */
const SHARED_PREFIXES = ["hist_", "neg_"];

export class Vocabulary {
  readonly sparse = new Map<string, FeatureVocab>();
  readonly dense = new Map<string, DenseStats>();

  addSparse(v: FeatureVocab): void {
    this.sparse.set(v.name, v);
  }

  addDense(name: string, stats: DenseStats): void {
    this.dense.set(name, stats);
  }

  /** The vocabulary of a feature or of a derived column (hist_item_id and neg_item_id use item_id's). */
  feature(name: string): FeatureVocab {
    const direct = this.sparse.get(name);
    if (direct) return direct;
    for (const p of SHARED_PREFIXES) {
      if (name.startsWith(p)) {
        const base = this.sparse.get(name.slice(p.length));
        if (base) return base;
      }
    }
    const known = [...this.sparse.keys()].join(", ");
    throw new DataError(`unknown feature "${name}" (the vocabulary has: ${known})`);
  }

  /** Encodes one raw value of a sparse feature; see FeatureVocab.encode for `strict`. */
  encode(feature: string, raw: string | number, options: EncodeOptions = {}): number {
    return this.feature(feature).encode(raw, options);
  }

  /** Normalises a dense value with the stored statistics; a missing value (NaN) becomes 0, the mean. */
  normalize(feature: string, x: number): number {
    const s = this.dense.get(feature);
    if (!s) throw new DataError(`unknown dense feature "${feature}"`);
    if (Number.isNaN(x)) return 0;
    return (x - s.mean) / s.std;
  }

  toJSON(): object {
    const sparse: Record<string, object> = {};
    for (const [name, v] of this.sparse) {
      const ids: Record<string, number> = {};
      v.values.forEach((raw, i) => {
        ids[raw] = i + FIRST_ID;
      });
      sparse[name] = { size: v.size, padding: 0, unseen: 1, ids };
    }
    const dense: Record<string, DenseStats> = {};
    for (const [name, s] of this.dense) dense[name] = { mean: s.mean, std: s.std };
    return { format: FORMAT, version: VERSION, sparse, dense };
  }

  static fromJSON(obj: unknown, file = "vocab.json"): Vocabulary {
    const fail = (what: string): never => {
      throw new DataError(`${file}: ${what}`);
    };
    if (!isObject(obj) || obj.format !== FORMAT) fail(`not a rech vocabulary (expected "format": "${FORMAT}")`);
    const o = obj as Record<string, unknown>;
    if (o.version !== VERSION) fail(`unsupported vocabulary version ${JSON.stringify(o.version)}`);
    const voc = new Vocabulary();
    const sparse = isObject(o.sparse) ? o.sparse : fail(`expected an object "sparse"`);
    for (const [name, entry] of Object.entries(sparse)) {
      if (!isObject(entry) || !isObject(entry.ids)) fail(`feature "${name}": expected an object "ids"`);
      const e = entry as Record<string, unknown>;
      const ids = e.ids as Record<string, unknown>;
      const size = typeof e.size === "number" ? e.size : Object.keys(ids).length + FIRST_ID;
      const values: string[] = new Array(size - FIRST_ID);
      for (const [raw, id] of Object.entries(ids)) {
        if (typeof id !== "number" || !Number.isInteger(id) || id < FIRST_ID || id >= size || values[id - FIRST_ID] !== undefined) {
          fail(`feature "${name}": bad id ${JSON.stringify(id)} for value ${quote(raw)} (ids run from 2 to ${size - 1}, each once)`);
        }
        values[(id as number) - FIRST_ID] = raw;
      }
      for (let i = 0; i < values.length; i++) if (values[i] === undefined) fail(`feature "${name}": id ${i + FIRST_ID} has no value`);
      voc.addSparse(new FeatureVocab(name, values));
    }
    if (o.dense !== undefined) {
      if (!isObject(o.dense)) fail(`expected an object "dense"`);
      for (const [name, s] of Object.entries(o.dense as Record<string, unknown>)) {
        if (!isObject(s) || typeof s.mean !== "number" || typeof s.std !== "number" || !(s.std > 0)) {
          fail(`dense feature "${name}": expected {"mean": number, "std": number > 0}`);
        }
        const st = s as Record<string, number>;
        voc.addDense(name, { mean: st.mean!, std: st.std! });
      }
    }
    return voc;
  }

  /** Writes the vocabulary as JSON, atomically (a crash never leaves half a file). */
  save(path: string): void {
    writeFileAtomic(path, JSON.stringify(this.toJSON()));
  }

  static load(path: string): Vocabulary {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new DataError(`${path}: cannot read the vocabulary file${code ? ` (${code})` : ""}`);
    }
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw new DataError(`${path}: invalid JSON (${(e as Error).message})`);
    }
    return Vocabulary.fromJSON(obj, path);
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Mean and standard deviation of the finite values (std 1 when there is no spread). */
export function denseStats(values: ArrayLike<number>): DenseStats {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      n++;
      sum += v;
    }
  }
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
  }
  const std = n > 1 ? Math.sqrt(ss / n) : 0;
  return { mean, std: std > 1e-12 ? std : 1 };
}
