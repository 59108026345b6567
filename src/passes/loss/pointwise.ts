// Point-wise loss: binary cross-entropy on logits, mean over the batch.
//   loss = mean_b [ softplus(x_b) − y_b · x_b ]  =  mean_b −[ y ln σ(x) + (1−y) ln(1−σ(x)) ]
// written with softplus so it never takes the log of 0 (the torch model applies σ and clamps logs at −100;
// both agree wherever that clamp is inactive).
import type { Graph, ValueId } from "../../ir/graph.js";
import { asVector, lossNodes } from "./common.js";

/** logit: (B) or (B,1) f32 scores before the sigmoid; label: (B) or (B,1) f32 in [0, 1]. Returns a scalar. */
export function pointwiseBCE(g: Graph, logit: ValueId, label: ValueId): ValueId {
  return lossNodes(g, (b) => {
    const x = asVector(b, logit, "pointwiseBCE logit");
    const y = asVector(b, label, "pointwiseBCE label");
    return b.meanAll(b.sub(b.softplus(x), b.mul(y, x)));
  });
}
