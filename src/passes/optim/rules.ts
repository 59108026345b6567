// Per-parameter update rules with torch 1.13 semantics (the single-tensor code paths of torch.optim).
// Each rule gets the (possibly clipped) gradient and returns the new parameter value; it asks for the
// state slots it needs through `slot`, which adds the state input and records its next value.
import type { ValueId } from "../../ir/graph.js";
import type { Builder } from "../autodiff/builder.js";
import type { AdagradConfig, AdamConfig, OptimizerConfig, SgdConfig } from "./config.js";

export interface UpdateCtx<C extends OptimizerConfig> {
  b: Builder;
  cfg: C;
  /** hyper inputs: learning rate and the 1-based step number t */
  lr: ValueId;
  step: ValueId;
  param: ValueId;
  grad: ValueId;
  /** the state input for `name` (created with constant init `init`); call `next` with its new value */
  slot(name: string, init: number): { value: ValueId; next(v: ValueId): void };
}

/** g + wd·θ when wd ≠ 0 */
function coupledDecay(b: Builder, grad: ValueId, param: ValueId, wd: number): ValueId {
  return wd === 0 ? grad : b.add(grad, b.mul(param, b.k(wd)));
}

export function adamUpdate({ b, cfg, lr, step, param, grad, slot }: UpdateCtx<AdamConfig>): ValueId {
  const [beta1, beta2] = cfg.betas ?? [0.9, 0.999];
  const eps = cfg.eps ?? 1e-8;
  const decoupled = cfg.kind === "adamw";
  const wd = cfg.weightDecay ?? (decoupled ? 1e-2 : 0);
  let theta = param, g = grad;
  if (decoupled) {
    if (wd !== 0) theta = b.mul(param, b.sub(b.k(1), b.mul(lr, b.k(wd))));
  } else {
    g = coupledDecay(b, grad, param, wd);
  }
  const m = slot("exp_avg", 0), v = slot("exp_avg_sq", 0);
  const m1 = b.add(b.mul(m.value, b.k(beta1)), b.mul(g, b.k(1 - beta1)));
  const v1 = b.add(b.mul(v.value, b.k(beta2)), b.mul(b.mul(g, g), b.k(1 - beta2)));
  m.next(m1);
  v.next(v1);
  const bc1 = b.sub(b.k(1), b.pow(b.k(beta1), step));
  const bc2 = b.sub(b.k(1), b.pow(b.k(beta2), step));
  const stepSize = b.div(lr, bc1);
  const denom = b.add(b.div(b.sqrt(v1), b.sqrt(bc2)), b.k(eps));
  return b.sub(theta, b.mul(stepSize, b.div(m1, denom)));
}

export function sgdUpdate({ b, cfg, lr, step, param, grad, slot }: UpdateCtx<SgdConfig>): ValueId {
  const mu = cfg.momentum ?? 0, damp = cfg.dampening ?? 0;
  let d = coupledDecay(b, grad, param, cfg.weightDecay ?? 0);
  if (mu !== 0) {
    const buf = slot("momentum_buffer", 0);
    // torch starts the buffer as a copy of the first gradient; with dampening 0 that equals μ·0 + d
    let next = b.add(b.mul(buf.value, b.k(mu)), damp === 0 ? d : b.mul(d, b.k(1 - damp)));
    if (damp !== 0) next = b.where(b.equal(step, b.k(1)), d, next);
    buf.next(next);
    d = cfg.nesterov ? b.add(d, b.mul(next, b.k(mu))) : next;
  }
  return b.sub(param, b.mul(lr, d));
}

export function adagradUpdate({ b, cfg, lr, step, param, grad, slot }: UpdateCtx<AdagradConfig>): ValueId {
  const lrDecay = cfg.lrDecay ?? 0, eps = cfg.eps ?? 1e-10;
  const g = coupledDecay(b, grad, param, cfg.weightDecay ?? 0);
  const clr = lrDecay === 0 ? lr : b.div(lr, b.add(b.k(1), b.mul(b.sub(step, b.k(1)), b.k(lrDecay))));
  const sum = slot("sum", cfg.initialAccumulatorValue ?? 0);
  const s1 = b.add(sum.value, b.mul(g, g));
  sum.next(s1);
  const std = b.add(b.sqrt(s1), b.k(eps));
  return b.sub(param, b.mul(clr, b.div(g, std)));
}
