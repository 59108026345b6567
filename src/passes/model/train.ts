// The training forward graph (training = true: BatchNorm on batch statistics with running-stat updates,
// dropout from noise inputs). One graph holds:
//   inputs   data: the features both towers read, neg_<feature> (B,N) for sampled negatives, `label` (B) for
//            point-wise, the logq column (B) for in-batch logQ; param: every parameter (emb.<feature>, scoped
//            block parameters); buffer: running statistics; noise: dropout masks
//   outputs  loss (scalar), logits (the scores the loss reads: (B) point-wise, (B,1+N) sampled with the
//            positive in column 0, (B,B) in-batch, (B,V) all), user_vec, item_vec (the batch's positives),
//            and "<buffer>.new" for every buffer (an Identity when the forward pass does not update it: the
//            step executor expects a `.new` output for each held input).
// The item tower runs on the positives and, with sampled negatives, once more on neg_<feature> flattened
// to N·B rows (the same parameters; BatchNorm statistics of that call are its own); its output is reshaped
// back to (B,N,d).
import { hasErrors, type Diagnostic } from "../../diag/index.js";
import { Graph, ShapeError, type ValueId } from "../../ir/graph.js";
import { listwiseCE, pairwiseBPR, pointwiseBCE, inBatchBPR, inBatchSoftmax } from "../loss/index.js";
import { extraColumn, dataColumn } from "../evaluate/columns.js";
import { Build, reportError, type Env } from "../evaluate/env.js";
import { EvalError, fail, Reported } from "../evaluate/errors.js";
import { resolveFeature } from "../evaluate/features.js";
import type { ModelEnv, Overrides } from "../evaluate/model-env.js";
import type { Program } from "../evaluate/program.js";
import { perPosition } from "./positions.js";
import { Scorer } from "./score.js";
import { runSection, sectionEnv, towerOutput } from "./sections.js";
import { readTrainSettings, type TrainSettings } from "./settings.js";
import { assertVerified, outputValue, prepareModel } from "./tower.js";

export interface SparseTable {
  param: string;
  columns: string[];
}

export interface TrainForward {
  graph?: Graph;
  loss?: ValueId;
  sparse: SparseTable[];
  settings?: TrainSettings;
  diagnostics: Diagnostic[];
}

interface Scored {
  loss: ValueId;
  logits: ValueId;
}

function trainEnv(build: Build): Env {
  const env = sectionEnv(build, "user", { kind: "pos" });
  return { ...env, path: ["train"], where: `the train section of model '${build.model.name}'` };
}

/** The item tower on the sampled negatives, (B,N,d) (normalised for cosine scores). */
function negativeVectors(build: Build, s: Scorer, settings: TrainSettings): ValueId {
  const b = s.b;
  const out = towerOutput(build, "item", runSection(build, "item", { kind: "neg" }), false);
  if (out === undefined) throw new Reported();
  const lens = [...build.negColumns.entries()];
  const n = lens[0]?.[1] ?? 1;
  if (lens.some(([, l]) => l !== n)) {
    fail("RECH5006", s.span, { detail: lens.map(([c, l]) => `${c} has ${l}`).join(", ") });
  }
  settings.numNegatives = n;
  settings.negativeColumns = lens.map(([c]) => c).sort();
  const d = b.shape(out)[1]!;
  return s.normalize(b.reshape(out, [-1, n, d]));
}

function sampled(build: Build, s: Scorer, settings: TrainSettings, u: ValueId, v: ValueId): Scored {
  const b = s.b;
  const vn = negativeVectors(build, s, settings);
  const pos = s.scale(s.pairScores(u, v));
  const neg = s.scale(s.pairScores(u, vn));
  const logits = b.concat([b.reshape(pos, [-1, 1]), neg], 1);
  const loss = settings.mode === "pairwise" ? pairwiseBPR(b.g, pos, neg) : listwiseCE(b.g, logits);
  return { loss, logits };
}

function inBatch(env: Env, s: Scorer, settings: TrainSettings, u: ValueId, v: ValueId): Scored {
  const b = s.b;
  const logq = settings.logq !== undefined ? extraColumn(env, settings.logq) : undefined;
  const opts = { temperature: settings.temperature, logq };
  let logits = s.scale(s.allScores(u, v));
  if (logq !== undefined) logits = b.sub(logits, b.reshape(logq, [1, -1]));
  const loss = settings.mode === "pairwise" ? inBatchBPR(b.g, u, v, opts) : inBatchSoftmax(b.g, u, v, opts);
  return { loss, logits };
}

