// List-wise loss: softmax cross-entropy over each row's candidates, mean over rows.
//   loss = mean_b −log_softmax(logits_b / T)[target_b]
// target "first": the positive is column 0 (sampled negatives follow it); or an i32 (B) value of class ids
// (NARM/STAMP: the next item over the whole vocabulary). Needs a static number of columns C.
import type { Graph, ValueId } from "../../ir/graph.js";
import { tensor } from "../../ir/tensor.js";
import { formatShape } from "../../ir/types.js";
import { asVector, lossNodes } from "./common.js";

export interface ListwiseOptions {
  /** logits are divided by it; default 1 (models that use a temperature usually apply it themselves) */
  temperature?: number;
}

export function listwiseCE(g: Graph, logits: ValueId, target: "first" | ValueId = "first", opts: ListwiseOptions = {}): ValueId {
  return lossNodes(g, (b) => {
    const shape = b.shape(logits);
    const c = shape[1];
    if (shape.length !== 2 || typeof c !== "number") {
      throw new Error(`listwiseCE logits must be (B,C) with a static C, got ${formatShape(shape)}`);
    }
    const t = opts.temperature ?? 1;
    const scaled = t === 1 ? logits : b.div(logits, b.k(t));
    const lsm = b.op("LogSoftmax", [scaled], { axis: 1 });
    if (target === "first") return b.neg(b.meanAll(b.slice(lsm, 1, 0, 1)));
    const ids = asVector(b, target, "listwiseCE target");
    const cols = b.constant(tensor("i32", [c], Array.from({ length: c }, (_, i) => i)));
    const onehot = b.equal(b.reshape(ids, [...b.shape(ids), 1]), cols);
    return b.neg(b.meanAll(b.sum(b.where(onehot, lsm, b.k(0)), [1])));
  });
}
