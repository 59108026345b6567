// The parity fixtures' four models (docs/parity.md) built by hand from core ops with the builder, to check
// autodiff, loss heads and optimizers against PyTorch independently of the .rech front end.
import { Graph, type ValueId } from "../../src/ir/index.js";
import { Builder } from "../../src/passes/autodiff/index.js";
import { inBatchBPR, inBatchSoftmax, listwiseCE, pairwiseBPR, pointwiseBCE } from "../../src/passes/loss/index.js";

export interface JsonTensor { shape: number[]; data: number[]; dtype?: "int32" | "float32" }
export interface ModelFixture {
  model: "DSSM" | "FaceBookDSSM" | "YoutubeDNN" | "YoutubeSBC";
  mode: 0 | 1 | 2;
  config: { T: number; bn_eps: number; l2n_eps: number; in_batch_neg: boolean };
  inputs: Record<string, JsonTensor>;
  params: Record<string, JsonTensor>;
  loss: number;
  grads: Record<string, JsonTensor>;
  zero_grad_params: string[];
  sgd: { lr: number; losses: number[] };
  adam: { lr: number; weight_decay: number; betas: [number, number]; eps: number; losses: number[] };
}

/** Adds the fixture's params and batch columns (batch axis symbolic "B") and the model's loss. */
export function buildModel(g: Graph, fx: ModelFixture): { loss: ValueId; params: Map<string, ValueId> } {
  const b = new Builder(g);
  const params = new Map<string, ValueId>();
  for (const [name, t] of Object.entries(fx.params)) params.set(name, g.addInput(name, { dtype: "f32", shape: t.shape }, "param"));
  const col: Record<string, ValueId> = {};
  for (const [name, t] of Object.entries(fx.inputs)) {
    col[name] = g.addInput(name, { dtype: t.dtype === "int32" ? "i32" : "f32", shape: ["B", ...t.shape.slice(1)] }, "data");
  }
  const p = (name: string) => params.get(name)!;
  const embed = (table: string, ids: ValueId) => b.op("Gather", [p(`emb.${table}`), ids]);

  const pooled = (ids: ValueId) => {
    const mask = b.cast(b.greater(ids, b.scalar(0, "i32")), "f32");
    const e = embed("item_id", ids);
    const sum = b.sum(b.mul(e, b.reshape(mask, ["B", 5, 1])), [1]);
    return b.div(sum, b.max(b.sum(mask, [1], true), b.k(1)));
  };
  const layer = (x: ValueId, prefix: string) => {
    const h = b.add(b.matmul(x, p(`${prefix}.w`)), p(`${prefix}.b`));
    const mu = b.mean(h, [0], true);
    const c = b.sub(h, mu);
    const v = b.mean(b.mul(c, c), [0], true);
    const y = b.add(b.mul(p(`${prefix}.bn.gamma`), b.div(c, b.sqrt(b.add(v, b.k(fx.config.bn_eps))))), p(`${prefix}.bn.beta`));
    return b.op("Relu", [y]);
  };
  const mlp = (x: ValueId, side: string) => layer(layer(x, `${side}.mlp.0`), `${side}.mlp.1`);
  const l2n = (x: ValueId, eps = fx.config.l2n_eps) =>
    b.div(x, b.max(b.sqrt(b.sum(b.mul(x, x), [-1], true)), b.k(eps)));
  const dot = (u: ValueId, v: ValueId) => b.sum(b.mul(u, v), [-1]);
  const flat = (x: ValueId) => b.reshape(x, ["B", b.shape(x)[2]]);

  const userIn = b.concat([embed("user_id", col.user_id), embed("gender", col.gender), pooled(col.hist_item_id)], 1);
  const itemIn = (item: ValueId, cate: ValueId) => b.concat([embed("item_id", item), embed("cate_id", cate)], -1);
  const T = fx.config.T;
  const loss = (() => {
    switch (fx.model) {
      case "DSSM": {
        const u = l2n(mlp(userIn, "user")), v = l2n(mlp(itemIn(col.item_id, col.cate_id), "item"));
        if (fx.mode === 0) return pointwiseBCE(g, b.div(dot(u, v), b.k(T)), col.label);
        return fx.mode === 2 ? inBatchSoftmax(g, u, v, { temperature: T }) : inBatchBPR(g, u, v, { temperature: T });
      }
      case "FaceBookDSSM": {
        const u = l2n(mlp(userIn, "user"));
        const pos = l2n(mlp(itemIn(col.item_id, col.cate_id), "item"));
        const neg = l2n(mlp(flat(itemIn(col.neg_item_id, col.neg_cate_id)), "item"));
        return pairwiseBPR(g, b.div(dot(u, pos), b.k(T)), b.div(dot(u, neg), b.k(T)));
      }
      case "YoutubeDNN": {
        const u = l2n(mlp(userIn, "user"));
        const pos = b.sum(b.mul(u, l2n(embed("item_id", col.item_id))), [1], true);
        const negs = b.sum(b.mul(b.reshape(u, ["B", 1, 8]), l2n(embed("item_id", col.neg_item_id))), [2]);
        return listwiseCE(g, b.concat([pos, negs], 1), "first", { temperature: T });
      }
      case "YoutubeSBC": {
        const u = l2n(mlp(userIn, "user")), v = l2n(mlp(itemIn(col.item_id, col.cate_id), "item"));
        return inBatchSoftmax(g, u, v, { temperature: T, logq: col.item_logq });
      }
    }
  })();
  return { loss, params };
}
