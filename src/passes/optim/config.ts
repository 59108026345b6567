// Optimizer configuration (PyTorch 1.13 names and defaults) and the naming convention of the inputs and
// outputs an optimizer adds to a training-step graph.

interface Common {
  /** initial learning rate; the step graph reads the current one from the hyper input opt.lr */
  lr: number;
  /** coupled weight decay g ← g + wd·θ (AdamW: decoupled θ ← θ(1 − lr·wd)); default 0 (AdamW 1e-2) */
  weightDecay?: number;
  /** clip gradients by their global L2 norm first (torch.nn.utils.clip_grad_norm_) */
  clipNorm?: number;
}
export interface AdamConfig extends Common {
  kind: "adam" | "adamw";
  /** default [0.9, 0.999] */
  betas?: [number, number];
  /** default 1e-8 */
  eps?: number;
}
export interface SgdConfig extends Common {
  kind: "sgd";
  /** default 0 (no momentum buffer) */
  momentum?: number;
  /** default 0 */
  dampening?: number;
  /** default false */
  nesterov?: boolean;
}
export interface AdagradConfig extends Common {
  kind: "adagrad";
  /** default 0 */
  lrDecay?: number;
  /** default 1e-10 */
  eps?: number;
  /** default 0 */
  initialAccumulatorValue?: number;
}
export type OptimizerConfig = AdamConfig | SgdConfig | AdagradConfig;

/** Hyper inputs (f32 scalars fed by the runtime each step). */
export const LR_INPUT = "opt.lr";
/** The 1-based number of the update being made: torch's state["step"] after its increment. */
export const STEP_INPUT = "opt.step";

/** Optimizer state input of a parameter, e.g. opt.user_emb.exp_avg (slot names as torch's state keys). */
export function stateName(param: string, slot: string): string {
  return `opt.${param}.${slot}`;
}

/** The output that carries the next value of an input: the input's name + ".new". */
export function newName(input: string): string {
  return `${input}.new`;
}
