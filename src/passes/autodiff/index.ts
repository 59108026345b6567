export { differentiate, materialize } from "./walker.js";
export { ZERO, isZero, type Grad, type Zero } from "./zero.js";
export { GRAD_RULES } from "./rules.js";
export type { GradRule, GradCtx, InputGrad } from "./rule.js";
export { Builder } from "./builder.js";
export { unbroadcast, broadcastLike } from "./broadcast.js";
