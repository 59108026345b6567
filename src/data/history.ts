// History sequences: the items before a target, cut to the most recent L and padded with 0.
// torch-rechub's examples pass truncating="post" for MIND/ComirecDR/ComirecSA/GRU4Rec, which keeps the
// OLDEST items of a long history; here truncation always keeps the most recent ones, and only the padding
// side is a choice.

export type Padding = "pre" | "post";

/**
 * Writes src[from..to) (the most recent `maxLen` of it) into out[offset .. offset+maxLen), mapped through
 * `lut` when given (e.g. item -> cate_id), padded with 0 in front ("pre": items right-aligned) or behind
 * ("post": items left-aligned). Returns the number of real items written.
 */
export function writeSequence(
  src: Int32Array,
  from: number,
  to: number,
  maxLen: number,
  padding: Padding,
  out: Int32Array,
  offset: number,
  lut?: Int32Array,
): number {
  const first = Math.max(from, to - maxLen);
  const len = to - first;
  const dst = padding === "pre" ? offset + maxLen - len : offset;
  if (padding === "pre") out.fill(0, offset, offset + maxLen - len);
  else out.fill(0, offset + len, offset + maxLen);
  // Plain loops: a subarray view per row would allocate in the hot path.
  if (lut) {
    for (let k = 0; k < len; k++) out[dst + k] = lut[src[first + k]!]!;
  } else {
    for (let k = 0; k < len; k++) out[dst + k] = src[first + k]!;
  }
  return len;
}

/** Plain-array version for tests and small tools: the padded sequence of `items` as an Int32Array. */
export function padSequence(items: ArrayLike<number>, maxLen: number, padding: Padding): Int32Array {
  const src = Int32Array.from(items as ArrayLike<number>);
  const out = new Int32Array(maxLen);
  writeSequence(src, 0, src.length, maxLen, padding, out, 0);
  return out;
}
