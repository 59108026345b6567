// What the CLI and the training pipeline need to know about a model without compiling it themselves:
// parameters, features, train settings, tower inputs and output shapes, parameter counts; and a check that
// evaluates every section of every model, collecting all their diagnostics.
import { hasErrors, sortDiagnostics, type Diagnostic } from "../../diag/index.js";
import type { Graph } from "../../ir/graph.js";
import { size } from "../../ir/tensor.js";
import type { ResolvedFeature } from "../evaluate/features.js";
import type { ModelEnv, Overrides } from "../evaluate/model-env.js";
import { listModels, type Program } from "../evaluate/program.js";
import { toPlain } from "../evaluate/values.js";
import type { TrainSettings } from "./settings.js";
import { prepareModel, towerFromEnv } from "./tower.js";
import { trainFromEnv } from "./train.js";

export interface ModelInfo {
  name: string;
  /** header parameters after overrides (plain values; `features` is the set's name) */
  params: Record<string, unknown>;
  /** every feature the towers and the training graph read, in declaration order */
  features: ResolvedFeature[];
  train: TrainSettings;
  /** data inputs of the user tower and of the item tower, in graph order */
  userInputs: string[];
  itemInputs: string[];
  /** K for a multi-interest user tower (B,K,d), else 1 */
  interests: number;
  /** d, the width of user and item vectors */
  embedDim: number;
}

function dataInputs(g: Graph): string[] {
  return g.inputs.filter((i) => i.kind === "data").map((i) => i.name);
}

interface Built {
  user?: Graph;
  item?: Graph;
  train?: Graph;
  settings?: TrainSettings;
  diagnostics: Diagnostic[];
}

function buildAll(env: ModelEnv): Built {
  const user = towerFromEnv(env, "user");
  const item = towerFromEnv(env, "item");
  const train = trainFromEnv(env);
  return {
    user: user.graph, item: item.graph, train: train.graph, settings: train.settings,
    diagnostics: dedupe([...user.diagnostics, ...item.diagnostics, ...train.diagnostics]),
  };
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.code}|${d.span.file}|${d.span.offset}|${d.span.length}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function orderedFeatures(env: ModelEnv): ResolvedFeature[] {
  const order = env.featureSet?.features.map((f) => f.name.name) ?? [];
  return [...env.features.values()].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

export function modelInfo(p: Program, model: string, overrides: Overrides = {}): { info?: ModelInfo; diagnostics: Diagnostic[] } {
  const prepared = prepareModel(p, model, overrides);
  if (!prepared.env) return { diagnostics: prepared.diagnostics };
  const env = prepared.env;
  const built = buildAll(env);
  const diagnostics = [...prepared.diagnostics, ...built.diagnostics];
  if (!built.user || !built.item || !built.train || !built.settings || hasErrors(diagnostics)) return { diagnostics };
  const userVec = built.user.type(built.user.outputs[0]!.value).shape;
  const params: Record<string, unknown> = {};
  for (const [k, v] of env.params) params[k] = toPlain(v);
  const info: ModelInfo = {
    name: model,
    params,
    features: orderedFeatures(env),
    train: built.settings,
    userInputs: dataInputs(built.user),
    itemInputs: dataInputs(built.item),
    interests: userVec.length === 3 ? (userVec[1] as number) : 1,
    embedDim: userVec[userVec.length - 1] as number,
  };
  return { info, diagnostics };
}

/** Trainable parameters (elements) over both towers and the training graph, each parameter counted once. */
export function countParams(p: Program, model: string, overrides: Overrides = {}): { count?: number; diagnostics: Diagnostic[] } {
  const prepared = prepareModel(p, model, overrides);
  if (!prepared.env) return { diagnostics: prepared.diagnostics };
  const built = buildAll(prepared.env);
  const diagnostics = [...prepared.diagnostics, ...built.diagnostics];
  if (hasErrors(diagnostics)) return { diagnostics };
  const sizes = new Map<string, number>();
  for (const g of [built.user, built.item, built.train]) {
    for (const i of g?.inputs ?? []) {
      if (i.kind === "param") sizes.set(i.name, size(g!.type(i.value).shape as number[]));
    }
  }
  let count = 0;
  for (const n of sizes.values()) count += n;
  return { count, diagnostics };
}

/** Evaluates both towers and the training graph of every model; all diagnostics, sorted. */
export function checkModels(p: Program, overrides: Overrides = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of listModels(p)) {
    const prepared = prepareModel(p, name, overrides);
    out.push(...prepared.diagnostics);
    if (prepared.env) out.push(...buildAll(prepared.env).diagnostics);
  }
  return sortDiagnostics(dedupe(out));
}
