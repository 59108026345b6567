// The metadata every exported tower carries as ONNX metadata_props. Every value is a JSON text, so a reader in
// any language gets typed values back with one JSON parse per key.
import { parseModel } from "../codegen/onnx/serialize.js";
import { ExportError } from "./errors.js";

export type TowerSide = "user" | "item";

export interface TowerMeta {
  /** model name, e.g. "YoutubeDNN" */
  model: string;
  /** name of the vocabulary file beside the towers (CONTRACTS.md: "vocab.json") */
  vocabFile: string;
  /** width d of the tower vectors */
  embedDim: number;
  /** whether the tower output is l2-normalised */
  normalized: boolean;
  /** vectors per row: 1, or K for a multi-interest user tower */
  interests: number;
  /** anything else worth keeping (hyper-parameter overrides, training mode...); stored under "extra" */
  extra?: Record<string, unknown>;
}

/** The parsed metadata of an exported tower. */
export interface TowerMetadata extends TowerMeta {
  side: TowerSide;
  /** the tower's input names = feature columns, in input order */
  features: string[];
  /** the output name: "user_vec" or "item_vec" */
  output: string;
}

export const METADATA_KEYS = ["model", "side", "features", "output", "vocab_file", "embed_dim", "normalized", "interests", "extra"] as const;

export function metadataProps(m: TowerMetadata): Record<string, string> {
  const props: Record<string, string> = {
    model: JSON.stringify(m.model),
    side: JSON.stringify(m.side),
    features: JSON.stringify(m.features),
    output: JSON.stringify(m.output),
    vocab_file: JSON.stringify(m.vocabFile),
    embed_dim: JSON.stringify(m.embedDim),
    normalized: JSON.stringify(m.normalized),
    interests: JSON.stringify(m.interests),
  };
  if (m.extra !== undefined) props.extra = JSON.stringify(m.extra);
  return props;
}

/** Reads the metadata back from a serialised tower; throws ExportError naming a missing or malformed key. */
export function readTowerMetadata(model: Uint8Array): TowerMetadata {
  const props = new Map<string, string>();
  for (const p of parseModel(model).metadataProps ?? []) props.set(p.key ?? "", p.value ?? "");
  const get = (key: string, check: (v: unknown) => boolean, expected: string): unknown => {
    const text = props.get(key);
    if (text === undefined) throw new ExportError(`tower metadata: key "${key}" is missing`);
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      throw new ExportError(`tower metadata: key "${key}" is not JSON: ${text.slice(0, 60)}`);
    }
    if (!check(v)) throw new ExportError(`tower metadata: key "${key}": expected ${expected}, found ${text.slice(0, 60)}`);
    return v;
  };
  const isStr = (v: unknown) => typeof v === "string";
  const isPosInt = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v > 0;
  const out: TowerMetadata = {
    model: get("model", isStr, "a string") as string,
    side: get("side", (v) => v === "user" || v === "item", '"user" or "item"') as TowerSide,
    features: get("features", (v) => Array.isArray(v) && v.every(isStr), "a list of names") as string[],
    output: get("output", isStr, "a string") as string,
    vocabFile: get("vocab_file", isStr, "a file name") as string,
    embedDim: get("embed_dim", isPosInt, "a positive integer") as number,
    normalized: get("normalized", (v) => typeof v === "boolean", "true or false") as boolean,
    interests: get("interests", isPosInt, "a positive integer") as number,
  };
  if (props.has("extra")) out.extra = get("extra", (v) => typeof v === "object" && v !== null && !Array.isArray(v), "an object") as Record<string, unknown>;
  return out;
}
