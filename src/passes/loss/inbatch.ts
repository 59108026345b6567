// In-batch negatives: every other row's item is a negative for row i.
//   S[i,j] = u_i·v_j / T − logq_j        (logq optional: ln of the sampling probability of row j's item)
// The positive S[i,i] is computed directly as (u_i·v_i)/T − logq_i, so neither head needs a row index,
// a range op or an identity matrix, and everything works with a symbolic batch B.
import type { Graph, ValueId } from "../../ir/graph.js";
import { formatShape } from "../../ir/types.js";
import type { Builder } from "../autodiff/builder.js";
import { asVector, elementCount, logSumExp, lossNodes, sameDims } from "./common.js";

export interface InBatchOptions {
  /** scores are divided by it; default 1 */
  temperature?: number;
  /** (B) or (B,1) f32: ln q_j of each row's item, subtracted from column j (logQ correction) */
  logq?: ValueId;
  /** subtract logq before dividing by T, i.e. (u·v − ln q)/T as torch-rechub's YoutubeSBC; default false: u·v/T − ln q */
  logqInsideTemperature?: boolean;
}

/** scores (B,B) and the positives (B,1) */
function scores(b: Builder, user: ValueId, item: ValueId, o: InBatchOptions): { s: ValueId; pos: ValueId } {
  const us = b.shape(user), vs = b.shape(item);
  if (us.length !== 2 || !sameDims(us, vs)) {
    throw new Error(`in-batch losses need user and item vectors of the same shape (B,d), got ${formatShape(us)} and ${formatShape(vs)}`);
  }
  let s = b.matmul(user, b.swapLast(item));
  let pos = b.sum(b.mul(user, item), [1], true);
  const t = o.temperature ?? 1;
  const scale = (v: ValueId) => (t === 1 ? v : b.div(v, b.k(t)));
  if (!o.logqInsideTemperature) [s, pos] = [scale(s), scale(pos)];
  if (o.logq !== undefined) {
    const lq = asVector(b, o.logq, "logq");
    s = b.sub(s, b.reshape(lq, [1, b.shape(lq)[0]]));
    pos = b.sub(pos, b.reshape(lq, [b.shape(lq)[0], 1]));
  }
  if (o.logqInsideTemperature) [s, pos] = [scale(s), scale(pos)];
  return { s, pos };
}

/** Softmax cross-entropy of each row against the diagonal: mean_i [ logsumexp_j S[i,j] − S[i,i] ]. */
export function inBatchSoftmax(g: Graph, user: ValueId, item: ValueId, opts: InBatchOptions = {}): ValueId {
  return lossNodes(g, (b) => {
    const { s, pos } = scores(b, user, item, opts);
    return b.meanAll(b.sub(logSumExp(b, s), pos));
  });
}

/**
 * BPR against every other row: mean over the B·(B−1) pairs j ≠ i of softplus(S[i,j] − S[i,i]).
 * The sum runs over all j and the B diagonal terms, each softplus(0) = ln 2, are subtracted.
 */
export function inBatchBPR(g: Graph, user: ValueId, item: ValueId, opts: InBatchOptions = {}): ValueId {
  return lossNodes(g, (b) => {
    const { s, pos } = scores(b, user, item, opts);
    const total = b.sumAll(b.softplus(b.sub(s, pos)));
    const n = elementCount(b, pos);
    const offDiagonal = b.sub(total, b.mul(n, b.k(Math.LN2)));
    return b.div(offDiagonal, b.mul(n, b.sub(n, b.k(1))));
  });
}
