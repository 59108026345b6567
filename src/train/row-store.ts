// Storage of a sparse table and the tensors that share its rows (its optimizer moments): one Float32Array
// with the members interleaved row by row, [param row | m row | v row], so that a row the batch uses is
// one contiguous run of memory: a step's random accesses into a 10M-row table then cost one TLB miss and
// adjacent cache lines per row instead of one per member (measured about 1.5x faster than separate
// arrays on this VM). Members are read and written back as contiguous tensors through readChunk/write.

/** Stores above this size are prefetched before gathers and scatters (smaller ones stay in the caches). */
const LARGE_BYTES = 32 << 20;

export class RowStore {
  readonly data: Float32Array;
  /** floats per interleaved row */
  readonly stride: number;
  /** offset of each member within a row */
  readonly offsets: number[];

  constructor(readonly rows: number, readonly widths: number[]) {
    this.stride = widths.reduce((a, b) => a + b, 0);
    let at = 0;
    this.offsets = widths.map((w) => ((at += w), at - w));
    this.data = new Float32Array(rows * this.stride);
  }

  /**
   * Reads one value in every 64-byte line of rows ids[0..n) (rows need not be line-aligned, hence also the
   * last value), so that the cache misses of all rows overlap before the gathers copy them (one row at a
   * time they are paid in series: about 5x slower on a 10M-row table).
   */
  touch(ids: Int32Array, n: number): number {
    const d = this.data, s = this.stride;
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const r = ids[i] * s;
      for (let j = 0; j < s; j += 16) acc += d[r + j];
      acc += d[r + s - 1];
    }
    return acc;
  }

  /** Whether touch() pays: the rows of a store that fits in the caches are not worth prefetching. */
  get large(): boolean {
    return this.data.byteLength > LARGE_BYTES;
  }

  /** Copies every member of rows ids[0..n) in one pass: member k into outs[k][0 .. n*width_k). */
  gatherAll(ids: Int32Array, n: number, outs: Float32Array[]): void {
    const d = this.data, s = this.stride, m = outs.length;
    for (let k = 0; k < m; k++) if (outs[k].length < n * this.widths[k]) throw new Error(`gatherAll: member ${k} buffer too small`);
    for (let i = 0; i < n; i++) {
      let src = ids[i] * s;
      for (let k = 0; k < m; k++) {
        const w = this.widths[k], out = outs[k];
        for (let j = 0, o = i * w; j < w; j++) out[o + j] = d[src + j];
        src += w;
      }
    }
  }

  /** Writes every member of rows ids[0..n) back in one pass from srcs[k] (n rows of member k each). */
  scatterAll(ids: Int32Array, n: number, srcs: Float32Array[]): void {
    const d = this.data, s = this.stride, m = srcs.length;
    for (let k = 0; k < m; k++) if (srcs[k].length < n * this.widths[k]) throw new Error(`scatterAll: member ${k} has too few values`);
    for (let i = 0; i < n; i++) {
      let dst = ids[i] * s;
      for (let k = 0; k < m; k++) {
        const w = this.widths[k], src = srcs[k];
        for (let j = 0, o = i * w; j < w; j++) d[dst + j] = src[o + j];
        dst += w;
      }
    }
  }

  /** Copies member k of rows ids[0..n) into out[0 .. n*width). */
  gather(k: number, ids: Int32Array, n: number, out: Float32Array): void {
    const d = this.data, s = this.stride, off = this.offsets[k], w = this.widths[k];
    for (let i = 0, o = 0; i < n; i++) {
      const src = ids[i] * s + off;
      for (let j = 0; j < w; j++) out[o++] = d[src + j];
    }
  }

  /** Writes src (n rows of member k) back to rows ids[0..n). */
  scatter(k: number, ids: Int32Array, n: number, src: Float32Array): void {
    const d = this.data, s = this.stride, off = this.offsets[k], w = this.widths[k];
    for (let i = 0, o = 0; i < n; i++) {
      const dst = ids[i] * s + off;
      for (let j = 0; j < w; j++) d[dst + j] = src[o++];
    }
  }

  /** Member k as a contiguous tensor: copies its values [start, start + out.length) into out. */
  readChunk(k: number, start: number, out: Float32Array): void {
    this.copy(k, start, out, false);
  }

  /** Sets member k's values [start, start + src.length) from a contiguous array. */
  writeChunk(k: number, start: number, src: Float32Array): void {
    this.copy(k, start, src, true);
  }

  private copy(k: number, start: number, buf: Float32Array, write: boolean): void {
    const d = this.data, s = this.stride, off = this.offsets[k], w = this.widths[k];
    let e = start, o = 0;
    while (o < buf.length) {
      const r = Math.floor(e / w), c = e - r * w;
      const n = Math.min(w - c, buf.length - o);
      const at = r * s + off + c;
      if (write) for (let j = 0; j < n; j++) d[at + j] = buf[o + j];
      else for (let j = 0; j < n; j++) buf[o + j] = d[at + j];
      o += n;
      e += n;
    }
  }
}
