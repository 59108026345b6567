// The values a step executor keeps across steps (params, buffers, optimizer state). A dense one is a plain
// Float32Array; one that follows a sparse table lives interleaved in that table's RowStore. Both present
// themselves as a contiguous row-major tensor for checkpoints and snapshots: readChunk / read / write.
import type { InitSpec, PackedPart } from "../ir/graph.js";
import { initStream } from "./init.js";
import type { RowStore } from "./row-store.js";

export type HeldKind = "param" | "buffer" | "state";

export interface HeldTensor {
  readonly name: string;
  readonly kind: HeldKind;
  readonly shape: number[];
  /** number of values */
  readonly size: number;
  /** copies values [start, start + out.length) (row-major) into out */
  readChunk(start: number, out: Float32Array): void;
  /** a contiguous copy of the whole tensor */
  read(): Float32Array;
  /** replaces every value */
  write(src: Float32Array): void;
}

const CHUNK = 1 << 20;

function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function zeroRowOf(spec: InitSpec | undefined): number | undefined {
  return spec && (spec.kind === "normal" || spec.kind === "uniform") ? spec.zeroRow : undefined;
}

export class DenseHeld implements HeldTensor {
  readonly size: number;
  readonly data: Float32Array;

  /** `data`: a view to live in (a part of a packed input); a fresh array when absent */
  constructor(readonly name: string, readonly kind: HeldKind, readonly shape: number[], data?: Float32Array) {
    this.size = sizeOf(shape);
    if (data && data.length !== this.size) throw new Error(`${name}: a view of ${data.length} values for shape [${shape}]`);
    this.data = data ?? new Float32Array(this.size);
  }

  /** Writes every value (zeros too: that pre-faults the pages, slow on first touch on this VM). */
  init(spec: InitSpec | undefined, seed: number): void {
    initStream(spec, seed, this.name)(this.data);
    const row = zeroRowOf(spec);
    if (row !== undefined) {
      const w = this.size / this.shape[0];
      this.data.fill(0, row * w, (row + 1) * w);
    }
  }

  readChunk(start: number, out: Float32Array): void {
    out.set(this.data.subarray(start, start + out.length));
  }
  read(): Float32Array {
    return Float32Array.from(this.data);
  }
  write(src: Float32Array): void {
    this.data.set(src);
  }
}

/** Member `k` of a RowStore: a tensor of shape [rows, ...] whose rows live interleaved in the store. */
export class RowHeld implements HeldTensor {
  readonly size: number;
  readonly width: number;

  /** values from row `rowOffset` of the store on (a table packed with others starts past their rows) */
  private readonly base: number;

  constructor(readonly name: string, readonly kind: HeldKind, readonly shape: number[], readonly store: RowStore, readonly k: number,
    readonly rowOffset = 0) {
    this.size = sizeOf(shape);
    this.width = store.widths[k];
    this.base = rowOffset * this.width;
    if (rowOffset + shape[0] > store.rows) throw new Error(`${name}: rows ${rowOffset}..${rowOffset + shape[0]} are outside the store`);
  }

  /** Initialises in chunks of whole rows (even lengths, so the values equal a dense initTensor's). */
  init(spec: InitSpec | undefined, seed: number): void {
    const fill = initStream(spec, seed, this.name);
    let rows = Math.max(2, Math.floor(CHUNK / this.width));
    rows += rows % 2;
    const buf = new Float32Array(rows * this.width);
    const total = this.shape[0];
    for (let r = 0; r < total; r += rows) {
      const chunk = buf.subarray(0, Math.min(rows, total - r) * this.width);
      fill(chunk);
      this.store.writeChunk(this.k, this.base + r * this.width, chunk);
    }
    const row = zeroRowOf(spec);
    if (row !== undefined) this.store.writeChunk(this.k, this.base + row * this.width, new Float32Array(this.width));
  }

  readChunk(start: number, out: Float32Array): void {
    this.store.readChunk(this.k, this.base + start, out);
  }
  read(): Float32Array {
    const out = new Float32Array(this.size);
    this.store.readChunk(this.k, this.base, out);
    return out;
  }
  write(src: Float32Array): void {
    this.store.writeChunk(this.k, this.base, src);
  }
}

/** The parts of a packed input as views of its flat array, in order; their sizes must add up to it. */
export function carve(flat: DenseHeld, parts: PackedPart[]): DenseHeld[] {
  let offset = 0;
  const views = parts.map((p) => {
    const n = p.shape.reduce((a, b) => a * b, 1);
    const v = new DenseHeld(p.name, p.kind, p.shape, flat.data.subarray(offset, offset + n));
    offset += n;
    return v;
  });
  if (offset !== flat.size) throw new Error(`packed input ${flat.name} has ${flat.size} values, its parts ${offset}`);
  return views;
}

/** The parts of a packed sparse table (or of its moments) as row ranges of its store, in order. */
export function carveRows(all: RowHeld, parts: PackedPart[]): RowHeld[] {
  let row = 0;
  const views = parts.map((p) => {
    const v = new RowHeld(p.name, p.kind, p.shape, all.store, all.k, row);
    row += p.shape[0];
    return v;
  });
  if (row !== all.shape[0]) throw new Error(`packed table ${all.name} has ${all.shape[0]} rows, its parts ${row}`);
  return views;
}
