// A trained model directory opened for evaluation, recommendation and export: its model.json, vocabulary,
// user tower session, item vectors, and the dataset it was trained on (re-opened and checked against the
// stored vocabulary so ids mean the same thing).
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { MatchData } from "../data/index.js";
import { readJsonObject, readModelInfo, type ModelInfo as ServeInfo } from "../retrieval/serve/model-dir.js";
import { readItemStore, type ItemStore } from "../retrieval/serve/item-store.js";
import { UserError } from "../cli/errors.js";
import { loadData } from "./setup.js";

export interface TrainedModel {
  dir: string;
  json: Record<string, unknown>;
  info: ServeInfo;
  items: ItemStore;
  /** history length and padding of the user tower's hist_item_id input (1 and "pre" when it has none) */
  maxLen: number;
  padding: "pre" | "post";
}

export function openTrained(dir: string): TrainedModel {
  if (!existsSync(join(dir, "model.json"))) throw new UserError(`rech: ${dir} is not a model directory (no model.json; train one with rech train)`);
  const json = readJsonObject(join(dir, "model.json"));
  const info = readModelInfo(dir);
  const items = readItemStore(dir);
  const hist = info.userInputs.find((i) => i.name === "hist_item_id");
  const training = (json.training ?? {}) as Record<string, unknown>;
  const padding = training.padding === "post" ? "post" : "pre";
  return { dir, json, info, items, maxLen: hist?.dims[0] ?? 1, padding };
}

/**
 * The dataset for a trained model: `source` (a data source, or data already in memory), or the one it was
 * trained on; its vocabulary must match the model's.
 */
export async function trainedData(m: TrainedModel, source?: string | MatchData): Promise<MatchData> {
  const training = (m.json.training ?? {}) as Record<string, unknown>;
  const given = typeof source === "object" ? source : undefined;
  const src = given?.log.source ?? (source as string | undefined) ?? (typeof training.data === "string" ? training.data : undefined);
  if (!src) throw new UserError(`rech: ${m.dir}/model.json does not say which data the model was trained on; pass --data`);
  const data = given ?? await loadData(src, typeof training.seed === "number" ? training.seed : 2022);
  const ours = JSON.stringify(data.log.vocab.toJSON()), theirs = JSON.stringify(m.info.vocab.toJSON());
  if (ours !== theirs) {
    throw new UserError(`rech: the vocabularies of ${src} differ from ${m.dir}/vocab.json: ids would not match. ` +
      "Evaluate on the data the model was trained on.");
  }
  return data;
}
