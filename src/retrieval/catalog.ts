// Row <-> item id mapping for an index built over a catalogue of item vectors (row r holds item ids[r]).
import { IndexError } from "./index/types.js";

export class ItemCatalog {
  /** ids[row] = item id (the encoded id of the item feature, as in the training data). */
  readonly ids: Int32Array;
  private readonly rows: Map<number, number>;

  constructor(ids: Int32Array) {
    this.ids = ids;
    this.rows = new Map();
    for (let r = 0; r < ids.length; r++) {
      const id = ids[r]!;
      if (this.rows.has(id)) throw new IndexError(`item id ${id} appears twice in the catalogue (rows ${this.rows.get(id)} and ${r})`);
      this.rows.set(id, r);
    }
  }

  get size(): number {
    return this.ids.length;
  }

  /** Row of an item id, or -1 when the item is not in the catalogue. */
  rowOf(id: number): number {
    return this.rows.get(id) ?? -1;
  }

  /** Rows of the given item ids; ids not in the catalogue (padding, unseen bucket, unknown) are skipped. */
  rowsOf(ids: Iterable<number>): Set<number> {
    const out = new Set<number>();
    for (const id of ids) {
      const r = this.rows.get(id);
      if (r !== undefined) out.add(r);
    }
    return out;
  }

  /** Maps result rows to item ids in place (-1 padding stays -1). */
  toItemIds(rows: Int32Array): Int32Array {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      rows[i] = r >= 0 ? this.ids[r]! : -1;
    }
    return rows;
  }
}
