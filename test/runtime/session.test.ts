import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitModel, serializeModel } from "../../src/codegen/onnx/index.js";
import { Graph } from "../../src/ir/graph.js";
import { tensor } from "../../src/ir/tensor.js";
import { createSession, fromOrtTensor, releaseSession, runGraph, RuntimeUserError, toOrtTensor } from "../../src/runtime/index.js";

describe("tensor conversion", () => {
  it("maps f32, i32 and bool to float32, int32 and bool and back", () => {
    const f = toOrtTensor(tensor("f32", [2], [0.5, -1.25]));
    expect(f.type).toBe("float32");
    expect(f.data).toBeInstanceOf(Float32Array);
    expect(Array.from(f.data as Float32Array)).toEqual([0.5, -1.25]);
    const i = toOrtTensor(tensor("i32", [1, 2], [3, -4]));
    expect([i.type, i.dims]).toEqual(["int32", [1, 2]]);
    const b = toOrtTensor(tensor("bool", [3], [1, 0, 1]));
    expect(b.type).toBe("bool");
    const back = fromOrtTensor(b);
    expect([back.dtype, back.shape, Array.from(back.data)]).toEqual(["bool", [3], [1, 0, 1]]);
    expect(fromOrtTensor(i).dtype).toBe("i32");
    expect(fromOrtTensor(f).data).toBe(f.data);
  });
});

describe("sessions", () => {
  const g = new Graph();
  const x = g.addInput("x", { dtype: "f32", shape: ["B", 2] }, "data");
  const k = g.addInput("k", { dtype: "i32", shape: ["B"] }, "data");
  g.addOutput("y", g.add("Mul", [x, x]));
  g.addOutput("k2", g.add("Add", [k, k]));
  const bytes = serializeModel(emitModel(g, { name: "sq" }));

  it("loads from a file path and runs with IR tensors, fetching chosen outputs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rech-session-"));
    try {
      const path = join(dir, "sq.onnx");
      writeFileSync(path, bytes);
      const s = await createSession(path);
      const feeds = { x: tensor("f32", [2, 2], [1, -2, 3, 0.5]), k: tensor("i32", [2], [7, -1]) };
      const all = await runGraph(s, feeds);
      expect(Array.from(all.y.data)).toEqual([1, 4, 9, 0.25]);
      expect(Array.from(all.k2.data)).toEqual([14, -2]);
      const only = await runGraph(s, feeds, ["k2"]);
      expect(Object.keys(only)).toEqual(["k2"]);
      await releaseSession(s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports a missing input by name", async () => {
    const s = await createSession(bytes);
    await expect(runGraph(s, { x: tensor("f32", [1, 2]) })).rejects.toThrow("missing input k (the model takes x, k)");
    await releaseSession(s);
  });

  it("reports a wrong input shape as a user error", async () => {
    const s = await createSession(bytes);
    const err = await runGraph(s, { x: tensor("f32", [1, 3]), k: tensor("i32", [1]) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeUserError);
    expect((err as Error).message).toMatch(/^onnxruntime failed: /);
    await releaseSession(s);
  });

  it("traces a run-time failure to the .rech origin of the failing node", async () => {
    const h = new Graph();
    const table = h.addInput("table", { dtype: "f32", shape: [3, 2] }, "param");
    const ids = h.addInput("ids", { dtype: "i32", shape: ["B"] }, "data");
    const loc = { loc: { file: "models.rech", line: 12, col: 7 }, scope: "M.item/embed" };
    h.addOutput("e", h.withOrigin(loc, () => h.add("Gather", [table, ids])));
    const s = await createSession(serializeModel(emitModel(h, { name: "g" })));
    const err = await runGraph(s, { table: tensor("f32", [3, 2]), ids: tensor("i32", [2], [1, 9]) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeUserError);
    expect((err as Error).message).toMatch(/^onnxruntime failed: .*Gather.*idx=9.* \(from models\.rech:12:7 forward M\.item\/embed\)$/);
    await releaseSession(s);
  });

  it("reports bytes that are not a model", async () => {
    await expect(createSession(new Uint8Array([1, 2, 3]))).rejects.toThrow(/^onnxruntime could not load the model: /);
  });
});
