// The gradient test table: every differentiable core op, with broadcasting and symbolic-batch variants.
// Used by the finite-difference check and by the onnxruntime-vs-interpreter check of backward graphs.
import type { Tensor } from "../../src/ir/index.js";
import type { GradCase } from "./gradcheck.js";

/** keep every element of `b` at least `gap` away from every element of `a` (no Max/Min ties nearby) */
function apart(a: string, b: string, gap = 0.1) {
  return (f: Record<string, Tensor>, rand: () => number) => {
    const xa = f[a].data, xb = f[b].data;
    for (let i = 0; i < xb.length; i++) {
      while (Array.from(xa).some((v) => Math.abs(v - xb[i]) < gap)) xb[i] = rand() * 2 - 1;
    }
  };
}

const f = (name: string, shape: (number | string)[], gen?: GradCase["inputs"][number]["gen"]) => ({ name, shape, gen });

export const OP_GRAD_CASES: GradCase[] = [
  { name: "Add", inputs: [f("a", [3, 4]), f("b", [3, 4])], build: (b, [x, y]) => b.add(x, y) },
  { name: "Add broadcast rank", inputs: [f("a", [2, 3, 4]), f("b", [4])], build: (b, [x, y]) => b.add(x, y) },
  { name: "Add symbolic B", env: { B: 3 }, inputs: [f("a", ["B", 3]), f("b", [1, 3])], build: (b, [x, y]) => b.add(x, y) },
  { name: "Sub both broadcast", inputs: [f("a", [3, 1]), f("b", [1, 4])], build: (b, [x, y]) => b.sub(x, y) },
  { name: "Mul", inputs: [f("a", [2, 3]), f("b", [3])], build: (b, [x, y]) => b.mul(x, y) },
  { name: "Mul scalar", inputs: [f("a", [2, 3]), f("b", [])], build: (b, [x, y]) => b.mul(x, y) },
  { name: "Mul self (fan-in)", inputs: [f("a", [4])], build: (b, [x]) => b.mul(x, b.exp(x)) },
  { name: "Div", inputs: [f("a", [3, 4]), f("b", [4], "pos")], build: (b, [x, y]) => b.div(x, y) },
  { name: "Div both broadcast", inputs: [f("a", [3, 1]), f("b", [1, 4], "away")], build: (b, [x, y]) => b.div(x, y) },
  { name: "Pow", inputs: [f("a", [3, 4], "pos"), f("b", [3, 4])], build: (b, [x, y]) => b.pow(x, y) },
  { name: "Pow scalar exponent", inputs: [f("a", [2, 3], "pos"), f("b", [])], build: (b, [x, y]) => b.pow(x, y) },
  { name: "Pow constant exponent, negative base", inputs: [f("a", [5])], build: (b, [x]) => b.pow(x, b.k(3)) },
  { name: "Max", inputs: [f("a", [3, 4]), f("b", [3, 4])], build: (b, [x, y]) => b.max(x, y), fix: apart("a", "b", 0.01) },
  { name: "Max broadcast", inputs: [f("a", [2, 3]), f("b", [3])], build: (b, [x, y]) => b.max(x, y), fix: apart("a", "b") },
  { name: "Min broadcast", inputs: [f("a", [3]), f("b", [2, 3])], build: (b, [x, y]) => b.min(x, y), fix: apart("b", "a") },
  { name: "Neg", inputs: [f("a", [3, 2])], build: (b, [x]) => b.neg(x) },
  { name: "Exp", inputs: [f("a", [3, 2])], build: (b, [x]) => b.exp(x) },
  { name: "Log", inputs: [f("a", [3, 2], "pos")], build: (b, [x]) => b.log(x) },
  { name: "Sqrt", inputs: [f("a", [3, 2], "pos")], build: (b, [x]) => b.sqrt(x) },
  { name: "Tanh", inputs: [f("a", [3, 2])], build: (b, [x]) => b.op("Tanh", [x]) },
  { name: "Sigmoid", inputs: [f("a", [3, 2])], build: (b, [x]) => b.sigmoid(x) },
  { name: "Relu", inputs: [f("a", [3, 4], "away")], build: (b, [x]) => b.op("Relu", [x]) },
  { name: "Abs", inputs: [f("a", [3, 4], "away")], build: (b, [x]) => b.op("Abs", [x]) },
  { name: "Softplus", inputs: [f("a", [3, 4])], build: (b, [x]) => b.softplus(b.mul(x, b.k(4))) },
  { name: "Identity", inputs: [f("a", [3])], build: (b, [x]) => b.op("Identity", [x]) },
  { name: "Cast f32", inputs: [f("a", [3])], build: (b, [x]) => b.cast(x, "f32") },
  {
    name: "Where broadcast",
    inputs: [{ name: "c", shape: [3, 1], dtype: "bool" }, f("a", [1, 4]), f("b", [])],
    build: (b, [c, x, y]) => b.where(c, x, y),
  },
  {
    name: "Where same shapes",
    inputs: [{ name: "c", shape: [2, 3], dtype: "bool" }, f("a", [2, 3]), f("b", [2, 3])],
    build: (b, [c, x, y]) => b.where(c, x, y),
  },
  { name: "MatMul", inputs: [f("a", [3, 4]), f("b", [4, 2])], build: (b, [x, y]) => b.matmul(x, y) },
  { name: "MatMul batch x shared", inputs: [f("a", [2, 3, 4]), f("b", [4, 5])], build: (b, [x, y]) => b.matmul(x, y) },
  { name: "MatMul both broadcast", inputs: [f("a", [2, 1, 3, 4]), f("b", [3, 4, 2])], build: (b, [x, y]) => b.matmul(x, y) },
  { name: "MatMul symbolic batch", env: { B: 2 }, inputs: [f("a", ["B", 3, 4]), f("b", [1, 4, 2])], build: (b, [x, y]) => b.matmul(x, y) },
  { name: "ReduceSum", inputs: [f("a", [3, 4])], build: (b, [x]) => b.sum(x, [1]) },
  { name: "ReduceSum keepdims", inputs: [f("a", [2, 3, 4])], build: (b, [x]) => b.sum(x, [0, 2], true) },
  { name: "ReduceSum over B", env: { B: 3 }, inputs: [f("a", ["B", 2])], build: (b, [x]) => b.sum(x, [0]) },
  { name: "ReduceSum all", inputs: [f("a", [2, 3])], build: (b, [x]) => b.sum(x, [0, 1]) },
  { name: "ReduceMean", inputs: [f("a", [3, 4])], build: (b, [x]) => b.mean(x, [-1]) },
  { name: "ReduceMean over B", env: { B: 4 }, inputs: [f("a", ["B", 2, 3])], build: (b, [x]) => b.mean(x, [0, 2], true) },
  { name: "ReduceMax", inputs: [f("a", [3, 4])], build: (b, [x]) => b.reduceMax(x, [1]) },
  { name: "ReduceMax keepdims axis 0", inputs: [f("a", [3, 2, 2])], build: (b, [x]) => b.reduceMax(x, [0], true) },
  { name: "Softmax", inputs: [f("a", [3, 4])], build: (b, [x]) => b.op("Softmax", [x], { axis: 1 }) },
  { name: "Softmax axis 0", inputs: [f("a", [3, 2, 2])], build: (b, [x]) => b.op("Softmax", [x], { axis: 0 }) },
  { name: "LogSoftmax", inputs: [f("a", [2, 5])], build: (b, [x]) => b.op("LogSoftmax", [x], { axis: -1 }) },
  { name: "Reshape", inputs: [f("a", [2, 3, 4])], build: (b, [x]) => b.reshape(x, [6, 4]) },
  { name: "Reshape symbolic", env: { B: 2 }, inputs: [f("a", ["B", 4])], build: (b, [x]) => b.op("Reshape", [x], { shape: [-1, 2] }) },
  { name: "Transpose", inputs: [f("a", [2, 3, 4])], build: (b, [x]) => b.transpose(x, [2, 0, 1]) },
  {
    name: "Concat",
    inputs: [f("a", [2, 1]), f("b", [2, 3]), f("c", [2, 2])],
    build: (b, [x, y, z]) => b.concat([x, y, z, x], 1),
  },
  { name: "Slice middle", inputs: [f("a", [3, 6])], build: (b, [x]) => b.slice(x, 1, 2, 4) },
  { name: "Slice head axis 0", inputs: [f("a", [4, 2])], build: (b, [x]) => b.slice(x, 0, 0, 3) },
  { name: "Slice tail symbolic batch", env: { B: 2 }, inputs: [f("a", ["B", 5])], build: (b, [x]) => b.slice(x, -1, 3, 5) },
  { name: "Expand", inputs: [f("a", [3, 1])], build: (b, [x]) => b.op("Expand", [x], { shape: [2, 3, 4] }) },
  { name: "Expand symbolic", env: { B: 3 }, inputs: [f("a", [1, 2])], build: (b, [x]) => b.op("Expand", [x], { shape: ["B", 2] }) },
  {
    name: "Gather (repeated ids)",
    inputs: [f("t", [5, 3]), { name: "i", shape: [2, 4], dtype: "i32", gen: { int: 5 } }],
    build: (b, [t, i]) => b.op("Gather", [t, i]),
  },
  {
    name: "Gather symbolic batch",
    env: { B: 3 },
    inputs: [f("t", [4, 2]), { name: "i", shape: ["B"], dtype: "i32", gen: { int: 4 } }],
    build: (b, [t, i]) => b.op("Gather", [t, i]),
  },
  {
    name: "ScatterAdd",
    inputs: [f("d", [5, 3]), { name: "i", shape: [4], dtype: "i32", gen: { int: 5 } }, f("u", [4, 3])],
    build: (b, [d, i, u]) => b.op("ScatterAdd", [d, i, u]),
  },
  { name: "TopK values", inputs: [f("a", [3, 5])], build: (b, [x]) => b.g.addMulti("TopK", [x], { k: 2 })[0] },
  {
    name: "non-differentiable mask (Greater, Cast)",
    inputs: [f("a", [3, 4], "away")],
    build: (b, [x]) => b.mul(x, b.cast(b.greater(x, 0), "f32")),
  },
];

