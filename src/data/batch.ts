// Batch types (CONTRACTS.md) and reusable column buffers: each column is allocated once at the full batch
// size and overwritten batch after batch (first-touch memory is slow), a short last batch is a view.

export interface Column {
  data: Int32Array | Float32Array;
  /** shape[0] = batch rows. */
  shape: number[];
}

export interface Batch {
  size: number;
  columns: Record<string, Column>;
}

export type ColumnDtype = "int32" | "float32";

export interface ColumnSpec {
  name: string;
  dtype: ColumnDtype;
  /** Values per row: 0 for a (B) column, n for a (B, n) column. */
  width: number;
}

export class ColumnBuffers {
  readonly specs: ColumnSpec[];
  readonly capacity: number;
  private readonly data = new Map<string, Int32Array | Float32Array>();

  constructor(specs: ColumnSpec[], capacity: number) {
    this.specs = specs;
    this.capacity = capacity;
    for (const s of specs) {
      const n = capacity * Math.max(1, s.width);
      this.data.set(s.name, s.dtype === "int32" ? new Int32Array(n) : new Float32Array(n));
    }
  }

  int(name: string): Int32Array {
    return this.data.get(name) as Int32Array;
  }

  float(name: string): Float32Array {
    return this.data.get(name) as Float32Array;
  }

  /** A Batch over the first `size` rows of every buffer (views, no copies). */
  view(size: number): Batch {
    const columns: Record<string, Column> = {};
    for (const s of this.specs) {
      const w = Math.max(1, s.width);
      const full = this.data.get(s.name)!;
      const data = size === this.capacity ? full : full.subarray(0, size * w);
      columns[s.name] = { data, shape: s.width === 0 ? [size] : [size, s.width] };
    }
    return { size, columns };
  }
}
