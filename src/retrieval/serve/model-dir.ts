// Reading what serving needs from a model directory (CONTRACTS.md "Model directory"): model.json (user
// inputs, interests, embedding width), vocab.json (through src/data's Vocabulary), user_tower.onnx, and the
// item store (./item-store.ts). Every problem is a ServeError naming the file and field.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Vocabulary } from "../../data/vocabulary.js";

export class ServeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServeError";
  }
}

export type InputKind = "sparse" | "sequence" | "dense";

/** One user-tower input. `dims` are the per-row dims (the batch axis removed): [] or [1] scalars, [L] sequences. */
export interface UserInput {
  name: string;
  kind: InputKind;
  dtype: "int32" | "float32";
  dims: number[];
  /** sequences: where padding goes when the history is shorter than L (default "pre", the reference's usual). */
  padding: "pre" | "post";
}

export interface ModelInfo {
  dir: string;
  model: string;
  embedDim: number;
  interests: number;
  userInputs: UserInput[];
  vocab: Vocabulary;
  userTower: string;
}

export function readModelInfo(dir: string): ModelInfo {
  const file = join(dir, "model.json");
  const meta = readJsonObject(file);
  const bad = (field: string, expected: string, found: unknown): never => {
    throw new ServeError(`${file}: field "${field}": expected ${expected}, found ${show(found)}`);
  };
  const model = typeof meta.model === "string" ? meta.model : bad("model", "a model name", meta.model);
  const embedDim = isPosInt(meta.embedDim) ? meta.embedDim : bad("embedDim", "a positive integer", meta.embedDim);
  const interests = meta.interests === undefined ? 1 : isPosInt(meta.interests) ? meta.interests : bad("interests", "a positive integer", meta.interests);
  if (!Array.isArray(meta.userInputs) || meta.userInputs.length === 0) bad("userInputs", "a non-empty list", meta.userInputs);
  const userInputs = (meta.userInputs as unknown[]).map((x, i) => parseInput(x, `userInputs[${i}]`, bad));
  const vocabFile = meta.vocabFile === undefined ? "vocab.json" : typeof meta.vocabFile === "string" ? meta.vocabFile : bad("vocabFile", "a file name", meta.vocabFile);
  const userTower = join(dir, "user_tower.onnx");
  if (!existsSync(userTower)) throw new ServeError(`${userTower}: missing (the user tower is needed to serve)`);
  const vocab = Vocabulary.load(join(dir, vocabFile));
  return { dir, model, embedDim, interests, userInputs, vocab, userTower };
}

function parseInput(x: unknown, where: string, bad: (field: string, expected: string, found: unknown) => never): UserInput {
  if (!isObject(x)) return bad(where, "an object {name, kind, dtype, shape}", x);
  const name = typeof x.name === "string" && x.name !== "" ? x.name : bad(`${where}.name`, "a feature name", x.name);
  const kind = x.kind === "sparse" || x.kind === "sequence" || x.kind === "dense" ? x.kind : bad(`${where}.kind`, '"sparse", "sequence" or "dense"', x.kind);
  const dtype = x.dtype === undefined ? (kind === "dense" ? "float32" : "int32") : x.dtype === "int32" || x.dtype === "float32" ? x.dtype : bad(`${where}.dtype`, '"int32" or "float32"', x.dtype);
  if (!Array.isArray(x.shape) || x.shape.length === 0) return bad(`${where}.shape`, "a shape whose first axis is the batch", x.shape);
  const rest = (x.shape as unknown[]).slice(1);
  if (!rest.every(isPosInt)) return bad(`${where}.shape`, "positive sizes after the batch axis", x.shape);
  const dims = rest as number[];
  if (kind === "sequence" ? dims.length !== 1 : dims.length > 1 || (dims.length === 1 && dims[0] !== 1)) {
    return bad(`${where}.shape`, kind === "sequence" ? "[batch, L]" : "[batch] or [batch, 1]", x.shape);
  }
  const padding = x.padding === undefined ? "pre" : x.padding === "pre" || x.padding === "post" ? x.padding : bad(`${where}.padding`, '"pre" or "post"', x.padding);
  return { name, kind, dtype, dims, padding };
}

export function readJsonObject(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ServeError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new ServeError(`${file}: invalid JSON (${(e as Error).message})`);
  }
  if (!isObject(obj)) throw new ServeError(`${file}: expected a JSON object`);
  return obj;
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function isPosInt(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x > 0;
}

/** A value as it appears in a message: JSON, shortened. */
export function show(x: unknown): string {
  const s = x === undefined ? "nothing" : JSON.stringify(x) ?? String(x);
  return s.length > 60 ? s.slice(0, 57) + "..." : s;
}
