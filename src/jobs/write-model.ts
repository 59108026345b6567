// The model directory a training run leaves: towers with the trained weights baked in, model.json,
// vocab.json, weights, the item vectors (items.f32 + items.json) for serving, and the test metrics.
import { join } from "node:path";
import { writeItemStore } from "../retrieval/serve/item-store.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { modelJson, writeModelDir } from "../export/index.js";
import type { Tensor } from "../ir/tensor.js";
import type { EpochRecord } from "../train/state.js";
import type { RunSetup } from "./setup.js";
import { towerBytes, type TowerVectors, type Towers } from "./towers.js";

/** The .rech source a model directory keeps, so `rech export` can rebuild its towers. */
export const MODEL_SOURCE = "model.rech";

export interface ModelOutput {
  setup: RunSetup;
  towers: Towers;
  weights: Record<string, Tensor>;
  vectors: TowerVectors;
  metrics: Record<string, number>;
  history: EpochRecord[];
  seconds: number;
  training: Record<string, unknown>;
}

/** True when every row of (n, d) has unit L2 norm (within 1e-3). */
export function unitRows(data: Float32Array, d: number): boolean {
  for (let r = 0; r * d < data.length; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += data[r * d + j]! ** 2;
    if (Math.abs(Math.sqrt(s) - 1) > 1e-3) return false;
  }
  return true;
}

export function writeModel(dir: string, m: ModelOutput): void {
  const d = m.towers.info.embedDim;
  const normalized = unitRows(m.vectors.items.data, d) && unitRows(m.vectors.users.data, d);
  const json = modelJson({
    model: m.towers.info.name, params: m.setup.overrides, embedDim: d, interests: m.towers.info.interests, normalized,
    padding: m.training.padding, training: m.training, seconds: Math.round(m.seconds * 10) / 10,
  }, m.towers.user, m.towers.item);
  writeModelDir(dir, {
    userTower: towerBytes(m.towers, "user", m.weights, normalized),
    itemTower: towerBytes(m.towers, "item", m.weights, normalized),
    modelJson: json,
    vocab: m.setup.data.log.vocab.toJSON(),
    weights: Object.entries(m.weights).map(([name, t]) => ({ name, kind: "param", shape: t.shape, data: t.data as Float32Array })),
  });
  writeItemStore(dir, { ids: m.vectors.itemIds, vectors: m.vectors.items.data, dim: d, idFeature: "item_id" });
  const source = m.setup.program.sources.get(m.setup.file);
  if (source !== undefined) writeFileAtomic(join(dir, MODEL_SOURCE), source);
  writeFileAtomic(join(dir, "metrics.json"), JSON.stringify({ model: m.towers.info.name, test: m.metrics, history: m.history }, null, 2) + "\n");
}
