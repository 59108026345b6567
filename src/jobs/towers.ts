// The user and item towers of a model as onnxruntime sessions with given weights, and the vectors they
// produce for an evaluation set and for the whole catalogue.
import { evalUserBatches, itemCatalogBatches, truthLists, type EvalSet, type MatchData } from "../data/index.js";
import { FIRST_ID } from "../data/vocab.js";
import { evaluateRanking, type RankingResult, type Vectors } from "../eval/ranking.js";
import { computeItemEmbeddings, computeUserEmbeddings, exportTower, type Embeddings } from "../export/index.js";
import type { Graph } from "../ir/graph.js";
import type { Tensor } from "../ir/tensor.js";
import { compileTower } from "../passes/pipeline.js";
import type { ModelInfo, Program } from "../passes/model/index.js";
import { createSession, releaseSession, type Session } from "../runtime/index.js";
import { UserError } from "../cli/errors.js";

export interface Towers {
  info: ModelInfo;
  user: Graph;
  item: Graph;
}

export function buildTowers(program: Program, info: ModelInfo, overrides: Record<string, unknown>): Towers {
  const graphs: Record<string, Graph> = {};
  for (const which of ["user", "item"] as const) {
    const r = compileTower(program, info.name, which, overrides);
    if (!r.graph) throw new UserError(`rech: the ${which} tower of ${info.name} does not compile`);
    graphs[which] = r.graph;
  }
  return { info, user: graphs.user!, item: graphs.item! };
}

export function towerBytes(t: Towers, which: "user" | "item", weights: Record<string, Tensor>, normalized = false): Uint8Array {
  return exportTower(which === "user" ? t.user : t.item, weights, {
    side: which, model: t.info.name, embedDim: t.info.embedDim, interests: which === "user" ? t.info.interests : 1,
    vocabFile: "vocab.json", normalized,
  });
}

/** History length the user tower reads (its hist_item_id column), or 1 when it reads none. */
export function historyLength(info: ModelInfo): number {
  const f = info.features.find((x) => x.name === "hist_item_id");
  return f?.len ?? 1;
}

export interface TowerVectors {
  users: Embeddings;
  items: Embeddings;
  /** item id of each item row (catalogue order: ids 2..numItems-1) */
  itemIds: Int32Array;
}

export async function towerVectors(t: Towers, weights: Record<string, Tensor>, data: MatchData, set: EvalSet,
  opts: { batchSize?: number; padding?: "pre" | "post" } = {}): Promise<TowerVectors> {
  const batchSize = opts.batchSize ?? 1024;
  const sessions: Session[] = [];
  try {
    const us = await createSession(towerBytes(t, "user", weights));
    sessions.push(us);
    const is = await createSession(towerBytes(t, "item", weights));
    sessions.push(is);
    const users = await computeUserEmbeddings(us, evalUserBatches(data, set, { batchSize, maxLen: historyLength(t.info), padding: opts.padding }));
    const items = await computeItemEmbeddings(is, itemCatalogBatches(data, batchSize));
    const itemIds = new Int32Array(data.numItems - FIRST_ID);
    for (let i = 0; i < itemIds.length; i++) itemIds[i] = i + FIRST_ID;
    return { users, items, itemIds };
  } finally {
    for (const s of sessions) await releaseSession(s);
  }
}

/** Items of each evaluation row's history (what the user had seen before the held-out items). */
export function seenLists(data: MatchData, set: EvalSet): Int32Array[] {
  const out: Int32Array[] = [];
  for (let r = 0; r < set.user.length; r++) {
    const u = set.user[r]!;
    out.push(data.timeline.item.subarray(data.timeline.start[u]!, set.histEnd[r]!));
  }
  return out;
}

/** Full ranking of an evaluation set's users over the catalogue, with their histories as seen items. */
export function rankSet(data: MatchData, set: EvalSet, users: Vectors, items: Vectors, itemIds: Int32Array,
  opts: { ks?: number[]; maskSeen?: boolean }): Promise<RankingResult> {
  return evaluateRanking({
    userVecs: users, itemVecs: items, itemIds, truth: truthLists(set), seen: seenLists(data, set),
    maskSeen: opts.maskSeen ?? true, ks: opts.ks,
  });
}

export async function evaluateTowers(t: Towers, weights: Record<string, Tensor>, data: MatchData, set: EvalSet,
  opts: { ks?: number[]; maskSeen?: boolean; padding?: "pre" | "post" } = {}): Promise<RankingResult & { vectors: TowerVectors }> {
  const vectors = await towerVectors(t, weights, data, set, { padding: opts.padding });
  const r = await rankSet(data, set, vectors.users, vectors.items, vectors.itemIds, opts);
  return { ...r, vectors };
}
