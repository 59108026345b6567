// Writing a model directory (CONTRACTS.md "Model directory"): model.json, vocab.json, user_tower.onnx,
// item_tower.onnx, weights.bin + weights.json. Every file is replaced atomically (temporary file in the same
// folder, fsync, rename, fsync the folder), and model.json, which readers open first, is written last, so a
// reader never sees a partial file.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Graph } from "../ir/graph.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import { ExportError } from "./errors.js";
import { featureInputs } from "./tower.js";
import { encodeWeights, type NamedWeight } from "./weights-file.js";

export const MODEL_DIR_FILES = ["weights.bin", "weights.json", "vocab.json", "user_tower.onnx", "item_tower.onnx", "model.json"] as const;

export interface ModelDirContents {
  userTower: Uint8Array;
  itemTower: Uint8Array;
  /** the model.json object (see modelJson below) */
  modelJson: object;
  /** vocab.json: a Vocabulary (anything with toJSON) or its JSON object */
  vocab: object;
  weights: readonly NamedWeight[];
}

export function writeModelDir(dir: string, c: ModelDirContents): void {
  mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir);
  const vocabFile = (c.modelJson as { vocabFile?: unknown }).vocabFile ?? "vocab.json";
  if (typeof vocabFile !== "string" || vocabFile.includes("/") || vocabFile === "") {
    throw new ExportError(`model.json: field "vocabFile" must be a plain file name, found ${JSON.stringify(vocabFile)}`);
  }
  const w = encodeWeights(c.weights);
  writeFileAtomic(join(dir, "weights.bin"), w.parts);
  writeFileAtomic(join(dir, "weights.json"), w.index);
  writeFileAtomic(join(dir, vocabFile), JSON.stringify(c.vocab) + "\n");
  writeFileAtomic(join(dir, "user_tower.onnx"), [c.userTower]);
  writeFileAtomic(join(dir, "item_tower.onnx"), [c.itemTower]);
  writeFileAtomic(join(dir, "model.json"), JSON.stringify(c.modelJson, null, 2) + "\n");
}

/** Temporary files an interrupted earlier write left behind (".<name>.tmp-<pid>-<hex>"). */
function removeStaleTemps(dir: string): void {
  for (const f of readdirSync(dir)) {
    if (/^\..+\.tmp-\d+-[0-9a-f]+$/.test(f)) rmSync(join(dir, f), { force: true });
  }
}

export interface InputDescription {
  name: string;
  kind: "sparse" | "sequence" | "dense";
  dtype: "int32" | "float32";
  /** first axis "batch", then the fixed sizes */
  shape: (string | number)[];
}

/** model.json's description of a tower's feature inputs, from its graph. */
export function describeInputs(g: Graph): InputDescription[] {
  return featureInputs(g).map((i) => {
    const t = g.type(i.value);
    const rest = t.shape.slice(1);
    if (!rest.every((d): d is number => typeof d === "number")) {
      throw new ExportError(`feature ${i.name}: only the batch axis may be dynamic, its shape is [${t.shape.join(", ")}]`);
    }
    if (t.dtype === "bool") throw new ExportError(`feature ${i.name}: bool feature columns are not supported`);
    const dtype = t.dtype === "i32" ? "int32" : "float32";
    const kind = dtype === "float32" ? "dense" : rest.length >= 1 && !(rest.length === 1 && rest[0] === 1) ? "sequence" : "sparse";
    return { name: i.name, kind, dtype, shape: ["batch", ...rest] };
  });
}

export interface ModelJsonFields {
  model: string;
  /** hyper-parameter overrides the model was built with */
  params?: Record<string, unknown>;
  embedDim: number;
  interests: number;
  normalized: boolean;
  vocabFile?: string;
  /** anything else (training mode, data source...) */
  [key: string]: unknown;
}

/** The model.json object of CONTRACTS.md, with userInputs/itemInputs read off the tower graphs. */
export function modelJson(fields: ModelJsonFields, userGraph: Graph, itemGraph: Graph): object {
  return {
    ...fields,
    params: fields.params ?? {},
    vocabFile: fields.vocabFile ?? "vocab.json",
    userInputs: describeInputs(userGraph),
    itemInputs: describeInputs(itemGraph),
  };
}
