// Optimizers as graph ops: adds the hyper inputs (opt.lr, opt.step), one state input per parameter slot
// (constant init), the update nodes (role "optimizer") and the outputs `<param>.new` and `<state>.new`.
import type { Graph, ValueId } from "../../ir/graph.js";
import { formatType } from "../../ir/types.js";
import { Builder } from "../autodiff/builder.js";
import { isZero, type Grad } from "../autodiff/zero.js";
import { clipByGlobalNorm } from "./clip.js";
import { LR_INPUT, newName, stateName, STEP_INPUT, type OptimizerConfig } from "./config.js";
import { adagradUpdate, adamUpdate, sgdUpdate, type UpdateCtx } from "./rules.js";

export interface OptimParam {
  /** the parameter's graph input name */
  name: string;
  value: ValueId;
  /** its gradient; a symbolic Zero is treated as a zero tensor (torch after zero_grad) */
  grad: Grad;
}

export interface StateSlot {
  param: string;
  /** torch's state key: exp_avg, exp_avg_sq, momentum_buffer, sum */
  slot: string;
  /** input name opt.<param>.<slot>; its output is <input>.new */
  name: string;
  input: ValueId;
  next: ValueId;
}

export interface OptimizerGraph {
  lr: ValueId;
  step: ValueId;
  updates: { param: string; input: ValueId; next: ValueId; output: string }[];
  state: StateSlot[];
  /** the global gradient norm, when clipping is configured */
  gradNorm?: ValueId;
}

function update(ctx: UpdateCtx<OptimizerConfig>): ValueId {
  const cfg = ctx.cfg;
  switch (cfg.kind) {
    case "adam":
    case "adamw":
      return adamUpdate({ ...ctx, cfg });
    case "sgd":
      return sgdUpdate({ ...ctx, cfg });
    case "adagrad":
      return adagradUpdate({ ...ctx, cfg });
  }
}

export function addOptimizer(g: Graph, params: OptimParam[], cfg: OptimizerConfig): OptimizerGraph {
  return g.withOrigin({ role: "optimizer", loc: undefined, scope: "optimizer" }, () => {
    const b = new Builder(g);
    const scalar = { dtype: "f32" as const, shape: [] };
    const lr = g.addInput(LR_INPUT, scalar, "hyper", { kind: "constant", value: cfg.lr });
    const step = g.addInput(STEP_INPUT, scalar, "hyper", { kind: "constant", value: 1 });
    for (const p of params) {
      const t = g.type(p.value);
      if (t.dtype !== "f32") throw new Error(`parameter ${p.name} is ${formatType(t)}: only f32 parameters can be optimized`);
    }
    let grads = params.map((p) => (isZero(p.grad) ? b.fillLike(p.value, 0) : p.grad));
    let gradNorm: ValueId | undefined;
    if (cfg.clipNorm !== undefined) {
      const clipped = clipByGlobalNorm(b, grads, cfg.clipNorm);
      grads = clipped.grads;
      gradNorm = clipped.total;
    }
    const state: StateSlot[] = [];
    const updates: OptimizerGraph["updates"] = [];
    params.forEach((p, i) => {
      const slot = (name: string, init: number) => {
        const full = stateName(p.name, name);
        const input = g.addInput(full, g.type(p.value), "state", { kind: "constant", value: init });
        const entry: StateSlot = { param: p.name, slot: name, name: full, input, next: input };
        state.push(entry);
        return { value: input, next: (v: ValueId) => void (entry.next = v) };
      };
      const next = g.withOrigin({ scope: `optimizer/${p.name}` }, () =>
        update({ b, cfg, lr, step, param: p.value, grad: grads[i], slot }));
      updates.push({ param: p.name, input: p.value, next, output: newName(p.name) });
    });
    for (const u of updates) g.addOutput(u.output, u.next);
    for (const s of state) g.addOutput(newName(s.name), s.next);
    return { lr, step, updates, state, gradNorm };
  });
}
