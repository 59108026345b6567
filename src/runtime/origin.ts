// Trace an onnxruntime failure back to .rech: the failing node's name is in the error text, and the
// emitter wrote the node's origin into its doc string.
import { readFileSync } from "node:fs";
import type { onnx } from "onnx-proto";
import { parseModel } from "../codegen/onnx/serialize.js";

/** The doc string of the node named in an onnxruntime error message, when there is one. */
export function originOfFailure(model: Uint8Array | string, message: string): string | undefined {
  const m = /Name:'([^']+)'/.exec(message);
  if (!m) return undefined;
  try {
    const bytes = typeof model === "string" ? readFileSync(model) : model;
    const graph = parseModel(bytes).graph as onnx.GraphProto | null;
    const node = graph?.node.find((n) => n.name === m[1]);
    return node?.docString || undefined;
  } catch {
    return undefined;
  }
}
