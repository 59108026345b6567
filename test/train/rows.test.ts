// Sparse-mode row bookkeeping: unique ids and remapping, interleaved row storage, chunked init.
import { describe, expect, it } from "vitest";
import { DenseHeld, RowHeld } from "../../src/train/held.js";
import { RowStore } from "../../src/train/row-store.js";
import { RowSet } from "../../src/train/sparse-rows.js";

describe("RowSet", () => {
  it("numbers unique ids in order of first appearance across columns, and forgets them on clear", () => {
    const rs = new RowSet("t", 100);
    const a = new Int32Array(4), b = new Int32Array(3);
    rs.add("a", Int32Array.from([7, 3, 7, 0]), a);
    rs.add("b", Int32Array.from([3, 99, 5]), b);
    expect(Array.from(a)).toEqual([0, 1, 0, 2]);
    expect(Array.from(b)).toEqual([1, 3, 4]);
    expect(Array.from(rs.ids.subarray(0, rs.count))).toEqual([7, 3, 0, 99, 5]);
    rs.clear();
    rs.add("a", Int32Array.from([5, 7]), a);
    expect(Array.from(a.subarray(0, 2))).toEqual([0, 1]);
    expect(rs.count).toBe(2);
  });

  it("grows its hash table past thousands of ids without losing any", () => {
    const rs = new RowSet("t", 1e7);
    const ids = Int32Array.from({ length: 20000 }, (_, i) => ((i * 7919) % 9000) * 1111);
    const out = new Int32Array(ids.length);
    rs.add("x", ids, out);
    expect(rs.count).toBe(9000);
    for (let i = 0; i < ids.length; i++) expect(rs.ids[out[i]]).toBe(ids[i]);
  });

  it("rejects ids outside the table", () => {
    const rs = new RowSet("emb.x", 10);
    expect(() => rs.add("col", Int32Array.from([1, -1]), new Int32Array(2))).toThrow("batch column col holds id -1, outside table emb.x of 10 rows");
    expect(rs.count).toBe(0);
  });
});

describe("RowStore", () => {
  it("interleaves members and reads them back as contiguous tensors from any offset", () => {
    const st = new RowStore(5, [3, 2]);
    const a = Float32Array.from({ length: 15 }, (_, i) => i), b = Float32Array.from({ length: 10 }, (_, i) => 100 + i);
    st.writeChunk(0, 0, a.subarray(0, 7));
    st.writeChunk(0, 7, a.subarray(7));
    st.writeChunk(1, 0, b);
    expect(Array.from(st.data.subarray(0, 10))).toEqual([0, 1, 2, 100, 101, 3, 4, 5, 102, 103]);
    const part = new Float32Array(6);
    st.readChunk(0, 4, part);
    expect(Array.from(part)).toEqual([4, 5, 6, 7, 8, 9]);
    const rows = new Float32Array(4);
    st.gather(1, Int32Array.from([4, 1]), 2, rows);
    expect(Array.from(rows)).toEqual([108, 109, 102, 103]);
    st.scatter(1, Int32Array.from([0, 4]), 2, Float32Array.from([-1, -2, -3, -4]));
    const all = new Float32Array(10);
    st.readChunk(1, 0, all);
    expect(Array.from(all)).toEqual([-1, -2, 102, 103, 104, 105, 106, 107, -3, -4]);
  });

  it("initialises members in chunks to exactly the values of a dense tensor", () => {
    for (const width of [3, 16]) {
      const rows = 200_003;
      const spec = { kind: "normal", mean: 0, std: 1, zeroRow: 1 } as const;
      const dense = new DenseHeld("emb.x", "param", [rows, width]);
      dense.init(spec, 9);
      const st = new RowStore(rows, [width, width]);
      const sparse = new RowHeld("emb.x", "param", [rows, width], st, 1);
      sparse.init(spec, 9);
      const got = sparse.read();
      expect(Buffer.from(got.buffer).equals(Buffer.from(dense.data.buffer))).toBe(true);
      expect(Array.from(got.subarray(width, 2 * width))).toEqual(new Array(width).fill(0));
    }
  });
});
