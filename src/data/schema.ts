// The model inputs a dataset offers, with their vocabulary sizes: what the feature definitions of a model
// (vocab_size, sequence length) and model.json's userInputs / itemInputs are built from.
import type { InteractionLog } from "./log.js";

export type InputKind = "sparse" | "sequence" | "dense";

export interface InputInfo {
  name: string;
  kind: InputKind;
  dtype: "int32" | "float32";
  /** Full tensor shape with -1 for the batch axis: [-1] or [-1, L]. */
  shape: number[];
  /** Sparse and sequence inputs: the vocabulary they index (hist_item_id -> "item_id") and its size. */
  vocab?: string;
  vocabSize?: number;
}

export interface FeatureSchema {
  user: InputInfo[];
  item: InputInfo[];
}

/**
 * User inputs: user_id, user side features, hist_item_id and hist_<item feature> (L = maxLen).
 * Item inputs: item_id and item side features. Batches also carry hist_len, label, neg_* and item_logq.
 */
export function featureSchema(log: InteractionLog, maxLen: number): FeatureSchema {
  const v = log.vocab;
  const sparse = (name: string, vocab = name): InputInfo => ({
    name, kind: "sparse", dtype: "int32", shape: [-1], vocab, vocabSize: v.feature(vocab).size,
  });
  const seq = (name: string, vocab: string): InputInfo => ({
    name, kind: "sequence", dtype: "int32", shape: [-1, maxLen], vocab, vocabSize: v.feature(vocab).size,
  });
  const dense = (name: string): InputInfo => ({ name, kind: "dense", dtype: "float32", shape: [-1] });
  return {
    user: [
      sparse("user_id"),
      ...Object.keys(log.userSparse).map((n) => sparse(n)),
      ...Object.keys(log.userDense).map(dense),
      seq("hist_item_id", "item_id"),
      ...Object.keys(log.itemSparse).map((n) => seq(`hist_${n}`, n)),
    ],
    item: [sparse("item_id"), ...Object.keys(log.itemSparse).map((n) => sparse(n)), ...Object.keys(log.itemDense).map(dense)],
  };
}
