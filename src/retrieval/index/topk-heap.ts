// A fixed-size min-heap that keeps the k best (score, id) pairs seen so far.
// Order: higher score is better; on equal scores the smaller id is better. This makes every top-k in the
// project deterministic: ties always resolve to the lower row (or item) id. NaN scores are never kept.

export class TopKHeap {
  readonly k: number;
  private readonly scores: Float64Array;
  private readonly ids: Int32Array;
  private n = 0;

  constructor(k: number) {
    this.k = k;
    this.scores = new Float64Array(k);
    this.ids = new Int32Array(k);
  }

  get size(): number {
    return this.n;
  }

  get full(): boolean {
    return this.n === this.k;
  }

  /** Score of the worst kept pair (-Infinity while not full): a candidate must beat it to enter. */
  get threshold(): number {
    return this.n === this.k ? this.scores[0]! : -Infinity;
  }

  clear(): void {
    this.n = 0;
  }

  /** Offers a pair; returns true if it was kept. */
  push(score: number, id: number): boolean {
    if (Number.isNaN(score)) return false;
    if (this.n < this.k) {
      let i = this.n++;
      // sift up: parent must be worse than the child
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(score, id, this.scores[p]!, this.ids[p]!)) break;
        this.scores[i] = this.scores[p]!;
        this.ids[i] = this.ids[p]!;
        i = p;
      }
      this.scores[i] = score;
      this.ids[i] = id;
      return true;
    }
    if (!worse(this.scores[0]!, this.ids[0]!, score, id)) return false;
    this.siftDown(score, id);
    return true;
  }

  /** Writes the kept pairs best-first into ids/scores at `offset`, pads to k with (-1, -Infinity), empties the heap. */
  drain(ids: Int32Array, scores: Float32Array, offset: number): void {
    const count = this.n;
    for (let j = count; j < this.k; j++) {
      ids[offset + j] = -1;
      scores[offset + j] = -Infinity;
    }
    // pop the worst repeatedly, filling from the back
    for (let j = count - 1; j >= 0; j--) {
      ids[offset + j] = this.ids[0]!;
      scores[offset + j] = this.scores[0]!;
      const lastScore = this.scores[this.n - 1]!;
      const lastId = this.ids[this.n - 1]!;
      this.n--;
      if (this.n > 0) this.siftDown(lastScore, lastId);
    }
  }

  private siftDown(score: number, id: number): void {
    const n = this.n;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      const r = l + 1;
      if (r < n && worse(this.scores[r]!, this.ids[r]!, this.scores[l]!, this.ids[l]!)) c = r;
      if (!worse(this.scores[c]!, this.ids[c]!, score, id)) break;
      this.scores[i] = this.scores[c]!;
      this.ids[i] = this.ids[c]!;
      i = c;
    }
    this.scores[i] = score;
    this.ids[i] = id;
  }
}

/** True when (s1, id1) ranks below (s2, id2). */
export function worse(s1: number, id1: number, s2: number, id2: number): boolean {
  return s1 < s2 || (s1 === s2 && id1 > id2);
}
