// The in-memory interaction log every reader returns: encoded ids in typed arrays (one entry a row, file
// order) plus per-user and per-item side-feature tables indexed by encoded id.
import { DataError } from "./errors.js";
import { GrowableFloat64, GrowableInt32 } from "./growable.js";
import { VocabBuilder, UNSEEN_ID } from "./vocab.js";
import { Vocabulary, denseStats } from "./vocabulary.js";

export interface InteractionLog {
  /** Where the log came from (file, directory or "builtin:default"), for messages. */
  source: string;
  /** Number of interactions. */
  size: number;
  /** Encoded user id of each row (vocabulary "user_id"). */
  user: Int32Array;
  /** Encoded item id of each row (vocabulary "item_id"). */
  item: Int32Array;
  /** Timestamp of each row (any monotone unit: seconds, milliseconds, or row order). */
  time: Float64Array;
  vocab: Vocabulary;
  /** Sparse user features: name -> encoded value per user id (length = user vocab size; 0 for padding, 1 when unknown). */
  userSparse: Record<string, Int32Array>;
  /** Sparse item features (e.g. cate_id): name -> encoded value per item id. */
  itemSparse: Record<string, Int32Array>;
  /** Dense user features, already normalised with the stats stored in vocab.dense. */
  userDense: Record<string, Float32Array>;
  itemDense: Record<string, Float32Array>;
  /** Rows skipped as malformed (only with skipBadRows). */
  skippedRows: number;
  /** Messages of the first skipped rows and other non-fatal notes. */
  warnings: string[];
}

type Side = "user" | "item";

interface SparseColumn {
  vocab: VocabBuilder;
  values: GrowableInt32; // provisional value id + 1 per provisional entity id; 0 = unset
}

/** Accumulates rows with provisional ids, then sorts every vocabulary and remaps (see vocab.ts). */
export class LogBuilder {
  readonly source: string;
  readonly users = new VocabBuilder("user_id");
  readonly items = new VocabBuilder("item_id");
  private readonly rowUser: GrowableInt32;
  private readonly rowItem: GrowableInt32;
  private readonly rowTime: GrowableFloat64;
  private readonly sparse: Record<Side, Map<string, SparseColumn>> = { user: new Map(), item: new Map() };
  private readonly dense: Record<Side, Map<string, GrowableFloat64>> = { user: new Map(), item: new Map() };
  skippedRows = 0;
  readonly warnings: string[] = [];

  constructor(source: string, capacity = 1 << 16) {
    this.source = source;
    this.rowUser = new GrowableInt32(capacity);
    this.rowItem = new GrowableInt32(capacity);
    this.rowTime = new GrowableFloat64(capacity);
  }

  get size(): number {
    return this.rowUser.length;
  }

  /** Adds one interaction; its provisional user and item ids are left in lastUser / lastItem (for side columns). */
  add(userRaw: string, itemRaw: string, time: number): void {
    this.lastUser = this.users.add(userRaw);
    this.lastItem = this.items.add(itemRaw);
    this.rowUser.push(this.lastUser);
    this.rowItem.push(this.lastItem);
    this.rowTime.push(time);
  }

  lastUser = -1;
  lastItem = -1;

  /** Declares a sparse side feature (so that it exists even when no value is ever set). */
  declareSparse(side: Side, name: string): void {
    if (!this.sparse[side].has(name)) {
      this.checkName(side, name);
      this.sparse[side].set(name, { vocab: new VocabBuilder(name), values: new GrowableInt32(1024) });
    }
  }

  declareDense(side: Side, name: string): void {
    if (!this.dense[side].has(name)) {
      this.checkName(side, name);
      this.dense[side].set(name, new GrowableFloat64(1024));
    }
  }

  /** Sets a sparse feature of a user or item (provisional id); the first value set wins. */
  setSparse(side: Side, name: string, entity: number, raw: string): void {
    this.declareSparse(side, name);
    const col = this.sparse[side].get(name)!;
    if (entity < col.values.length && col.values.get(entity) !== 0) return;
    col.values.set(entity, col.vocab.add(raw) + 1);
  }

  setDense(side: Side, name: string, entity: number, value: number): void {
    this.declareDense(side, name);
    const col = this.dense[side].get(name)!;
    if (entity < col.length && !Number.isNaN(col.get(entity))) return;
    col.set(entity, value);
  }

  private checkName(side: Side, name: string): void {
    const other: Side = side === "user" ? "item" : "user";
    if (name === "user_id" || name === "item_id" || this.sparse[other].has(name) || this.dense[other].has(name)) {
      throw new DataError(`${this.source}: feature name "${name}" is used twice`);
    }
  }

  finish(): InteractionLog {
    if (this.size === 0) {
      const why = this.skippedRows > 0 ? ` (all ${this.skippedRows} rows were malformed and skipped)` : "";
      throw new DataError(`${this.source}: the log has no interactions${why}`);
    }
    const vocab = new Vocabulary();
    const u = this.users.finish();
    const it = this.items.finish();
    vocab.addSparse(u.vocab);
    vocab.addSparse(it.vocab);
    const user = this.rowUser.toArray();
    const item = this.rowItem.toArray();
    for (let i = 0; i < user.length; i++) {
      user[i] = u.remap[user[i]!]!;
      item[i] = it.remap[item[i]!]!;
    }
    const sideRemap: Record<Side, Int32Array> = { user: u.remap, item: it.remap };
    const sideSize: Record<Side, number> = { user: u.vocab.size, item: it.vocab.size };
    const sparseOut: Record<Side, Record<string, Int32Array>> = { user: {}, item: {} };
    const denseOut: Record<Side, Record<string, Float32Array>> = { user: {}, item: {} };
    for (const side of ["user", "item"] as const) {
      const remap = sideRemap[side];
      for (const [name, col] of this.sparse[side]) {
        const f = col.vocab.finish();
        vocab.addSparse(f.vocab);
        const out = new Int32Array(sideSize[side]);
        out[1] = UNSEEN_ID;
        for (let prov = 0; prov < remap.length; prov++) {
          const v = prov < col.values.length ? col.values.get(prov) : 0;
          out[remap[prov]!] = v === 0 ? UNSEEN_ID : f.remap[v - 1]!;
        }
        sparseOut[side][name] = out;
      }
      for (const [name, col] of this.dense[side]) {
        const raw = new Float64Array(remap.length).fill(Number.NaN);
        for (let prov = 0; prov < Math.min(col.length, remap.length); prov++) raw[prov] = col.get(prov);
        const stats = denseStats(raw);
        vocab.addDense(name, stats);
        const out = new Float32Array(sideSize[side]);
        for (let prov = 0; prov < remap.length; prov++) {
          const x = raw[prov]!;
          out[remap[prov]!] = Number.isFinite(x) ? (x - stats.mean) / stats.std : 0;
        }
        denseOut[side][name] = out;
      }
    }
    return {
      source: this.source,
      size: user.length,
      user,
      item,
      time: this.rowTime.toArray(),
      vocab,
      userSparse: sparseOut.user,
      itemSparse: sparseOut.item,
      userDense: denseOut.user,
      itemDense: denseOut.item,
      skippedRows: this.skippedRows,
      warnings: this.warnings,
    };
  }
}
