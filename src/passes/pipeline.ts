// The compiler's table of contents: the passes that turn a checked program into tower graphs and a
// training-step graph. Each step is named so `--dump-ir-after NAME` can print the graph it produced.
import type { Diagnostic } from "../diag/index.js";
import type { Graph, ValueId } from "../ir/graph.js";
import { printGraph } from "../ir/print.js";
import { verifyGraph } from "../ir/verify.js";
import { differentiate } from "./autodiff/index.js";
import { buildTower, buildTrainForward, type Program } from "./model/index.js";
import { addPackedOptimizer, packSparseTables, type OptimizerConfig, type SparseTableSpec } from "./optim/index.js";
import { simplify } from "./simplify/index.js";

export const TOWER_PASSES = ["evaluate", "simplify"] as const;
export const TRAIN_PASSES = ["evaluate", "sparsify", "autodiff", "optimizer", "simplify"] as const;
export type PassName = (typeof TRAIN_PASSES)[number];

/** Called with each pass's output graph, e.g. to print it for --dump-ir-after. */
export type PassHook = (pass: PassName, g: Graph) => void;

export interface TowerResult {
  graph?: Graph;
  diagnostics: Diagnostic[];
}

function checked(g: Graph, pass: string): Graph {
  const problems = verifyGraph(g);
  if (problems.length) throw new Error(`the IR is invalid after ${pass} (a compiler bug):\n  ${problems.join("\n  ")}`);
  return g;
}

export function compileTower(p: Program, model: string, which: "user" | "item",
  overrides: Record<string, unknown> = {}, hook?: PassHook): TowerResult {
  const built = buildTower(p, model, which, overrides);
  if (!built.graph) return { diagnostics: built.diagnostics };
  hook?.("evaluate", built.graph);
  const graph = checked(simplify(built.graph).graph, "simplify");
  hook?.("simplify", graph);
  return { graph, diagnostics: built.diagnostics };
}

/** A sparsely updated table; `parts` when it is several tables packed into one input (packSparseTables). */
export type SparseTableInfo = SparseTableSpec;

export interface TrainStepResult {
  graph?: Graph;
  sparse: SparseTableInfo[];
  diagnostics: Diagnostic[];
}

export interface TrainStepOptions {
  optimizer: OptimizerConfig;
  /** update embedding tables row-sparsely (default true); false = dense, for exact parity */
  sparse?: boolean;
}

/** Symbol naming the number of rows of a sparsely updated table fed in one step. */
export function rowsSymbol(param: string): string {
  return `rows_${param.replace(/\W/g, "_")}`;
}

/** Give each sparsely updated table a symbolic first dimension: the step sees only the rows it touches. */
function sparsify(g: Graph, tables: { param: string; columns: string[] }[]): SparseTableInfo[] {
  const out: SparseTableInfo[] = [];
  for (const t of tables) {
    const input = g.input(t.param);
    if (!input || input.kind !== "param") continue;
    const shape = g.values[input.value].type.shape;
    const rows = shape[0];
    if (typeof rows !== "number") continue;
    shape[0] = rowsSymbol(t.param);
    out.push({ param: t.param, columns: t.columns, rows });
  }
  return out;
}

export function compileTrainStep(p: Program, model: string, overrides: Record<string, unknown>,
  opts: TrainStepOptions, hook?: PassHook): TrainStepResult {
  const built = buildTrainForward(p, model, overrides);
  if (!built.graph || built.loss === undefined) return { sparse: [], diagnostics: built.diagnostics };
  const g = built.graph;
  hook?.("evaluate", g);
  const sparse = opts.sparse === false ? [] : packSparseTables(g, sparsify(g, built.sparse), rowsSymbol);
  checked(g, "sparsify");
  hook?.("sparsify", g);
  const params = g.inputs.filter((i) => i.kind === "param");
  const grads = differentiate(g, built.loss as ValueId, params.map((i) => i.value));
  checked(g, "autodiff");
  hook?.("autodiff", g);
  addPackedOptimizer(g, params.map((i) => ({ name: i.name, value: i.value, grad: grads.get(i.value)! })), opts.optimizer);
  checked(g, "optimizer");
  hook?.("optimizer", g);
  const graph = checked(simplify(g).graph, "simplify");
  hook?.("simplify", graph);
  return { graph, sparse, diagnostics: built.diagnostics };
}

export function dumpHook(which: string | undefined, write: (text: string) => void): PassHook | undefined {
  if (!which) return undefined;
  return (pass, g) => {
    if (pass === which) write(printGraph(g, `after ${pass}`));
  };
}
