// Scores between user and item vectors for the training graph: the user vector to score with (the
// label-aware best interest for multi-interest towers), cosine normalisation, dot products against one
// candidate per row (B,d), N candidates per row (B,N,d) or every row's item (in-batch), and temperature.
import type { Span } from "../../diag/span.js";
import type { ValueId } from "../../ir/graph.js";
import { Builder } from "../autodiff/builder.js";
import { callNamed } from "../evaluate/call.js";
import type { Env } from "../evaluate/env.js";
import { fail, Reported } from "../evaluate/errors.js";
import { asTensor } from "../evaluate/tensors.js";
import { isPoison, num, tensorValue, type Value } from "../evaluate/values.js";
import { runSection } from "./sections.js";
import type { TrainSettings } from "./settings.js";

/** Norm clamp of cosine scores (PyTorch's cosine_similarity eps). */
export const COSINE_EPS = 1e-8;

export class Scorer {
  readonly b: Builder;

  constructor(readonly env: Env, readonly settings: TrainSettings, readonly span: Span) {
    this.b = new Builder(env.build.graph);
  }

  private block(name: string, args: Value[]): ValueId {
    return this.tensor(callNamed(this.env, name, args, this.span));
  }

  private tensor(v: Value): ValueId {
    if (isPoison(v)) throw new Reported();
    return asTensor(this.env, v, this.span);
  }

  /** The user vector scored against the positive v (B,d): u itself, or its best interest for (B,K,d). */
  userVector(u: ValueId, v: ValueId): ValueId {
    const multi = this.b.rank(u) === 3;
    const best = this.settings.score === "best_interest";
    if (multi && !best) {
      fail("RECH5001", this.span, { name: "score", detail: "the user tower returns K vectors (B, K, d): use score best_interest" });
    }
    if (!multi && best) {
      fail("RECH5001", this.span, { name: "score", detail: "best_interest needs a user tower returning K vectors (B, K, d)" });
    }
    return multi ? this.block("best_interest", [tensorValue(u), tensorValue(v)]) : u;
  }

  /** l2-normalised when the score is cosine. */
  normalize(x: ValueId): ValueId {
    return this.settings.score === "cosine" ? this.block("l2norm", [tensorValue(x), num(COSINE_EPS)]) : x;
  }

  /** Divides by the temperature (unless it is 1). */
  scale(s: ValueId): ValueId {
    const t = this.settings.temperature;
    return t === 1 ? s : this.b.div(s, this.b.k(t));
  }

  /** u (B,d) against cand (B,d) -> (B) or cand (B,N,d) -> (B,N); a model's score section when it has one. */
  pairScores(u: ValueId, cand: ValueId): ValueId {
    const b = this.b;
    const uu = b.rank(cand) === 3 ? b.reshape(u, [b.shape(u)[0]!, 1, b.shape(u)[1]!]) : u;
    if (this.hasScoreSection()) {
      const bindings = new Map<string, Value>([["user", tensorValue(uu)], ["item", tensorValue(cand)]]);
      const r = runSection(this.env.build, "score", { kind: "pos" }, bindings);
      const id = this.tensor(r);
      const want = b.shape(cand).slice(0, -1);
      const got = b.shape(id);
      if (got.length !== want.length) {
        fail("RECH4003", this.span, { section: "score", expected: `scores of rank ${want.length} (one per candidate)`, found: `rank ${got.length}` });
      }
      return id;
    }
    return b.sum(b.mul(uu, cand), [-1]);
  }

  private hasScoreSection(): boolean {
    return this.env.build.model.decl.sections.some((s) => s.kind === "ScoreExpr" || (s.kind === "Tower" && s.section === "score"));
  }

  /** u (B,d) against every row of cand (C,d) -> (B,C). */
  allScores(u: ValueId, cand: ValueId): ValueId {
    if (this.hasScoreSection()) {
      fail("RECH5001", this.span, { name: "negatives", detail: "a score section is used with point-wise training and sampled negatives only; in-batch and full-vocabulary scores are dot products" });
    }
    return this.b.matmul(u, this.b.swapLast(cand));
  }
}
