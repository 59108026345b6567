// Sparse-mode bookkeeping for one embedding table: the unique ids a batch uses, the columns remapped to
// local rows 0..U-1, and row gather/scatter between the full table and a compact U-row buffer.
// Everything is allocated once and grown geometrically, so a step costs O(ids in the batch), not O(rows).

export class RowSet {
  /** slot of a global row in the current batch, -1 when unused; reset after every batch */
  private readonly slotOf: Int32Array;
  /** unique global rows of the current batch, in order of first appearance */
  ids = new Int32Array(1024);
  count = 0;

  constructor(readonly table: string, readonly rows: number) {
    this.slotOf = new Int32Array(rows).fill(-1);
  }

  /** Records the ids of `column` (named `name` for messages), writing local row indices into `out`. */
  add(name: string, column: Int32Array, out: Int32Array): void {
    const slotOf = this.slotOf;
    const rows = this.rows;
    for (let i = 0; i < column.length; i++) {
      const id = column[i];
      if (!(id >= 0 && id < rows)) {
        this.clear();
        throw new RangeError(`batch column ${name} holds id ${id}, outside table ${this.table} of ${rows} rows`);
      }
      let s = slotOf[id];
      if (s < 0) {
        s = this.count++;
        if (s >= this.ids.length) this.ids = grow(this.ids, s + 1);
        this.ids[s] = id;
        slotOf[id] = s;
      }
      out[i] = s;
    }
  }

  /** Forgets the current batch (touches only the rows it used). */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.slotOf[this.ids[i]] = -1;
    this.count = 0;
  }
}

/** Copies rows `ids[0..n)` of `table` (rows of `width` floats) into `out[0 .. n*width)`. */
export function gatherRows(table: Float32Array, width: number, ids: Int32Array, n: number, out: Float32Array): void {
  for (let i = 0, o = 0; i < n; i++) {
    const src = ids[i] * width;
    for (let j = 0; j < width; j++) out[o++] = table[src + j];
  }
}

/** Writes rows `src[i*width ..]` back to rows `ids[i]` of `table`, for i < n. */
export function scatterRows(table: Float32Array, width: number, ids: Int32Array, n: number, src: Float32Array): void {
  for (let i = 0, o = 0; i < n; i++) {
    const dst = ids[i] * width;
    for (let j = 0; j < width; j++) table[dst + j] = src[o++];
  }
}

/** A copy of `a` with room for at least `need` elements (grows by 1.5x). */
export function grow<T extends Int32Array | Float32Array>(a: T, need: number): T {
  let n = Math.max(16, a.length);
  while (n < need) n = Math.ceil(n * 1.5);
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
