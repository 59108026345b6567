// Sparse-mode bookkeeping for one embedding table: the unique ids a batch uses (in order of first
// appearance) and the id columns remapped to local rows 0..U-1. Nothing is sized by the table, so the cost
// is O(ids in the batch) whatever the number of rows: the id -> local row map is a small open-addressing
// hash table (it stays in cache; a table-sized lookup array would cost a cache miss per id on a 10M-row
// table), cleared in O(1) by a generation stamp. A table of at most DIRECT_ROWS rows is small enough for
// a direct id -> local row array to stay in cache, which is faster than hashing. Row gather/scatter lives
// in row-store.ts.

/** Tables up to this many rows map ids through a direct array instead of the hash table. */
const DIRECT_ROWS = 1 << 16;

export class RowSet {
  /** unique global rows of the current batch, in order of first appearance */
  ids = new Int32Array(1024);
  count = 0;
  private keys = new Int32Array(4096);
  private slots = new Int32Array(4096);
  private stamp = new Int32Array(4096);
  private gen = 1;
  private shift = 32 - 12;
  /** direct map for small tables: the stamp and local row of every id */
  private readonly directStamp?: Int32Array;
  private readonly directSlot?: Int32Array;

  constructor(readonly table: string, readonly rows: number) {
    if (rows <= DIRECT_ROWS) {
      this.directStamp = new Int32Array(rows);
      this.directSlot = new Int32Array(rows);
    }
  }

  /**
   * Records the ids of `column` (named `name` for messages), writing local row indices into `out`. The ids
   * of a table packed with others (`table`, `limit` rows) are rows base .. base + limit - 1 of this set.
   */
  add(name: string, column: Int32Array, out: Int32Array, base = 0, limit = this.rows, table = this.table): void {
    if (this.directStamp) return this.addDirect(name, column, out, base, limit, table);
    if (2 * (this.count + column.length) > this.keys.length) this.rehash(2 * (this.count + column.length));
    const keys = this.keys, slots = this.slots, stamp = this.stamp, gen = this.gen;
    const mask = keys.length - 1, shift = this.shift;
    for (let i = 0; i < column.length; i++) {
      const raw = column[i];
      if (!(raw >= 0 && raw < limit)) this.outOfRange(name, raw, table, limit);
      const id = raw + base;
      let h = Math.imul(id, 0x9e3779b1) >>> shift;
      while (stamp[h] === gen && keys[h] !== id) h = (h + 1) & mask;
      if (stamp[h] !== gen) {
        stamp[h] = gen;
        keys[h] = id;
        const s = this.count++;
        if (s >= this.ids.length) this.ids = grow(this.ids, s + 1);
        this.ids[s] = id;
        slots[h] = s;
      }
      out[i] = slots[h];
    }
  }

  /** Forgets the partly recorded batch and reports the id that does not fit its table. */
  private outOfRange(name: string, raw: number, table: string, limit: number): never {
    this.clear();
    throw new RangeError(`batch column ${name} holds id ${raw}, outside table ${table} of ${limit} rows`);
  }

  private addDirect(name: string, column: Int32Array, out: Int32Array, base: number, limit: number, table: string): void {
    const stamp = this.directStamp!, slot = this.directSlot!, gen = this.gen;
    if (this.count + column.length > this.ids.length) this.ids = grow(this.ids, this.count + column.length);
    const ids = this.ids;
    let count = this.count;
    for (let i = 0; i < column.length; i++) {
      const raw = column[i];
      if (!(raw >= 0 && raw < limit)) this.outOfRange(name, raw, table, limit);
      const id = raw + base;
      if (stamp[id] !== gen) {
        stamp[id] = gen;
        slot[id] = count;
        ids[count++] = id;
      }
      out[i] = slot[id];
    }
    this.count = count;
  }

  /** Forgets the current batch. */
  clear(): void {
    this.count = 0;
    this.gen++;
    if (this.gen === 0x7fffffff) {
      this.stamp.fill(0);
      this.directStamp?.fill(0);
      this.gen = 1;
    }
  }

  /** Grows the hash table to at least `need` entries and reinserts the current ids. */
  private rehash(need: number): void {
    let size = this.keys.length;
    while (size < need) size *= 2;
    this.keys = new Int32Array(size);
    this.slots = new Int32Array(size);
    this.stamp = new Int32Array(size);
    this.gen = 1;
    this.shift = 32 - Math.log2(size);
    const mask = size - 1;
    for (let s = 0; s < this.count; s++) {
      const id = this.ids[s];
      let h = Math.imul(id, 0x9e3779b1) >>> this.shift;
      while (this.stamp[h] === 1) h = (h + 1) & mask;
      this.stamp[h] = 1;
      this.keys[h] = id;
      this.slots[h] = s;
    }
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

