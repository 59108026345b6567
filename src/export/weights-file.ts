// weights.bin + weights.json of a model directory, in the checkpoint format of src/train/checkpoint.ts:
// weights.bin = float32 values of every tensor, concatenated, little-endian; weights.json =
// {format, tensors: {name: {offset (bytes), shape, kind}}}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { WEIGHTS_FORMAT, type WeightsIndex } from "../train/checkpoint.js";
import { ExportError } from "./errors.js";

export interface NamedWeight {
  name: string;
  /** param or buffer */
  kind: string;
  shape: number[];
  data: Float32Array;
}

/** The two files' contents: the index (JSON text) and the parts of weights.bin, in order. */
export function encodeWeights(weights: readonly NamedWeight[]): { index: string; parts: Float32Array[] } {
  const index: WeightsIndex = { format: WEIGHTS_FORMAT, tensors: {} };
  const parts: Float32Array[] = [];
  let offset = 0;
  for (const w of weights) {
    if (w.name in index.tensors) throw new ExportError(`weight ${w.name} is given twice`);
    const n = w.shape.reduce((a, b) => a * b, 1);
    if (w.data.length !== n) throw new ExportError(`weight ${w.name}: ${w.data.length} values for shape [${w.shape.join(", ")}]`);
    index.tensors[w.name] = { offset, shape: [...w.shape], kind: w.kind };
    parts.push(w.data);
    offset += w.data.byteLength;
  }
  return { index: JSON.stringify(index, null, 1) + "\n", parts };
}

/** Reads DIR/weights.json and DIR/weights.bin back (each tensor a copy, so it is aligned). */
export function readWeights(dir: string): NamedWeight[] {
  const indexPath = join(dir, "weights.json");
  let index: WeightsIndex;
  try {
    index = JSON.parse(readFileSync(indexPath, "utf8")) as WeightsIndex;
  } catch (e) {
    throw new ExportError(`${indexPath}: cannot read (${(e as Error).message})`);
  }
  if (index.format !== WEIGHTS_FORMAT || typeof index.tensors !== "object") {
    throw new ExportError(`${indexPath}: not a ${WEIGHTS_FORMAT} index`);
  }
  const bin = readFileSync(join(dir, "weights.bin"));
  const out: NamedWeight[] = [];
  for (const [name, e] of Object.entries(index.tensors)) {
    const n = e.shape.reduce((a, b) => a * b, 1);
    if (e.offset + n * 4 > bin.byteLength) throw new ExportError(`${indexPath}: tensor ${name} runs past the end of weights.bin`);
    const data = new Float32Array(n);
    new Uint8Array(data.buffer).set(bin.subarray(e.offset, e.offset + n * 4));
    out.push({ name, kind: e.kind, shape: [...e.shape], data });
  }
  return out;
}
