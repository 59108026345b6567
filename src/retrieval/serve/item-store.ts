// The item side of a model directory: every catalogue item's embedding and id.
//   DIR/items.f32   count * dim float32 little-endian, row-major (row r = the item tower's output for item r)
//   DIR/items.json  {"format":"rech-items","version":1,"count":n,"dim":d,"idFeature":"item_id",
//                    "ids":[encoded id of row 0, ...], "index": "items.hnsw.faiss" (optional)}
// ids are the encoded ids of idFeature (vocab.json maps them back to raw ids). "index" names a saved
// VectorIndex over the same rows (rech exact file or faiss file); without it serving searches exactly.
// items.json is written last, so a complete items.json means a complete store.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { readJsonObject, ServeError, show } from "./model-dir.js";

export interface ItemStore {
  count: number;
  dim: number;
  idFeature: string;
  /** ids[row] = encoded item id */
  ids: Int32Array;
  /** count * dim floats */
  vectors: Float32Array;
  /** absolute path of a saved index, when items.json names one */
  indexFile?: string;
}

export function writeItemStore(dir: string, store: { ids: Int32Array; vectors: Float32Array; dim: number; idFeature: string; index?: string }): void {
  const count = store.ids.length;
  if (store.vectors.length !== count * store.dim) {
    throw new ServeError(`item store: ${count} ids need ${count * store.dim} floats, got ${store.vectors.length}`);
  }
  writeFileAtomic(join(dir, "items.f32"), [store.vectors]);
  const meta = { format: "rech-items", version: 1, count, dim: store.dim, idFeature: store.idFeature, ids: Array.from(store.ids), ...(store.index ? { index: store.index } : {}) };
  writeFileAtomic(join(dir, "items.json"), JSON.stringify(meta));
}

/** Reads the store; with `shared`, ids and vectors live in SharedArrayBuffers that worker threads can read. */
export function readItemStore(dir: string, shared = false): ItemStore {
  const file = join(dir, "items.json");
  const meta = readJsonObject(file);
  const bad = (field: string, expected: string, found: unknown): never => {
    throw new ServeError(`${file}: field "${field}": expected ${expected}, found ${show(found)}`);
  };
  if (meta.format !== "rech-items") bad("format", '"rech-items"', meta.format);
  if (meta.version !== 1) bad("version", "1", meta.version);
  const count = isCount(meta.count) ? meta.count : bad("count", "a count", meta.count);
  const dim = isCount(meta.dim) && meta.dim > 0 ? meta.dim : bad("dim", "a positive integer", meta.dim);
  const idFeature = typeof meta.idFeature === "string" ? meta.idFeature : bad("idFeature", "a feature name", meta.idFeature);
  if (!Array.isArray(meta.ids) || meta.ids.length !== count) bad("ids", `a list of ${count} ids`, Array.isArray(meta.ids) ? `${meta.ids.length} ids` : meta.ids);
  const ids = new Int32Array(shared ? new SharedArrayBuffer(count * 4) : new ArrayBuffer(count * 4));
  (meta.ids as unknown[]).forEach((v, i) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 0x7fffffff) bad(`ids[${i}]`, "a non-negative int32 id", v);
    ids[i] = v as number;
  });
  const index = meta.index === undefined ? undefined : typeof meta.index === "string" ? join(dir, meta.index) : bad("index", "a file name", meta.index);
  const vectors = readFloats(join(dir, "items.f32"), count * dim, shared);
  return { count, dim, idFeature, ids, vectors, ...(index ? { indexFile: index } : {}) };
}

function readFloats(path: string, n: number, shared: boolean): Float32Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new ServeError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (size !== n * 4) throw new ServeError(`${path}: expected ${n * 4} bytes (items.json's count x dim floats), the file has ${size}`);
  const buf = shared ? new SharedArrayBuffer(n * 4) : new ArrayBuffer(n * 4);
  const bytes = new Uint8Array(buf);
  const fd = openSync(path, "r");
  try {
    let done = 0;
    while (done < bytes.length) {
      const got = readSync(fd, bytes, done, Math.min(bytes.length - done, 1 << 26), done);
      if (got === 0) throw new ServeError(`${path}: file shrank while reading`);
      done += got;
    }
  } finally {
    closeSync(fd);
  }
  return new Float32Array(buf);
}

function isCount(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= 0;
}