function allItems(build: Build, env: Env, s: Scorer, settings: TrainSettings, u: ValueId): Scored {
  if (settings.mode !== "listwise") {
    fail("RECH5001", s.span, { name: "negatives", detail: "'all' (a softmax over every item) needs mode listwise" });
  }
  const out = towerOutput(build, "item", runSection(build, "item", { kind: "all" }), false);
  if (out === undefined || build.allFeature === undefined) throw new Reported();
  const logits = s.scale(s.allScores(u, s.normalize(out)));
  const target = dataColumn(env, resolveFeature(build.model, build.allFeature, s.span));
  return { loss: listwiseCE(s.b.g, logits, target), logits };
}

function score(build: Build, settings: TrainSettings, u: ValueId, v: ValueId): Scored {
  const env = trainEnv(build);
  const span = settings.span ?? build.model.decl.name.span;
  const s = new Scorer(env, settings, span);
  const b = s.b;
  const du = b.shape(u)[b.rank(u) - 1], dv = b.shape(v)[1];
  if (du !== dv) fail("RECH4004", span, { user: String(du), item: String(dv) });
  if (settings.positions !== undefined) return perPosition(build, env, s, settings, u, () => negativeVectors(build, s, settings));
  const uEff = s.normalize(s.userVector(u, v));
  const vEff = s.normalize(v);
  switch (settings.negatives) {
    case "none": {
      const logits = s.scale(s.pairScores(uEff, vEff));
      return { loss: pointwiseBCE(b.g, logits, extraColumn(env, settings.label ?? "label")), logits };
    }
    case "sampled": return sampled(build, s, settings, uEff, vEff);
    case "in_batch": return inBatch(env, s, settings, uEff, vEff);
    case "all": return allItems(build, env, s, settings, uEff);
  }
}

export function trainFromEnv(model: ModelEnv): TrainForward {
  const { settings, diagnostics } = readTrainSettings(model);
  if (hasErrors(diagnostics)) return { sparse: [], diagnostics };
  const g = new Graph();
  const build = new Build(g, true, model);
  const u = towerOutput(build, "user", runSection(build, "user", { kind: "pos" }), true);
  const v = towerOutput(build, "item", runSection(build, "item", { kind: "pos" }), false);
  let scored: Scored | undefined;
  if (u !== undefined && v !== undefined && !hasErrors(build.diagnostics)) {
    const env = trainEnv(build);
    const span = settings.span ?? model.decl.name.span;
    const loc = { file: span.file, line: span.line, col: span.col };
    try {
      scored = g.withOrigin({ loc, scope: `${model.name}.train`, role: "forward" }, () => score(build, settings, u, v));
    } catch (e) {
      if (e instanceof EvalError) reportError(env, e);
      else if (e instanceof ShapeError) {
        const cut = e.message.indexOf(": ");
        build.report({ code: "RECH4001", severity: "error", message: `shape mismatch in ${e.message.slice(0, cut)}: ${e.message.slice(cut + 2)}`, span });
      } else if (!(e instanceof Reported)) throw e;
    }
  }
  const all = [...diagnostics, ...build.diagnostics];
  if (!scored || u === undefined || v === undefined || hasErrors(all)) return { sparse: [], diagnostics: all };
  g.addOutput("loss", outputValue(g, scored.loss));
  g.addOutput("logits", outputValue(g, scored.logits));
  g.addOutput("user_vec", outputValue(g, u));
  g.addOutput("item_vec", outputValue(g, v));
  for (const [name, buf] of [...build.buffers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    g.addOutput(`${name}.new`, outputValue(g, buf.current)); // unchanged buffers too (MIND's routing_init): the step executor copies every held input back
  }
  assertVerified(g, "training forward");
  const sparse = [...build.sparse.entries()]
    .filter(([table]) => !build.denseTables.has(table))
    .map(([param, cols]) => ({ param, columns: [...cols].sort() }))
    .sort((a, b) => (a.param < b.param ? -1 : a.param > b.param ? 1 : 0));
  return { graph: g, loss: g.outputs[0]!.value, sparse, settings, diagnostics: all };
}

export function buildTrainForward(p: Program, model: string, overrides: Overrides = {}): TrainForward {
  const prepared = prepareModel(p, model, overrides);
  if (!prepared.env) return { sparse: [], diagnostics: prepared.diagnostics };
  const r = trainFromEnv(prepared.env);
  return { ...r, diagnostics: [...prepared.diagnostics, ...r.diagnostics] };
}
