// Pair-wise loss: BPR, mean over all (positive, negative) pairs of −ln σ(s⁺ − s⁻) = softplus(s⁻ − s⁺),
// stable for any score difference (torch-rechub's log(sigmoid(·)) can give ∞).
import type { Graph, ValueId } from "../../ir/graph.js";
import { formatShape } from "../../ir/types.js";
import { asVector, lossNodes } from "./common.js";

/** pos: (B) or (B,1); neg: (B) or (B,k) — each row's positive against each of its k negatives. */
export function pairwiseBPR(g: Graph, pos: ValueId, neg: ValueId): ValueId {
  return lossNodes(g, (b) => {
    const p = asVector(b, pos, "pairwiseBPR pos");
    const negRank = b.rank(neg);
    if (negRank !== 1 && negRank !== 2) throw new Error(`pairwiseBPR neg must be (B) or (B,k), got ${formatShape(b.shape(neg))}`);
    const pCol = negRank === 2 ? b.reshape(p, [...b.shape(p), 1]) : p;
    return b.meanAll(b.softplus(b.sub(neg, pCol)));
  });
}
