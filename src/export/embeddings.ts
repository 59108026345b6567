// Tower vectors for a whole table in batches: every item of the catalogue through the item tower, or every
// user through the user tower ((n, d), or (n, K, d) for a multi-interest tower). The session is an
// onnxruntime session of an exported tower (src/runtime); only the columns the tower takes are fed.
import type { Tensor } from "../ir/tensor.js";
import { runGraph, type Session } from "../runtime/index.js";
import { ExportError } from "./errors.js";

/** A column of a table or batch (CONTRACTS.md): shape[0] = rows. */
export interface ColumnLike {
  data: Int32Array | Float32Array;
  shape: number[];
}
export interface BatchLike {
  size: number;
  columns: Record<string, ColumnLike>;
}

/** Row-major vectors: shape (n, d) or (n, K, d). */
export interface Embeddings {
  data: Float32Array;
  shape: number[];
}

/** A whole table of columns (sliced into batches of batchSize rows), or batches already made. */
export type EmbeddingSource = { columns: Record<string, ColumnLike>; batchSize?: number } | Iterable<BatchLike>;

export async function computeItemEmbeddings(session: Session, source: EmbeddingSource): Promise<Embeddings> {
  const e = await computeEmbeddings(session, source, "item_vec");
  if (e.shape.length !== 2) throw new ExportError(`the item tower returned vectors of shape [${e.shape.join(", ")}]; expected (items, d)`);
  return e;
}

/** User vectors, always as (n, K, d) (K = 1 for a single-vector tower). */
export async function computeUserEmbeddings(session: Session, source: EmbeddingSource): Promise<Embeddings> {
  const e = await computeEmbeddings(session, source, "user_vec");
  if (e.shape.length === 2) return { data: e.data, shape: [e.shape[0]!, 1, e.shape[1]!] };
  if (e.shape.length !== 3) throw new ExportError(`the user tower returned vectors of shape [${e.shape.join(", ")}]; expected (users, d) or (users, K, d)`);
  return e;
}

/** Runs the tower over every batch of `source` and stacks output `output` (or the only output). */
export async function computeEmbeddings(session: Session, source: EmbeddingSource, output: string): Promise<Embeddings> {
  const name = session.outputNames.includes(output) ? output
    : session.outputNames.length === 1 ? session.outputNames[0]!
    : (() => { throw new ExportError(`the tower has no output ${output} (it has ${session.outputNames.join(", ")})`); })();
  const batches = "columns" in source && !isIterable(source) ? sliceTable(session, source.columns, source.batchSize ?? 4096) : source;
  const chunks: Float32Array[] = [];
  let rowShape: number[] | undefined;
  let rows = 0;
  for (const b of batches) {
    if (b.size === 0) continue;
    const feeds: Record<string, Tensor> = {};
    for (const input of session.inputNames) {
      const c = b.columns[input];
      if (!c) throw new ExportError(`the tower needs column ${input}, the data has ${Object.keys(b.columns).join(", ")}`);
      feeds[input] = toTensor(input, c, b.size);
    }
    const out = (await runGraph(session, feeds, [name]))[name]!;
    if (out.dtype !== "f32" || out.shape[0] !== b.size) {
      throw new ExportError(`tower output ${name}: got ${out.dtype}[${out.shape.join(", ")}] for a batch of ${b.size} rows`);
    }
    const shape = out.shape.slice(1);
    if (rowShape && shape.join(",") !== rowShape.join(",")) {
      throw new ExportError(`tower output ${name} changed shape between batches: [${rowShape.join(", ")}] then [${shape.join(", ")}]`);
    }
    rowShape = shape;
    // onnxruntime hands over its own buffer, but copy anyway when it is a view on something larger
    const data = out.data as Float32Array;
    chunks.push(data.byteOffset === 0 && data.length === data.buffer.byteLength / 4 ? data : data.slice());
    rows += b.size;
  }
  if (!rowShape) throw new ExportError("no rows to embed");
  const width = rowShape.reduce((a, d) => a * d, 1);
  const all = new Float32Array(rows * width);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return { data: all, shape: [rows, ...rowShape] };
}

function isIterable(x: unknown): x is Iterable<BatchLike> {
  return typeof (x as Iterable<BatchLike>)[Symbol.iterator] === "function";
}

function toTensor(name: string, c: ColumnLike, rows: number): Tensor {
  if (c.shape[0] !== rows) throw new ExportError(`column ${name} has ${c.shape[0]} rows, the batch has ${rows}`);
  if (c.data instanceof Int32Array) return { dtype: "i32", shape: [...c.shape], data: c.data };
  return { dtype: "f32", shape: [...c.shape], data: c.data };
}

/** Batches of `batchSize` rows over whole-table columns (views, no copies). */
function* sliceTable(session: Session, columns: Record<string, ColumnLike>, batchSize: number): Generator<BatchLike> {
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new ExportError(`batch size must be a positive integer, got ${batchSize}`);
  const names = session.inputNames.filter((n) => n in columns);
  const n = names.length > 0 ? columns[names[0]!]!.shape[0]! : 0;
  for (const name of names) {
    if (columns[name]!.shape[0] !== n) throw new ExportError(`column ${name} has ${columns[name]!.shape[0]} rows, column ${names[0]} has ${n}`);
  }
  for (let from = 0; from < n; from += batchSize) {
    const size = Math.min(batchSize, n - from);
    const cols: Record<string, ColumnLike> = {};
    for (const name of names) {
      const c = columns[name]!;
      const w = c.shape.slice(1).reduce((a, d) => a * d, 1);
      cols[name] = { data: c.data.subarray(from * w, (from + size) * w), shape: [size, ...c.shape.slice(1)] };
    }
    yield { size, columns: cols };
  }
}
