// Reads (and patches) the few fields of faiss's serialised index format that faiss-node gives no access to.
//
// faiss-node 0.5.1 can build any index from a factory string but cannot set HNSW efConstruction/efSearch or
// IVF nprobe. Those fields are plain integers in faiss's stable file format (faiss/impl/index_write.cpp), so
// we locate them and patch the bytes, then re-read the index (Index.fromBuffer). Layout used here:
//   fourcc u32 | d i32 | ntotal i64 | 2 x i64 dummy | is_trained u8 | metric i32 | [metric_arg f32 if metric > 1]
//   IVF ("IwFl"):  then nlist u64, nprobe u64, quantizer index, ...
//   HNSW ("IHNf"): then vectors (u64 length + data) assign_probas f64, cum_nneighbor_per_level i32,
//                  levels i32, offsets u64, neighbors i32; then entry_point, max_level, efConstruction,
//                  efSearch, upper_beam (all i32); then the storage index.
import { IndexError } from "./types.js";

export type FaissKind = "faiss-flat" | "faiss-hnsw" | "faiss-ivf";

const FOURCC: Record<string, FaissKind> = { IxFI: "faiss-flat", IxF2: "faiss-flat", IxFl: "faiss-flat", IHNf: "faiss-hnsw", IwFl: "faiss-ivf" };

export const METRIC_INNER_PRODUCT = 0;

export function faissKindOfFourcc(fourcc: string): FaissKind | undefined {
  return Object.hasOwn(FOURCC, fourcc) ? FOURCC[fourcc] : undefined;
}

/** A patchable integer field: where it is and its current value. */
export interface Field {
  offset: number;
  value: number;
}

export interface FaissLayout {
  kind: FaissKind;
  dim: number;
  ntotal: number;
  metric: number;
  nlist?: number;
  nprobe?: Field; // u64
  M?: number;
  efConstruction?: Field; // i32
  efSearch?: Field; // i32
}

/** Reads `length` bytes at `offset`; must throw or return fewer bytes past the end. */
export type ByteReader = (offset: number, length: number) => Buffer;

export function bufferReader(buf: Buffer): ByteReader {
  return (offset, length) => buf.subarray(offset, offset + length);
}

export function parseFaissLayout(read: ByteReader, what = "faiss index"): FaissLayout {
  const at = (offset: number, length: number): Buffer => {
    const b = read(offset, length);
    if (b.length < length) throw new IndexError(`${what}: truncated (needed ${length} bytes at offset ${offset})`);
    return b;
  };
  const fourcc = at(0, 4).toString("latin1");
  const kind = faissKindOfFourcc(fourcc);
  if (kind === undefined) throw new IndexError(`${what}: unsupported faiss index type "${fourcc}" (rech reads Flat, HNSW,Flat and IVF,Flat)`);
  const head = at(4, 33);
  const dim = head.readInt32LE(0);
  const ntotal = Number(head.readBigInt64LE(4));
  const metric = head.readInt32LE(29);
  let pos = 4 + 33 + (metric > 1 ? 4 : 0);
  const layout: FaissLayout = { kind, dim, ntotal, metric };
  if (kind === "faiss-ivf") {
    const b = at(pos, 16);
    layout.nlist = Number(b.readBigUInt64LE(0));
    layout.nprobe = { offset: pos + 8, value: Number(b.readBigUInt64LE(8)) };
  } else if (kind === "faiss-hnsw") {
    const elem = [8, 4, 4, 8, 4]; // assign_probas, cum_nneighbor_per_level, levels, offsets, neighbors
    for (let v = 0; v < elem.length; v++) {
      const len = Number(at(pos, 8).readBigUInt64LE(0));
      if (v === 1 && len >= 2) {
        const cum = at(pos + 8, 8);
        layout.M = (cum.readInt32LE(4) - cum.readInt32LE(0)) / 2; // level 0 has 2*M neighbours
      }
      pos += 8 + len * elem[v]!;
    }
    const tail = at(pos, 20);
    layout.efConstruction = { offset: pos + 8, value: tail.readInt32LE(8) };
    layout.efSearch = { offset: pos + 12, value: tail.readInt32LE(12) };
  }
  if (!(dim > 0) || ntotal < 0) throw new IndexError(`${what}: damaged header (dim ${dim}, ntotal ${ntotal})`);
  return layout;
}

/** Writes new values into a serialised index held in `buf` (in place). */
export function patchFaissParams(buf: Buffer, layout: FaissLayout, p: { efConstruction?: number; efSearch?: number; nprobe?: number }): void {
  if (p.efConstruction !== undefined && layout.efConstruction) buf.writeInt32LE(p.efConstruction, layout.efConstruction.offset);
  if (p.efSearch !== undefined && layout.efSearch) buf.writeInt32LE(p.efSearch, layout.efSearch.offset);
  if (p.nprobe !== undefined && layout.nprobe) buf.writeBigUInt64LE(BigInt(p.nprobe), layout.nprobe.offset);
}
