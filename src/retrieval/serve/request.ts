// Validates a POST /recommend body and encodes it into user-tower feeds with the training vocabularies.
//   {"user": {"user_id": "42", "gender": "F", "hist_item_id": ["12", "7"]}, "k": 10, "exclude_seen": true}
// sparse features: one raw id (string or number; unseen values map to the unseen bucket, id 1);
// sequence features: a list of raw ids, oldest first (the most recent L are kept, padded as in training;
// missing = empty history); dense features: a number (normalised with the stored statistics).
// An input named "hist_len" that the request leaves out is the number of ids in the first sequence feature.
// Any problem gives a message that names the field, e.g.
//   field "user.hist_item_id": expected a list of ids, found "abc"
import type { Vocabulary } from "../../data/vocabulary.js";
import type { FeatureVocab } from "../../data/vocab.js";
import { isObject, ServeError, show, type UserInput } from "./model-dir.js";

export interface Feed {
  dtype: "i32" | "f32";
  shape: number[];
  data: Int32Array | Float32Array;
}

export interface RecommendRequest {
  feeds: Record<string, Feed>;
  k: number;
  /** encoded item ids to exclude (the user's history), when exclude_seen */
  seen?: Int32Array;
}

export type Parsed = { ok: true; value: RecommendRequest } | { ok: false; message: string };

export interface RequestSchema {
  inputs: UserInput[];
  /** vocabulary of each sparse/sequence input */
  vocabs: Map<string, FeatureVocab>;
  vocab: Vocabulary;
  /** the vocabulary of the catalogue's item ids: sequences using it are the user's seen items */
  itemVocab: FeatureVocab;
  maxK: number;
  defaultK: number;
}

/** Checks at start-up that every input has what it needs, so requests can only fail on their own content. */
export function buildSchema(inputs: UserInput[], vocab: Vocabulary, itemFeature: string, maxK = 1000): RequestSchema {
  const vocabs = new Map<string, FeatureVocab>();
  for (const inp of inputs) {
    if (inp.kind === "dense" || (inp.name === "hist_len" && inp.kind !== "sequence")) continue;
    try {
      vocabs.set(inp.name, vocab.feature(inp.name));
    } catch (e) {
      throw new ServeError(`user input "${inp.name}": ${(e as Error).message}`);
    }
  }
  let itemVocab: FeatureVocab;
  try {
    itemVocab = vocab.feature(itemFeature);
  } catch (e) {
    throw new ServeError(`item id feature "${itemFeature}": ${(e as Error).message}`);
  }
  return { inputs, vocabs, vocab, itemVocab, maxK, defaultK: 10 };
}

class FieldError extends Error {}

function fail(field: string, expected: string, found: unknown): never {
  throw new FieldError(`field "${field}": expected ${expected}, found ${show(found)}`);
}

const TOP_FIELDS = ["user", "k", "exclude_seen"];

export function parseRecommendRequest(body: unknown, schema: RequestSchema): Parsed {
  try {
    return { ok: true, value: parse(body, schema) };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, message: e.message };
    throw e;
  }
}

function parse(body: unknown, schema: RequestSchema): RecommendRequest {
  if (!isObject(body)) fail("(body)", 'a JSON object {"user": {...}, "k": 10}', body);
  for (const key of Object.keys(body)) {
    if (!TOP_FIELDS.includes(key)) throw new FieldError(`field "${key}": unknown field (expected ${TOP_FIELDS.join(", ")})`);
  }
  const k = body.k === undefined ? schema.defaultK : body.k;
  if (typeof k !== "number" || !Number.isInteger(k) || k < 1 || k > schema.maxK) fail("k", `an integer from 1 to ${schema.maxK}`, k);
  const excludeSeen = body.exclude_seen === undefined ? true : body.exclude_seen;
  if (typeof excludeSeen !== "boolean") fail("exclude_seen", "true or false", excludeSeen);
  const user = body.user;
  if (!isObject(user)) fail("user", "an object of user features", user);
  const names = new Set(schema.inputs.map((i) => i.name));
  for (const key of Object.keys(user)) {
    if (!names.has(key)) throw new FieldError(`field "user.${key}": unknown feature (the model takes ${[...names].join(", ")})`);
  }

  const feeds: Record<string, Feed> = {};
  const seen: number[] = [];
  let firstSeqLen: number | undefined;
  for (const inp of schema.inputs) {
    if (inp.kind !== "sequence") continue;
    const field = `user.${inp.name}`;
    const raw = user[inp.name] ?? [];
    if (!Array.isArray(raw)) fail(field, "a list of ids", raw);
    const voc = schema.vocabs.get(inp.name)!;
    const ids = raw.map((v, i) => voc.encode(rawId(`${field}[${i}]`, v)));
    if (voc === schema.itemVocab) for (const id of ids) seen.push(id);
    const L = inp.dims[0]!;
    const kept = ids.slice(Math.max(0, ids.length - L));
    firstSeqLen ??= kept.length;
    const data = new Int32Array(L);
    data.set(kept, inp.padding === "pre" ? L - kept.length : 0);
    feeds[inp.name] = { dtype: "i32", shape: [1, L], data };
  }
  for (const inp of schema.inputs) {
    if (inp.kind === "sequence") continue;
    const field = `user.${inp.name}`;
    const shape = [1, ...inp.dims];
    let value: number;
    if (user[inp.name] === undefined && inp.name === "hist_len" && firstSeqLen !== undefined) {
      value = firstSeqLen;
    } else if (user[inp.name] === undefined) {
      throw new FieldError(`field "${field}": missing (the model needs it)`);
    } else if (inp.kind === "dense" || inp.name === "hist_len") {
      const x = user[inp.name];
      if (typeof x !== "number" || !Number.isFinite(x)) fail(field, "a number", x);
      value = inp.kind === "dense" && schema.vocab.dense.has(inp.name) ? schema.vocab.normalize(inp.name, x) : x;
      if (inp.dtype === "int32" && !Number.isInteger(value)) fail(field, "an integer", x);
    } else {
      value = schema.vocabs.get(inp.name)!.encode(rawId(field, user[inp.name]));
    }
    feeds[inp.name] = inp.dtype === "int32" ? { dtype: "i32", shape, data: Int32Array.of(value) } : { dtype: "f32", shape, data: Float32Array.of(value) };
  }
  const real = seen.filter((id) => id >= 2);
  return { feeds, k, ...(excludeSeen && real.length > 0 ? { seen: Int32Array.from(real) } : {}) };
}

function rawId(field: string, v: unknown): string | number {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  return fail(field, "an id (string or number)", v);
}
