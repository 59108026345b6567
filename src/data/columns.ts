// Which columns a batch carries and how a user-side or item-side row is written into the buffers.
// Standard names (CONTRACTS.md): user_id + user features, hist_item_id / hist_<item feature> (B,L),
// hist_len (B); item_id + item features; negatives neg_item_id / neg_<item feature> (B,N).
import type { ColumnBuffers, ColumnSpec } from "./batch.js";
import { writeSequence, type Padding } from "./history.js";
import type { MatchData } from "./prepare.js";

export function userColumnSpecs(data: MatchData, maxLen: number): ColumnSpec[] {
  const log = data.log;
  return [
    { name: "user_id", dtype: "int32", width: 0 },
    ...Object.keys(log.userSparse).map((name): ColumnSpec => ({ name, dtype: "int32", width: 0 })),
    ...Object.keys(log.userDense).map((name): ColumnSpec => ({ name, dtype: "float32", width: 0 })),
    { name: "hist_item_id", dtype: "int32", width: maxLen },
    ...Object.keys(log.itemSparse).map((name): ColumnSpec => ({ name: `hist_${name}`, dtype: "int32", width: maxLen })),
    { name: "hist_len", dtype: "int32", width: 0 },
  ];
}

export function itemColumnSpecs(data: MatchData): ColumnSpec[] {
  const log = data.log;
  return [
    { name: "item_id", dtype: "int32", width: 0 },
    ...Object.keys(log.itemSparse).map((name): ColumnSpec => ({ name, dtype: "int32", width: 0 })),
    ...Object.keys(log.itemDense).map((name): ColumnSpec => ({ name, dtype: "float32", width: 0 })),
  ];
}

export function negativeColumnSpecs(data: MatchData, n: number): ColumnSpec[] {
  return [
    { name: "neg_item_id", dtype: "int32", width: n },
    ...Object.keys(data.log.itemSparse).map((name): ColumnSpec => ({ name: `neg_${name}`, dtype: "int32", width: n })),
  ];
}

/** Writes user-side rows: profile features and the history timeline[histFrom .. histTo). */
export class UserWriter {
  private readonly userId: Int32Array;
  private readonly sparse: Array<[Int32Array, Int32Array]>;
  private readonly dense: Array<[Float32Array, Float32Array]>;
  private readonly histItem: Int32Array;
  private readonly histSide: Array<[Int32Array, Int32Array]>;
  private readonly histLen: Int32Array;

  constructor(
    private readonly data: MatchData,
    buf: ColumnBuffers,
    private readonly maxLen: number,
    private readonly padding: Padding,
  ) {
    const log = data.log;
    this.userId = buf.int("user_id");
    this.sparse = Object.entries(log.userSparse).map(([n, table]) => [table, buf.int(n)]);
    this.dense = Object.entries(log.userDense).map(([n, table]) => [table, buf.float(n)]);
    this.histItem = buf.int("hist_item_id");
    this.histSide = Object.entries(log.itemSparse).map(([n, table]) => [table, buf.int(`hist_${n}`)]);
    this.histLen = buf.int("hist_len");
  }

  write(row: number, user: number, histFrom: number, histTo: number): void {
    this.userId[row] = user;
    for (const [table, out] of this.sparse) out[row] = table[user]!;
    for (const [table, out] of this.dense) out[row] = table[user]!;
    const items = this.data.timeline.item;
    const off = row * this.maxLen;
    this.histLen[row] = writeSequence(items, histFrom, histTo, this.maxLen, this.padding, this.histItem, off);
    for (const [table, out] of this.histSide) writeSequence(items, histFrom, histTo, this.maxLen, this.padding, out, off, table);
  }
}

/** Writes item-side rows (item_id and its profile features). */
export class ItemWriter {
  private readonly itemId: Int32Array;
  private readonly sparse: Array<[Int32Array, Int32Array]>;
  private readonly dense: Array<[Float32Array, Float32Array]>;

  constructor(data: MatchData, buf: ColumnBuffers) {
    const log = data.log;
    this.itemId = buf.int("item_id");
    this.sparse = Object.entries(log.itemSparse).map(([n, table]) => [table, buf.int(n)]);
    this.dense = Object.entries(log.itemDense).map(([n, table]) => [table, buf.float(n)]);
  }

  write(row: number, item: number): void {
    this.itemId[row] = item;
    for (const [table, out] of this.sparse) out[row] = table[item]!;
    for (const [table, out] of this.dense) out[row] = table[item]!;
  }
}

/** Writes n negatives (already drawn into neg_item_id) with their side features looked up from the item profile. */
export class NegativeWriter {
  private readonly negItem: Int32Array;
  private readonly side: Array<[Int32Array, Int32Array]>;

  constructor(data: MatchData, buf: ColumnBuffers, private readonly n: number) {
    this.negItem = buf.int("neg_item_id");
    this.side = Object.entries(data.log.itemSparse).map(([name, table]) => [table, buf.int(`neg_${name}`)]);
  }

  get items(): Int32Array {
    return this.negItem;
  }

  /** Fills the side columns of row `row` from its neg_item_id entries. */
  writeSide(row: number): void {
    const off = row * this.n;
    for (const [table, out] of this.side) {
      for (let k = 0; k < this.n; k++) out[off + k] = table[this.negItem[off + k]!]!;
    }
  }
}
