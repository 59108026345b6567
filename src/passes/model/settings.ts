// The `train { }` section: how the training forward graph scores and which loss it uses.
//   mode        pointwise | pairwise | listwise         (torch-rechub trainer modes 0 / 1 / 2)
//   negatives   sampled | in_batch | all                (neg_<feature> columns; other rows of the batch; every item)
//   logq        COLUMN                                  (in-batch only: subtract ln q_j of column j's item)
//   temperature EXPR                                    (scores are divided by it)
//   score       dot | cosine | best_interest            (best_interest: label-aware pick among K user vectors)
//   label       COLUMN                                  (pointwise label column, default "label")
//   positions   SEQUENCE                                (per-position training: the user tower returns (B,L,d)
//                                                        while training; position t is scored against the
//                                                        item after it in SEQUENCE and the sampled negatives)
// A value that is a bare name is the model parameter of that name if there is one, else the word itself,
// so `mode mode` with a header parameter `mode = "pointwise"` can be switched with --set mode=listwise.
// Point-wise training uses the label column of each row and no negatives.
import { diag, type Diagnostic } from "../../diag/index.js";
import type { Span } from "../../diag/span.js";
import type { Expr, Setting, TrainSection } from "../../parser/ast.js";
import { reportError } from "../evaluate/env.js";
import { EvalError } from "../evaluate/errors.js";
import { evalExpr } from "../evaluate/expr.js";
import { headerEnv, type ModelEnv } from "../evaluate/model-env.js";
import { describe, isPoison, type Value } from "../evaluate/values.js";

export const MODES = ["pointwise", "pairwise", "listwise"] as const;
export const NEGATIVES = ["sampled", "in_batch", "all"] as const;
export const SCORES = ["dot", "cosine", "best_interest"] as const;
export type Mode = (typeof MODES)[number];
export type Score = (typeof SCORES)[number];

export interface TrainSettings {
  mode: Mode;
  /** "none" for point-wise training (each row carries its own label) */
  negatives: (typeof NEGATIVES)[number] | "none";
  /** sampled negatives per row (N); 0 unless negatives = sampled (filled in when the graph is built) */
  numNegatives: number;
  /** the neg_<feature> columns the training graph reads (filled in when the graph is built) */
  negativeColumns: string[];
  /** in-batch logQ correction column, f32 (B) */
  logq?: string;
  /** point-wise label column, f32 (B) */
  label?: string;
  /** per-position training over this history sequence feature */
  positions?: string;
  temperature: number;
  score: Score;
  /** where the train section starts (the origin of scoring and loss nodes) */
  span?: Span;
}

const KEYS = ["mode", "negatives", "logq", "temperature", "score", "label", "positions"];

function settingValue(model: ModelEnv, e: Expr): Value {
  if (e.kind === "Name" && !model.params.has(e.name)) return { kind: "str", value: e.name };
  return evalExpr(headerEnv(model), e);
}

function word(model: ModelEnv, s: Setting, choices: readonly string[], out: Diagnostic[]): string | undefined {
  const v = settingValue(model, s.value);
  if (isPoison(v)) return undefined;
  if (v.kind === "str" && choices.includes(v.value)) return v.value;
  out.push(diag("RECH5001", s.value.span, { name: s.key.name, detail: `expected ${choices.join(", ")}; found ${describe(v)}` }));
  return undefined;
}

/** Reads the train section (defaults: listwise, in-batch negatives, temperature 1, dot). */
export function readTrainSettings(model: ModelEnv): { settings: TrainSettings; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const section = model.decl.sections.find((s): s is TrainSection => s.kind === "Train");
  const settings: TrainSettings = {
    mode: "listwise", negatives: "in_batch", numNegatives: 0, negativeColumns: [], temperature: 1, score: "dot", span: section?.keyword,
  };
  for (const s of section?.settings ?? []) {
    try {
      switch (s.key.name) {
        case "mode": settings.mode = (word(model, s, MODES, out) as Mode) ?? settings.mode; break;
        case "negatives": settings.negatives = (word(model, s, NEGATIVES, out) as TrainSettings["negatives"]) ?? settings.negatives; break;
        case "score": settings.score = (word(model, s, SCORES, out) as Score) ?? settings.score; break;
        case "logq": settings.logq = columnName(model, s, out); break;
        case "label": settings.label = columnName(model, s, out); break;
        case "positions": settings.positions = columnName(model, s, out); break;
        case "temperature": {
          const v = settingValue(model, s.value);
          if (v.kind === "num" && v.value > 0) settings.temperature = v.value;
          else if (!isPoison(v)) out.push(diag("RECH5001", s.value.span, { name: "temperature", detail: `expected a positive number; found ${describe(v)}` }));
          break;
        }
        default:
          out.push(diag("RECH5001", s.key.span, { name: s.key.name, detail: `unknown setting (expected one of ${KEYS.join(", ")})` }));
      }
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      const env = headerEnv(model);
      reportError(env, e);
      out.push(...env.build.diagnostics);
    }
  }
  if (settings.mode === "pointwise") {
    settings.negatives = "none";
    settings.label ??= "label";
  }
  const logqSetting = section?.settings.find((s) => s.key.name === "logq");
  if (settings.logq !== undefined && settings.negatives !== "in_batch" && logqSetting) {
    out.push(diag("RECH5001", logqSetting.key.span, { name: "logq", detail: "the logQ correction applies to in-batch negatives only" }));
  }
  return { settings, diagnostics: out };
}

function columnName(model: ModelEnv, s: Setting, out: Diagnostic[]): string | undefined {
  const v = settingValue(model, s.value);
  if (v.kind === "str") return v.value;
  if (!isPoison(v)) out.push(diag("RECH5001", s.value.span, { name: s.key.name, detail: `expected a column name; found ${describe(v)}` }));
  return undefined;
}
