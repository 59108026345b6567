// Per-position training (SASRec's intended loss): while training, the user tower returns one vector per
// history position (B,L,d); position t is scored against the item that follows it (the next history item,
// or the row's target item after the last real one) and against the row's N sampled negatives, and the
// loss is averaged over the real positions only:
//   pairwise: mean over real t and the N negatives of softplus(s⁻ − s⁺)
//   listwise: mean over real t of −log softmax([s⁺, s⁻₁..s⁻N])[0]
import type { ValueId } from "../../ir/graph.js";
import { dataColumn } from "../evaluate/columns.js";
import type { Build, Env } from "../evaluate/env.js";
import { fail, Reported } from "../evaluate/errors.js";
import { resolveFeature } from "../evaluate/features.js";
import type { Scorer } from "./score.js";
import { runSection, towerOutput } from "./sections.js";
import type { TrainSettings } from "./settings.js";

export interface PositionScores {
  loss: ValueId;
  /** (B, L, 1+N): the next item's score in column 0, then the negatives' */
  logits: ValueId;
}

export function perPosition(build: Build, env: Env, s: Scorer, settings: TrainSettings, u: ValueId,
  negatives: () => ValueId): PositionScores {
  const b = s.b;
  const history = settings.positions!;
  const h = resolveFeature(build.model, history, s.span);
  const l = h.len;
  if (b.rank(u) !== 3 || b.shape(u)[1] !== l) {
    fail("RECH5001", s.span, { name: "positions", detail: `the user tower must return one vector per position of '${history}' while training, (B, ${l ?? "L"}, d)` });
  }
  if (settings.negatives !== "sampled" || settings.mode === "pointwise") {
    fail("RECH5001", s.span, { name: "positions", detail: "per-position training needs mode pairwise or listwise with negatives sampled" });
  }
  const next = towerOutput(build, "item", runSection(build, "item", { kind: "next", history }), false);
  if (next === undefined) throw new Reported();
  const d = b.shape(next)[1]!;
  const uu = s.normalize(u);
  const pos = s.scale(b.sum(b.mul(uu, s.normalize(b.reshape(next, [-1, l!, d]))), [-1]));
  const neg = s.scale(b.matmul(uu, b.swapLast(negatives())));
  const n = b.shape(neg)[2] as number;
  const m = b.cast(b.op("Not", [b.equal(dataColumn(env, h), b.scalar(h.pad ?? 0, "i32"))]), "f32");
  const logits = b.concat([b.reshape(pos, [-1, l!, 1]), neg], 2);
  const loss = b.g.withOrigin({ role: "loss" }, () => {
    const count = b.max(b.sumAll(m), b.k(1));
    let perPos: ValueId;
    if (settings.mode === "pairwise") {
      const pairs = b.sum(b.softplus(b.sub(neg, b.reshape(pos, [-1, l!, 1]))), [2]);
      perPos = b.div(pairs, b.k(n));
    } else {
      perPos = b.neg(b.reshape(b.slice(b.op("LogSoftmax", [logits], { axis: 2 }), 2, 0, 1), [-1, l!]));
    }
    return b.div(b.sumAll(b.mul(perPos, m)), count);
  });
  return { loss, logits };
}
