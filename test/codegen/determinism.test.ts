import type { onnx } from "onnx-proto";
import { describe, expect, it } from "vitest";
import { emitModel, parseModel, serializeModel } from "../../src/codegen/onnx/index.js";
import { interpret } from "../../src/ir/interp.js";
import { compileAndRun } from "../../src/runtime/index.js";
import { symbolicGraph, towerData, towerWeights, userTower } from "./graphs.js";

const graphOf = (m: onnx.ModelProto) => m.graph as onnx.GraphProto;
const dimsOf = (v: onnx.IValueInfoProto) => v.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));

const bytesOf = (meta: Record<string, string> = {}) =>
  serializeModel(emitModel(userTower(), { name: "user_tower", metadata: meta, initializers: towerWeights() }));

describe("deterministic emission", () => {
  it("gives identical bytes for the same graph, emitted twice or from a clone", () => {
    const a = bytesOf(), b = bytesOf();
    expect(a.length).toBeGreaterThan(100);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const g = userTower();
    const c1 = serializeModel(emitModel(g, { name: "t" })), c2 = serializeModel(emitModel(g.clone(), { name: "t" }));
    expect(Buffer.from(c1).equals(Buffer.from(c2))).toBe(true);
  });

  it("does not depend on the order metadata keys were given in", () => {
    const a = bytesOf({ model: "DSSM", seed: "7" }), b = bytesOf({ seed: "7", model: "DSSM" });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(parseModel(a).metadataProps.map((p) => p.key)).toEqual(["model", "seed"]);
  });

  it("writes each node's origin into its doc string and names values and nodes plainly", () => {
    const m = parseModel(serializeModel(emitModel(userTower(), { name: "user_tower" })));
    const g = graphOf(m);
    const docs = g.node.map((n) => `${n.name} ${n.opType}: ${n.docString}`);
    expect(docs).toContain("n0_Gather Gather: models.rech:3:9 forward Tower.user/embed");
    expect(docs).toContain("n4_MatMul MatMul: models.rech:4:5 forward Tower.user/mlp/linear");
    expect(docs).toContain("n12_Div Div: models.rech:5:12 forward Tower.user/l2norm");
    expect(g.node.every((n) => /^models\.rech:\d+:\d+ forward Tower\.user\//.test(String(n.docString)))).toBe(true);
    expect(g.input.map((i) => i.name)).toEqual(["user_id", "hist", "emb", "w", "b"]);
    expect(g.output.map((o) => o.name)).toEqual(["user_vec"]);
    expect(g.node[0].output).toEqual(["v5"]);
    expect(dimsOf(g.input[1])).toEqual(["B", 5]);
    expect(Number(m.irVersion)).toBe(8);
    expect(m.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([["", 17]]);
  });

  it("renames dimension symbols through dynamicNames", () => {
    const m = parseModel(serializeModel(emitModel(symbolicGraph(), { name: "s", dynamicNames: { B: "batch" } })));
    expect(dimsOf(graphOf(m).output.find((o) => o.name === "flat")!)).toEqual(["2*batch*T", 3]);
  });

  it("bakes chosen inputs in as initializers and still agrees with the interpreter", async () => {
    const m = emitModel(userTower(), { name: "user_tower", initializers: towerWeights() });
    expect(m.graph!.input!.map((i) => i.name)).toEqual(["user_id", "hist"]);
    expect(m.graph!.initializer!.map((t) => t.name).slice(0, 3)).toEqual(["emb", "w", "b"]);
    const feeds = towerData(6);
    const want = interpret(userTower(), { ...feeds, ...towerWeights() }).outputs.user_vec;
    const got = (await compileAndRun(userTower(), feeds, { initializers: towerWeights() })).user_vec;
    expect(got.shape).toEqual([6, 4]);
    let diff = 0;
    for (let i = 0; i < want.data.length; i++) diff = Math.max(diff, Math.abs(want.data[i] - got.data[i]));
    expect(diff).toBeLessThanOrEqual(1e-5);
  });

  it("rejects initializers that are not inputs or do not match their type", () => {
    expect(() => emitModel(userTower(), { name: "t", initializers: { nope: towerWeights().b } })).toThrow("initializer nope is not a graph input");
    expect(() => emitModel(userTower(), { name: "t", initializers: { b: towerWeights().w } })).toThrow("initializer b is f32[8, 4], the input is f32[4]");
  });

  it("runs graphs with two symbols, runtime shapes and outputs that alias inputs or other outputs", async () => {
    const x = { dtype: "f32" as const, shape: [2, 3, 6], data: Float32Array.from({ length: 36 }, (_, k) => k * 0.5) };
    const col = { dtype: "f32" as const, shape: [1, 3, 1], data: Float32Array.from([1, -1, 2]) };
    const want = interpret(symbolicGraph(), { x, col }).outputs;
    const got = await compileAndRun(symbolicGraph(), { x, col });
    for (const name of ["r", "flat", "sum", "x_again", "r_again"]) {
      expect(got[name].shape, name).toEqual(want[name].shape);
      expect(Array.from(got[name].data), name).toEqual(Array.from(want[name].data));
    }
  });
});
