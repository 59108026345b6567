// Reads (and patches) the few fields of faiss's serialised index format that faiss-node gives no access to.
//
// faiss-node 0.5.1 can build any index from a factory string but cannot set HNSW efConstruction/efSearch or
// IVF nprobe. Those fields are plain integers in faiss's stable file format (faiss/impl/index_write.cpp), so
// we locate them in a file written by faiss, patch the bytes there and read the index back (files, not
// faiss-node's toBuffer/fromBuffer, which leak a copy of the index per call). Layout used here:
//   fourcc u32 | d i32 | ntotal i64 | 2 x i64 dummy | is_trained u8 | metric i32 | [metric_arg f32 if metric > 1]
//   IVF ("IwFl"):  then nlist u64, nprobe u64, quantizer index, ...
//   HNSW ("IHNf"): then vectors (u64 length + data) assign_probas f64, cum_nneighbor_per_level i32,
//                  levels i32, offsets u64, neighbors i32; then entry_point, max_level, efConstruction,
//                  efSearch, upper_beam (all i32); then the storage index.
import { closeSync, openSync, readSync, writeSync } from "node:fs";
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

/** The layout of a faiss index file. */
export function readFaissLayout(path: string): FaissLayout {
  const fd = openIndexFile(path, "r");
  try {
    return parseFaissLayout((offset, length) => {
      const b = Buffer.alloc(length);
      const got = readSync(fd, b, 0, length, offset);
      return b.subarray(0, got);
    }, path);
  } finally {
    closeSync(fd);
  }
}

/** Writes new parameter values into a faiss index file, in place. */
export function patchFaissFile(path: string, layout: FaissLayout, p: { efConstruction?: number; efSearch?: number; nprobe?: number }): void {
  const fd = openIndexFile(path, "r+");
  const put = (offset: number, bytes: Buffer): void => {
    writeSync(fd, bytes, 0, bytes.length, offset);
  };
  try {
    const i32 = (v: number): Buffer => {
      const b = Buffer.alloc(4);
      b.writeInt32LE(v);
      return b;
    };
    if (p.efConstruction !== undefined && layout.efConstruction) put(layout.efConstruction.offset, i32(p.efConstruction));
    if (p.efSearch !== undefined && layout.efSearch) put(layout.efSearch.offset, i32(p.efSearch));
    if (p.nprobe !== undefined && layout.nprobe) {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(BigInt(p.nprobe));
      put(layout.nprobe.offset, b);
    }
  } finally {
    closeSync(fd);
  }
}

function openIndexFile(path: string, flags: string): number {
  try {
    return openSync(path, flags);
  } catch (e) {
    throw new IndexError(`${path}: cannot open the index file (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
}
