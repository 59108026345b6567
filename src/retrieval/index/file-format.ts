// On-disk form of the exact index, and recognising which kind of index a file holds.
//
// Exact index file ("rech index"):
//   bytes 0..7    ASCII "RECHIDX1"
//   bytes 8..11   uint32 LE: length H of the JSON header that follows (padded with spaces so that the
//                 payload starts at a multiple of 16)
//   next H bytes  JSON {"format":"rech-index","version":1,"kind":"exact","dim":d,"count":n}
//   payload       n * d float32 little-endian, row-major
// faiss indexes are stored in faiss's own format (write_index), readable by faiss in any language; they are
// recognised by their leading fourcc (./faiss-format.ts).
import { closeSync, openSync, readSync, readFileSync, statSync } from "node:fs";
import { endianness } from "node:os";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { faissKindOfFourcc } from "./faiss-format.js";
import { IndexError, type IndexKind } from "./types.js";

const MAGIC = "RECHIDX1";

export function writeExactFile(path: string, dim: number, count: number, vectors: Float32Array): void {
  requireLittleEndian();
  let json = JSON.stringify({ format: "rech-index", version: 1, kind: "exact", dim, count });
  const pad = (16 - ((12 + json.length) % 16)) % 16;
  json += " ".repeat(pad);
  const head = Buffer.alloc(12 + json.length);
  head.write(MAGIC, 0, "latin1");
  head.writeUInt32LE(json.length, 8);
  head.write(json, 12, "utf8");
  writeFileAtomic(path, [head, vectors.subarray(0, count * dim)]);
}

export interface ExactFile {
  dim: number;
  count: number;
  vectors: Float32Array;
}

export function readExactFile(path: string): ExactFile {
  requireLittleEndian();
  const buf = readBytes(path);
  if (buf.length < 12 || buf.toString("latin1", 0, 8) !== MAGIC) throw new IndexError(`${path}: not a rech index file`);
  const h = buf.readUInt32LE(8);
  let header: { kind?: unknown; dim?: unknown; count?: unknown };
  try {
    header = JSON.parse(buf.toString("utf8", 12, 12 + h)) as typeof header;
  } catch {
    throw new IndexError(`${path}: damaged header (invalid JSON)`);
  }
  const { dim, count } = header;
  if (header.kind !== "exact" || !isCount(dim) || dim < 1 || !isCount(count)) {
    throw new IndexError(`${path}: damaged header (expected kind "exact", positive dim, count >= 0)`);
  }
  const off = 12 + h;
  const want = off + count * dim * 4;
  if (buf.length !== want) {
    throw new IndexError(`${path}: expected ${want} bytes for ${count} x ${dim} vectors, the file has ${buf.length}`);
  }
  const start = buf.byteOffset + off;
  const vectors =
    start % 4 === 0
      ? new Float32Array(buf.buffer, start, count * dim)
      : new Float32Array(buf.buffer.slice(start, start + count * dim * 4));
  return { dim, count, vectors };
}

/** The kind of index stored in a file, from its first bytes. */
export function indexKindOfFile(path: string): IndexKind {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw new IndexError(`${path}: cannot open the index file (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const head = Buffer.alloc(8);
  try {
    readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1") === MAGIC) return "exact";
  const kind = faissKindOfFourcc(head.toString("latin1", 0, 4));
  if (kind === undefined) {
    throw new IndexError(`${path}: not an index file (neither a rech exact index nor a supported faiss index)`);
  }
  return kind;
}

function readBytes(path: string): Buffer {
  try {
    if (statSync(path).size > 2 ** 31 - 1) throw new IndexError(`${path}: index files over 2 GiB are not supported`);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof IndexError) throw e;
    throw new IndexError(`${path}: cannot read the index file (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

function isCount(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= 0;
}

function requireLittleEndian(): void {
  if (endianness() !== "LE") throw new IndexError("index files are little-endian; this machine is big-endian");
}
