// `rech export`: rebuild both towers from the model directory's .rech source and trained weights, write them
// with the weights baked in, recompute the item vectors with the exported item tower on its own, and build
// and save the item index (faiss HNSW/IVF/Flat or exact).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { itemCatalogBatches, type MatchData } from "../data/index.js";
import { computeItemEmbeddings, readWeights, weightsByName } from "../export/index.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { buildIndex } from "../retrieval/index/create.js";
import type { IndexSpec } from "../retrieval/index/types.js";
import { writeItemStore } from "../retrieval/serve/item-store.js";
import { loadProgram, modelInfo } from "../passes/model/index.js";
import { createSession, releaseSession } from "../runtime/index.js";
import { UserError } from "../cli/errors.js";
import { buildTowers, towerBytes } from "./towers.js";
import { openTrained, trainedData } from "./trained.js";
import { MODEL_SOURCE } from "./write-model.js";

export interface ExportResult {
  items: number;
  dim: number;
  index: string;
  seconds: number;
}

export function indexFileName(spec: IndexSpec): string {
  return spec.kind === "exact" ? "items.exact.index" : `items.${spec.kind.slice("faiss-".length)}.faiss`;
}

export async function runExport(dir: string, spec: IndexSpec, dataSource?: string | MatchData): Promise<ExportResult> {
  const t0 = performance.now();
  const m = openTrained(dir);
  const srcFile = join(dir, MODEL_SOURCE);
  if (!existsSync(srcFile)) throw new UserError(`rech: ${srcFile} is missing; retrain to get a directory rech export can rebuild`);
  const loaded = loadProgram([{ file: srcFile, text: readFileSync(srcFile, "utf8") }]);
  if (!loaded.program) throw new UserError(`rech: ${srcFile} does not compile`);
  const overrides = (m.json.params ?? {}) as Record<string, unknown>;
  const r = modelInfo(loaded.program, m.info.model, overrides);
  if (!r.info) throw new UserError(`rech: ${srcFile}: model ${m.info.model} does not compile`);
  const towers = buildTowers(loaded.program, r.info, overrides);
  const weights = weightsByName(readWeights(dir));
  const normalized = m.json.normalized === true;
  const user = towerBytes(towers, "user", weights, normalized), item = towerBytes(towers, "item", weights, normalized);
  writeFileAtomic(join(dir, "user_tower.onnx"), [user]);
  writeFileAtomic(join(dir, "item_tower.onnx"), [item]);
  const data = await trainedData(m, dataSource);
  const session = await createSession(item);
  let vectors;
  try {
    vectors = await computeItemEmbeddings(session, itemCatalogBatches(data, 4096));
  } finally {
    await releaseSession(session);
  }
  const count = vectors.shape[0]!, dim = vectors.shape[1]!;
  const index = buildIndex(spec, vectors.data, count, dim);
  const name = indexFileName(spec);
  index.save(join(dir, name));
  writeItemStore(dir, { ids: m.items.ids, vectors: vectors.data, dim, idFeature: "item_id", index: name });
  return { items: count, dim, index: name, seconds: (performance.now() - t0) / 1000 };
}
