// Inference towers: the user tower (output "user_vec", (B,d) or (B,K,d)) and the item tower ("item_vec",
// (B,d)), built with training = false (BatchNorm uses running statistics, dropout is the identity, no
// noise inputs). Inputs: the features the tower reads (data), its parameters and buffers.
import { diag, hasErrors, type Diagnostic } from "../../diag/index.js";
import { Graph, type ValueId } from "../../ir/graph.js";
import { verifyGraph } from "../../ir/verify.js";
import { Build } from "../evaluate/env.js";
import { makeModelEnv, type ModelEnv, type Overrides } from "../evaluate/model-env.js";
import type { Program } from "../evaluate/program.js";
import { runSection, towerOutput } from "./sections.js";

/** The model's environment (header parameters with overrides), or diagnostics. */
export function prepareModel(p: Program, model: string, overrides: Overrides = {}): { env?: ModelEnv; diagnostics: Diagnostic[] } {
  const decl = p.models.get(model);
  if (!decl) {
    const first = p.files.find((f) => !f.prelude) ?? p.files[0]!;
    return { diagnostics: [diag("RECH5004", { file: first.file, line: 1, col: 1, offset: 0, length: 0 }, { name: model })] };
  }
  const { env, diagnostics } = makeModelEnv(p, decl, overrides);
  return hasErrors(diagnostics) ? { diagnostics } : { env, diagnostics };
}

/** A graph output must not be a graph input (onnxruntime cannot alias them): wrap it in Identity then. */
export function outputValue(g: Graph, v: ValueId): ValueId {
  return g.inputs.some((i) => i.value === v) || g.outputs.some((o) => o.value === v) ? g.add("Identity", [v]) : v;
}

export function assertVerified(g: Graph, what: string): void {
  const problems = verifyGraph(g);
  if (problems.length) throw new Error(`evaluator produced an invalid ${what} graph (a compiler bug):\n  ${problems.join("\n  ")}`);
}

/** Builds one inference tower from a prepared model environment. */
export function towerFromEnv(model: ModelEnv, which: "user" | "item"): { graph?: Graph; diagnostics: Diagnostic[] } {
  const g = new Graph();
  const build = new Build(g, false, model);
  const v = runSection(build, which, { kind: "pos" });
  const out = towerOutput(build, which, v, which === "user");
  if (out === undefined || hasErrors(build.diagnostics)) return { diagnostics: build.diagnostics };
  g.addOutput(which === "user" ? "user_vec" : "item_vec", outputValue(g, out));
  assertVerified(g, `${which} tower`);
  return { graph: g, diagnostics: build.diagnostics };
}

export function buildTower(p: Program, model: string, which: "user" | "item", overrides: Overrides = {}): { graph?: Graph; diagnostics: Diagnostic[] } {
  const prepared = prepareModel(p, model, overrides);
  if (!prepared.env) return { diagnostics: prepared.diagnostics };
  const r = towerFromEnv(prepared.env, which);
  return { graph: r.graph, diagnostics: [...prepared.diagnostics, ...r.diagnostics] };
}
