// Compile-time builtins: facts about tensors (dim, shape, rank), lists (range, len), strings, errors and
// initialisers for param()/buffer()/feature `init`.
import type { InitSpec } from "../../../ir/graph.js";
import { shapeOf } from "../env.js";
import { fail } from "../errors.js";
import { asTensor } from "../tensors.js";
import { dimValue, list, NONE, num, show, str, type Value } from "../values.js";
import { axisIn, intArg, numArg, strArg, wrong, type Builtin } from "./types.js";

const init = (spec: InitSpec): Value => ({ kind: "init", spec });

const dim: Builtin = {
  params: [{ name: "x" }, { name: "axis" }],
  doc: "the size of one axis: a number, or a symbol such as B for the batch",
  run(env, args, c) {
    const shape = shapeOf(env, asTensor(env, args[0]!, c.arg(0)));
    const axis = axisIn(c, 1, intArg(env, c, args, 1), shape.length);
    return dimValue(shape[axis]!);
  },
};

const shape: Builtin = {
  params: [{ name: "x" }],
  doc: "the shape of a tensor as a list of sizes",
  run: (env, args, c) => list(shapeOf(env, asTensor(env, args[0]!, c.arg(0))).map(dimValue)),
};

const rank: Builtin = {
  params: [{ name: "x" }],
  doc: "the number of axes of a tensor",
  run: (env, args, c) => num(shapeOf(env, asTensor(env, args[0]!, c.arg(0))).length),
};

const range: Builtin = {
  params: [{ name: "a" }, { name: "b", default: NONE }, { name: "step", default: num(1) }],
  doc: "range(n) = [0..n-1], range(a, b) = [a..b-1], with an optional step: a compile-time list",
  run(env, args, c) {
    const a = intArg(env, c, args, 0);
    const hasB = args[1]!.kind !== "none";
    const [from, to] = hasB ? [a, intArg(env, c, args, 1)] : [0, a];
    const step = intArg(env, c, args, 2);
    if (step === 0) fail("RECH3001", c.arg(2), { expected: "a non-zero step", found: "0" });
    const items: Value[] = [];
    for (let i = from; step > 0 ? i < to : i > to; i += step) {
      items.push(num(i));
      if (items.length > 1_000_000) fail("RECH3001", c.span, { expected: "a range of at most a million values", found: "more" });
    }
    return list(items);
  },
};

const len: Builtin = {
  params: [{ name: "x" }],
  doc: "the length of a compile-time list or string",
  run(env, args, c) {
    const v = args[0]!;
    if (v.kind === "list") return num(v.items.length);
    if (v.kind === "str") return num(v.value.length);
    return wrong(env, c.arg(0), "a list or a string", v);
  },
};

const strB: Builtin = {
  params: [{ name: "x" }],
  doc: "the text of a compile-time value",
  run(env, args, c) {
    const v = args[0]!;
    if (v.kind === "tensor" || v.kind === "init" || v.kind === "poison") wrong(env, c.arg(0), "a compile-time value", v);
    return str(show(v));
  },
};

const failB: Builtin = {
  params: [{ name: "message" }],
  doc: "stops with an error at the call site (for checks inside blocks)",
  run(env, args, c) {
    return fail("RECH3011", c.span, { message: strArg(env, c, args, 0) });
  },
};

const normal: Builtin = {
  params: [{ name: "mean", default: num(0) }, { name: "std", default: num(1) }],
  doc: "initialiser N(mean, std)",
  run: (env, args, c) => init({ kind: "normal", mean: numArg(env, c, args, 0), std: numArg(env, c, args, 1) }),
};

const uniform: Builtin = {
  params: [{ name: "low", default: num(0) }, { name: "high", default: num(1) }],
  doc: "initialiser U[low, high)",
  run: (env, args, c) => init({ kind: "uniform", low: numArg(env, c, args, 0), high: numArg(env, c, args, 1) }),
};

const constant: Builtin = {
  params: [{ name: "value" }],
  doc: "initialiser filling every element with value",
  run: (env, args, c) => init({ kind: "constant", value: numArg(env, c, args, 0) }),
};

const fanin: Builtin = {
  params: [{ name: "fan_in" }],
  doc: "initialiser U(±1/√fan_in) (PyTorch Linear, Conv1d, GRU with fan_in = hidden)",
  run(env, args, c) {
    const n = intArg(env, c, args, 0, "a positive integer");
    if (n <= 0) wrong(env, c.arg(0), "a positive integer", args[0]!);
    const b = 1 / Math.sqrt(n);
    return init({ kind: "uniform", low: -b, high: b });
  },
};

const xavierUniform: Builtin = {
  params: [{ name: "fan_in" }, { name: "fan_out" }, { name: "gain", default: num(1) }],
  doc: "initialiser U(±gain·√(6/(fan_in+fan_out)))",
  run(env, args, c) {
    const b = numArg(env, c, args, 2) * Math.sqrt(6 / (numArg(env, c, args, 0) + numArg(env, c, args, 1)));
    return init({ kind: "uniform", low: -b, high: b });
  },
};

const xavierNormal: Builtin = {
  params: [{ name: "fan_in" }, { name: "fan_out" }, { name: "gain", default: num(1) }],
  doc: "initialiser N(0, gain·√(2/(fan_in+fan_out)))",
  run(env, args, c) {
    const s = numArg(env, c, args, 2) * Math.sqrt(2 / (numArg(env, c, args, 0) + numArg(env, c, args, 1)));
    return init({ kind: "normal", mean: 0, std: s });
  },
};

export const COMPILE_BUILTINS: Record<string, Builtin> = {
  dim, shape, rank, range, len, str: strB, fail: failB,
  normal, uniform, constant, fanin, xavier_uniform: xavierUniform, xavier_normal: xavierNormal,
};
