// Growable typed arrays: append-only buffers that double when full. Readers accumulate encoded ids and
// timestamps here, so a 20M-row log costs 16 bytes a row instead of a JS object a row.

export class GrowableInt32 {
  private buf: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.buf = new Int32Array(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.length === this.buf.length) this.grow(this.length + 1);
    this.buf[this.length++] = v;
  }

  get(i: number): number {
    return this.buf[i]!;
  }

  set(i: number, v: number): void {
    if (i >= this.buf.length) this.grow(i + 1);
    this.buf[i] = v;
    if (i >= this.length) this.length = i + 1;
  }

  private grow(min: number): void {
    let cap = this.buf.length;
    while (cap < min) cap *= 2;
    const next = new Int32Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** A right-sized copy (the growth slack is released with the builder). */
  toArray(): Int32Array {
    return this.buf.slice(0, this.length);
  }
}

export class GrowableFloat64 {
  private buf: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.buf = new Float64Array(Math.max(16, capacity));
  }

  push(v: number): void {
    if (this.length === this.buf.length) this.grow(this.length + 1);
    this.buf[this.length++] = v;
  }

  get(i: number): number {
    return this.buf[i]!;
  }

  /** Sets index i, filling any gap with `fill`. */
  set(i: number, v: number, fill = Number.NaN): void {
    if (i >= this.buf.length) this.grow(i + 1);
    if (i > this.length) this.buf.fill(fill, this.length, i);
    this.buf[i] = v;
    if (i >= this.length) this.length = i + 1;
  }

  private grow(min: number): void {
    let cap = this.buf.length;
    while (cap < min) cap *= 2;
    const next = new Float64Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  toArray(): Float64Array {
    return this.buf.slice(0, this.length);
  }
}
