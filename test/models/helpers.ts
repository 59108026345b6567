// Shared test helpers: load models.rech with the prelude, random feeds for a graph, fixture name mapping.
import { readFileSync } from "node:fs";
import { renderDiagnostics, type Diagnostic } from "../../src/diag/index.js";
import type { Graph } from "../../src/ir/graph.js";
import { tensor, type Tensor } from "../../src/ir/tensor.js";
import { bindShape } from "../../src/ir/types.js";
import { loadProgram, sourceLookup, type Program } from "../../src/passes/model/index.js";
import { rng } from "../helpers/rng.js";

export { rng };

let cached: Program | undefined;

export function modelsProgram(): Program {
  if (cached) return cached;
  const text = readFileSync(new URL("../../models.rech", import.meta.url), "utf8");
  const r = loadProgram([{ file: "models.rech", text }]);
  if (!r.program || r.diagnostics.length) throw new Error(`models.rech does not load:\n${render(r.program, r.diagnostics)}`);
  cached = r.program;
  return cached;
}

export function render(p: Program | undefined, ds: Diagnostic[]): string {
  return p ? renderDiagnostics(ds, sourceLookup(p)) : ds.map((d) => `${d.code} ${d.message}`).join("\n");
}

/** Random feeds for every input of g with batch B: ids in [0, idMax) (
 *  the smallest vocabulary of models.rech is 4), params ~ U(-0.5, 0.5), buffers: variances 1, others 0, noise U[0,1). */
export function randomFeeds(g: Graph, env: Record<string, number>, seed = 1, idMax = 4): Record<string, Tensor> {
  const r = rng(seed);
  const feeds: Record<string, Tensor> = {};
  for (const i of g.inputs) {
    const t = g.type(i.value);
    const shape = bindShape(t.shape, env);
    const n = shape.reduce((a, b) => a * b, 1);
    const data = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      if (t.dtype === "i32") data[k] = Math.floor(r() * idMax);
      else if (i.kind === "param") data[k] = r() - 0.5;
      else if (i.kind === "buffer") data[k] = i.name.endsWith("/var") ? 1 : 0;
      else data[k] = r();
    }
    feeds[i.name] = tensor(t.dtype, shape, data);
  }
  return feeds;
}

/** rech parameter name of a PyTorch-fixture name: "user.mlp.0.bn.gamma" -> "user/mlp/layer0/batchnorm/gamma". */
export function rechName(fixtureName: string): string {
  const m = /^(user|item)\.mlp\.(\d+)\.(w|b|bn\.gamma|bn\.beta|bn\.mean|bn\.var)$/.exec(fixtureName);
  if (!m) return fixtureName;
  const leaf = { w: "linear/w", b: "linear/b", "bn.gamma": "batchnorm/gamma", "bn.beta": "batchnorm/beta", "bn.mean": "batchnorm/mean", "bn.var": "batchnorm/var" }[m[3]!];
  return `${m[1]}/mlp/layer${m[2]}/${leaf}`;
}
