// Emit, serialise, load and run an IR graph in one call (tests, parity checks).
import { emitModel, type EmitOptions } from "../codegen/onnx/emit.js";
import { serializeModel } from "../codegen/onnx/serialize.js";
import type { Graph } from "../ir/graph.js";
import type { Tensor } from "../ir/tensor.js";
import { createSession, releaseSession, runGraph, type SessionOptions } from "./session.js";

export async function compileAndRun(g: Graph, feeds: Record<string, Tensor>,
  opts: SessionOptions & Partial<EmitOptions> = {}): Promise<Record<string, Tensor>> {
  const bytes = serializeModel(emitModel(g, { ...opts, name: opts.name ?? "graph" }));
  const session = await createSession(bytes, opts);
  try {
    return await runGraph(session, feeds);
  } finally {
    await releaseSession(session);
  }
}
