// The gradient rule table: one rule per core op, keyed by the op-kind union. A missing rule is a type error.
import type { OpKind } from "../../ir/ops.js";
import type { GradRule } from "./rule.js";
import { MATH_RULES } from "./rules-math.js";
import { SHAPE_RULES } from "./rules-shape.js";

export const GRAD_RULES = { ...MATH_RULES, ...SHAPE_RULES } satisfies { [K in OpKind]: GradRule<K> };
